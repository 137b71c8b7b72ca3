package com.idss.informzsync.application.console;

import static com.idss.informzsync.application.console.ConsoleReads.bounded;
import static com.idss.informzsync.application.console.ConsoleReads.likePattern;

import com.idss.informzsync.domain.sync.InformzCallOutcome;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reads of the contacts table and the contact page: search, the record with its duplicate group
 * and what Informz holds as unsubscribed, its sync states, lists and story. A table pages in the
 * database; what a page adds per row comes from one more query keyed by the page's ids.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ContactQueries {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    DuplicateQueries duplicateQueries;

    /** Name or email containing {@code text} (case-insensitive); blank finds everyone. */
    public Page<ContactRow> searchContacts(String text, boolean includeInactive, int first, int size) {
        String where = " where 1 = 1";
        String pattern = likePattern(text);
        if (pattern != null) {
            where += " and (lower(c.firstName) like :p escape '\\' or lower(c.lastName) like :p escape '\\'"
                    + " or c.emailNormalized like :p escape '\\'"
                    + " or lower(concat(concat(c.firstName, ' '), c.lastName)) like :p escape '\\')";
        }
        if (!includeInactive) {
            where += " and c.active <> false";
        }
        TypedQuery<Long> count = em.createQuery("select count(c) from Contact c" + where, Long.class);
        TypedQuery<Object[]> rows = em.createQuery("select c.id, c.firstName, c.lastName, c.email, a.name, c.active, "
                + "c.informzSubscriberId from Contact c left join c.account a" + where
                + " order by c.lastName, c.firstName, c.id", Object[].class);
        if (pattern != null) {
            count.setParameter("p", pattern);
            rows.setParameter("p", pattern);
        }
        List<Object[]> found = rows.setFirstResult(first).setMaxResults(bounded(size)).getResultList();
        List<Integer> ids = found.stream().map(r -> (Integer) r[0]).toList();
        Map<Integer, Set<SyncState>> problems = problemStates(ids);
        Set<Integer> duplicates = duplicateQueries.duplicatesAmong(ids);
        List<ContactRow> page = new ArrayList<>();
        for (Object[] r : found) {
            int id = (Integer) r[0];
            Set<SyncState> states = problems.getOrDefault(id, Set.of());
            page.add(new ContactRow(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4], (Boolean) r[5],
                    (Long) r[6], states.contains(SyncState.ERROR), states.contains(SyncState.RETRYING),
                    states.contains(SyncState.DUPLICATE) || duplicates.contains(id)));
        }
        return new Page<>(page, count.getSingleResult(), first, bounded(size));
    }

    public Optional<ContactDetail> contact(int contactId) {
        List<Object[]> rows = em.createQuery("select c.id, c.firstName, c.lastName, c.title, c.email, c.phone, c.city, "
                + "c.state, c.postalCode, a.id, a.name, c.active, c.informzSubscriberId, c.createdAt, c.updatedAt, "
                + "c.emailNormalized from Contact c left join c.account a where c.id = :id", Object[].class)
                .setParameter("id", contactId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        List<String> tags = em.createQuery("select t from Contact c join c.tags t where c.id = :id order by t", String.class)
                .setParameter("id", contactId).getResultList();
        DuplicateGroupView group = (Boolean) r[11] ? duplicateQueries.duplicateGroup((String) r[15]).orElse(null) : null;
        return Optional.of(new ContactDetail((Integer) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], (String) r[8], (Long) r[9], (String) r[10], tags,
                (Boolean) r[11], (Long) r[12], (OffsetDateTime) r[13], (OffsetDateTime) r[14], group,
                unsubscribeNotices(contactId)));
    }

    /** What Informz holds as unsubscribed for the contact, brand-wide first (as the nightly check recorded it). */
    private List<UnsubscribeNotice> unsubscribeNotices(int contactId) {
        return em.createQuery("select l.name, u.email, u.unsubscribedAt, u.reason from InformzUnsubscribe u "
                        + "left join DistributionList l on l.id = u.listId where u.contactId = :id "
                        + "order by u.id", Object[].class)
                .setParameter("id", contactId).getResultList().stream()
                .map(u -> UnsubscribeNotice.of((String) u[0], (String) u[1], (OffsetDateTime) u[2], (String) u[3]))
                .sorted(Comparator.comparing(notice -> !notice.brandWide()))
                .toList();
    }

    public List<ListSyncStateRow> syncStatesOf(int contactId) {
        return em.createQuery("select new com.idss.informzsync.application.console.ListSyncStateRow(s.listId, l.name, "
                + "s.state, s.message, s.attemptCount, s.firstAttemptAt, s.lastAttemptAt, s.nextAttemptAt, s.syncedAt, "
                + "s.failedCallId) from ContactListSyncState s left join DistributionList l on l.id = s.listId "
                + "where s.contactId = :id order by l.name, s.listId", ListSyncStateRow.class)
                .setParameter("id", contactId).getResultList();
    }

    /** The lists the contact is hand-picked on (the checked boxes of the Distribution Lists tab). */
    public Set<Long> explicitListIdsOf(int contactId) {
        return new HashSet<>(em.createQuery("select l.id from DistributionList l join l.members m where m.id = :id",
                Long.class).setParameter("id", contactId).getResultList());
    }

    /** Accounts for the contact form's menu: active ones, plus the one the contact is on. */
    public List<AccountChoice> accountChoices(Long currentAccountId) {
        return em.createQuery("select new com.idss.informzsync.application.console.AccountChoice(a.id, a.name, a.active) "
                + "from Account a where a.active = true or a.id = :current order by a.name, a.id", AccountChoice.class)
                .setParameter("current", currentAccountId == null ? -1L : currentAccountId)
                .getResultList();
    }

    /** A contact's sync story, newest first: states reached on each list and every Informz call about it. */
    public List<TimelineEntry> timelineOf(int contactId, int maxCalls) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (ListSyncStateRow s : syncStatesOf(contactId)) {
            String list = s.listName() == null ? "list " + s.listId() : s.listName();
            if (s.firstAttemptAt() != null) {
                entries.add(new TimelineEntry(s.firstAttemptAt(), "State", list, "First attempt", null, null, false));
            }
            if (s.syncedAt() != null) {
                entries.add(new TimelineEntry(s.syncedAt(), "State", list,
                        s.state() == SyncState.REMOVED ? "Removed from the Informz interest" : "Synced to Informz",
                        s.state().name(), null, false));
            }
            if (s.lastAttemptAt() != null && s.state() != SyncState.SYNCED && s.state() != SyncState.REMOVED) {
                entries.add(new TimelineEntry(s.lastAttemptAt(), "State", list,
                        "Attempt " + s.attempts() + (s.message() == null ? "" : ": " + s.message()), s.state().name(),
                        s.failedCallId(), s.problem()));
            } else if (s.lastAttemptAt() == null && s.syncedAt() == null) {
                entries.add(new TimelineEntry(null, "State", list, s.message() == null ? "Not attempted" : s.message(),
                        s.state().name(), null, s.problem()));
            }
        }
        List<Object[]> calls = em.createQuery("select k.id, k.calledAt, k.operation, k.outcome, k.faultCode, k.durationMs, "
                + "l.name from InformzCall k left join DistributionList l on l.id = k.listId where k.contactId = :id "
                + "order by k.calledAt desc, k.id desc", Object[].class)
                .setParameter("id", contactId).setMaxResults(maxCalls).getResultList();
        for (Object[] k : calls) {
            InformzCallOutcome outcome = (InformzCallOutcome) k[3];
            entries.add(new TimelineEntry((OffsetDateTime) k[1], "Informz call", (String) k[6],
                    k[2] + " (" + k[5] + " ms)" + (k[4] == null ? "" : ", fault " + k[4]), outcome.name(), (Long) k[0],
                    outcome != InformzCallOutcome.SUCCESS));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder()))
                .reversed());
        return entries;
    }

    public List<ContactRow> contactsById(Collection<Integer> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c.id, c.firstName, c.lastName, c.email, a.name, c.active, c.informzSubscriberId "
                + "from Contact c left join c.account a where c.id in :ids order by c.lastName, c.firstName, c.id",
                Object[].class).setParameter("ids", List.copyOf(ids)).getResultList().stream()
                .map(r -> new ContactRow((Integer) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                        (Boolean) r[5], (Long) r[6], false, false, false)).toList();
    }
    private Map<Integer, Set<SyncState>> problemStates(List<Integer> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select s.contactId, s.state from ContactListSyncState s where s.contactId in :ids "
                + "and s.state in :states", Object[].class)
                .setParameter("ids", ids)
                .setParameter("states", List.of(SyncState.ERROR, SyncState.RETRYING, SyncState.DUPLICATE))
                .getResultList().stream()
                .collect(Collectors.groupingBy(r -> (Integer) r[0], Collectors.mapping(r -> (SyncState) r[1],
                        Collectors.toSet())));
    }
}
