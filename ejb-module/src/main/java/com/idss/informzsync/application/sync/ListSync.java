package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.MembershipChange;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Reconciles a whole list with its Informz interest: who should be on it now versus who was last
 * synced. Plans from the states, then works in batches, each a transaction of its own that holds its
 * contacts ({@link ListBatchWriter}): subscribes, opts out who left, explains every exclusion. Writes
 * the Informz subscriber IDs back, and records its progress as it goes.
 */
@ApplicationScoped
public class ListSync {

    private static final Logger LOG = Logger.getLogger(ListSync.class.getName());

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    InformzPort informz;

    @Inject
    ListMembership membership;

    @Inject
    SyncStateBook stateBook;

    @Inject
    ListBatchWriter batchWriter;

    @Inject
    SyncWriterLocks locks;

    @Inject
    SyncSettings settings;

    @Inject
    InformzUnsubscribes unsubscribes;

    /** Writes subscriber ids back while the next page of them is read. */
    @Resource
    ManagedExecutorService background;

    /** Counts kept while the run goes; written to the run after each batch. Times are for the log. */
    private static final class Tally {
        long planNanos;
        long batchNanos;
        long lockNanos;
        long readNanos;
        long informzNanos;
        long bookNanos;
        long writeBackNanos;
        long readBackNanos;
        int added;
        int removed;
        int duplicate;
        int invalid;
        int noEmail;
        int unsubscribed;
        int failed;
        int calls;
        final SubscriberIdReadBack.PushedWithoutId pushedWithoutId = new SubscriberIdReadBack.PushedWithoutId();

        void add(ListBatchWriter.Result batch) {
            pushedWithoutId.add(batch.pushedWithoutId);
            added += batch.added;
            removed += batch.removed;
            duplicate += batch.duplicate;
            invalid += batch.invalid;
            noEmail += batch.noEmail;
            unsubscribed += batch.unsubscribed;
            failed += batch.failed;
            calls += batch.calls;
            informzNanos += batch.informzNanos;
            lockNanos += batch.lockNanos;
            readNanos += batch.readNanos;
            bookNanos += batch.bookNanos;
        }
    }

