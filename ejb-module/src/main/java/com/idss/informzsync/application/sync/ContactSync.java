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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes Informz agree with contacts as the CRM has them now: each subscribed to the interest of every
 * synced list it is on, opted out of those it left (or of all, when deactivated), the old address
 * opted out after an email change, never pushed while another contact owns its email, and its
 * Informz subscriber ID written back. Syncs the contacts waiting together in one transaction (the
 * sync messages'), with one Subscribe per set of interests and one id lookup for all of them.
 * Holds each contact and every address it decides about (the one-writer rule) from before it reads
 * until the transaction commits.
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

    /**
     * One contact to sync.
     *
     * @param retryDelay when the next attempt will be if Informz cannot be reached now (shown in the state)
     * @param inDoubt    whether an earlier attempt's transaction failed: it may have pushed an address
     *                   whose booking was rolled back, so Informz is asked what it holds
     */
    public record Request(int contactId, Duration retryDelay, boolean inDoubt) {
    }

    /**
     * How a batch went.
     *
     * @param busy    contacts another unit of work holds (the contact or one of its addresses): nothing
     *                was read or written for them, and the caller syncs them again a little later
     * @param failure when Informz could not be reached (transient or configuration): every other
     *                contact's states say "retrying", and the caller schedules the next attempts
     * @param answered whether Informz answered any call of this sync (none is made when there is
     *                 nothing to send): only then does a sync without failure say Informz is up
     */
    public record Outcome(Set<Integer> busy, Optional<InformzFailure> failure, boolean answered) {
    }

    /** Why a contact is not pushed, as the outcome to book on each of its lists. */
    private record Exclusion(SyncOutcome outcome) {
    }

    /** One contact's sync as it goes: what was read under its locks, what was decided and done. */
    private static final class Work {
        final Request request;
        final int contactId;
        Contact contact;
        Map<Long, ContactListSyncState> stateByList = new HashMap<>();
        List<DistributionList> memberOf = List.of();
        Optional<DuplicateGroup> sharing = Optional.empty();
        Optional<Exclusion> exclusion = Optional.empty();
        /** The address to push, when the contact is pushed at all. */
        String email;
        final Map<Long, SyncOutcome> outcomes = new LinkedHashMap<>();
        Set<String> freedEmails = Set.of();
        List<DistributionList> pushable = List.of();
        final List<DistributionList> accepted = new ArrayList<>();
        /** Whether a Subscribe for it was sent: without an answer, Informz may hold its address now. */
        boolean pushing;
        /** Informz refused its data for good: failed states booked, nothing more to do. */
        boolean refused;

        Work(Request request) {
            this.request = request;
            this.contactId = request.contactId();
        }
    }

    /**
     * Syncs the contacts, in the caller's transaction.
     *
     * @param requests at most one per contact
     */
    public Outcome sync(Collection<Request> requests) {
        long answeredBefore = informz.callsAnsweredOnThisThread();
        Set<Integer> busy = new TreeSet<>();
        List<Work> works = new ArrayList<>();
        requests.stream().sorted(Comparator.comparingInt(Request::contactId)).forEach(request -> {
            if (locks.tryHoldContact(request.contactId())) {
                works.add(new Work(request));
            } else {
                busy.add(request.contactId());
            }
        });
        if (works.isEmpty()) {
            busy.forEach(id -> checkpoints.reached(SyncCheckpoint.Point.CONTACT_BUSY, 0, id));
            return new Outcome(busy, Optional.empty(), false);
        }
        List<DistributionList> syncedLists = em.createQuery(
                "select l from DistributionList l where l.syncToInformz = true and l.active = true order by l.id",
                DistributionList.class).getResultList();
        readStates(works);
        for (Iterator<Work> each = works.iterator(); each.hasNext(); ) {
            Work work = each.next();
            work.contact = em.find(Contact.class, work.contactId);
            if (!locks.tryHoldEmails(addressesConcerned(work.contact, work.stateByList))) {
                busy.add(work.contactId);
                each.remove();
            }
        }
        busy.forEach(id -> checkpoints.reached(SyncCheckpoint.Point.CONTACT_BUSY, 0, id));
        List<Integer> active = works.stream().filter(w -> w.contact != null && w.contact.isActive()).map(w -> w.contactId).toList();
        Map<Integer, Set<Long>> listsByContact = membership.listsContaining(active,
                syncedLists.stream().map(DistributionList::getId).toList());
        works.forEach(work -> decide(work, syncedLists, listsByContact.getOrDefault(work.contactId, Set.of())));
        works.forEach(work -> checkpoints.reached(SyncCheckpoint.Point.CONTACT_HELD, 0, work.contactId));
        try {
            for (Work work : works) {
                informz.about(work.contactId, null);
                try {
                    work.freedEmails = work.request.inDoubt() || inDoubt(work.stateByList)
                            ? optOutWhatInformzHoldsUnwanted(work.contactId, syncedLists, work.stateByList, work.memberOf,
                                    work.email, work.outcomes)
                            : optOutWhatIsNoLongerWanted(work.contactId, syncedLists, work.stateByList, work.memberOf,
                                    work.email, work.outcomes);
                    if (work.exclusion.isPresent()) {
                        work.memberOf.forEach(l -> work.outcomes.put(l.getId(), work.exclusion.get().outcome()));
                    } else if (!work.memberOf.isEmpty()) {
                        work.pushable = leaveOutUnsubscribed(work.contactId, work.memberOf, work.outcomes);
                    }
                } catch (InformzFailure failure) {
                    refuseOrRethrow(work, failure);
                }
            }
            subscribeAll(works.stream().filter(w -> !w.refused && !w.pushable.isEmpty()).toList());
            writeBackSubscriberIds(works.stream().filter(w -> !w.refused && !w.accepted.isEmpty()).toList());
        } catch (InformzFailure failure) {
            works.stream().filter(w -> !w.refused).forEach(work -> bookRetrying(work, syncedLists, failure));
            return new Outcome(busy, Optional.of(failure), informz.callsAnsweredOnThisThread() > answeredBefore);
        } finally {
            informz.forget();
        }
        Set<String> sharedEmails = new TreeSet<>();
        Set<Integer> decided = new TreeSet<>();
        for (Work work : works) {
            if (work.refused) {
                continue;
            }
            work.accepted.forEach(l -> work.outcomes.put(l.getId(), SyncOutcome.synced(work.email, work.contact.getVersion())));
            markLeftListsRemoved(syncedLists, work.stateByList, work.memberOf, work.outcomes);
            stateBook.recordForContact(work.contactId, work.outcomes, work.stateByList);
            work.freedEmails.forEach(freed -> nudgeOthersSharing(freed, work.contactId));
            work.sharing.ifPresent(group -> sharedEmails.add(group.emailNormalized()));
            decided.add(work.contactId);
        }
        sharedAddresses.settle(sharedEmails, decided);
        return new Outcome(busy, Optional.empty(), informz.callsAnsweredOnThisThread() > answeredBefore);
    }

    /** Every state of the contacts, read once, under their locks. */
    private void readStates(List<Work> works) {
        Map<Integer, Work> byContact = new HashMap<>();
        works.forEach(w -> byContact.put(w.contactId, w));
        em.createQuery("select s from ContactListSyncState s where s.contactId in :ids", ContactListSyncState.class)
                .setParameter("ids", byContact.keySet()).getResultList()
                .forEach(s -> byContact.get(s.getContactId()).stateByList.put(s.getListId(), s));
    }

    /** What the CRM wants for the contact: the synced lists it is on, and whether and as what it is pushed. */
    private void decide(Work work, List<DistributionList> syncedLists, Set<Long> containing) {
        Contact contact = work.contact;
        boolean active = contact != null && contact.isActive();
        work.memberOf = syncedLists.stream().filter(l -> containing.contains(l.getId())).toList();
        work.sharing = active && contact.emailProblem().isEmpty()
                ? duplicates.groupFor(contact.getEmailNormalized()) : Optional.empty();
        work.exclusion = active ? exclusionOf(contact, work.sharing) : Optional.empty();
        work.email = active && work.exclusion.isEmpty() ? contact.getEmailNormalized() : null;
    }

    /**
     * Informz refuses this contact's data: a person must look at it, there is nothing to retry, and
     * the other contacts of the batch go on. Any other failure is the whole batch's.
     */
    private void refuseOrRethrow(Work work, InformzFailure failure) {
        if (failure.kind() != InformzFailure.Kind.PERMANENT) {
            throw failure;
        }
        work.memberOf.stream().filter(l -> !work.outcomes.containsKey(l.getId()))
                .forEach(l -> work.outcomes.put(l.getId(), SyncOutcome.failed("Informz: " + failure.getMessage(), failure.callId())));
        stateBook.recordForContact(work.contactId, work.outcomes, work.stateByList);
        work.refused = true;
    }

    /** Informz could not be reached: the contact is tried again, and its states say so and why. */
    private void bookRetrying(Work work, List<DistributionList> syncedLists, InformzFailure failure) {
        OffsetDateTime nextAttempt = OffsetDateTime.now(ZoneOffset.UTC).plus(work.request.retryDelay());
        SyncOutcome retrying = SyncOutcome.retrying("Informz unreachable: " + failure.getMessage(), failure.callId(), nextAttempt);
        work.accepted.clear(); // not booked as synced: the batch's later calls did not happen
        if (work.pushing) {
            // The push may have reached Informz without an answer (a lost reply), or reached it before
            // the batch failed: remember the address, or a deactivation before the retry would leave
            // it there. This replaces an opt-out of the old address booked just before.
            SyncOutcome unanswered = SyncOutcome.retryingAfterUnansweredPush("Informz unreachable: " + failure.getMessage(),
                    failure.callId(), nextAttempt, work.email);
            work.memberOf.stream().filter(l -> !decidedWithoutInformz(work.outcomes.get(l.getId())))
                    .forEach(l -> work.outcomes.put(l.getId(), unanswered));
        }
        for (DistributionList list : syncedLists) {
            ContactListSyncState state = work.stateByList.get(list.getId());
            boolean involved = work.memberOf.contains(list) || (state != null && state.getState() == SyncState.SYNCED);
            if (involved && !work.outcomes.containsKey(list.getId())) {
                work.outcomes.put(list.getId(), retrying);
            }
        }
        stateBook.recordForContact(work.contactId, work.outcomes, work.stateByList);
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

    /**
     * One Subscribe for the contacts that go to the same interests. Should Informz refuse the call as
     * a whole, each contact is sent alone, so that one contact's data cannot fail the others'.
     */
    private void subscribeAll(List<Work> pushing) {
        Map<List<DistributionList>, List<Work>> byLists = new LinkedHashMap<>();
        pushing.forEach(work -> byLists.computeIfAbsent(work.pushable, lists -> new ArrayList<>()).add(work));
        byLists.forEach(this::subscribe);
    }

    private void subscribe(List<DistributionList> lists, List<Work> candidates) {
        List<Work> works = candidates.stream().filter(w -> !w.refused).toList();
        if (works.isEmpty()) {
            return;
        }
        works.forEach(work -> work.pushing = true);
        informz.about(works.size() == 1 ? works.get(0).contactId : null, null);
        try {
            accept(informz.subscribe(interestsOf(lists), works.stream().map(w -> SubscriberFields.of(w.contact)).toList()),
                    lists, works);
        } catch (InformzFailure failure) {
            if (failure.unknownInterest() && lists.size() > 1) {
                // One call names every interest, so Informz cannot say which one it lacks: ask list by list.
                lists.forEach(list -> subscribe(List.of(list), works));
            } else if (failure.unknownInterest()) {
                DistributionList list = lists.get(0);
                works.forEach(work -> work.outcomes.put(list.getId(), SyncOutcome.failed(MissingInterest.explain(list), failure.callId())));
            } else if (failure.kind() == InformzFailure.Kind.PERMANENT && works.size() > 1) {
                works.forEach(work -> subscribe(lists, List.of(work)));
            } else {
                refuseOrRethrow(works.get(0), failure);
            }
        }
    }

    /**
     * Informz's subscriber id of each contact pushed with a new address (or without a known id), in
     * one lookup for all of them, written onto the contacts.
     */
    private void writeBackSubscriberIds(List<Work> pushed) {
        List<Work> lacking = pushed.stream().filter(work -> work.contact.getInformzSubscriberId() == null
                || !everyStateHad(work.stateByList, work.accepted, work.email)).toList();
        if (lacking.isEmpty()) {
            return;
        }
        informz.about(lacking.size() == 1 ? lacking.get(0).contactId : null, null);
        Map<String, Long> idByEmail;
        try {
            idByEmail = informz.subscriberIds(lacking.stream().map(w -> w.email).toList());
        } catch (InformzFailure failure) {
            if (failure.kind() != InformzFailure.Kind.PERMANENT) {
                throw failure;
            }
            lacking.forEach(work -> refuseOrRethrow(work, failure));
            return;
        }
        Map<Integer, Long> changed = new TreeMap<>();
        for (Work work : lacking) {
            Long subscriberId = idByEmail.get(work.email);
            if (subscriberId != null && !subscriberId.equals(work.contact.getInformzSubscriberId())) {
                changed.put(work.contactId, subscriberId);
            }
        }
        if (!changed.isEmpty()) {
            SubscriberIdWriteBack.write(em, changed);
        }
    }

    /** Informz's answer to one Subscribe: those it refused are failed on these lists, the others accepted. */
    private static void accept(List<InformzPort.Rejection> rejections, List<DistributionList> lists, List<Work> works) {
        Map<Integer, String> reasonByContact = new HashMap<>();
        rejections.forEach(r -> reasonByContact.putIfAbsent(r.contactId(), r.reason()));
        for (Work work : works) {
            String reason = reasonByContact.get(work.contactId);
            if (reason == null) {
                work.accepted.addAll(lists);
            } else {
                lists.forEach(l -> work.outcomes.put(l.getId(), SyncOutcome.failed("Informz refused the contact: " + reason, null)));
            }
        }
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
