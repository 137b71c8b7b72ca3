package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SubscriberIdWrites;
import com.idss.informzsync.domain.sync.SyncStateInserts;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes sync outcomes into the per contact-and-list sync state, which the console reads. */
@Stateless
public class SyncStateBook {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    SyncStateInserts inserts;

    @Inject
    SubscriberIdWrites subscriberIds;

    @Inject
    Event<ListSyncRunFinished> runsFinished;

    /**
     * In the caller's transaction: a contact sync commits its states with the message.
     *
     * @param statesByList the contact's states as the caller read them in this transaction (managed)
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordForContact(int contactId, Map<Long, SyncOutcome> outcomeByList, Map<Long, ContactListSyncState> statesByList) {
        if (outcomeByList.isEmpty()) {
            return;
        }
        Map<Long, ContactListSyncState> existing = new HashMap<>(statesByList);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        outcomeByList.forEach((listId, outcome) -> apply(outcome,
                existing.computeIfAbsent(listId, id -> persistNew(contactId, id)), now));
    }

    /**
     * In the caller's transaction: a list batch books what Informz answered with the work itself,
     * while it holds the batch's contacts, so no other writer's state can come in between.
     *
     * @param existing the batch's states on the list, as the caller read them under the locks (managed);
     *                 a contact without one gets a new row, inserted in bulk
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordListBatch(long listId, Map<Integer, SyncOutcome> outcomeByContact,
            Map<Integer, ContactListSyncState> existing) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<ContactListSyncState> fresh = new ArrayList<>();
        outcomeByContact.forEach((contactId, outcome) -> {
            ContactListSyncState current = existing.get(contactId);
            if (current == null) {
                ContactListSyncState state = new ContactListSyncState(contactId, listId);
                apply(outcome, state, now);
                fresh.add(state);
            } else {
                apply(outcome, current, now);
            }
        });
        inserts.insert(fresh);
    }

    /** The contacts' states on the list, managed in the caller's transaction, by contact id. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Map<Integer, ContactListSyncState> statesOf(long listId, int[] contactIds) {
        Map<Integer, ContactListSyncState> states = new HashMap<>(contactIds.length * 2);
        if (contactIds.length > 0) {
            statesOf(listId, Arrays.stream(contactIds).boxed().toList()).forEach(s -> states.put(s.getContactId(), s));
        }
        return states;
    }

    /**
     * Whether the list's latest run completed with nothing to say, its id write-back included: one
     * stopped by a crash, an outage or a busy writer (or none at all), or one that says some synced
     * contacts are still without an id, may have left synced contacts without their id.
     */
    public boolean lastRunWroteBackEveryId(long listId) {
        return em.createQuery("select r from ListSyncRun r where r.listId = :listId "
                        + "order by r.startedAt desc, r.id desc", ListSyncRun.class)
                .setParameter("listId", listId)
                .setMaxResults(1)
                .getResultList()
                .stream().findFirst()
                .map(run -> run.getStatus() == ListSyncRun.Status.COMPLETED && run.getMessage() == null)
                .orElse(false);
    }

    /** Starts a list sync run and returns it, committed, so the console sees it at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ListSyncRun startRun(long listId, ListSyncRun.Trigger trigger) {
        ListSyncRun run = new ListSyncRun(listId, trigger, OffsetDateTime.now(ZoneOffset.UTC));
        em.persist(run);
        em.flush();
        return run;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ListSyncRun saveRun(ListSyncRun run) {
        ListSyncRun saved = em.merge(run);
        if (saved.getFinishedAt() != null) {
            runsFinished.fire(ListSyncRunFinished.of(saved));
        }
        return saved;
    }

    /** Writes Informz subscriber ids onto contacts, a page of them in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int writeSubscriberIds(Map<Integer, Long> subscriberIdByContact) {
        return subscriberIds.write(subscriberIdByContact);
    }

    /**
     * One probe of the (contact, list) key per contact. "list_id + 0" keeps the planner off the index
     * that starts with list_id: without fresh statistics (a list's states are written batch by batch)
     * PostgreSQL walked the whole list's states for every batch, which made a 100,000-contact sync
     * spend most of its time here.
     */
    private List<ContactListSyncState> statesOf(long listId, Collection<Integer> contactIds) {
        return em.createQuery("select s from ContactListSyncState s where s.contactId in :ids and s.listId + 0 = :listId",
                        ContactListSyncState.class)
                .setParameter("listId", listId)
                .setParameter("ids", contactIds)
                .getResultList();
    }

    private ContactListSyncState persistNew(int contactId, long listId) {
        ContactListSyncState state = new ContactListSyncState(contactId, listId);
        em.persist(state);
        return state;
    }

    private static void apply(SyncOutcome outcome, ContactListSyncState state, OffsetDateTime now) {
        if (outcome.attempted()) {
            state.attemptStarted(now);
        }
        switch (outcome.state()) {
            case SYNCED -> state.synced(now, outcome.email(), outcome.pushedContactVersion());
            case REMOVED -> state.removed(now);
            case ERROR -> state.failed(outcome.message(), outcome.failedCallId());
            case RETRYING -> {
                state.retryAt(outcome.nextAttemptAt(), outcome.message(), outcome.failedCallId());
                if (outcome.email() != null) {
                    state.possiblyPushed(outcome.email());
                }
            }
            case DUPLICATE -> state.duplicateOf(outcome.duplicateOf(), outcome.message());
            default -> state.markAs(outcome.state(), outcome.message());
        }
    }
}
