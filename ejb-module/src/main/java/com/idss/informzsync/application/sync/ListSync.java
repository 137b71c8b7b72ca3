package com.idss.informzsync.application.sync;

import com.idss.informzsync.application.sync.ListBatchLoader.Candidate;
import com.idss.informzsync.domain.contact.EmailAddresses;
import com.idss.informzsync.domain.contact.EmailClaim;
import com.idss.informzsync.domain.contact.EmailProblem;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.MembershipChange;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.logging.Logger;

/**
 * Reconciles a whole list with its Informz interest: who should be on it now versus who was last
 * synced. Subscribes in batches, opts out who left, explains every exclusion, writes the Informz
 * subscriber IDs back, and records its progress as it goes.
 */
@ApplicationScoped
public class ListSync {

    private static final Logger LOG = Logger.getLogger(ListSync.class.getName());
    /** Bookings of one batch while contact syncs book the same states, before the reconcile fails (and runs again). */
    private static final int BOOKING_ATTEMPTS = 4;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    InformzPort informz;

    @Inject
    ListMembership membership;

    @Inject
    SyncStateBook stateBook;

    @Inject
    ListBatchLoader loader;

    @Inject
    SyncSettings settings;

    @Inject
    Event<AggregateChanged> changes;

    /** Runs the bookkeeping lanes: work that overlaps the reconcile's Informz calls. */
    @Resource
    ManagedExecutorService background;

    /** Counts kept while the run goes; written to the run after each batch. Times are for the log. */
    private static final class Tally {
        long planNanos;
        long loadNanos;
        long informzNanos;
        final AtomicLong bookkeepingNanos = new AtomicLong(); // written by the bookkeeping lane
        long writeBackNanos;
        long readBackNanos;
        int added;
        int removed;
        int duplicate;
        int invalid;
        int noEmail;
        int failed;
        int calls;
    }

    /** Books a reconcile's batches; one per reconcile, shared by the reconcile and its bookkeeping lane. */
    private record Booking(SyncStateBook stateBook, long listId, IntPredicate hasState, OffsetDateTime plannedAt) {

