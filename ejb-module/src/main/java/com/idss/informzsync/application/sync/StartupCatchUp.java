package com.idss.informzsync.application.sync;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * When the application starts, asks again for what a crash may have left unsent. The database is
 * not an XA resource: the CRM change and its sync message commit through the last-resource commit
 * optimisation, so a crash after the database commit and before the transaction log is written
 * keeps the change and loses the message. Redelivery and the broker journal cover every other
 * crash point; this covers that one, so a restart alone converges:
 * <ul>
 * <li>every synced list is reconciled (members added or removed since the last sync reach Informz);</li>
 * <li>every contact saved after its last successful push syncs again (an edit, an email change or
 * a deactivation whose message was lost).</li>
 * </ul>
 * A message that was not lost just makes the sync run twice, which the sync tolerates (it pushes the
 * current state; bursts are coalesced). Nodes of a cluster starting within minutes of each other
 * ({@code idss.sync.catch-up-gap-seconds}, default 300) catch up once ({@link ClusterJobs}).
 */
@Singleton
@Startup
// The schema must be migrated before it is read (the migrations run in the infrastructure's start-up bean).
@DependsOn("DatabaseMigrations")
public class StartupCatchUp {

    private static final Logger LOG = Logger.getLogger(StartupCatchUp.class.getName());

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    Event<AggregateChanged> changes;

    @Inject
    UnpushedEdits unpushedEdits;

    @Inject
    ClusterJobs clusterJobs;

    @PostConstruct
    void catchUp() {
        // Nodes of a cluster starting together catch up once; a node restarting after its own crash always does.
        if (!clusterJobs.claim("startup-catch-up", Duration.ofSeconds(Long.getLong("idss.sync.catch-up-gap-seconds", 300)), true)) {
            LOG.info("Start-up catch-up: another node has just run it");
            return;
        }
        List<Long> lists = em.createQuery("select l.id from DistributionList l where l.syncToInformz = true and l.active = true",
                Long.class).getResultList();
        lists.forEach(id -> changes.fire(new AggregateChanged(AggregateKind.LIST, id, SyncTrigger.STARTUP)));
        int contacts = unpushedEdits.requestSync(SyncTrigger.STARTUP);
        LOG.info(() -> "Start-up catch-up: " + lists.size() + " synced lists to reconcile, " + contacts
                + " contacts saved after their last push to sync again");
    }
}
