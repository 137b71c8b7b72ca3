package com.idss.informzsync.application.sync;

import com.idss.informzsync.application.sync.ListBatchLoader.Candidate;
import com.idss.informzsync.domain.contact.EmailAddresses;
import com.idss.informzsync.domain.contact.EmailClaim;
import com.idss.informzsync.domain.contact.EmailProblem;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.InformzUnsubscribe;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * One batch of a list reconcile as one transaction that holds the batch's contacts and their
 * addresses (the one-writer rule): it checks the reconcile's plan against the data as it is under
 * the locks, calls Informz, and books what Informz answered before any other writer may act on
 * those contacts. A batch Informz did not answer is booked as such and committed, never rolled back:
 * the addresses it pushed may be in Informz.
 */
@Stateless
public class ListBatchWriter {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    InformzPort informz;

    @Inject
    SyncWriterLocks locks;

    @Inject
    ListMembership membership;

    @Inject
    ListBatchLoader loader;

    @Inject
    SyncStateBook stateBook;

    @Inject
    SyncCheckpoints checkpoints;

    @Inject
    SharedAddressOwners sharedAddresses;

    @Inject
    Event<AggregateChanged> changes;

    @Inject
    InformzUnsubscribes unsubscribes;

    /** What one batch did, for the run's counts; {@code failure} when it stopped at an Informz failure. */
    public static final class Result {
        int added;
        int removed;
        int duplicate;
        int invalid;
        int noEmail;
        int unsubscribed;
        int failed;
        int calls;
        long lockNanos;
        long readNanos;
        long informzNanos;
        long bookNanos;
        InformzFailure failure;
        /** Contact id and pushed address of each contact Informz accepted that had no subscriber id. */
        final List<Object[]> pushedWithoutId = new ArrayList<>();
    }

    /**
     * Subscribes the planned contacts that are still members, opting out first any earlier address
     * of theirs the states name on the interest, and explains every exclusion.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Result push(long listId, String interest, int[] plannedIds) {
        Result result = new Result();
        informz.recordCallsWithThisTransaction();
        checkpoints.reached(SyncCheckpoint.Point.BATCH_LOCKING, listId, plannedIds);
        long started = System.nanoTime();
        locks.hold(plannedIds, List.of());
        long locked = System.nanoTime();
        Set<Integer> members = new HashSet<>(membership.membersAmong(listId, plannedIds));
        Map<Integer, ContactListSyncState> states = stateBook.statesOf(listId, plannedIds);
        Set<Integer> inDoubt = leaveInDoubtToTheirOwnSync(states);
        members.removeAll(inDoubt);
        ListBatchLoader.Batch batch = loader.load(members.stream().mapToInt(Integer::intValue).toArray());
        long read = System.nanoTime();
        Set<String> addresses = new HashSet<>();
        batch.candidates().forEach(c -> addIfPresent(addresses, c.emailNormalized()));
        states.values().forEach(s -> addIfPresent(addresses, s.getLastSyncedEmail()));
        locks.hold(new int[0], addresses);
        result.lockNanos = locked - started + System.nanoTime() - read;
        result.readNanos = read - locked;
        checkpoints.reached(SyncCheckpoint.Point.BATCH_HELD, listId, plannedIds);

        Map<Integer, SyncOutcome> outcomes = new LinkedHashMap<>();
        Map<Integer, Candidate> toSend = classify(batch, outcomes, result);
        leaveOutUnsubscribed(listId, toSend, outcomes, result);
        List<InformzPort.Subscriber> earlier = earlierAddresses(plannedIds, states, toSend, inDoubt);
        for (InformzPort.Subscriber leaving : earlier) {
            if (!members.contains(leaving.contactId())) {
                outcomes.put(leaving.contactId(), SyncOutcome.removed()); // left the list since the plan
                result.removed++;
            }
        }
        try {
            if (!earlier.isEmpty()) {
                perform(result, () -> informz.optout(List.of(interest), earlier));
            }
        } catch (InformzFailure failure) {
            result.failure = failure; // nothing pushed: the states still name the earlier addresses
            return result;
        }
        if (!toSend.isEmpty()) {
            subscribe(interest, toSend, outcomes, result);
        }
        long booking = System.nanoTime();
        stateBook.recordListBatch(listId, outcomes, states);
        nudgeOthersSharing(earlier);
        em.flush(); // the booking's writes, timed here rather than at the commit, and seen by the check below
        // The batch decided its shared addresses' holders on this list only; their other lists follow.
        sharedAddresses.settle(batch.owners().keySet(), Set.of());
        result.bookNanos = System.nanoTime() - booking;
        return result;
    }

    /** Opts out the planned contacts that are still off the list, at the address their state names. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Result remove(long listId, String interest, int[] plannedIds) {
        Result result = new Result();
        informz.recordCallsWithThisTransaction();
        checkpoints.reached(SyncCheckpoint.Point.BATCH_LOCKING, listId, plannedIds);
        locks.hold(plannedIds, List.of());
        Set<Integer> members = membership.membersAmong(listId, plannedIds);
        Map<Integer, ContactListSyncState> states = stateBook.statesOf(listId, plannedIds);
        Set<Integer> inDoubt = leaveInDoubtToTheirOwnSync(states);
        List<InformzPort.Subscriber> leaving = new ArrayList<>();
        Map<Integer, SyncOutcome> outcomes = new LinkedHashMap<>();
        states.forEach((contactId, state) -> {
            if (!members.contains(contactId) && !inDoubt.contains(contactId) && mayBeInInformz(state)) {
                leaving.add(new InformzPort.Subscriber(contactId, state.getLastSyncedEmail(), Map.of()));
                outcomes.put(contactId, SyncOutcome.removed());
            }
        });
        locks.hold(new int[0], leaving.stream().map(InformzPort.Subscriber::email).toList());
        checkpoints.reached(SyncCheckpoint.Point.BATCH_HELD, listId, plannedIds);
        if (!leaving.isEmpty()) {
            try {
                perform(result, () -> informz.optout(List.of(interest), leaving));
            } catch (InformzFailure failure) {
                result.failure = failure;
                return result;
            }
        }
        result.removed += outcomes.size();
        stateBook.recordListBatch(listId, outcomes, states);
        nudgeOthersSharing(leaving);
        return result;
    }

    /** One batch of what the drift check found. */
    public record DriftRepair(List<InformzPort.Subscriber> strangers, int[] missingInInformz,
            List<UnsubscribeCheck.Found> unsubscribed, List<UnsubscribeCheck.Resubscribed> resubscribed) {
    }

