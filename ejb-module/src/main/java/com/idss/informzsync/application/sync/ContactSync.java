package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.contact.DuplicateGroup;
import com.idss.informzsync.domain.contact.EmailProblem;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.InformzUnsubscribe;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes Informz agree with one contact as the CRM has it now: subscribed to the interest of every
 * synced list it is on, opted out of those it left (or of all, when deactivated), the old address
 * opted out after an email change, never pushed while another contact owns its email, and its
 * Informz subscriber ID written back. Runs in the sync message's transaction, holding the contact
 * and every address it decides about (the one-writer rule) from before it reads until it commits.
 */
@ApplicationScoped
public class ContactSync {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    InformzPort informz;

    @Inject
    ListMembership membership;

    @Inject
    DuplicateContacts duplicates;

    @Inject
    SyncStateBook stateBook;

    @Inject
    SyncWriterLocks locks;

    @Inject
    SharedAddressOwners sharedAddresses;

    @Inject
    SyncCheckpoints checkpoints;

    @Inject
    Event<AggregateChanged> changes;

    @Inject
    InformzUnsubscribes unsubscribes;

    /** Why a contact is not pushed, as the outcome to book on each of its lists. */
    private record Exclusion(SyncOutcome outcome) {
    }

    /**
     * @param retryDelay  when the next attempt will be if Informz cannot be reached now (shown in the state)
     * @param redelivered whether an earlier attempt's transaction failed: it may have pushed an address
     *                    whose booking was rolled back, so Informz is asked what it holds
     * @throws InformzFailure when Informz is unreachable (transient or configuration): the states say
     *                        "retrying" and the caller schedules the next attempt
     * @throws WriterBusy     when another unit of work holds the contact or one of its addresses: nothing
     *                        was read or written, and the caller schedules the sync again
     */
    public void sync(int contactId, Duration retryDelay, boolean redelivered) {
        if (!locks.tryHoldContact(contactId)) {
            checkpoints.reached(SyncCheckpoint.Point.CONTACT_BUSY, 0, contactId);
            throw new WriterBusy("contact " + contactId);
        }
        Contact contact = em.find(Contact.class, contactId);
        List<DistributionList> syncedLists = em.createQuery(
                "select l from DistributionList l where l.syncToInformz = true and l.active = true order by l.id",
                DistributionList.class).getResultList();
        Map<Long, ContactListSyncState> stateByList = new HashMap<>();
        em.createQuery("select s from ContactListSyncState s where s.contactId = :id", ContactListSyncState.class)
                .setParameter("id", contactId).getResultList()
                .forEach(s -> stateByList.put(s.getListId(), s));
        if (!locks.tryHoldEmails(addressesConcerned(contact, stateByList))) {
            checkpoints.reached(SyncCheckpoint.Point.CONTACT_BUSY, 0, contactId);
            throw new WriterBusy("an address of contact " + contactId);
        }

        boolean active = contact != null && contact.isActive();
        Set<Long> containing = active
                ? membership.listsContaining(contactId, syncedLists.stream().map(DistributionList::getId).toList())
                : Set.of();
        List<DistributionList> memberOf = syncedLists.stream().filter(l -> containing.contains(l.getId())).toList();
        Optional<DuplicateGroup> sharing = active && contact.emailProblem().isEmpty()
                ? duplicates.groupFor(contact.getEmailNormalized()) : Optional.empty();
        Optional<Exclusion> exclusion = active ? exclusionOf(contact, sharing) : Optional.empty();
        String email = active && exclusion.isEmpty() ? contact.getEmailNormalized() : null;

        Map<Long, SyncOutcome> outcomes = new LinkedHashMap<>();
        boolean pushing = false;
        checkpoints.reached(SyncCheckpoint.Point.CONTACT_HELD, 0, contactId);
        informz.about(contactId, null);
        try {
            Set<String> freedEmails = redelivered || inDoubt(stateByList)
                    ? optOutWhatInformzHoldsUnwanted(contactId, syncedLists, stateByList, memberOf, email, outcomes)
                    : optOutWhatIsNoLongerWanted(contactId, syncedLists, stateByList, memberOf, email, outcomes);
            if (exclusion.isPresent()) {
                memberOf.forEach(l -> outcomes.put(l.getId(), exclusion.get().outcome()));
            } else if (!memberOf.isEmpty()) {
                List<DistributionList> pushable = leaveOutUnsubscribed(contactId, memberOf, outcomes);
                if (!pushable.isEmpty()) {
                    pushing = true;
                    subscribe(contact, pushable, stateByList, outcomes);
                }
            }
            markLeftListsRemoved(syncedLists, stateByList, memberOf, outcomes);
            stateBook.recordForContact(contactId, outcomes, stateByList);
            freedEmails.forEach(freed -> nudgeOthersSharing(freed, contactId));
            sharedAddresses.settle(sharing.map(group -> Set.of(group.emailNormalized())).orElse(Set.of()), Set.of(contactId));
        } catch (InformzFailure failure) {
            if (failure.kind() == InformzFailure.Kind.PERMANENT) {
                // Informz refuses this contact's data: a person must look at it; nothing to retry.
                memberOf.stream().filter(l -> !outcomes.containsKey(l.getId()))
                        .forEach(l -> outcomes.put(l.getId(), SyncOutcome.failed("Informz: " + failure.getMessage(), failure.callId())));
                stateBook.recordForContact(contactId, outcomes, stateByList);
                return;
            }
            OffsetDateTime nextAttempt = OffsetDateTime.now(ZoneOffset.UTC).plus(retryDelay);
            SyncOutcome retrying = SyncOutcome.retrying("Informz unreachable: " + failure.getMessage(), failure.callId(), nextAttempt);
            if (pushing) {
                // The push got no answer, so Informz may hold the address on these interests now (a
                // lost reply): remember it, or a deactivation before the retry would leave it there.
                // This replaces an opt-out of the old address booked just before.
                SyncOutcome unanswered = SyncOutcome.retryingAfterUnansweredPush("Informz unreachable: " + failure.getMessage(),
                        failure.callId(), nextAttempt, email);
                memberOf.stream().filter(l -> !decidedWithoutInformz(outcomes.get(l.getId())))
                        .forEach(l -> outcomes.put(l.getId(), unanswered));
            }
            for (DistributionList list : syncedLists) {
                ContactListSyncState state = stateByList.get(list.getId());
                boolean involved = memberOf.contains(list) || (state != null && state.getState() == SyncState.SYNCED);
                if (involved && !outcomes.containsKey(list.getId())) {
                    outcomes.put(list.getId(), retrying);
                }
            }
            stateBook.recordForContact(contactId, outcomes, stateByList);
            throw failure;
        } finally {
            informz.forget();
        }
    }