    /**
     * @param inDoubt whether an earlier attempt of this reconcile may have reached Informz without
     *                its outcome being booked (the broker delivers it again): the interest is checked
     *                against Informz first, as at night
     * @return how many Informz calls it made, each answered (none when there was nothing to send)
     * @throws InformzFailure when Informz is unreachable or refuses the interest; the run says so and
     *                        the caller schedules another attempt
     * @throws WriterBusy     when another reconcile of the list is running, or a batch waited too long
     *                        for contacts another unit of work holds (the batches before it are done):
     *                        the caller schedules the reconcile again
     */
    public int reconcile(long listId, ListSyncRun.Trigger trigger, boolean inDoubt) {
        DistributionList list = em.find(DistributionList.class, listId);
        if (list == null || !list.isActive() || !list.isSyncToInformz()) {
            return 0; // Turning sync off or deactivating never empties the Informz group.
        }
        if (!locks.tryHoldList(listId)) {
            throw new WriterBusy("list " + listId + " is being reconciled");
        }
        String interest = list.getInformzInterestName();
        boolean idsWrittenBackBefore = stateBook.lastRunWroteBackEveryId(listId);
        ListSyncRun run = stateBook.startRun(listId, trigger);
        Tally tally = new Tally();
        informz.about(null, listId);
        try {
            if (trigger == ListSyncRun.Trigger.NIGHTLY || inDoubt) {
                run = repairDrift(listId, interest, tally, run);
            }
            long started = System.nanoTime();
            // The plan is read without locks; each batch checks it against the data under its locks.
            MembershipChange change = membership.changeSinceLastSync(listId);
            run.planned(change.memberCount(), change.toAdd().length, change.toRemove().length);
            run = stateBook.saveRun(run);
            tally.planNanos = System.nanoTime() - started;
            tally.pushedWithoutId.mostWorthAsking(SubscriberIdReadBack.mostAskedByAddress(change.memberCount()));
            long batches = System.nanoTime();
            locks.prepare(change.toAdd());
            tally.lockNanos += System.nanoTime() - batches;
            run = inLanes(listId, batches(change.toAdd()), batch -> batchWriter.push(listId, interest, batch), run, tally);
            run = inLanes(listId, batches(change.toRemove()), batch -> batchWriter.remove(listId, interest, batch), run, tally);
            tally.batchNanos = System.nanoTime() - batches;
            long writeBack = System.nanoTime();
            int stillWithoutId = writeBackSubscriberIds(listId, interest, change.memberCount(), idsWrittenBackBefore, tally);
            tally.writeBackNanos = System.nanoTime() - writeBack;
            run.finished(ListSyncRun.Status.COMPLETED, now(), stillWithoutId == 0 ? null : stillWithoutId
                    + " synced contacts still without an Informz subscriber id: Informz did not know their address (asked"
                    + " again at the next run)");
            stateBook.saveRun(progress(run, tally));
            LOG.info(() -> String.format("List %d reconciled (%s) in %d ms: +%d -%d, %d excluded, %d failed, %d Informz calls; "
                            + "ms spent planning %d, in batches %d (of which locking %d, reading %d, in Informz %d, "
                            + "booking %d), writing back ids %d (reading them %d)",
                    listId, trigger + (inDoubt ? ", in doubt" : ""), (System.nanoTime() - started) / 1_000_000, tally.added, tally.removed,
                    tally.duplicate + tally.invalid + tally.noEmail, tally.failed, tally.calls,
                    tally.planNanos / 1_000_000, tally.batchNanos / 1_000_000, tally.lockNanos / 1_000_000,
                    tally.readNanos / 1_000_000, tally.informzNanos / 1_000_000, tally.bookNanos / 1_000_000,
                    tally.writeBackNanos / 1_000_000, tally.readBackNanos / 1_000_000));
            return tally.calls;
        } catch (WriterBusy busy) {
            run.finished(ListSyncRun.Status.WAITING, now(), "Waiting for contacts another sync is pushing (will go on)");
            stateBook.saveRun(progress(run, tally));
            throw busy;
        } catch (InformzFailure failure) {
            boolean personMustAct = failure.unknownInterest() || failure.kind() == InformzFailure.Kind.CONFIGURATION;
            String message = failure.unknownInterest() ? MissingInterest.explain(list)
                    : "Informz: " + failure.getMessage() + (personMustAct ? "" : " (will retry)");
            run.finished(personMustAct ? ListSyncRun.Status.FAILED : ListSyncRun.Status.WAITING, now(), message);
            stateBook.saveRun(progress(run, tally));
            throw failure;
        } catch (RuntimeException | Error unexpected) {
            // The message is rolled back and delivered again; this run must not say "running" for ever.
            try {
                run.finished(ListSyncRun.Status.FAILED, now(), "Stopped by an unexpected error (the sync message is "
                        + "delivered again): " + unexpected);
                stateBook.saveRun(progress(run, tally));
            } catch (RuntimeException | Error alsoFailed) {
                unexpected.addSuppressed(alsoFailed);
            }
            throw unexpected;
        } finally {
            informz.forget();
        }
    }

    /**
     * Counts a committed batch into the run and saves its progress, so the console shows it while the
     * reconcile goes on; a batch that stopped at an Informz failure stops the reconcile.
     */
    private ListSyncRun booked(ListBatchWriter.Result batch, ListSyncRun run, Tally tally) {
        tally.add(batch);
        if (batch.failure != null) {
            throw batch.failure;
        }
        return stateBook.saveRun(progress(run, tally));
    }

