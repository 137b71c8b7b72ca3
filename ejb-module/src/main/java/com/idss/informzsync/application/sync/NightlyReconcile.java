package com.idss.informzsync.application.sync;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Every night, each synced list is reconciled against Informz itself (its subscriber_interests),
 * repairing drift, and every contact saved after its last push syncs again (an edit whose message
 * was lost, as at start-up). The time is the server setting {@code idss.sync.nightly-at} (HH:mm,
 * server time, default 03:00). The timer is not persistent: it is set again at each start, on every
 * node, and one node per night runs the check ({@link ClusterJobs}).
 */
@Singleton
@Startup
public class NightlyReconcile {

    private static final Logger LOG = Logger.getLogger(NightlyReconcile.class.getName());

    @Resource
    TimerService timers;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    Event<AggregateChanged> changes;

    @Inject
    UnpushedEdits unpushedEdits;

    @Inject
    ClusterJobs clusterJobs;

    @PostConstruct
    void schedule() {
        String[] at = System.getProperty("idss.sync.nightly-at", "03:00").split(":");
        ScheduleExpression nightly = new ScheduleExpression().hour(at[0].trim()).minute(at[1].trim()).second(0);
        timers.createCalendarTimer(nightly, new TimerConfig("nightly-reconcile", false));
        LOG.info(() -> "Nightly reconcile of synced lists at " + String.join(":", at));
    }

    /** Every node's timer fires; the first to claim the night runs it for the cluster. */
    @Timeout
    void nightly() {
        if (clusterJobs.claim("nightly-reconcile", Duration.ofHours(12), false)) {
            requestNightlyChecks();
        } else {
            LOG.info("Nightly reconcile: another node runs it tonight");
        }
    }

    /** What the timer asks for each night (public for operators, and tests). */
    public void requestNightlyChecks() {
        int lists = requestForEverySyncedList();
        int contacts = unpushedEdits.requestSync(SyncTrigger.NIGHTLY);
        LOG.info(() -> "Nightly reconcile requested for " + lists + " lists and " + contacts
                + " contacts saved after their last push");
    }

    /** Puts one nightly reconcile per synced list on the sync queue. */
    public int requestForEverySyncedList() {
        var listIds = em.createQuery("select l.id from DistributionList l where l.syncToInformz = true and l.active = true",
                Long.class).getResultList();
        listIds.forEach(this::requestFor);
        return listIds.size();
    }

    /** The nightly check of one list, now (for operators, and tests). */
    public void requestFor(long listId) {
        changes.fire(new AggregateChanged(AggregateKind.LIST, listId, SyncTrigger.NIGHTLY));
    }
}