    /** An error Informz gave (a missing interest), or an unsubscribe Informz holds: not a push left unanswered. */
    private static boolean decidedWithoutInformz(SyncOutcome outcome) {
        return outcome != null && (outcome.state() == SyncState.ERROR || outcome.state() == SyncState.UNSUBSCRIBED);
    }

    /**
     * The lists the contact may be pushed to: not those Informz holds it as unsubscribed from, nor any
     * when it unsubscribed from all mail; those are booked as such, never pushed (never resubscribed).
     */
    private List<DistributionList> leaveOutUnsubscribed(int contactId, List<DistributionList> memberOf,
            Map<Long, SyncOutcome> outcomes) {
        List<InformzUnsubscribe> records = unsubscribes.of(contactId);
        if (records.isEmpty()) {
            return memberOf;
        }
        Optional<InformzUnsubscribe> brandWide = records.stream().filter(InformzUnsubscribe::isBrandWide).findFirst();
        List<DistributionList> pushable = new ArrayList<>();
        for (DistributionList list : memberOf) {
            Optional<InformzUnsubscribe> blocking = brandWide.or(() -> records.stream()
                    .filter(u -> list.getId().equals(u.getListId())).findFirst());
            if (blocking.isPresent()) {
                outcomes.put(list.getId(), SyncOutcome.unsubscribedInInformz(blocking.get().explanation()));
            } else {
                pushable.add(list);
            }
        }
        return pushable;
    }

    /** The contact's address now, and every address its states say may be in Informz. */
    private static Set<String> addressesConcerned(Contact contact, Map<Long, ContactListSyncState> stateByList) {
        Set<String> addresses = new LinkedHashSet<>();
        if (contact != null && contact.getEmailNormalized() != null) {
            addresses.add(contact.getEmailNormalized());
        }
        stateByList.values().stream().map(ContactListSyncState::getLastSyncedEmail)
                .filter(email -> email != null).forEach(addresses::add);
        return addresses;
    }