    /**
     * Runs the batches a few at a time (settings' batch lanes), one on this thread and the others on
     * background lanes, so one batch's database work overlaps another's Informz call (the one-writer
     * rule made each batch a transaction that reads, calls and books in turn). Batches in flight hold
     * disjoint contacts; an address two need is taken in order, like any lock. All of a round finish,
     * and all are counted, before a failure of any stops the reconcile.
     */
    private ListSyncRun inLanes(long listId, List<int[]> batches, Function<int[], ListBatchWriter.Result> work,
            ListSyncRun run, Tally tally) {
        int lanes = settings.batchLanes();
        List<BackgroundLane<ListBatchWriter.Result>> others = new ArrayList<>(lanes - 1);
        for (int lane = 1; lane < lanes; lane++) {
            others.add(new BackgroundLane<>(background));
        }
        for (int i = 0; i < batches.size(); i += lanes) {
            for (int lane = 1; lane < lanes && i + lane < batches.size(); lane++) {
                int[] batch = batches.get(i + lane);
                others.get(lane - 1).submit(() -> aboutList(listId, () -> work.apply(batch)));
            }
            RuntimeException thrown = null;
            List<ListBatchWriter.Result> done = new ArrayList<>(lanes);
            try {
                done.add(work.apply(batches.get(i)));
            } catch (RuntimeException e) {
                thrown = e;
            }
            for (BackgroundLane<ListBatchWriter.Result> lane : others) {
                try {
                    ListBatchWriter.Result other = lane.awaitPrevious();
                    if (other != null) {
                        done.add(other);
                    }
                } catch (RuntimeException e) {
                    thrown = thrown == null ? e : thrown;
                }
            }
            done.forEach(tally::add);
            if (thrown != null) {
                throw thrown;
            }
            for (ListBatchWriter.Result batch : done) {
                if (batch.failure != null) {
                    throw batch.failure;
                }
            }
            run = stateBook.saveRun(progress(run, tally));
        }
        return run;
    }

