package com.idss.informzsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * Answers the subscriber actions of an {@code <ActionRequest>}: Subscribe, Optout and Unsubscribe. Separate from the
 * entry point because these rules (upsert key, interest resolution, email checks) are the protocol's substance, and
 * BulkUpload ({@link UploadAnswers}) applies the same ones.
 */
final class ActionAnswers {

    static final int MAX_EMAIL = 100;
    private static final int MAX_INTEREST_NAME = 255;

    private final SimulatorState state;
    private final Supplier<UnknownInterestMode> unknownInterestMode;

    ActionAnswers(SimulatorState state, Supplier<UnknownInterestMode> unknownInterestMode) {
        this.state = state;
        this.unknownInterestMode = unknownInterestMode;
    }

    /** The success {@code <ActionStatus>} every action answer ends with. */
    static void status(Element result, String message) {
        Element status = Xml.add(result, "ActionStatus");
        Xml.add(status, "Status", "success");
        Element text = Xml.add(status, "Message", message);
        text.setAttributeNS(Xml.XSI_NS, "xsi:type", "xsd:string");
    }

    // ---- Subscribe ---------------------------------------------------------------------------------------

    private record SubscriberEntry(String email, Integer id, Map<String, String> fields, String reason) {
    }

    void subscribe(Element subscribe, Element result, Instant now) {
        List<SimulatorState.Interest> interests = List.of();
        boolean replaceAll = false;
        Element interestDetails = Xml.child(subscribe, "InterestDetails");
        if (interestDetails != null) {
            interests = interests(Xml.child(interestDetails, "InterestNames"), unknownInterestMode.get(), now, false);
            String interestAction = Xml.text(Xml.child(interestDetails, "InterestAction"));
            if (interestAction == null) {
                throw AapiFault.insufficient("InterestDetails needs an InterestAction");
            }
            switch (interestAction.trim()) {
                case "AddOrUpdateSubscribers" -> replaceAll = false;
                case "ReplaceAllSubscribers" -> replaceAll = true;
                default -> throw AapiFault.invalidData("Unknown InterestAction '" + interestAction.trim() + "'");
            }
        }
        Element data = Xml.child(subscribe, "SubscriberData");
        Map<String, String> defaults = new LinkedHashMap<>();
        Element definitions = data == null ? null : Xml.child(data, "FieldDefinitions");
        if (definitions != null) {
            for (Element definition : Xml.children(definitions)) {
                String name = Xml.text(Xml.child(definition, "Name"));
                if (!"FieldDefinition".equals(definition.getLocalName()) || name == null || name.isBlank()) {
                    throw AapiFault.unexpected("FieldDefinition needs a Name");
                }
                Element defaultValue = Xml.child(definition, "DefaultValue");
                defaults.put(name.trim(), defaultValue == null ? null : defaultValue.getTextContent());
            }
        }
        Element subscribers = data == null ? null : Xml.child(data, "Subscribers");
        List<SubscriberEntry> entries = subscribers == null ? List.of() : subscriberEntries(subscribers, true, definitions != null ? declared(defaults.keySet()) : null);
        if (entries.isEmpty()) {
            throw new AapiFault("InsufficientDataToCreateSubscriberException", "Subscribe needs at least one Subscriber");
        }
        int created = 0;
        int previous = 0;
        int previousUnsubscribers = 0;
        Set<Integer> touched = new HashSet<>();
        for (SubscriberEntry entry : entries) {
            if (!wellFormed(entry.email)) {
                throw AapiFault.invalidData("'" + entry.email + "' is not a valid email address");
            }
            SimulatorState.Subscriber subscriber = upsertTarget(entry.email, entry.id);
            if (subscriber == null) {
                subscriber = state.createSubscriber(entry.email, entry.id, now);
                for (Map.Entry<String, String> d : defaults.entrySet()) {
                    if (d.getValue() != null) {
                        subscriber.fields.put(d.getKey(), d.getValue());
                    }
                }
                created++;
            } else {
                previous++;
                if (subscriber.userId == null && entry.id != null) {
                    state.giveRemoteId(subscriber, entry.id);
                }
            }
            subscriber.fields.putAll(entry.fields);
            subscriber.modified = now;
            touched.add(subscriber.subscriberId);
            if (subscriber.unsubscribed) {
                // Resubscribing is deliberate in Informz (ResubscribeSubscribers, the preference page): never here.
                previousUnsubscribers++;
                continue;
            }
            for (SimulatorState.Interest interest : interests) {
                state.addMembership(subscriber, interest, now);
            }
        }
        if (replaceAll) {
            for (SimulatorState.Membership membership : state.memberships.values()) {
                if (!touched.contains(membership.subscriberId)
                        && interests.stream().anyMatch(i -> i.interestId == membership.interestId)) {
                    state.cancelMembership(membership, now);
                }
            }
        }
        Xml.add(result, "NewSubscriberCount", Integer.toString(created));
        Xml.add(result, "PreviousSubscriberCount", Integer.toString(previous));
        Xml.add(result, "PreviousUnsubscriberCount", Integer.toString(previousUnsubscribers));
        status(result, entries.size() + " subscribers processed.");
    }