    /**
     * Opts the last synced address out of each synced interest where it should no longer be: the
     * contact left the list, was deactivated or excluded, or its email changed.
     *
     * @return the addresses taken off Informz, which another contact may now own
     */
    private Set<String> optOutWhatIsNoLongerWanted(int contactId, List<DistributionList> syncedLists,
            Map<Long, ContactListSyncState> stateByList, List<DistributionList> memberOf, String email,
            Map<Long, SyncOutcome> outcomes) {
        Map<String, List<DistributionList>> listsByOldEmail = new LinkedHashMap<>();
        for (DistributionList list : syncedLists) {
            ContactListSyncState state = stateByList.get(list.getId());
            if (state == null || !mayBeInInformz(state)) {
                continue;
            }
            boolean stillWanted = memberOf.contains(list) && state.getLastSyncedEmail() != null
                    && state.getLastSyncedEmail().equalsIgnoreCase(email);
            if (!stillWanted) {
                listsByOldEmail.computeIfAbsent(state.getLastSyncedEmail(), e -> new ArrayList<>()).add(list);
            }
        }
        for (Map.Entry<String, List<DistributionList>> entry : listsByOldEmail.entrySet()) {
            List<String> interests = entry.getValue().stream().map(DistributionList::getInformzInterestName).toList();
            informz.optout(interests, List.of(new InformzPort.Subscriber(contactId, entry.getKey(), Map.of())));
            entry.getValue().forEach(l -> outcomes.put(l.getId(), SyncOutcome.removed()));
        }
        return listsByOldEmail.keySet();
    }

    /**
     * Whether an earlier sync of the contact went unanswered or was overtaken: its states may then not
     * name every address Informz holds for it (a lost reply; a list sync that pushed an address the
     * contact had just left, while the contact's own sync booked another). A redelivered message is in
     * doubt too: its earlier attempt may have pushed an address, then lost its booking to a conflict.
     */
    private static boolean inDoubt(Map<Long, ContactListSyncState> stateByList) {
        return stateByList.values().stream().anyMatch(state -> state.getState() == SyncState.RETRYING);
    }

    /**
     * As {@link #optOutWhatIsNoLongerWanted}, but from what Informz holds for the contact's id rather
     * than from the states: every address on a synced interest that is not the one wanted there goes.
     * One grid read, made only while the contact's sync is in doubt.
     */
    private Set<String> optOutWhatInformzHoldsUnwanted(int contactId, List<DistributionList> syncedLists,
            Map<Long, ContactListSyncState> stateByList, List<DistributionList> memberOf, String email,
            Map<Long, SyncOutcome> outcomes) {
        // Informz matches interest names ignoring case (docs/informz-assumptions.md, A25).
        Map<String, DistributionList> listByInterest = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        syncedLists.forEach(l -> listByInterest.put(l.getInformzInterestName().strip(), l));
        Map<String, List<String>> interestsByUnwantedEmail = new LinkedHashMap<>();
        for (InformzPort.Membership held : informz.membershipsOf(contactId)) {
            DistributionList list = listByInterest.get(held.interest().strip());
            if (list == null) {
                continue; // an interest no synced list maps to: not the sync's to manage
            }
            String address = held.email().strip().toLowerCase(Locale.ROOT);
            if (!(memberOf.contains(list) && address.equals(email))) {
                interestsByUnwantedEmail.computeIfAbsent(address, e -> new ArrayList<>()).add(held.interest());
            }
        }
        interestsByUnwantedEmail.forEach((address, interests) ->
                informz.optout(interests, List.of(new InformzPort.Subscriber(contactId, address, Map.of()))));
        for (DistributionList list : syncedLists) {
            ContactListSyncState state = stateByList.get(list.getId());
            if (state != null && mayBeInInformz(state) && !memberOf.contains(list)) {
                outcomes.put(list.getId(), SyncOutcome.removed());
            }
        }
        return interestsByUnwantedEmail.keySet();
    }

    /**
     * Synced, or synced once and failing since (an opt-out that met an outage is retried as such):
     * opting out an address Informz does not have on the interest is harmless.
     */
    private static boolean mayBeInInformz(ContactListSyncState state) {
        return state.getState() == SyncState.SYNCED || (state.getLastSyncedEmail() != null
                && (state.getState() == SyncState.RETRYING || state.getState() == SyncState.ERROR));
    }

