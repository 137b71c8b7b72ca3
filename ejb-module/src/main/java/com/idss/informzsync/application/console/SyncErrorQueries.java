package com.idss.informzsync.application.console;

import static com.idss.informzsync.application.console.ConsoleReads.bounded;
import static com.idss.informzsync.application.console.ConsoleReads.likePattern;

import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The sync errors page: states in error or retrying, filtered, sorted and paged in the database. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SyncErrorQueries {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

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
}
