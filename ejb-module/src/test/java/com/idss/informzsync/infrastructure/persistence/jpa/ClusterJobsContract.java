package com.idss.informzsync.infrastructure.persistence.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The nightly reconcile and the start-up catch-up run once per cluster: each node's timer or start
 * asks {@link JdbcClusterJobs#claim}, and the database lets one node have each turn.
 */
abstract class ClusterJobsContract {

    private static final Duration NIGHT = Duration.ofHours(12);

    private final TestDatabase database;

    ClusterJobsContract(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** Asks as node {@code node} would (WildFly's jboss.node.name), on a connection of its own. */
    private boolean claimAs(String node, String job, boolean sameNodeMayRepeat) {
        JdbcClusterJobs jobs = new JdbcClusterJobs() {
            @Override
            String currentNodeName() {
                return node;
            }
        };
        jobs.dataSource = database.dataSource();
        return jobs.claim(job, NIGHT, sameNodeMayRepeat);
    }

    @Test
    void ofTwoNodesAskingAtTheSameMomentExactlyOneRunsTheNight() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            // Each asks on its own connection, so the database, not this test, orders them.
            List<Callable<Boolean>> asks = List.of(() -> claimOnOwnConnection("node-1", together),
                    () -> claimOnOwnConnection("node-2", together));
            int winners = 0;
            for (Future<Boolean> ask : nodes.invokeAll(asks)) {
                winners += ask.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            nodes.shutdownNow();
        }
    }

    private boolean claimOnOwnConnection(String node, CyclicBarrier together) throws Exception {
        together.await();
        return claimAs(node, "nightly-reconcile", false);
    }

    @Test
    void whenTheOtherNodeIsDeadTheOneLeftRunsTheNight() {
        assertTrue(claimAs("node-2", "nightly-reconcile", false), "node 1 died before its time: node 2 alone asks");
        assertFalse(claimAs("node-2", "nightly-reconcile", false), "and runs it once");
    }

    @Test
    void theNextNightIsAnotherTurn() throws SQLException {
        assertTrue(claimAs("node-1", "nightly-reconcile", false));
        assertFalse(claimAs("node-2", "nightly-reconcile", false));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE cluster_job SET last_started_at = CURRENT_TIMESTAMP - INTERVAL '13' HOUR "
                    + "WHERE job = 'nightly-reconcile'");
        }
        assertTrue(claimAs("node-2", "nightly-reconcile", false));
        assertFalse(claimAs("node-1", "nightly-reconcile", false));
    }

    @Test
    void aNodeRestartingAfterItsOwnCrashCatchesUpAgainButTheOtherDoesNot() {
        assertTrue(claimAs("node-1", "startup-catch-up", true));
        assertFalse(claimAs("node-2", "startup-catch-up", true), "node 2 starting together with node 1");
        assertTrue(claimAs("node-1", "startup-catch-up", true), "node 1 restarting after its crash");
    }
}