    /**
     * The drift check's repairs, for one batch of what it found: addresses on the interest whose
     * contact is not on the list (checked again under the locks); synced contacts Informz lacks, which
     * go back to pending so the reconcile adds them again; contacts Informz holds as unsubscribed,
     * recorded so and never pushed again; and records Informz no longer bears out, forgotten, their
     * contacts pending again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Result repair(long listId, String interest, DriftRepair drift) {
        Result result = new Result();
        informz.recordCallsWithThisTransaction();
        List<InformzPort.Subscriber> strangers = drift.strangers();
        int[] strangerIds = strangers.stream().mapToInt(InformzPort.Subscriber::contactId).filter(id -> id != InformzPort.Subscriber.NO_CONTACT).toArray();
        int[] unsubscribeIds = IntStream.concat(drift.unsubscribed().stream().mapToInt(UnsubscribeCheck.Found::contactId),
                drift.resubscribed().stream().mapToInt(UnsubscribeCheck.Resubscribed::contactId)).distinct().toArray();
        int[] booked = IntStream.concat(Arrays.stream(drift.missingInInformz()), Arrays.stream(unsubscribeIds)).distinct().toArray();
        int[] contacts = IntStream.concat(Arrays.stream(strangerIds), Arrays.stream(booked)).distinct().toArray();
        locks.hold(contacts, strangers.stream().map(InformzPort.Subscriber::email).toList());
        Set<Integer> membersNow = membership.membersAmong(listId, strangerIds);
        List<InformzPort.Subscriber> stillStrangers = strangers.stream()
                .filter(s -> s.contactId() == InformzPort.Subscriber.NO_CONTACT || !membersNow.contains(s.contactId())).toList();
        Map<Integer, ContactListSyncState> states = stateBook.statesOf(listId, booked);
        Map<Integer, SyncOutcome> outcomes = new LinkedHashMap<>();
        for (int contactId : drift.missingInInformz()) {
            ContactListSyncState state = states.get(contactId);
            if (state != null && state.getState() == SyncState.SYNCED) {
                outcomes.put(contactId, SyncOutcome.pending("Not in Informz when checked against it: adding again."));
            }
        }
        unsubscribes.clear(drift.resubscribed(), listId);
        unsubscribes.record(drift.unsubscribed(), listId);
        Map<Integer, InformzUnsubscribe> blocking = unsubscribes.blocking(listId, Arrays.stream(unsubscribeIds).boxed().toList());
        for (int contactId : unsubscribeIds) {
            ContactListSyncState state = states.get(contactId);
            InformzUnsubscribe record = blocking.get(contactId);
            if (state == null) {
                continue;
            }
            if (record != null && (state.getState() == SyncState.SYNCED || state.getState() == SyncState.PENDING)) {
                outcomes.put(contactId, SyncOutcome.unsubscribedInInformz(record.explanation()));
            } else if (record == null && state.getState() == SyncState.UNSUBSCRIBED) {
                outcomes.put(contactId, SyncOutcome.pending("Informz no longer holds the contact as unsubscribed: adding again."));
            }
        }
        if (!stillStrangers.isEmpty()) {
            try {
                perform(result, () -> informz.optout(List.of(interest), stillStrangers));
            } catch (InformzFailure failure) {
                result.failure = failure;
                return result;
            }
            result.removed += stillStrangers.size();
        }
        stateBook.recordListBatch(listId, outcomes, states);
        return result;
    }

    private Map<Integer, Candidate> classify(ListBatchLoader.Batch batch, Map<Integer, SyncOutcome> outcomes, Result result) {
        Map<String, EmailClaim> ownerByEmail = batch.owners();
        Map<Integer, Candidate> toSend = new LinkedHashMap<>();
        for (Candidate candidate : batch.candidates()) {
            var problem = EmailAddresses.problemWith(candidate.email());
            if (problem.isPresent()) {
                boolean none = problem.get() == EmailProblem.NO_EMAIL;
                outcomes.put(candidate.id(), SyncOutcome.excluded(none ? SyncState.NO_EMAIL : SyncState.INVALID_EMAIL,
                        "Not sent to Informz: " + problem.get().explanation() + "."));
                if (none) {
                    result.noEmail++;
                } else {
                    result.invalid++;
                }
                continue;
            }
            EmailClaim owner = ownerByEmail.get(candidate.emailNormalized());
            if (owner != null && owner.contactId() != candidate.id()) {
                outcomes.put(candidate.id(), SyncOutcome.duplicateOf(owner.contactId()));
                result.duplicate++;
                continue;
            }
            toSend.put(candidate.id(), candidate);
        }
        return toSend;
    }

    /** Members Informz holds as unsubscribed are never pushed: that would resubscribe them. */
    private void leaveOutUnsubscribed(long listId, Map<Integer, Candidate> toSend, Map<Integer, SyncOutcome> outcomes,
            Result result) {
        unsubscribes.blocking(listId, toSend.keySet()).forEach((contactId, record) -> {
            toSend.remove(contactId);
            outcomes.put(contactId, SyncOutcome.unsubscribedInInformz(record.explanation()));
            result.unsubscribed++;
        });
    }