    /** Upsert key (lower(email), ID); a record without a remote ID is adopted, as an integration sync does. */
    SimulatorState.Subscriber upsertTarget(String email, Integer id) {
        List<SimulatorState.Subscriber> sameEmail = state.byEmail(email);
        if (id == null) {
            return sameEmail.isEmpty() ? null : sameEmail.get(0);
        }
        SimulatorState.Subscriber withoutId = null;
        for (SimulatorState.Subscriber candidate : sameEmail) {
            if (id.equals(candidate.userId)) {
                return candidate;
            }
            if (candidate.userId == null && withoutId == null) {
                withoutId = candidate;
            }
        }
        return withoutId;
    }

    /** Field names as Informz matches them: ignoring case. */
    private static Set<String> declared(Set<String> names) {
        Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        declared.addAll(names);
        return declared;
    }

    /** @param declaredFields the FieldDefinitions' names, ignoring case; null when the request has none */
    private List<SubscriberEntry> subscriberEntries(Element subscribers, boolean allowFields, Set<String> declaredFields) {
        List<SubscriberEntry> entries = new ArrayList<>();
        for (Element subscriber : Xml.children(subscribers)) {
            if (!"Subscriber".equals(subscriber.getLocalName())) {
                throw AapiFault.unexpected("Unexpected <" + subscriber.getLocalName() + "> in <Subscribers>");
            }
            List<Element> children = Xml.children(subscriber);
            if (children.isEmpty() || !"Email".equals(children.get(0).getLocalName())) {
                throw AapiFault.unexpected("<Email> must be the first element of <Subscriber>");
            }
            String email = children.get(0).getTextContent().trim();
            if (email.isEmpty()) {
                throw AapiFault.insufficient("<Email> is empty");
            }
            if (email.length() > MAX_EMAIL) {
                throw AapiFault.invalidData("Email longer than " + MAX_EMAIL + " characters: " + email);
            }
            Integer id = null;
            Map<String, String> fields = new LinkedHashMap<>();
            String reason = null;
            for (int i = 1; i < children.size(); i++) {
                Element child = children.get(i);
                String name = child.getLocalName();
                if ("ID".equals(name)) {
                    if (i != 1) {
                        throw AapiFault.unexpected("<ID> must be the second element of <Subscriber>");
                    }
                    id = remoteId(child.getTextContent());
                } else if ("id".equalsIgnoreCase(name)) {
                    throw AapiFault.unexpected("The <ID> tag must be in UPPERCASE, got <" + name + ">");
                } else if ("Fields".equals(name) && allowFields) {
                    for (Element field : Xml.children(child)) {
                        String element = field.getAttribute("element").trim();
                        if (!"Field".equals(field.getLocalName()) || element.isEmpty()) {
                            throw AapiFault.unexpected("<Fields> holds <Field element=\"…\"> only");
                        }
                        if (declaredFields != null && !declaredFields.contains(element)) {
                            throw AapiFault.invalidData("Field '" + element + "' has no FieldDefinition");
                        }
                        // One name string for every subscriber's same field: the state keeps each field of
                        // hundreds of thousands of subscribers, and the parser makes a new name every time.
                        fields.put(element.intern(), field.getTextContent());
                    }
                } else if ("UnsubscribeReason".equals(name) && !allowFields) {
                    reason = child.getTextContent();
                } else {
                    throw AapiFault.unexpected("Unexpected <" + name + "> in <Subscriber>");
                }
            }
            entries.add(new SubscriberEntry(email, id, fields, reason));
        }
        return entries;
    }

