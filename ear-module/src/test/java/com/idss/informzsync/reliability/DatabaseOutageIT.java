package com.idss.informzsync.reliability;

import static com.idss.informzsync.it.CrmFixture.unique;
import static com.idss.informzsync.reliability.ReliabilityReport.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.sync.SyncState;
import com.idss.informzsync.it.CrmFixture;
import com.idss.informzsync.it.Deployments;
import com.idss.informzsync.it.SyncRecorder;
import com.idss.informzsync.application.crm.ContactService;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7, PostgreSQL only ({@code -Ppostgresql -Dtest.postgresql=true}): the database is stopped
 * with {@code pg_ctlcluster} while the sync queue holds a backlog, and started again; every change
 * must reach Informz and no sync message may end on the dead-letter queue. The test stops the local
 * cluster, so it needs to run as a user allowed to (root on the build machine).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIf("postgresqlRun")
class DatabaseOutageIT {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(DatabaseOutageIT.class, ReliabilityReport.class, InformzStateView.class);
    }

    /** Decided by the client (the build's flag); inside the server the client's decision stands. */
    static boolean postgresqlRun() {
        return Boolean.getBoolean("test.postgresql") || System.getProperty("jboss.server.base.dir") != null;
    }

    @Inject
    CrmFixture crm;

    @Inject
    SyncRecorder sync;

    @Inject
    ContactService contacts;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/IdssSyncDLQ")
    Queue syncDeadLetters;

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @Test
    void aDatabaseRestartLosesNoMessageAndLeavesNoneStuck() throws Exception {
        assertTrue(onPostgresql(), "-Dtest.postgresql=true, but the server's datasource is not PostgreSQL");
        int downSeconds = setting("database-down-seconds", 10);
        String interest = unique("Reliability Database Restart");
        long listId = crm.syncedList(interest);
        String run = runId();
        Map<Integer, String> emails = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String email = "db" + i + "." + run + "@example.org";
            emails.put(crm.contact("Database", "Restart " + i, email), email);
        }
        // Informz answers slowly, so the queue holds a backlog of sync messages when the database goes away.
        crm.informz().injectDelayedFaultsInCallsMentioning(run, "slow", 1_000, 500);
        for (int contactId : emails.keySet()) {
            contacts.setDistributionLists(contactId, Set.of(listId));
        }
        long stopped = System.nanoTime();
        postgresql("stop");
        try {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(downSeconds)); // the outage itself, not a synchronisation
        } finally {
            postgresql("start");
            crm.informz().clearFaults();
        }
        long restarted = System.nanoTime();
        sync.await("every contact in Informz after the database restart",
                () -> safeCount(listId) == emails.size() && view().activeMembers(interest).containsAll(emails.values()), PATIENCE);
        Duration converge = since(restarted);
        InformzStateView informz = view();
        long applied = emails.values().stream().filter(informz.activeMembers(interest)::contains).count();
        long deadLettered = browseCount(syncDeadLetters);
        ReliabilityReport.row("7. database restart: PostgreSQL down " + downSeconds + " s with a sync backlog", emails.size(),
                applied, informz.duplicatedRecords(emails.values()), converge, deadLettered == 0);
        System.out.printf(Locale.ROOT, "RELIABILITY database down for %.1f s%n", (restarted - stopped) / 1e9);
        assertEquals(emails.size(), applied, "no change lost");
        assertEquals(0, deadLettered, "no sync message stuck on the dead-letter queue");
    }

    private long safeCount(long listId) {
        try {
            return countInState(listId, SyncState.SYNCED);
        } catch (RuntimeException databaseNotBackYet) {
            return -1;
        }
    }

    private boolean onPostgresql() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    private static void postgresql(String action) throws IOException, InterruptedException {
        String[] versions = new java.io.File("/etc/postgresql").list();
        String version = versions == null || versions.length == 0 ? "15" : versions[0];
        Process process = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
                .inheritIO().start();
        assertEquals(0, process.waitFor(), "pg_ctlcluster " + action);
    }

    private InformzStateView view() {
        return new InformzStateView(crm.informz().state());
    }

    private long countInState(long listId, SyncState state) {
        return em.createQuery("select count(s) from ContactListSyncState s where s.listId = :l and s.state = :s", Long.class)
                .setParameter("l", listId).setParameter("s", state).getSingleResult();
    }

    private long browseCount(Queue queue) throws JMSException {
        try (JMSContext jms = connectionFactory.createContext(); QueueBrowser browser = jms.createBrowser(queue)) {
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