    private List<int[]> batches(int[] contactIds) {
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < contactIds.length; from += settings.batchSize()) {
            batches.add(Arrays.copyOfRange(contactIds, from, Math.min(contactIds.length, from + settings.batchSize())));
        }
        return batches;
    }

    /**
     * Subscribe does not return Informz's ids. When most of the list lacks one (a first sync), a paged
     * read of the interest gives them all, each page written while the next one is read; when a few
     * lack one (a list that changed a little), those few addresses are asked for, so the calls follow
     * the change rather than the list.
     *
     * <p>Who lacks one: after a run that completed and found every id it asked for, only this run's
     * pushes of contacts that had none (the batches saw each one's id under its lock). Otherwise (a
     * first run, one stopped by a crash, an outage or a busy writer, one Informz did not give every id)
     * every synced state of the list is looked at, unless this run's own pushes already call for
     * reading the interest (a first sync). Looking at them every time cost 6–9 s per 200,000-member
     * list in the nightly check, where nobody lacked one.
     *
     * @return how many of those asked for by address Informz gave no id (a read of the whole interest
     *         counts none)
     */
    private int writeBackSubscriberIds(long listId, String interest, int memberCount, boolean idsWrittenBackBefore,
            Tally tally) {
        int mostToAsk = SubscriberIdReadBack.mostAskedByAddress(memberCount);
        List<Object[]> missing;
        if (tally.pushedWithoutId.tooManyToAskFor()) {
            // More than asking by address would cover: the interest is read, which gives every member
            // its id, whoever else lacks one. A first sync's probe for them read 50,000 states for nothing.
            missing = null;
        } else if (!idsWrittenBackBefore) {
            missing = syncedWithoutId(listId, mostToAsk + 1);
        } else {
            missing = tally.pushedWithoutId.all().orElseGet(() -> syncedWithoutId(listId, mostToAsk + 1));
        }
        if (missing != null && missing.isEmpty()) {
            return 0;
        }
        boolean askByAddress = missing != null && missing.size() <= mostToAsk;
        int notFound = 0;
        BackgroundLane<Integer> writing = new BackgroundLane<>(background);
        if (askByAddress) {
            for (List<Object[]> some : SubscriberIdReadBack.chunks(missing)) {
                long reading = System.nanoTime();
                Map<Integer, Long> ids = SubscriberIdReadBack.byContact(some,
                        informz.subscriberIds(some.stream().map(row -> (String) row[1]).toList()));
                notFound += some.size() - ids.size();
                tally.readBackNanos += System.nanoTime() - reading;
                tally.calls++;
                writing.submit(() -> stateBook.writeSubscriberIds(ids));
            }
        } else {
            InformzPort.SubscriberIdPages pages = informz.subscriberIdsByContact(interest);
            tally.calls++;
            // Two pages in flight, one read here and the next on a background lane, so Informz answers one
            // while this server parses the other; each page's ids are written on a lane of their own
            // while the next two are read (the pages hold different contacts).
            BackgroundLane<Map<Integer, Long>> readingAhead = new BackgroundLane<>(background);
            BackgroundLane<Integer> writingAhead = new BackgroundLane<>(background);
            for (int page = 0; page < pages.pageCount(); page += 2) {
                long reading = System.nanoTime();
                int next = page + 1;
                if (next < pages.pageCount()) {
                    readingAhead.submit(() -> aboutList(listId, () -> pages.page(next)));
                }
                Map<Integer, Long> ids = readHere(pages, page, readingAhead);
                Map<Integer, Long> ahead = readingAhead.awaitPrevious();
                tally.readBackNanos += System.nanoTime() - reading;
                tally.calls += ahead == null ? 1 : 2;
                writing.submit(() -> stateBook.writeSubscriberIds(ids));
                if (ahead != null) {
                    writingAhead.submit(() -> stateBook.writeSubscriberIds(ahead));
                }
            }
            writingAhead.awaitPrevious();
        }
        writing.awaitPrevious();
        return notFound;
    }

    /**
     * Contact id and synced address of the list's synced states whose contact has no subscriber id,
     * at most {@code limit}. Each state probes its contact by key: a plain join let PostgreSQL hash
     * every contact lacking an id (a second per list at 2,000,000 contacts, most lists lacking none).
     * A scalar subquery is never turned into a join, and the limit stops the walk once asking by
     * address would take more calls than reading the interest.
     */
    private List<Object[]> syncedWithoutId(long listId, int limit) {
        List<Object[]> missing = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT s.contact_id, s.last_synced_email FROM contact_list_sync_state s "
                        + "WHERE s.list_id = ? AND s.state = ? "
                        + "AND (SELECT c.informz_subscriber_id FROM contact c WHERE c.id = s.contact_id) IS NULL")
                .setParameter(1, listId)
                .setParameter(2, SyncState.SYNCED.name())
                .setMaxResults(limit)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            missing.add(new Object[] {((Number) columns[0]).intValue(), columns[1]});
        }
        return missing;
    }

    /** A page read on this thread; when it fails, the page read ahead is awaited, not left running behind it. */
    private static Map<Integer, Long> readHere(InformzPort.SubscriberIdPages pages, int page,
            BackgroundLane<Map<Integer, Long>> readingAhead) {
        try {
            return pages.page(page);
        } catch (RuntimeException failure) {
            try {
                readingAhead.awaitPrevious();
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
    }

    /** Runs Informz calls on a background lane, recorded as this list's (as the reconcile's own thread does). */
    private <T> T aboutList(long listId, Supplier<T> calls) {
        informz.about(null, listId);
        try {
            return calls.get();
        } finally {
            informz.forget();
        }
    }

    /**
     * The check against Informz itself, nightly and before a reconcile in doubt: who Informz holds as
     * unsubscribed is recorded and never pushed again, and a record Informz no longer bears out goes
     * ({@link UnsubscribeCheck}); other contacts we think are synced but Informz lacks go back to
     * pending (the reconcile re-adds them); Informz members the CRM does not have on the list are
     * opted out. All in batches that hold their contacts, like the reconcile's own.
     *
     * <p>Memory follows the drift, not the list: the members and the synced contacts are sorted id
     * arrays, and the interest is classified as its pages are read, keeping the current members' ids,
     * the strangers, and the cancelled memberships of synced contacts. Four checks of 200,000-member
     * lists at once, each holding the interest and the synced addresses whole, took the server past
     * 512 MiB.
     */
    private ListSyncRun repairDrift(long listId, String interest, Tally tally, ListSyncRun run) {
        int[] desired = membership.allMemberIds(listId);
        int[] synced = membership.syncedContactIds(listId);
        Map<Integer, InformzPort.Unsubscriber> brandWide = unsubscribes.brandWideByContact();
        IntStream.Builder currentIds = IntStream.builder();
        List<InformzPort.InterestMember> cancelledOfSynced = new ArrayList<>();
        List<InformzPort.Subscriber> strangers = new ArrayList<>();
        informz.forEachMember(interest, member -> {
            Integer contactId = member.contactId();
            if (member.cancelled()) {
                if (contactId != null && Arrays.binarySearch(synced, contactId) >= 0) {
                    cancelledOfSynced.add(member);
                }
                return;
            }
            if (contactId != null) {
                currentIds.add(contactId);
            }
            if ((contactId == null || Arrays.binarySearch(desired, contactId) < 0) && member.email() != null) {
                strangers.add(new InformzPort.Subscriber(contactId == null ? InformzPort.Subscriber.NO_CONTACT : contactId,
                        member.email(), Map.of()));
            }
        });
        tally.calls++;
        int[] inInformz = currentIds.build().sorted().distinct().toArray();

        // Only members that are brand-wide unsubscribers or have a cancelled membership can be found
        // unsubscribed, and only their synced addresses are consulted (UnsubscribeCheck).
        Set<Integer> cancelledContacts = new HashSet<>();
        cancelledOfSynced.forEach(m -> cancelledContacts.add(m.contactId()));
        Set<Integer> candidates = new HashSet<>();
        for (int member : desired) {
            if (brandWide.containsKey(member) || cancelledContacts.contains(member)) {
                candidates.add(member);
            }
        }
        Set<Integer> emailsNeeded = new HashSet<>(candidates);
        emailsNeeded.addAll(cancelledContacts);
        Map<Integer, String> syncedEmail = syncedEmails(listId, emailsNeeded);
        UnsubscribeCheck.Result unsubscribeCheck = UnsubscribeCheck.decide(candidates, syncedEmail,
                id -> Arrays.binarySearch(inInformz, id) >= 0, cancelledOfSynced, brandWide, unsubscribes.recorded(listId));
        Set<Integer> unsubscribed = new HashSet<>();
        unsubscribeCheck.found().forEach(f -> unsubscribed.add(f.contactId()));
        int[] missingInInformz = Arrays.stream(synced)
                .filter(id -> Arrays.binarySearch(inInformz, id) < 0 && !unsubscribed.contains(id)).toArray();
        int size = settings.batchSize();
        int largest = Math.max(Math.max(strangers.size(), missingInInformz.length),
                Math.max(unsubscribeCheck.found().size(), unsubscribeCheck.resubscribed().size()));
        for (int from = 0; from < largest; from += size) {
            int to = from + size;
            ListBatchWriter.DriftRepair repair = new ListBatchWriter.DriftRepair(slice(strangers, from, to),
                    Arrays.copyOfRange(missingInInformz, Math.min(from, missingInInformz.length), Math.min(to, missingInInformz.length)),
                    slice(unsubscribeCheck.found(), from, to), slice(unsubscribeCheck.resubscribed(), from, to));
            run = booked(batchWriter.repair(listId, interest, repair), run, tally);
        }
        return run;
    }

    /** The contacts whose state on the list says synced, ascending. */
    /** The address each of these contacts was synced to the list with, where its state says synced. */
    private Map<Integer, String> syncedEmails(long listId, Collection<Integer> contactIds) {
        Map<Integer, String> emails = new HashMap<>();
        List<Integer> all = new ArrayList<>(contactIds);
        for (int from = 0; from < all.size(); from += 1000) {
            em.createQuery("select s.contactId, s.lastSyncedEmail from ContactListSyncState s "
                            + "where s.listId = :listId and s.state = :synced and s.contactId in :contacts", Object[].class)
                    .setParameter("listId", listId)
                    .setParameter("synced", SyncState.SYNCED)
                    .setParameter("contacts", all.subList(from, Math.min(all.size(), from + 1000)))
                    .getResultList().forEach(row -> emails.put((Integer) row[0], (String) row[1]));
        }
        return emails;
    }

    private static <T> List<T> slice(List<T> all, int from, int to) {
        return all.subList(Math.min(from, all.size()), Math.min(to, all.size()));
    }

    private static ListSyncRun progress(ListSyncRun run, Tally tally) {
        run.progressed(tally.added, tally.removed, tally.duplicate, tally.invalid, tally.noEmail, tally.unsubscribed,
                tally.failed, tally.calls);
        return run;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
