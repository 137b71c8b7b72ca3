package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.contact.DuplicateOwnership;
import com.idss.informzsync.domain.contact.EmailAddresses;
import com.idss.informzsync.domain.contact.EmailClaim;
import com.idss.informzsync.domain.contact.EmailProblem;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.MembershipChange;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Reconciles a whole list with its Informz interest: who should be on it now versus who was last
 * synced. Subscribes in batches, opts out who left, explains every exclusion, writes the Informz
 * subscriber IDs back, and records its progress as it goes.
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
    SyncSettings settings;

    @Inject
    jakarta.enterprise.event.Event<AggregateChanged> changes;

    /** A contact as a batch needs it: no entity, no lazy loading. */
    private record Candidate(int id, String email, String emailNormalized, Long subscriberId, Map<String, String> fields) {
    }

    /** Counts kept while the run goes; written to the run after each batch. Times are for the log. */
    private static final class Tally {
        long planNanos;
        long loadNanos;
        long informzNanos;
        long bookkeepingNanos;
        long writeBackNanos;
        int added;
        int removed;
        int duplicate;
        int invalid;
        int noEmail;
        int failed;
        int calls;
    }

    /**
     * @throws InformzFailure when Informz is unreachable or refuses the interest; the run says so and
     *                        the caller schedules another attempt
     */
    public void reconcile(long listId, ListSyncRun.Trigger trigger) {
        DistributionList list = em.find(DistributionList.class, listId);
        if (list == null || !list.isActive() || !list.isSyncToInformz()) {
            return; // Turning sync off or deactivating never empties the Informz group.
        }
        String interest = list.getInformzInterestName();
        ListSyncRun run = stateBook.startRun(listId, trigger);
        Tally tally = new Tally();
        informz.about(null, listId);
        try {
            if (trigger == ListSyncRun.Trigger.NIGHTLY) {
                repairDrift(listId, interest, tally);
            }
            long started = System.nanoTime();
            MembershipChange change = membership.changeSinceLastSync(listId);
            run.planned((int) membership.countMembers(listId), change.toAdd().length, change.toRemove().length);
            run = stateBook.saveRun(run);
            tally.planNanos = System.nanoTime() - started;
            for (int from = 0; from < change.toAdd().length; from += settings.batchSize()) {
                int[] batch = Arrays.copyOfRange(change.toAdd(), from, Math.min(change.toAdd().length, from + settings.batchSize()));
                Map<Integer, SyncOutcome> outcomes = subscribeBatch(listId, interest, batch, tally);
                run = book(listId, outcomes, run, tally);
            }
            for (int from = 0; from < change.toRemove().length; from += settings.batchSize()) {
                int[] batch = Arrays.copyOfRange(change.toRemove(), from, Math.min(change.toRemove().length, from + settings.batchSize()));
                Map<Integer, SyncOutcome> outcomes = optoutBatch(listId, interest, batch, tally);
                run = book(listId, outcomes, run, tally);
            }
            long writeBack = System.nanoTime();
            writeBackSubscriberIds(listId, interest, tally);
            tally.writeBackNanos = System.nanoTime() - writeBack;
            run.finished(ListSyncRun.Status.COMPLETED, now(), null);
            stateBook.saveRun(progress(run, tally));
            LOG.info(() -> String.format("List %d reconciled in %d ms: +%d -%d, %d excluded, %d failed, %d Informz calls; "
                            + "ms spent planning %d, loading %d, in Informz %d, bookkeeping %d, writing back ids %d",
                    listId, (System.nanoTime() - started) / 1_000_000, tally.added, tally.removed,
                    tally.duplicate + tally.invalid + tally.noEmail, tally.failed, tally.calls,
                    tally.planNanos / 1_000_000, tally.loadNanos / 1_000_000, tally.informzNanos / 1_000_000,
                    tally.bookkeepingNanos / 1_000_000, tally.writeBackNanos / 1_000_000));
        } catch (InformzFailure failure) {
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

    private ListSyncRun book(long listId, Map<Integer, SyncOutcome> outcomes, ListSyncRun run, Tally tally) {
        long started = System.nanoTime();
        ListSyncRun saved = stateBook.recordListBatch(listId, outcomes, progress(run, tally));
        tally.bookkeepingNanos += System.nanoTime() - started;
        return saved;
    }

    private Map<Integer, SyncOutcome> subscribeBatch(long listId, String interest, int[] contactIds, Tally tally) {
        long loading = System.nanoTime();
        List<Candidate> candidates = load(contactIds);
        Map<String, EmailClaim> ownerByEmail = ownersOf(candidates);
        tally.loadNanos += System.nanoTime() - loading;
        Map<Integer, SyncOutcome> outcomes = new LinkedHashMap<>();
        Map<Integer, Candidate> toSend = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
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
        optOutEarlierAddresses(listId, interest, toSend, tally);
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
                stateBook.recordListBatch(listId, unanswered, null);
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
    private void optOutEarlierAddresses(long listId, String interest, Map<Integer, Candidate> toSend, Tally tally) {
        List<InformzPort.Subscriber> earlier = new ArrayList<>();
        for (Object[] row : em.createQuery("select s.contactId, s.lastSyncedEmail from ContactListSyncState s "
                        + "where s.listId = :listId and s.contactId in :ids and s.lastSyncedEmail is not null", Object[].class)
                .setParameter("listId", listId)
                .setParameter("ids", List.copyOf(toSend.keySet()))
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
            // Another contact may own one of those addresses now: its own sync puts it back.
            em.createQuery("select c.id from Contact c where c.emailNormalized in :emails and c.active = true", Integer.class)
                    .setParameter("emails", earlier.stream().map(e -> e.email().toLowerCase(java.util.Locale.ROOT)).toList())
                    .getResultList()
                    .forEach(id -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, id)));
        }
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
        }
        tally.removed += outcomes.size();
        return outcomes;
    }

    /** Subscribe does not return Informz's ids: one paged read of the interest gives them all. */
    private void writeBackSubscriberIds(long listId, String interest, Tally tally) {
        long missing = em.createQuery("select count(c) from Contact c, ContactListSyncState s where s.listId = :listId "
                        + "and s.state = :synced and s.contactId = c.id and c.informzSubscriberId is null", Long.class)
                .setParameter("listId", listId)
                .setParameter("synced", SyncState.SYNCED)
                .getSingleResult();
        if (missing == 0) {
            return;
        }
        Map<Integer, Long> subscriberIdByContact = informz.subscriberIdsByContact(interest);
        tally.calls += (subscriberIdByContact.size() + 999) / 1000 + 1;
        stateBook.writeSubscriberIds(subscriberIdByContact);
    }

    /**
     * The nightly check against Informz itself: contacts we think are synced but Informz lacks go
     * back to pending (the reconcile re-adds them; Informz never resubscribes someone who
     * unsubscribed); Informz members the CRM does not have on the list are opted out.
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
                missingInInformz.put(contactId, SyncOutcome.pending("Not in Informz at the nightly check: adding again."));
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
        stateBook.recordListBatch(listId, missingInInformz, null);
    }

    private List<Candidate> load(int[] contactIds) {
        List<Object[]> rows = em.createQuery("select c.id, c.email, c.emailNormalized, c.informzSubscriberId, "
                        + "c.firstName, c.lastName, c.title, a.name, c.phone, c.city, c.state, c.postalCode "
                        + "from Contact c left join c.account a where c.id in :ids", Object[].class)
                .setParameter("ids", Arrays.stream(contactIds).boxed().toList())
                .getResultList();
        List<Candidate> candidates = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            candidates.add(new Candidate((Integer) r[0], (String) r[1], (String) r[2], (Long) r[3],
                    SubscriberFields.fieldsOf((String) r[4], (String) r[5], (String) r[6], (String) r[7],
                            (String) r[8], (String) r[9], (String) r[10], (String) r[11])));
        }
        return candidates;
    }

    /** Owners of the batch's emails that other active contacts share (absent when nobody shares it). */
    private Map<String, EmailClaim> ownersOf(List<Candidate> candidates) {
        List<String> emails = candidates.stream().map(Candidate::emailNormalized).filter(e -> e != null).distinct().toList();
        if (emails.isEmpty()) {
            return Map.of();
        }
        Map<String, List<EmailClaim>> claimsByEmail = new HashMap<>();
        for (Object[] r : em.createQuery("select c.emailNormalized, c.id, c.informzSubscriberId, c.createdAt from Contact c "
                        + "where c.active = true and c.emailNormalized in :emails", Object[].class)
                .setParameter("emails", emails).getResultList()) {
            claimsByEmail.computeIfAbsent((String) r[0], e -> new ArrayList<>())
                    .add(new EmailClaim((Integer) r[1], (Long) r[2], (OffsetDateTime) r[3]));
        }
        Map<String, EmailClaim> owners = new HashMap<>();
        claimsByEmail.forEach((email, claims) -> {
            if (claims.size() > 1) {
                owners.put(email, DuplicateOwnership.owner(claims));
            }
        });
        return owners;
    }

    private static ListSyncRun progress(ListSyncRun run, Tally tally) {
        run.progressed(tally.added, tally.removed, tally.duplicate, tally.invalid, tally.noEmail, tally.failed, tally.calls);
        return run;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
