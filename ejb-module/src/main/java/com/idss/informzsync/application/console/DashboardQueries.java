package com.idss.informzsync.application.console;

import static com.idss.informzsync.application.console.ConsoleReads.latestRun;

import com.idss.informzsync.domain.sync.ListSyncRun;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

/** The dashboard's reads: sync states by count, the oldest waiting work, the last nightly check. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DashboardQueries {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

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
        RunView nightly = latestRun(em, em.createQuery("select r from ListSyncRun r where r.trigger = :nightly "
                + "order by r.startedAt desc, r.id desc", ListSyncRun.class)
                .setParameter("nightly", ListSyncRun.Trigger.NIGHTLY));
        return new Dashboard(counts, oldestWaiting, oldestDue, nightly);
    }
}
