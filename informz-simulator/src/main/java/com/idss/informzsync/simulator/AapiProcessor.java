package com.idss.informzsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Turns one AAPI request document (the text of {@code <x>}) into its response document, or an {@link AapiFault}. */
final class AapiProcessor {

    /** What the call log needs to know about a processed document besides the answer. */
    record Outcome(String summary, String responseDocument) {
    }

    private static final int MAX_EMAIL = 100;
    private static final int MAX_INTEREST_NAME = 255;
    private static final Set<String> UPLOAD_ACTIONS = Set.of("AddOrUpdateSubscribers", "ReplaceAllSubscribers",
            "RemoveSubscribers", "UnsubscribeSubscribers", "ResubscribeSubscribers");

    private final SimulatorConfig config;
    private final SimulatorState state;
    private final GridEngine grids;
    private final ScheduledExecutorService uploadScheduler;
    private final Supplier<UnknownInterestMode> unknownInterestMode;
    private final Supplier<Duration> bulkUploadDelay;
    private final Supplier<Boolean> callerIpAllowed;

    AapiProcessor(SimulatorConfig config, SimulatorState state, ScheduledExecutorService uploadScheduler,
            Supplier<UnknownInterestMode> unknownInterestMode, Supplier<Duration> bulkUploadDelay,
            Supplier<Boolean> callerIpAllowed) {
        this.config = config;
        this.state = state;
        this.grids = new GridEngine(state, config.brandId());
        this.uploadScheduler = uploadScheduler;
        this.unknownInterestMode = unknownInterestMode;
        this.bulkUploadDelay = bulkUploadDelay;
        this.callerIpAllowed = callerIpAllowed;
    }

    Outcome process(String requestText) {
        Document request;
        try {
            request = Xml.parse(requestText);
        } catch (SAXException e) {
            throw new AapiFault("InvalidDocumentException", "The document is not well-formed XML: " + e.getMessage());
        }
        Element root = request.getDocumentElement();
        if (root.getNamespaceURI() == null || root.getNamespaceURI().isEmpty()) {
            throw new AapiFault("NoNameSpaceSpecifiedException",
                    "The document must declare the namespace " + Xml.AAPI_NS);
        }
        if (!Xml.AAPI_NS.equals(root.getNamespaceURI())) {
            throw new AapiFault("NoNameSpaceSpecifiedException",
                    "Unexpected namespace " + root.getNamespaceURI() + "; expected " + Xml.AAPI_NS);
        }
        boolean action = "ActionRequest".equals(root.getLocalName());
        if (!action && !"GridRequest".equals(root.getLocalName())) {
            throw new AapiFault("UnknownRequestException", "Unknown request '" + root.getLocalName() + "'");
        }
        Header header = header(root, action ? "Actions" : "Grids");
        authenticate(header);

        Document response = Xml.newDocument();
        Element responseRoot = response.createElementNS(Xml.AAPI_NS, action ? "ActionResponse" : "GridResponse");
        responseRoot.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsd", Xml.XSD_NS);
        responseRoot.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", Xml.XSI_NS);
        response.appendChild(responseRoot);
        Element brand = Xml.add(responseRoot, "Brand", header.brandName);
        brand.setAttribute("id", header.brandId);
        Xml.add(responseRoot, "User", header.user);
        Element container = Xml.add(responseRoot, action ? "Responses" : "Grids");

        boolean compressed = !Xml.hasElementChildren(header.container) && !header.container.getTextContent().isBlank();
        List<Element> items = compressed ? decompress(header.container) : Xml.children(header.container);
        if (items.isEmpty()) {
            throw AapiFault.insufficient("<" + header.container.getLocalName() + "> is empty");
        }
        List<String> names = new ArrayList<>();
        synchronized (state) {
            for (Element item : items) {
                if (action) {
                    names.add(item.getLocalName());
                    state.changed();
                    container.appendChild(act(item, response, header.user));
                } else {
                    if (!"Grid".equalsIgnoreCase(item.getLocalName())) {
                        throw AapiFault.unexpected("Unexpected <" + item.getLocalName() + "> in <Grids>");
                    }
                    names.add("grid:" + item.getAttribute("type"));
                    Element grid = response.createElementNS(Xml.AAPI_NS, "Grid");
                    grid.setAttribute("type", item.getAttribute("type"));
                    grids.answer(item, grid);
                    container.appendChild(grid);
                }
            }
        }
        if (compressed) {
            StringBuilder payload = new StringBuilder();
            for (Element child : Xml.children(container)) {
                // Cut from the root, a payload must carry the xsi/xsd declarations its xsi:type attributes rely on.
                child.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsd", Xml.XSD_NS);
                child.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", Xml.XSI_NS);
                payload.append(Xml.toFragment(child));
            }
            while (container.getFirstChild() != null) {
                container.removeChild(container.getFirstChild());
            }
            container.setTextContent(PayloadCodec.encode(payload.toString()));
        }
        return new Outcome(String.join(",", names) + (compressed ? " (compressed)" : ""),
                Xml.toResultDocument(responseRoot));
    }

