package com.idss.informzsync.infrastructure.persistence;

import com.idss.informzsync.application.operations.DatabaseProbe;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lets the message listeners ride out a database restart. A message whose transaction failed is
 * redelivered at once, a bounded number of times, then dead-lettered: while the database is down
 * those attempts would be spent in milliseconds and every message in flight would end on the
 * dead-letter queue. A listener whose message failed first waits here until the database answers
 * again (or the wait runs out), so the next delivery meets a working database.
 */
@Stateless
@LocalBean
@Local(DatabaseProbe.class)
public class DatabaseReachability implements DatabaseProbe {

    /** Under the transaction timeout (300 s), so the failed delivery is still rolled back by the listener. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(Long.getLong("idss.db.outage-wait-seconds", 120));
    private static final Logger LOG = Logger.getLogger(DatabaseReachability.class.getName());

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    /**
     * Returns at once when the database answers (the failure was something else); otherwise checks
     * every second until it does or {@link #LONGEST_WAIT} passes. Outside the caller's transaction,
     * which is marked for rollback already.
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void awaitReachable() {
        if (reachable()) {
            return;
        }
        LOG.warning("The database does not answer: message delivery waits for it (at most " + LONGEST_WAIT.toSeconds() + " s)");
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (reachable()) {
                LOG.info("The database answers again: message delivery resumes");
                return;
            }
        }
    }

    /** Within 2 s. */
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean answers() {
        return reachable();
    }

    private boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