    /**
     * Addresses the states say may be on the interest that are not the one the batch sends: an email
     * changed while the contact's own sync was failing, a contact now excluded (a duplicate, an invalid
     * address) or off the list since the plan. The contact's own sync opts them out the same way.
     */
    private static List<InformzPort.Subscriber> earlierAddresses(int[] plannedIds, Map<Integer, ContactListSyncState> states,
            Map<Integer, Candidate> toSend, Set<Integer> inDoubt) {
        List<InformzPort.Subscriber> earlier = new ArrayList<>();
        for (int contactId : plannedIds) {
            ContactListSyncState state = states.get(contactId);
            if (state == null || inDoubt.contains(contactId) || !mayBeInInformz(state)) {
                continue;
            }
            Candidate sending = toSend.get(contactId);
            if (sending == null || !state.getLastSyncedEmail().equalsIgnoreCase(sending.emailNormalized())) {
                earlier.add(new InformzPort.Subscriber(contactId, state.getLastSyncedEmail(), Map.of()));
            }
        }
        return earlier;
    }

    private void subscribe(String interest, Map<Integer, Candidate> toSend, Map<Integer, SyncOutcome> outcomes, Result result) {
        List<InformzPort.Subscriber> subscribers = toSend.values().stream()
                .map(c -> new InformzPort.Subscriber(c.id(), c.email().strip(), c.fields())).toList();
        List<InformzPort.Rejection> rejections;
        try {
            rejections = call(result, () -> informz.subscribe(List.of(interest), subscribers));
        } catch (InformzFailure failure) {
            if (failure.kind() == InformzFailure.Kind.TRANSIENT) {
                // No answer: Informz may have applied the batch (a lost reply). The addresses count as
                // possibly there until a writer has asked Informz, or pushed them again.
                toSend.values().forEach(c -> outcomes.put(c.id(), SyncOutcome.retryingAfterUnansweredPush(
                        "Informz unreachable: " + failure.getMessage(), failure.callId(), null, c.emailNormalized())));
                result.failure = failure;
            } else if (failure.kind() == InformzFailure.Kind.PERMANENT && !failure.unknownInterest()) {
                // Informz refused the document as a whole: every contact in it gets the error and the call.
                toSend.keySet().forEach(id -> outcomes.put(id, SyncOutcome.failed("Informz: " + failure.getMessage(), failure.callId())));
                result.failed += toSend.size();
            } else {
                result.failure = failure; // a person must act (configuration, missing interest): nothing was taken
            }
            return;
        }
        for (InformzPort.Rejection rejection : rejections) {
            if (toSend.remove(rejection.contactId()) != null) {
                outcomes.put(rejection.contactId(), SyncOutcome.failed("Informz refused the contact: " + rejection.reason(), null));
                result.failed++;
            }
        }
        for (Candidate c : toSend.values()) {
            outcomes.put(c.id(), SyncOutcome.synced(c.emailNormalized(), c.version()));
            if (c.subscriberId() == null) {
                result.pushedWithoutId.add(new Object[] {c.id(), c.emailNormalized()});
            }
        }
        result.added += toSend.size();
    }