    private record Header(String brandId, String brandName, String user, String password, Element container) {
    }

    private Header header(Element root, String containerName) {
        String brandId = null;
        String brandName = null;
        String user = null;
        String password = null;
        Element container = null;
        for (Element child : Xml.children(root)) {
            switch (child.getLocalName()) {
                case "Brand" -> {
                    brandId = child.hasAttribute("id") ? child.getAttribute("id").trim() : null;
                    brandName = child.getTextContent().trim();
                }
                case "User", "Username" -> user = child.getTextContent().trim();
                case "Password" -> password = child.getTextContent();
                default -> {
                    if (child.getLocalName().equals(containerName)) {
                        container = child;
                    } else {
                        throw AapiFault.unexpected("Unexpected <" + child.getLocalName() + "> in <" + root.getLocalName() + ">");
                    }
                }
            }
        }
        if (brandId == null || brandId.isEmpty()) {
            throw new AapiFault("BrandNotFoundException", "Brand id attribute is required");
        }
        if (container == null) {
            throw AapiFault.insufficient("<" + containerName + "> is required");
        }
        return new Header(brandId, brandName, user, password, container);
    }

    private void authenticate(Header header) {
        boolean nameMatches = header.brandName.isEmpty() || header.brandName.equalsIgnoreCase(config.brandName());
        if (!header.brandId.equals(config.brandId()) || !nameMatches) {
            throw new AapiFault("BrandNotFoundException", "Brand " + header.brandId + " was not found");
        }
        if (!callerIpAllowed.get()) {
            throw new AapiFault("NoAvailableIPAddressException",
                    "Brand " + header.brandId + " is not valid for this origin");
        }
        if (header.user == null || !header.user.equalsIgnoreCase(config.user())) {
            throw new AapiFault("ValidUserNotFoundException", "No valid user '" + header.user + "' for this brand");
        }
        if (header.password == null || !header.password.equals(config.password())) {
            throw new AapiFault("InvalidCredentialsException", "Invalid credentials for user " + header.user);
        }
    }

    /** Compressed fragments may or may not carry xmlns; a wrapper in the AAPI namespace makes both parse alike. */
    private static List<Element> decompress(Element container) {
        String fragment = PayloadCodec.decode(container.getTextContent());
        Document wrapped;
        try {
            Document holder = Xml.newDocument();
            Element wrapper = holder.createElementNS(Xml.AAPI_NS, "Payload");
            holder.appendChild(wrapper);
            String wrapperText = Xml.toFragment(wrapper);
            int cut = wrapperText.endsWith("/>") ? wrapperText.length() - 2 : wrapperText.indexOf('>');
            wrapped = Xml.parse(wrapperText.substring(0, cut) + ">" + fragment + "</Payload>");
        } catch (SAXException e) {
            throw new AapiFault("InvalidDocumentException", "The compressed payload is not well-formed XML");
        }
        return Xml.children(wrapped.getDocumentElement());
    }

    private Element act(Element item, Document response, String user) {
        Element result = response.createElementNS(Xml.AAPI_NS, item.getLocalName());
        Instant now = Instant.now();
        switch (item.getLocalName()) {
            case "Subscribe" -> subscribe(item, result, now);
            case "Optout" -> optout(item, result, now);
            case "Unsubscribe" -> unsubscribe(item, result, now);
            case "BulkUpload" -> bulkUpload(item, result, now, user);
            default -> throw new AapiFault("UnknownActionException", "Unknown action '" + item.getLocalName() + "'");
        }
        return result;
    }

    private static void status(Element result, String message) {
        Element status = Xml.add(result, "ActionStatus");
        Xml.add(status, "Status", "success");
        Element text = Xml.add(status, "Message", message);
        text.setAttributeNS(Xml.XSI_NS, "xsi:type", "xsd:string");
    }

    // ---- Subscribe ---------------------------------------------------------------------------------------

    private record SubscriberEntry(String email, Integer id, Map<String, String> fields, String reason) {
    }