    private static Integer remoteId(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw AapiFault.invalidData("ID must be an Int, got '" + text + "'");
        }
    }

    static boolean wellFormed(String email) {
        int at = email.indexOf('@');
        return at > 0 && at == email.lastIndexOf('@') && at < email.length() - 1
                && email.indexOf('.', at) > at + 1 && !email.endsWith(".") && email.chars().noneMatch(Character::isWhitespace);
    }

    List<SimulatorState.Interest> interests(Element interestNames, UnknownInterestMode mode, Instant now,
            boolean required) {
        List<SimulatorState.Interest> result = new ArrayList<>();
        List<Element> names = interestNames == null ? List.of() : Xml.children(interestNames);
        if (required && names.isEmpty()) {
            throw AapiFault.insufficient("At least one <InterestName> is required");
        }
        for (Element element : names) {
            if (!"InterestName".equals(element.getLocalName())) {
                throw AapiFault.unexpected("Unexpected <" + element.getLocalName() + "> in <InterestNames>");
            }
            String name = element.getTextContent().trim();
            if (name.isEmpty()) {
                throw AapiFault.insufficient("<InterestName> is empty");
            }
            if (name.length() > MAX_INTEREST_NAME) {
                throw AapiFault.invalidData("InterestName longer than " + MAX_INTEREST_NAME + " characters");
            }
            SimulatorState.Interest interest = state.interest(name);
            if (interest == null) {
                switch (mode) {
                    case CREATE -> interest = state.createInterest(name, now);
                    case FAULT -> throw new AapiFault("ItemNotFoundException", "Interest '" + name + "' was not found");
                    case IGNORE -> {
                        continue;
                    }
                }
            }
            result.add(interest);
        }
        return result;
    }

    // ---- Optout and Unsubscribe ----------------------------------------------------------------------------

    void optout(Element optout, Element result, Instant now) {
        List<SimulatorState.Interest> interests =
                interests(Xml.child(optout, "InterestNames"), UnknownInterestMode.FAULT, now, true);
        Element subscribers = Xml.child(optout, "Subscribers");
        List<SubscriberEntry> entries = subscribers == null ? List.of() : subscriberEntries(subscribers, false, null);
        if (entries.isEmpty()) {
            throw AapiFault.insufficient("Optout needs at least one Subscriber with an Email");
        }
        for (SubscriberEntry entry : entries) {
            // Malformed and unknown emails count as processed (reference section 4.3).
            for (SimulatorState.Subscriber subscriber : state.byEmail(entry.email)) {
                if (entry.id != null && !entry.id.equals(subscriber.userId)) {
                    continue;
                }
                for (SimulatorState.Interest interest : interests) {
                    if (state.cancelMembership(state.membership(subscriber, interest), now)) {
                        subscriber.modified = now;
                    }
                }
            }
        }
        Xml.add(result, "Count", Integer.toString(entries.size()));
        status(result, entries.size() + " subscribers processed.");
    }

    void unsubscribe(Element unsubscribe, Element result, Instant now) {
        Element subscribers = Xml.child(unsubscribe, "Subscribers");
        List<SubscriberEntry> entries = subscribers == null ? List.of() : subscriberEntries(subscribers, false, null);
        if (entries.isEmpty()) {
            throw AapiFault.insufficient("Unsubscribe needs at least one Subscriber with an Email");
        }
        List<SimulatorState.Subscriber> targets = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (SubscriberEntry entry : entries) {
            List<SimulatorState.Subscriber> matches = new ArrayList<>();
            for (SimulatorState.Subscriber candidate : state.byEmail(entry.email)) {
                if (entry.id == null || entry.id.equals(candidate.userId)) {
                    matches.add(candidate);
                }
            }
            if (entry.id == null && matches.size() > 1) {
                throw new AapiFault("ConflictingInformationException",
                        matches.size() + " subscribers have the email " + entry.email + "; send the ID");
            }
            for (SimulatorState.Subscriber match : matches) {
                targets.add(match);
                reasons.add(entry.reason == null || entry.reason.isBlank()
                        ? SimulatorState.DEFAULT_UNSUBSCRIBE_REASON : entry.reason);
            }
        }
        int count = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (!targets.get(i).unsubscribed) {
                state.unsubscribe(targets.get(i), reasons.get(i), now);
                count++;
            }
        }
        Xml.add(result, "Count", Integer.toString(count));
        status(result, count + " email addresses unsubscribed.");
    }
}