    private static <T> T call(Result result, Supplier<T> informzCall) {
        result.calls++;
        long started = System.nanoTime();
        try {
            return informzCall.get();
        } finally {
            result.informzNanos += System.nanoTime() - started;
        }
    }

    private static void perform(Result result, Runnable informzCall) {
        call(result, () -> {
            informzCall.run();
            return null;
        });
    }

    /**
     * Synced, or pushed once and failing since (retrying, or an error): opting out an address Informz
     * does not have on the interest is harmless.
     */
    static boolean mayBeInInformz(ContactListSyncState state) {
        return state.getLastSyncedEmail() != null && (state.getState() == SyncState.SYNCED
                || state.getState() == SyncState.RETRYING || state.getState() == SyncState.ERROR);
    }

    /**
     * Contacts in doubt (a push of theirs went unanswered: Informz may hold an address no state
     * names) are not the batch's to decide: only a writer that has asked Informz what it holds for
     * the contact may book it again. Their own sync asks first; the batch leaves their states as they
     * are and makes sure that sync comes.
     */
    private Set<Integer> leaveInDoubtToTheirOwnSync(Map<Integer, ContactListSyncState> states) {
        Set<Integer> inDoubt = new HashSet<>();
        states.forEach((contactId, state) -> {
            if (state.getState() == SyncState.RETRYING) {
                inDoubt.add(contactId);
            }
        });
        inDoubt.forEach(id -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, id)));
        return inDoubt;
    }

    /** Another contact may own an address just opted out (a former duplicate): its own sync puts it back. */
    private void nudgeOthersSharing(List<InformzPort.Subscriber> optedOut) {
        if (optedOut.isEmpty()) {
            return;
        }
        em.createQuery("select c.id from Contact c where c.emailNormalized in :emails and c.active = true "
                        + "and c.id not in :optedOut", Integer.class)
                .setParameter("emails", optedOut.stream().map(e -> e.email().toLowerCase(Locale.ROOT)).distinct().toList())
                .setParameter("optedOut", optedOut.stream().map(InformzPort.Subscriber::contactId).toList())
                .getResultList()
                .forEach(id -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, id)));
    }

    private static void addIfPresent(Set<String> addresses, String email) {
        if (email != null) {
            addresses.add(email);
        }
    }
}