    private void subscribe(Contact contact, List<DistributionList> memberOf, Map<Long, ContactListSyncState> stateByList,
            Map<Long, SyncOutcome> outcomes) {
        InformzPort.Subscriber subscriber = SubscriberFields.of(contact);
        List<DistributionList> accepted = new ArrayList<>();
        try {
            reject(informz.subscribe(interestsOf(memberOf), List.of(subscriber)), memberOf, outcomes, accepted);
        } catch (InformzFailure failure) {
            if (!failure.unknownInterest()) {
                throw failure;
            }
            // One call names every interest, so Informz cannot say which one it lacks: ask list by list.
            for (DistributionList list : memberOf) {
                try {
                    reject(informz.subscribe(List.of(list.getInformzInterestName()), List.of(subscriber)),
                            List.of(list), outcomes, accepted);
                } catch (InformzFailure perList) {
                    if (!perList.unknownInterest()) {
                        throw perList;
                    }
                    outcomes.put(list.getId(), SyncOutcome.failed(MissingInterest.explain(list), perList.callId()));
                }
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        String email = contact.getEmailNormalized();
        if (contact.getInformzSubscriberId() == null || !everyStateHad(stateByList, accepted, email)) {
            Long subscriberId = informz.subscriberIds(List.of(email)).get(email);
            if (subscriberId != null && !subscriberId.equals(contact.getInformzSubscriberId())) {
                SubscriberIdWriteBack.write(em, Map.of(contact.getId(), subscriberId));
            }
        }
        accepted.forEach(l -> outcomes.put(l.getId(), SyncOutcome.synced(email)));
    }

    private static void reject(List<InformzPort.Rejection> rejections, List<DistributionList> lists,
            Map<Long, SyncOutcome> outcomes, List<DistributionList> accepted) {
        if (rejections.isEmpty()) {
            accepted.addAll(lists);
            return;
        }
        String reason = "Informz refused the contact: " + rejections.get(0).reason();
        lists.forEach(l -> outcomes.put(l.getId(), SyncOutcome.failed(reason, null)));
    }

    /** Whether the contact was already synced with this address to these lists (so Informz's id is known). */
    private static boolean everyStateHad(Map<Long, ContactListSyncState> stateByList, List<DistributionList> lists, String email) {
        return lists.stream().map(l -> stateByList.get(l.getId())).allMatch(state -> state != null
                && state.getState() == SyncState.SYNCED && email.equals(state.getLastSyncedEmail()));
    }

    /** Lists the contact is no longer on, whose state still says otherwise (an error, a duplicate…). */
    private static void markLeftListsRemoved(List<DistributionList> syncedLists, Map<Long, ContactListSyncState> stateByList,
            List<DistributionList> memberOf, Map<Long, SyncOutcome> outcomes) {
        for (DistributionList list : syncedLists) {
            ContactListSyncState state = stateByList.get(list.getId());
            if (state != null && !memberOf.contains(list) && !outcomes.containsKey(list.getId())
                    && state.getState() != SyncState.REMOVED && state.getState() != SyncState.SYNCED) {
                outcomes.put(list.getId(), SyncOutcome.removed());
            }
        }
    }

    private static Optional<Exclusion> exclusionOf(Contact contact, Optional<DuplicateGroup> sharing) {
        Optional<EmailProblem> problem = contact.emailProblem();
        if (problem.isPresent()) {
            SyncState state = problem.get() == EmailProblem.NO_EMAIL ? SyncState.NO_EMAIL : SyncState.INVALID_EMAIL;
            return Optional.of(new Exclusion(SyncOutcome.excluded(state, "Not sent to Informz: " + problem.get().explanation() + ".")));
        }
        if (sharing.isPresent() && !sharing.get().isOwnedBy(contact.getId())) {
            return Optional.of(new Exclusion(SyncOutcome.duplicateOf(sharing.get().owner().contactId())));
        }
        return Optional.empty();
    }

    /** Once an address is off Informz, a duplicate of it may own it now: let each of them sync. */
    private void nudgeOthersSharing(String email, int contactId) {
        if (email == null) {
            return;
        }
        Set<Integer> others = new LinkedHashSet<>(em.createQuery("select c.id from Contact c "
                        + "where c.emailNormalized = :email and c.active = true and c.id <> :id", Integer.class)
                .setParameter("email", email.toLowerCase(Locale.ROOT))
                .setParameter("id", contactId)
                .getResultList());
        others.forEach(id -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, id)));
    }

    private static List<String> interestsOf(List<DistributionList> lists) {
        return lists.stream().map(DistributionList::getInformzInterestName).toList();
    }
}
