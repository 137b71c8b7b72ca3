package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.contact.DuplicateContacts;
import com.idss.informzsync.domain.contact.DuplicateGroup;
import com.idss.informzsync.domain.contact.EmailClaim;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.sync.InformzCall;
import com.idss.informzsync.domain.sync.InformzCallOutcome;
import com.idss.informzsync.domain.sync.ListSyncRun;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's reads. Every table pages in the database (first/max results plus a count with the
 * same filter) and selects into DTOs; what a page adds per row (sync flags, duplicate status) comes
 * from one more query keyed by the page's ids, never one per row.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConsoleQueries {

    public static final int MAX_PAGE_SIZE = 200;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    ListMembership membership;

    @Inject
    DuplicateContacts duplicates;

    // ---------------------------------------------------------------- dashboard

    public Dashboard dashboard() {
        Map<SyncState, Long> counts = new EnumMap<>(SyncState.class);
        for (Object[] row : em.createQuery("select s.state, count(s) from ContactListSyncState s group by s.state",
                Object[].class).getResultList()) {
            counts.put((SyncState) row[0], (Long) row[1]);
        }
        OffsetDateTime oldestWaiting = em.createQuery("select min(s.updatedAt) from ContactListSyncState s "
                + "where s.state = :pending", OffsetDateTime.class)
                .setParameter("pending", SyncState.PENDING).getSingleResult();
        OffsetDateTime oldestDue = em.createQuery("select min(s.nextAttemptAt) from ContactListSyncState s "
                + "where s.state = :retrying", OffsetDateTime.class)
                .setParameter("retrying", SyncState.RETRYING).getSingleResult();
        RunView nightly = latestRun(em.createQuery("select r from ListSyncRun r where r.trigger = :nightly "
                + "order by r.startedAt desc, r.id desc", ListSyncRun.class)
                .setParameter("nightly", ListSyncRun.Trigger.NIGHTLY));
        return new Dashboard(counts, oldestWaiting, oldestDue, nightly);
    }

    // ---------------------------------------------------------------- contacts

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
        Set<Integer> duplicates = duplicatesAmong(ids);
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
        DuplicateGroupView group = (Boolean) r[11] ? duplicateGroup((String) r[15]).orElse(null) : null;
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

    /** Every list, for checkboxes and filters: lists are tens, not thousands. */
    public List<ListChoice> allLists() {
        return em.createQuery("select new com.idss.informzsync.application.console.ListChoice(l.id, l.name, "
                + "l.syncToInformz, l.active) from DistributionList l order by l.name, l.id", ListChoice.class)
                .getResultList();
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

    // ---------------------------------------------------------------- lists

    public Page<ListRow> searchLists(String text, int first, int size) {
        String pattern = likePattern(text);
        String where = pattern == null ? "" : " where lower(l.name) like :p escape '\\' "
                + "or lower(l.informzInterestName) like :p escape '\\' or lower(l.description) like :p escape '\\'";
        TypedQuery<Long> count = em.createQuery("select count(l) from DistributionList l" + where, Long.class);
        TypedQuery<DistributionList> rows = em.createQuery("select l from DistributionList l" + where
                + " order by l.name, l.id", DistributionList.class);
        if (pattern != null) {
            count.setParameter("p", pattern);
            rows.setParameter("p", pattern);
        }
        List<DistributionList> lists = rows.setFirstResult(first).setMaxResults(bounded(size)).getResultList();
        Map<Long, Long> synced = new HashMap<>();
        Map<Long, Long> problems = new HashMap<>();
        if (!lists.isEmpty()) {
            for (Object[] r : em.createQuery("select s.listId, s.state, count(s) from ContactListSyncState s "
                    + "where s.listId in :ids and s.state in :states group by s.listId, s.state", Object[].class)
                    .setParameter("ids", lists.stream().map(DistributionList::getId).toList())
                    .setParameter("states", List.of(SyncState.SYNCED, SyncState.ERROR, SyncState.RETRYING))
                    .getResultList()) {
                (r[1] == SyncState.SYNCED ? synced : problems).merge((Long) r[0], (Long) r[2], Long::sum);
            }
        }
        List<ListRow> page = lists.stream().map(l -> new ListRow(l.getId(), l.getName(), l.getDescription(),
                l.getInformzInterestName(), l.isSyncToInformz(), l.isActive(), synced.getOrDefault(l.getId(), 0L),
                problems.getOrDefault(l.getId(), 0L))).toList();
        return new Page<>(page, count.getSingleResult(), first, bounded(size));
    }

    public Optional<ListDetail> listDetail(long listId) {
        DistributionList list = em.find(DistributionList.class, listId);
        if (list == null) {
            return Optional.empty();
        }
        List<ListDetail.SavedQueryView> saved = list.getSavedQueries().stream()
                .map(q -> new ListDetail.SavedQueryView(q.getId(), q.getName(), q.getCriteria())).toList();
        return Optional.of(new ListDetail(list.getId(), list.getName(), list.getDescription(),
                list.getInformzInterestName(), list.isSyncToInformz(), list.isActive(), saved));
    }

    public Optional<RunView> latestRunOf(long listId) {
        return Optional.ofNullable(latestRun(em.createQuery("select r from ListSyncRun r where r.listId = :id "
                + "order by r.startedAt desc, r.id desc", ListSyncRun.class).setParameter("id", listId)));
    }

    public long countMembers(long listId) {
        return membership.countMembers(listId);
    }

    /**
     * One keyset page of a list's current members (ascending id after {@code afterId}), with their
     * sync state on this list and whether they are hand-picked or a duplicate.
     */
    public List<MemberRow> members(long listId, Integer afterId, int size) {
        List<Integer> ids = membership.memberIds(listId, afterId, bounded(size));
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Integer, Object[]> contacts = new HashMap<>();
        for (Object[] r : em.createQuery("select c.id, c.firstName, c.lastName, c.email, a.name from Contact c "
                + "left join c.account a where c.id in :ids", Object[].class).setParameter("ids", ids).getResultList()) {
            contacts.put((Integer) r[0], r);
        }
        Map<Integer, Object[]> states = new HashMap<>();
        for (Object[] r : em.createQuery("select s.contactId, s.state, s.message from ContactListSyncState s "
                + "where s.listId = :list and s.contactId in :ids", Object[].class)
                .setParameter("list", listId).setParameter("ids", ids).getResultList()) {
            states.put((Integer) r[0], r);
        }
        Set<Integer> explicit = new HashSet<>(em.createQuery("select m.id from DistributionList l join l.members m "
                + "where l.id = :list and m.id in :ids", Integer.class)
                .setParameter("list", listId).setParameter("ids", ids).getResultList());
        Set<Integer> duplicates = duplicatesAmong(ids);
        List<MemberRow> rows = new ArrayList<>();
        for (Integer id : ids) {
            Object[] c = contacts.get(id);
            Object[] s = states.get(id);
            SyncState state = s == null ? null : (SyncState) s[1];
            rows.add(new MemberRow(id, (String) c[1], (String) c[2], (String) c[3], (String) c[4], state,
                    s == null ? null : (String) s[2], explicit.contains(id),
                    state == SyncState.DUPLICATE || duplicates.contains(id)));
        }
        return rows;
    }

    /** The list's hand-picked contacts, by name, for the editor (hand-picked lists are small). */
    public List<ContactRow> explicitMembers(long listId) {
        List<Object[]> found = em.createQuery("select m.id, m.firstName, m.lastName, m.email, a.name, m.active, "
                + "m.informzSubscriberId from DistributionList l join l.members m left join m.account a "
                + "where l.id = :list order by m.lastName, m.firstName, m.id", Object[].class)
                .setParameter("list", listId).setMaxResults(5_000).getResultList();
        return found.stream().map(r -> new ContactRow((Integer) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (Boolean) r[5], (Long) r[6], false, false, false)).toList();
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

    // ---------------------------------------------------------------- sync errors

    /** What the errors table may be sorted by; user input only ever picks one of these. */
    public enum ErrorSort {
        LAST_ATTEMPT("s.lastAttemptAt"), ATTEMPTS("s.attemptCount"), CONTACT("c.lastName"), LIST("l.name"),
        STATE("s.state");

        private final String path;

        ErrorSort(String path) {
            this.path = path;
        }
    }

    public Page<SyncErrorRow> syncErrors(SyncState onlyState, Long listId, String text, ErrorSort sort, boolean ascending,
            int first, int size) {
        StringBuilder where = new StringBuilder(" where s.state in :states");
        String pattern = likePattern(text);
        if (listId != null) {
            where.append(" and s.listId = :list");
        }
        if (pattern != null) {
            where.append(" and (lower(c.firstName) like :p escape '\\' or lower(c.lastName) like :p escape '\\' "
                    + "or c.emailNormalized like :p escape '\\' or lower(s.message) like :p escape '\\')");
        }
        String from = " from ContactListSyncState s left join Contact c on c.id = s.contactId "
                + "left join DistributionList l on l.id = s.listId";
        TypedQuery<Long> count = em.createQuery("select count(s)" + from + where, Long.class);
        TypedQuery<SyncErrorRow> rows = em.createQuery("select new com.idss.informzsync.application.console.SyncErrorRow("
                + "s.id, s.contactId, c.firstName, c.lastName, c.email, s.listId, l.name, s.state, s.message, "
                + "s.lastAttemptAt, s.attemptCount, s.nextAttemptAt, s.failedCallId)" + from + where
                + " order by " + (sort == null ? ErrorSort.LAST_ATTEMPT : sort).path + (ascending ? " asc" : " desc")
                + ", s.id", SyncErrorRow.class);
        List<SyncState> states = onlyState == null ? List.of(SyncState.ERROR, SyncState.RETRYING) : List.of(onlyState);
        for (TypedQuery<?> q : List.of(count, rows)) {
            q.setParameter("states", states);
            if (listId != null) {
                q.setParameter("list", listId);
            }
            if (pattern != null) {
                q.setParameter("p", pattern);
            }
        }
        return new Page<>(rows.setFirstResult(first).setMaxResults(bounded(size)).getResultList(), count.getSingleResult(),
                first, bounded(size));
    }

    /** The contacts behind the given sync-state rows (to resync a selection). */
    public Set<Integer> contactIdsOfStates(Collection<Long> stateIds) {
        if (stateIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select s.contactId from ContactListSyncState s where s.id in :ids",
                Integer.class).setParameter("ids", List.copyOf(stateIds)).getResultList());
    }

    // ---------------------------------------------------------------- Informz calls

    public Page<CallRow> calls(Integer contactId, Long listId, InformzCallOutcome outcome, int first, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (contactId != null) {
            where.append(" and k.contactId = :contact");
        }
        if (listId != null) {
            where.append(" and k.listId = :list");
        }
        if (outcome != null) {
            where.append(" and k.outcome = :outcome");
        }
        TypedQuery<Long> count = em.createQuery("select count(k) from InformzCall k" + where, Long.class);
        TypedQuery<CallRow> rows = em.createQuery("select new com.idss.informzsync.application.console.CallRow(k.id, "
                + "k.calledAt, k.operation, k.outcome, k.faultCode, k.durationMs, k.contactId, k.listId, l.name) "
                + "from InformzCall k left join DistributionList l on l.id = k.listId" + where
                + " order by k.calledAt desc, k.id desc", CallRow.class);
        for (TypedQuery<?> q : List.of(count, rows)) {
            if (contactId != null) {
                q.setParameter("contact", contactId);
            }
            if (listId != null) {
                q.setParameter("list", listId);
            }
            if (outcome != null) {
                q.setParameter("outcome", outcome);
            }
        }
        return new Page<>(rows.setFirstResult(first).setMaxResults(bounded(size)).getResultList(), count.getSingleResult(),
                first, bounded(size));
    }

    public Optional<CallDetail> call(long callId) {
        InformzCall k = em.find(InformzCall.class, callId);
        if (k == null) {
            return Optional.empty();
        }
        String listName = k.getListId() == null ? null : Optional.ofNullable(em.find(DistributionList.class, k.getListId()))
                .map(DistributionList::getName).orElse(null);
        return Optional.of(new CallDetail(new CallRow(k.getId(), k.getCalledAt(), k.getOperation(), k.getOutcome(),
                k.getFaultCode(), k.getDurationMs(), k.getContactId(), k.getListId(), listName), k.getRequestDocument(),
                k.getResponseDocument()));
    }

    // ---------------------------------------------------------------- duplicates

    /** Duplicate groups, a page at a time (groups are ordered by email). */
    public Page<DuplicateGroupView> duplicateGroups(int first, int size) {
        List<DuplicateGroup> all = duplicates.allGroups();
        List<DuplicateGroup> page = all.subList(Math.min(first, all.size()), Math.min(first + bounded(size), all.size()));
        return new Page<>(views(page), all.size(), first, bounded(size));
    }

    Optional<DuplicateGroupView> duplicateGroup(String email) {
        return duplicates.groupFor(email).map(g -> views(List.of(g)).get(0));
    }

    private List<DuplicateGroupView> views(List<DuplicateGroup> groups) {
        List<Integer> ids = groups.stream().flatMap(g -> g.claims().stream()).map(EmailClaim::contactId).toList();
        Map<Integer, Object[]> contacts = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] r : em.createQuery("select c.id, c.firstName, c.lastName, c.email, a.name, c.createdAt, "
                    + "c.informzSubscriberId from Contact c left join c.account a where c.id in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                contacts.put((Integer) r[0], r);
            }
        }
        List<DuplicateGroupView> views = new ArrayList<>();
        for (DuplicateGroup group : groups) {
            int owner = group.owner().contactId();
            List<DuplicateGroupView.Member> members = group.claims().stream().map(claim -> {
                Object[] c = contacts.get(claim.contactId());
                return new DuplicateGroupView.Member(claim.contactId(), (String) c[1], (String) c[2], (String) c[3],
                        (String) c[4], (OffsetDateTime) c[5], (Long) c[6], claim.contactId() == owner);
            }).toList();
            views.add(new DuplicateGroupView(group.emailNormalized(), owner, members));
        }
        return views;
    }

    // ---------------------------------------------------------------- helpers

    /** Which of these contacts another active contact owns the email of (the Duplicate rule, on this page only). */
    private Set<Integer> duplicatesAmong(List<Integer> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<Object[]> claims = em.createQuery("select c.emailNormalized, c.id, c.informzSubscriberId, c.createdAt "
                + "from Contact c where c.active = true and c.emailNormalized in (select d.emailNormalized from Contact d "
                + "where d.id in :ids and d.emailNormalized is not null)", Object[].class)
                .setParameter("ids", ids).getResultList();
        Map<String, List<EmailClaim>> byEmail = new LinkedHashMap<>();
        for (Object[] r : claims) {
            byEmail.computeIfAbsent((String) r[0], e -> new ArrayList<>())
                    .add(new EmailClaim((Integer) r[1], (Long) r[2], (OffsetDateTime) r[3]));
        }
        Set<Integer> duplicates = new HashSet<>();
        byEmail.forEach((email, group) -> {
            if (group.size() > 1) {
                duplicates.addAll(new DuplicateGroup(email, group).duplicateContactIds());
            }
        });
        duplicates.retainAll(ids);
        return duplicates;
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

    private RunView latestRun(TypedQuery<ListSyncRun> query) {
        List<ListSyncRun> runs = query.setMaxResults(1).getResultList();
        if (runs.isEmpty()) {
            return null;
        }
        ListSyncRun run = runs.get(0);
        DistributionList list = em.find(DistributionList.class, run.getListId());
        return RunView.of(run, list == null ? null : list.getName());
    }

    /** A LIKE pattern for "contains", with the user's %, _ and \ taken literally. */
    static String likePattern(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String escaped = text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static int bounded(int size) {
        return Math.max(1, Math.min(size, MAX_PAGE_SIZE));
    }
}
