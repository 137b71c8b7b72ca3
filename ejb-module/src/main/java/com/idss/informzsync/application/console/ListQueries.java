package com.idss.informzsync.application.console;

import static com.idss.informzsync.application.console.ConsoleReads.bounded;
import static com.idss.informzsync.application.console.ConsoleReads.latestRun;
import static com.idss.informzsync.application.console.ConsoleReads.likePattern;

import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The reads of the lists table and the list page: search, the list, its latest run and a keyset page of members. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ListQueries {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    ListMembership membership;

    @Inject
    DuplicateQueries duplicateQueries;

    /** Every list, for checkboxes and filters: lists are tens, not thousands. */
    public List<ListChoice> allLists() {
        return em.createQuery("select new com.idss.informzsync.application.console.ListChoice(l.id, l.name, "
                + "l.syncToInformz, l.active) from DistributionList l order by l.name, l.id", ListChoice.class)
                .getResultList();
    }

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
        return Optional.ofNullable(latestRun(em, em.createQuery("select r from ListSyncRun r where r.listId = :id "
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
        Set<Integer> duplicates = duplicateQueries.duplicatesAmong(ids);
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
}