        /**
         * A contact sync may create or change one of these states while the batch is booked (the
         * unique key refuses a second row, the version a stale one). Losing the booking would lose
         * which addresses Informz now holds, so it is booked again, reading every state as it is now.
         * Putting many contacts on a list starts their own syncs beside the list's: two tries were
         * seen to meet them both.
         */
        ListSyncRun record(Map<Integer, SyncOutcome> outcomes, ListSyncRun progress) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return stateBook.recordListBatch(listId, outcomes, progress, attempt == 1 ? hasState : contactId -> true,
                            plannedAt);
                } catch (RuntimeException conflict) {
                    if (attempt == BOOKING_ATTEMPTS) {
                        throw conflict;
                    }
                    LOG.info(() -> "Booking a batch of list " + listId + " met a concurrent contact sync (" + conflict
                            + "); booking it again");
                }
            }
        }
    }

    /**
     * @param redelivered whether the broker delivers the message again after a transaction that
     *                    failed: that attempt may have pushed a batch whose booking was rolled back
     *                    (a concurrent contact sync won the states), so the states may not name
     *                    everyone Informz holds; the interest is checked against Informz first, as at night
     * @throws InformzFailure when Informz is unreachable or refuses the interest; the run says so and
     *                        the caller schedules another attempt
     */
    public void reconcile(long listId, ListSyncRun.Trigger trigger, boolean redelivered) {
        DistributionList list = em.find(DistributionList.class, listId);
        if (list == null || !list.isActive() || !list.isSyncToInformz()) {
            return; // Turning sync off or deactivating never empties the Informz group.
        }
        String interest = list.getInformzInterestName();
        ListSyncRun run = stateBook.startRun(listId, trigger);
        Tally tally = new Tally();
        BackgroundLane<ListSyncRun> bookkeeping = new BackgroundLane<>(background);
        informz.about(null, listId);
        try {
            if (trigger == ListSyncRun.Trigger.NIGHTLY || redelivered) {
                repairDrift(listId, interest, tally);
            }
            long started = System.nanoTime();
            OffsetDateTime plannedAt = now();
            MembershipChange change = membership.changeSinceLastSync(listId);
            run.planned(change.memberCount(), change.toAdd().length, change.toRemove().length);
            run = stateBook.saveRun(run);
            int[] withState = contactsWithStateOn(listId);
            IntPredicate hasState = contactId -> Arrays.binarySearch(withState, contactId) >= 0;
            Booking booking = new Booking(stateBook, listId, hasState, plannedAt);
            tally.planNanos = System.nanoTime() - started;
            // Three stages at once: reading batch n+1, Informz taking batch n, bookkeeping of batch n-1.
            List<int[]> toAdd = batches(change.toAdd());
            BackgroundLane<ListBatchLoader.Batch> loading = new BackgroundLane<>(background);
            if (!toAdd.isEmpty()) {
                loading.submit(() -> loader.load(toAdd.get(0)));
            }
            for (int next = 1; next <= toAdd.size(); next++) {
                long waiting = System.nanoTime();
                ListBatchLoader.Batch batch = loading.awaitPrevious();
                tally.loadNanos += System.nanoTime() - waiting;
                if (next < toAdd.size()) {
                    int[] ids = toAdd.get(next);
                    loading.submit(() -> loader.load(ids));
                }
                Map<Integer, SyncOutcome> outcomes = subscribeBatch(listId, interest, batch, tally, booking);
                run = book(bookkeeping, booking, outcomes, run, tally);
            }
            for (int[] batch : batches(change.toRemove())) {
                Map<Integer, SyncOutcome> outcomes = optoutBatch(listId, interest, batch, tally);
                run = book(bookkeeping, booking, outcomes, run, tally);
            }
            run = latest(bookkeeping, run);
            long writeBack = System.nanoTime();
            writeBackSubscriberIds(listId, interest, tally);
            tally.writeBackNanos = System.nanoTime() - writeBack;
            run.finished(ListSyncRun.Status.COMPLETED, now(), null);
            stateBook.saveRun(progress(run, tally));
            LOG.info(() -> String.format("List %d reconciled in %d ms: +%d -%d, %d excluded, %d failed, %d Informz calls; "
                            + "ms spent planning %d, loading %d, in Informz %d, bookkeeping %d (alongside the calls), "
                            + "writing back ids %d (reading them %d)",
                    listId, (System.nanoTime() - started) / 1_000_000, tally.added, tally.removed,
                    tally.duplicate + tally.invalid + tally.noEmail, tally.failed, tally.calls,
                    tally.planNanos / 1_000_000, tally.loadNanos / 1_000_000, tally.informzNanos / 1_000_000,
                    tally.bookkeepingNanos.get() / 1_000_000, tally.writeBackNanos / 1_000_000, tally.readBackNanos / 1_000_000));
        } catch (InformzFailure failure) {
            run = latest(bookkeeping, run);
            boolean personMustAct = failure.unknownInterest() || failure.kind() == InformzFailure.Kind.CONFIGURATION;
            String message = failure.unknownInterest() ? MissingInterest.explain(list)
                    : "Informz: " + failure.getMessage() + (personMustAct ? "" : " (will retry)");
            run.finished(personMustAct ? ListSyncRun.Status.FAILED : ListSyncRun.Status.WAITING, now(), message);
            stateBook.saveRun(progress(run, tally));
            throw failure;
        } finally {
            informz.forget();
        }
    }

    /**
     * Hands the batch's outcomes to the bookkeeping lane, which writes them while the next batch
     * goes to Informz; returns the run as the previous batch's bookkeeping saved it.
     */
    private ListSyncRun book(BackgroundLane<ListSyncRun> bookkeeping, Booking booking, Map<Integer, SyncOutcome> outcomes,
            ListSyncRun run, Tally tally) {
        ListSyncRun current = latest(bookkeeping, run);
        ListSyncRun progress = progress(current, tally);
        bookkeeping.submit(() -> {
            long started = System.nanoTime();
            try {
                return booking.record(outcomes, progress);
            } finally {
                tally.bookkeepingNanos.addAndGet(System.nanoTime() - started);
            }
        });
        return current;
    }

    /** The run as the last bookkeeping saved it (it carries the version to save it with next). */
    private static ListSyncRun latest(BackgroundLane<ListSyncRun> bookkeeping, ListSyncRun run) {
        ListSyncRun saved = bookkeeping.awaitPrevious();
        return saved != null ? saved : run;
    }

    private List<int[]> batches(int[] contactIds) {
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < contactIds.length; from += settings.batchSize()) {
            batches.add(Arrays.copyOfRange(contactIds, from, Math.min(contactIds.length, from + settings.batchSize())));
        }
        return batches;
    }

    private Map<Integer, SyncOutcome> subscribeBatch(long listId, String interest, ListBatchLoader.Batch batch, Tally tally,
            Booking booking) {
        Map<String, EmailClaim> ownerByEmail = batch.owners();
        Map<Integer, SyncOutcome> outcomes = new LinkedHashMap<>();
        Map<Integer, Candidate> toSend = new LinkedHashMap<>();
        for (Candidate candidate : batch.candidates()) {
            var problem = EmailAddresses.problemWith(candidate.email());
            if (problem.isPresent()) {
                boolean none = problem.get() == EmailProblem.NO_EMAIL;
                outcomes.put(candidate.id(), SyncOutcome.excluded(none ? SyncState.NO_EMAIL : SyncState.INVALID_EMAIL,
                        "Not sent to Informz: " + problem.get().explanation() + "."));
                if (none) {
                    tally.noEmail++;
                } else {
                    tally.invalid++;
                }
                continue;
            }
            EmailClaim owner = ownerByEmail.get(candidate.emailNormalized());
            if (owner != null && owner.contactId() != candidate.id()) {
                outcomes.put(candidate.id(), SyncOutcome.excluded(SyncState.DUPLICATE, "Duplicate: contact "
                        + owner.contactId() + " has the same email and owns it in Informz (Informz only allows unique emails)."));
                tally.duplicate++;
                continue;
            }
            toSend.put(candidate.id(), candidate);
        }
        if (toSend.isEmpty()) {
            return outcomes;
        }
        optOutEarlierAddresses(listId, interest, toSend, tally, booking.hasState());
        List<InformzPort.Subscriber> subscribers = toSend.values().stream()
                .map(c -> new InformzPort.Subscriber(c.id(), c.email().strip(), c.fields())).toList();
        List<InformzPort.Rejection> rejections;
        tally.calls++;
        long calling = System.nanoTime();
        try {
            rejections = informz.subscribe(List.of(interest), subscribers);
        } catch (InformzFailure failure) {
            if (failure.kind() == InformzFailure.Kind.TRANSIENT) {
                // No answer: Informz may have applied the batch (a lost reply). Book the addresses as
                // possibly there, so a contact leaving before the retry is opted out by its own sync.
                Map<Integer, SyncOutcome> unanswered = new LinkedHashMap<>();
                toSend.values().forEach(c -> unanswered.put(c.id(), SyncOutcome.retryingAfterUnansweredPush(
                        "Informz unreachable: " + failure.getMessage(), failure.callId(), null, c.emailNormalized())));
                booking.record(unanswered, null);
            }
            if (failure.kind() != InformzFailure.Kind.PERMANENT || failure.unknownInterest()) {
                throw failure;
            }
            // Informz refused the document as a whole: every contact in it gets the error and the call.
            toSend.keySet().forEach(id -> outcomes.put(id, SyncOutcome.failed("Informz: " + failure.getMessage(), failure.callId())));
            tally.failed += toSend.size();
            return outcomes;
        } finally {
            tally.informzNanos += System.nanoTime() - calling;
        }
        for (InformzPort.Rejection rejection : rejections) {
            if (toSend.remove(rejection.contactId()) != null) {
                outcomes.put(rejection.contactId(), SyncOutcome.failed("Informz refused the contact: " + rejection.reason(), null));
                tally.failed++;
            }
        }
        toSend.values().forEach(c -> outcomes.put(c.id(), SyncOutcome.synced(c.emailNormalized())));
        tally.added += toSend.size();
        return outcomes;
    }

    /**
     * A contact whose email changed while its own sync was failing (retrying, or an error) may still
     * have its earlier address on the interest; its state remembers that address. The contact's own
     * sync opts it out before it subscribes the new one: a list reconcile that picks the contact up
     * first must do the same, or the earlier address stays on the interest for good.
     */
    private void optOutEarlierAddresses(long listId, String interest, Map<Integer, Candidate> toSend, Tally tally,
            IntPredicate hasState) {
        List<Integer> withState = toSend.keySet().stream().filter(hasState::test).toList();
        if (withState.isEmpty()) {
            return; // the usual first sync of a list: nobody on it has been pushed before
        }
        List<InformzPort.Subscriber> earlier = new ArrayList<>();
        for (Object[] row : em.createQuery("select s.contactId, s.lastSyncedEmail from ContactListSyncState s "
                        + "where s.listId = :listId and s.contactId in :ids and s.lastSyncedEmail is not null", Object[].class)
                .setParameter("listId", listId)
                .setParameter("ids", withState)
                .getResultList()) {
            Candidate candidate = toSend.get((Integer) row[0]);
            String address = (String) row[1];
            if (candidate != null && !address.equalsIgnoreCase(candidate.emailNormalized())) {
                earlier.add(new InformzPort.Subscriber(candidate.id(), address, Map.of()));
            }
        }
        if (!earlier.isEmpty()) {
            tally.calls++;
            informz.optout(List.of(interest), earlier);
            nudgeOthersSharing(earlier);
        }
    }

    /** Another contact may own an address just opted out (a former duplicate): its own sync puts it back. */
    private void nudgeOthersSharing(List<InformzPort.Subscriber> optedOut) {
        em.createQuery("select c.id from Contact c where c.emailNormalized in :emails and c.active = true "
                        + "and c.id not in :optedOut", Integer.class)
                .setParameter("emails", optedOut.stream().map(e -> e.email().toLowerCase(Locale.ROOT)).distinct().toList())
                .setParameter("optedOut", optedOut.stream().map(InformzPort.Subscriber::contactId).toList())
                .getResultList()
                .forEach(id -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, id)));
    }

    private Map<Integer, SyncOutcome> optoutBatch(long listId, String interest, int[] contactIds, Tally tally) {
        List<Object[]> rows = em.createQuery("select s.contactId, s.lastSyncedEmail from ContactListSyncState s "
                        + "where s.listId = :listId and s.contactId in :ids", Object[].class)
                .setParameter("listId", listId)
                .setParameter("ids", Arrays.stream(contactIds).boxed().toList())
                .getResultList();
        List<InformzPort.Subscriber> leaving = new ArrayList<>();
        Map<Integer, SyncOutcome> outcomes = new LinkedHashMap<>();
        for (Object[] row : rows) {
            int contactId = (Integer) row[0];
            if (row[1] != null) {
                leaving.add(new InformzPort.Subscriber(contactId, (String) row[1], Map.of()));
            }
            outcomes.put(contactId, SyncOutcome.removed());
        }
        if (!leaving.isEmpty()) {
            tally.calls++;
            informz.optout(List.of(interest), leaving);
            nudgeOthersSharing(leaving);
        }
        tally.removed += outcomes.size();
        return outcomes;
    }

    /**
     * Subscribe does not return Informz's ids: a paged read of the interest gives them all, and each
     * page is written while the next one is read.
     */
    private void writeBackSubscriberIds(long listId, String interest, Tally tally) {
        long missing = em.createQuery("select count(c) from Contact c, ContactListSyncState s where s.listId = :listId "
                        + "and s.state = :synced and s.contactId = c.id and c.informzSubscriberId is null", Long.class)
                .setParameter("listId", listId)
                .setParameter("synced", SyncState.SYNCED)
                .getSingleResult();
        if (missing == 0) {
            return;
        }
        BackgroundLane<Integer> writing = new BackgroundLane<>(background);
        Iterator<Map<Integer, Long>> pages = informz.subscriberIdsByContact(interest);
        tally.calls++;
        while (pages.hasNext()) {
            long reading = System.nanoTime();
            Map<Integer, Long> page = pages.next();
            tally.readBackNanos += System.nanoTime() - reading;
            tally.calls++;
            writing.submit(() -> stateBook.writeSubscriberIds(page));
        }
        writing.awaitPrevious();
    }

    /**
     * The check against Informz itself, nightly and before a redelivered reconcile: contacts we
     * think are synced but Informz lacks go back to pending (the reconcile re-adds them; Informz
     * never resubscribes someone who unsubscribed); Informz members the CRM does not have on the
     * list are opted out.
     */
    private void repairDrift(long listId, String interest, Tally tally) {
        List<InformzPort.InterestMember> inInformz = informz.members(interest);
        tally.calls++;
        Set<Integer> informzContacts = new HashSet<>();
        inInformz.forEach(m -> {
            if (m.contactId() != null) {
                informzContacts.add(m.contactId());
            }
        });
        Set<Integer> desired = new HashSet<>();
        membership.forEachMemberId(listId, 10_000, desired::add);
        List<Integer> syncedIds = em.createQuery("select s.contactId from ContactListSyncState s "
                        + "where s.listId = :listId and s.state = :synced", Integer.class)
                .setParameter("listId", listId)
                .setParameter("synced", SyncState.SYNCED)
                .getResultList();
        Map<Integer, SyncOutcome> missingInInformz = new HashMap<>();
        for (Integer contactId : syncedIds) {
            if (!informzContacts.contains(contactId)) {
                missingInInformz.put(contactId, SyncOutcome.pending("Not in Informz when checked against it: adding again."));
            }
        }
        List<InformzPort.Subscriber> strangers = inInformz.stream()
                .filter(m -> m.contactId() == null || !desired.contains(m.contactId()))
                .filter(m -> m.email() != null)
                .map(m -> new InformzPort.Subscriber(m.contactId() == null ? 0 : m.contactId(), m.email(), Map.of()))
                .toList();
        if (!strangers.isEmpty()) {
            tally.calls++;
            informz.optout(List.of(interest), strangers);
            tally.removed += strangers.size();
        }
        stateBook.recordListBatch(listId, missingInInformz, null, contactId -> true, now());
    }

    /** Ascending ids of the contacts that have a sync state on the list, whatever it says. */
    private int[] contactsWithStateOn(long listId) {
        return em.createQuery("select s.contactId from ContactListSyncState s where s.listId = :listId order by s.contactId",
                        Integer.class)
                .setParameter("listId", listId)
                .getResultList().stream().mapToInt(Integer::intValue).toArray();
    }

    private static ListSyncRun progress(ListSyncRun run, Tally tally) {
        run.progressed(tally.added, tally.removed, tally.duplicate, tally.invalid, tally.noEmail, tally.failed, tally.calls);
        return run;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
