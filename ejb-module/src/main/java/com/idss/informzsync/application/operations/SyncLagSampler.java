package com.idss.informzsync.application.operations;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;

/**
 * Writes down the sync lag this node sees at the start of every minute, for the dashboard's chart.
 * Every node samples (the timer is not persistent); the chart takes the worst per minute.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class SyncLagSampler {

    static final Duration KEPT = Duration.ofDays(7);
    private static final Logger LOG = Logger.getLogger(SyncLagSampler.class.getName());
    private static final String NODE = System.getProperty("jboss.node.name", "node");

    @Resource
    TimerService timers;

    @Resource
    SessionContext context;

    @Inject
    OperationsView operations;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @PostConstruct
    void start() {
        timers.createCalendarTimer(new ScheduleExpression().hour("*").minute("*").second("0"),
                new TimerConfig("sync-lag-sample", false));
    }

    @Timeout
    void sample() {
        try {
            OffsetDateTime minute = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
            long lag = operations.backlog().lag().toSeconds();
            int updated = em.createNativeQuery("UPDATE sync_lag_sample SET lag_seconds = ? WHERE sampled_at = ? AND node = ?")
                    .setParameter(1, lag).setParameter(2, minute).setParameter(3, NODE).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO sync_lag_sample (sampled_at, node, lag_seconds) VALUES (?, ?, ?)")
                        .setParameter(1, minute).setParameter(2, NODE).setParameter(3, lag).executeUpdate();
            }
            em.createNativeQuery("DELETE FROM sync_lag_sample WHERE sampled_at < ?")
                    .setParameter(1, minute.minus(KEPT)).executeUpdate();
        } catch (RuntimeException e) { // a minute without a sample is a gap in the chart, not an outage
            LOG.fine(() -> "No sync lag sample this minute: " + e);
            context.setRollbackOnly();
        }
    }
}