    private void subscribe(Element subscribe, Element result, Instant now) {
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
        List<SubscriberEntry> entries = subscribers == null ? List.of() : subscriberEntries(subscribers, true, definitions != null ? defaults.keySet() : null);
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
    private SimulatorState.Subscriber upsertTarget(String email, Integer id) {
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
                        if (declaredFields != null && declaredFields.stream().noneMatch(element::equalsIgnoreCase)) {
                            throw AapiFault.invalidData("Field '" + element + "' has no FieldDefinition");
                        }
                        fields.put(element, field.getTextContent());
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

    private List<SimulatorState.Interest> interests(Element interestNames, UnknownInterestMode mode, Instant now,
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

    private void optout(Element optout, Element result, Instant now) {
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

    private void unsubscribe(Element unsubscribe, Element result, Instant now) {
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

    // ---- BulkUpload ----------------------------------------------------------------------------------------

    private record Column(String name, int index, String fieldType) {
    }

    private void bulkUpload(Element bulkUpload, Element result, Instant now, String user) {
        Element details = Xml.child(bulkUpload, "UploadDetails");
        if (details == null) {
            throw AapiFault.insufficient("BulkUpload needs <UploadDetails>");
        }
        Element interestDetails = Xml.child(details, "InterestDetails");
        String action = interestDetails == null ? null : Xml.text(Xml.child(interestDetails, "InterestAction"));
        if (action == null || !UPLOAD_ACTIONS.contains(action.trim())) {
            throw AapiFault.invalidData("InterestAction must be one of " + UPLOAD_ACTIONS);
        }
        List<SimulatorState.Interest> interests =
                interests(Xml.child(interestDetails, "InterestNames"), unknownInterestMode.get(), now, false);
        Element recipients = Xml.child(details, "StatusEmailRecipients");
        if (recipients == null || Xml.child(recipients, "Email") == null) {
            throw AapiFault.insufficient("StatusEmailRecipients needs at least one Email");
        }
        String delimiterText = Xml.text(Xml.child(details, "ColumnDelimiter"));
        if (delimiterText != null && delimiterText.length() != 1) {
            throw AapiFault.invalidData("ColumnDelimiter must be one character");
        }
        char delimiter = delimiterText == null ? ',' : delimiterText.charAt(0);
        boolean quoted = "1".equals(trimmed(Xml.text(Xml.child(details, "HasFieldsEnclosedInQuotes"))));
        Element definitions = Xml.child(bulkUpload, "FieldDefinitions");
        if (definitions == null) {
            throw AapiFault.insufficient("BulkUpload needs <FieldDefinitions>");
        }
        List<Column> columns = new ArrayList<>();
        Set<Integer> indexes = new HashSet<>();
        for (Element definition : Xml.children(definitions)) {
            String name = trimmed(Xml.text(Xml.child(definition, "Name")));
            String indexText = trimmed(Xml.text(Xml.child(definition, "ColumnIndex")));
            if (name == null || name.isEmpty() || indexText == null) {
                throw AapiFault.insufficient("FieldDefinition needs Name and ColumnIndex");
            }
            int index;
            try {
                index = Integer.parseInt(indexText);
            } catch (NumberFormatException e) {
                throw AapiFault.invalidData("ColumnIndex must be an integer");
            }
            if (index < 1 || !indexes.add(index)) {
                throw AapiFault.invalidData("ColumnIndex " + index + " is invalid or repeated");
            }
            String fieldType = trimmed(Xml.text(Xml.child(definition, "FieldType")));
            columns.add(new Column(name, index, fieldType == null ? "PersonalInfo" : fieldType));
        }
        Column email = columns.stream().filter(c -> "Email".equalsIgnoreCase(c.fieldType) || "Email".equalsIgnoreCase(c.name))
                .findFirst().orElseThrow(() -> AapiFault.insufficient("FieldDefinitions need an Email column"));
        Column id = columns.stream().filter(c -> "ID".equalsIgnoreCase(c.fieldType) || "ID".equalsIgnoreCase(c.name))
                .findFirst().orElse(null);
        List<Column> interestColumns = columns.stream().filter(c -> "Interest".equalsIgnoreCase(c.name)).toList();
        if (interestColumns.size() > 1) {
            throw AapiFault.invalidData("There can only be one FieldDefinition called 'Interest'");
        }
        if (!interestColumns.isEmpty() && delimiter == ',') {
            throw AapiFault.invalidData("Comma cannot be the ColumnDelimiter when the data holds interests");
        }
        Element data = Xml.child(bulkUpload, "Data");
        if (data == null || data.getTextContent().isBlank()) {
            throw AapiFault.insufficient("BulkUpload needs <Data>");
        }
        String text = data.getTextContent();
        SimulatorState.Upload upload = state.createUpload(now, user);
        Column interestColumn = interestColumns.isEmpty() ? null : interestColumns.get(0);
        String uploadAction = action.trim();
        Runnable work = () -> {
            synchronized (state) {
                state.changed();
                applyUpload(upload, text, delimiter, quoted, columns, email, id, interestColumn, interests, uploadAction);
            }
        };
        Duration delay = bulkUploadDelay.get();
        if (delay.isZero() || delay.isNegative()) {
            uploadScheduler.execute(work);
        } else {
            uploadScheduler.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        Xml.add(result, "UploadID", Integer.toString(upload.uploadId));
        status(result, "Upload queued.");
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }

    private void applyUpload(SimulatorState.Upload upload, String text, char delimiter, boolean quoted,
            List<Column> columns, Column emailColumn, Column idColumn, Column interestColumn,
            List<SimulatorState.Interest> interests, String action) {
        Instant now = Instant.now();
        Set<String> seen = new HashSet<>();
        Set<Integer> touched = new HashSet<>();
        Map<String, Integer> counts = upload.counts;
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> values = splitLine(line, delimiter, quoted);
            counts.merge("total_email_count", 1, Integer::sum);
            String email = value(values, emailColumn).trim();
            if (email.length() > MAX_EMAIL || !wellFormed(email)) {
                counts.merge("invalid_email_count", 1, Integer::sum);
                continue;
            }
            Integer id = null;
            String idText = value(values, idColumn).trim();
            if (!idText.isEmpty()) {
                try {
                    id = Integer.valueOf(idText);
                } catch (NumberFormatException e) {
                    counts.merge("invalid_email_count", 1, Integer::sum);
                    continue;
                }
            }
            if (!seen.add(SimulatorState.emailKey(email) + "|" + id)) {
                counts.merge("duplicate_email_count", 1, Integer::sum);
                continue;
            }
            SimulatorState.Subscriber subscriber = upsertTarget(email, id);
            if (subscriber == null) {
                if (action.equals("RemoveSubscribers")) {
                    continue;
                }
                subscriber = state.createSubscriber(email, id, now);
                counts.merge("new_count", 1, Integer::sum);
            } else {
                counts.merge("previous_count", 1, Integer::sum);
                if (subscriber.userId == null && id != null) {
                    state.giveRemoteId(subscriber, id);
                }
            }
            for (Column column : columns) {
                if (column != emailColumn && column != idColumn && column != interestColumn
                        && "PersonalInfo".equalsIgnoreCase(column.fieldType)) {
                    subscriber.fields.put(column.name, value(values, column));
                }
            }
            subscriber.modified = now;
            touched.add(subscriber.subscriberId);
            Set<SimulatorState.Interest> rowInterests = new LinkedHashSet<>(interests);
            if (interestColumn != null) {
                for (String name : value(values, interestColumn).split(",")) {
                    SimulatorState.Interest interest = name.isBlank() ? null : state.interest(name);
                    if (interest != null) {
                        rowInterests.add(interest); // unknown per-row interests are ignored (reference section 4.4)
                    }
                }
            }
            switch (action) {
                case "UnsubscribeSubscribers" -> {
                    if (!subscriber.unsubscribed) {
                        state.unsubscribe(subscriber, "Unsubscribed via BulkUpload", now);
                    }
                }
                case "ResubscribeSubscribers" -> {
                    state.resubscribe(subscriber, now);
                    for (SimulatorState.Interest interest : rowInterests) {
                        state.addMembership(subscriber, interest, now);
                    }
                }
                case "RemoveSubscribers" -> {
                    for (SimulatorState.Interest interest : rowInterests) {
                        state.cancelMembership(state.membership(subscriber, interest), now);
                    }
                }
                default -> {
                    if (subscriber.unsubscribed) {
                        counts.merge("previous_unsubscriber_count", 1, Integer::sum);
                    } else {
                        for (SimulatorState.Interest interest : rowInterests) {
                            state.addMembership(subscriber, interest, now);
                        }
                    }
                }
            }
        }
        if (action.equals("ReplaceAllSubscribers")) {
            for (SimulatorState.Membership membership : state.memberships.values()) {
                if (!touched.contains(membership.subscriberId)
                        && interests.stream().anyMatch(i -> i.interestId == membership.interestId)) {
                    state.cancelMembership(membership, now);
                }
            }
        }
        upload.completed = now;
        upload.status = "Complete";
    }

    private static String value(List<String> values, Column column) {
        if (column == null || column.index > values.size()) {
            return "";
        }
        return values.get(column.index - 1);
    }

    private static List<String> splitLine(String line, char delimiter, boolean quoted) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"') {
                if (inQuotes && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else if (c == delimiter && !inQuotes) {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }
}
