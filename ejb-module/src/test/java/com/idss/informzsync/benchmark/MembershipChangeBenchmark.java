package com.idss.informzsync.benchmark;

import static com.idss.informzsync.domain.list.query.CriteriaGroup.all;
import static com.idss.informzsync.domain.list.query.Criterion.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.MembershipChange;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.infrastructure.persistence.jpa.JpaListMembership;
import com.idss.informzsync.testsupport.TestDatabase;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How long "membership change since last sync" takes for a query-based list matching 10% of the
 * contacts, with 1% of the last-synced set stale in each direction.
 *
 * <pre>
 * mvn -f ejb-module test -Dtest=MembershipChangeBenchmark -Dgroups=benchmark -DexcludedGroups=none \
 *     -Dbenchmark.sizes=100000,1000000 -Dtest.postgresql=true
 * </pre>
 *
 * Data: contact i belongs to account i % 1000 (even accounts are hotels) and lives in FL when
 * i % 5 == 0; the list's saved query is ACCOUNT_TYPE = HOTEL AND STATE = FL, so exactly the
 * contacts with i % 10 == 0 match. 1% of contacts are inactive (none of them match), 1,000
 * non-matching contacts are explicit members. The SYNCED rows are the desired set minus every
 * 100th member, plus 1,000 contacts that no longer match.
 */
@Tag("benchmark")
class MembershipChangeBenchmark {

    private static final long BUDGET_MILLIS = 3_000;
    private static final int EXPLICIT_MEMBERS = 1_000;
    private static final int STALE_SYNCED = 1_000;
    private static final Path RESULTS = Path.of("target", "benchmark-results.txt");

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (String size : System.getProperty("benchmark.sizes", "100000,1000000").split(",")) {
            runs.add(Arguments.of(TestDatabase.Kind.H2, Integer.parseInt(size.strip())));
            if (TestDatabase.postgresqlEnabled()) {
                runs.add(Arguments.of(TestDatabase.Kind.POSTGRESQL, Integer.parseInt(size.strip())));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} with {1} contacts")
    @MethodSource("runs")
    void membershipChangeWithinBudget(TestDatabase.Kind kind, int contacts) throws Exception {
        try (TestDatabase db = open(kind, contacts)) {
            long loadStart = System.nanoTime();
            long listId = db.inTransaction(em -> {
                DistributionList list = new DistributionList("Benchmark FL hotels", null);
                list.addSavedQuery("FL hotels", all(equalTo(ContactField.ACCOUNT_TYPE, "HOTEL"), equalTo(ContactField.STATE, "FL")));
                em.persist(list);
                em.flush();
                return list.getId();
            });
            int expectedMembers = bulkLoad(db, contacts, listId);
            long loadMillis = millisSince(loadStart);

            long[] timings = new long[4];
            MembershipChange change = null;
            for (int run = 0; run < timings.length; run++) {
                EntityManager em = db.entityManagerFactory().createEntityManager();
                try {
                    long start = System.nanoTime();
                    change = new JpaListMembership(em).changeSinceLastSync(listId);
                    timings[run] = millisSince(start);
                } finally {
                    em.close();
                }
            }
            long countStart = System.nanoTime();
            long members = db.<Long>inTransaction(em -> new JpaListMembership(em).countMembers(listId));
            long countMillis = millisSince(countStart);

            int expectedToAdd = (expectedMembers + 99) / 100;
            assertEquals(expectedMembers, members);
            assertEquals(expectedToAdd, change.toAdd().length);
            assertEquals(STALE_SYNCED, change.toRemove().length);

            long warmBest = Arrays.stream(timings, 1, timings.length).min().orElseThrow();
            String line = String.format("%s %,d contacts, %,d members: change +%,d -%,d in %,d ms cold, %,d ms warm (best of %d);"
                            + " count %,d ms; bulk load %,d ms",
                    kind, contacts, members, change.toAdd().length, change.toRemove().length, timings[0], warmBest,
                    timings.length - 1, countMillis, loadMillis);
            System.out.println("BENCHMARK " + line);
            record(line);
            assertTrue(timings[0] <= BUDGET_MILLIS, line);
        }
    }

    private static TestDatabase open(TestDatabase.Kind kind, int contacts) throws IOException {
        if (kind == TestDatabase.Kind.POSTGRESQL) {
            return TestDatabase.postgresql();
        }
        Path directory = Path.of("target", "benchmark-h2");
        Files.createDirectories(directory);
        try (Stream<Path> old = Files.list(directory)) {
            for (Path file : old.filter(p -> p.getFileName().toString().startsWith("crm-" + contacts + ".")).toList()) {
                Files.delete(file);
            }
        }
        return TestDatabase.h2("jdbc:h2:file:" + directory.toAbsolutePath().resolve("crm-" + contacts));
    }

    /** @return how many contacts should be members */
    private static int bulkLoad(TestDatabase db, int contacts, long listId) throws SQLException {
        OffsetDateTime created = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement account = connection.prepareStatement(
                    "INSERT INTO account (id, name, account_type, city, state, country, active, created_at, updated_at, version)"
                            + " VALUES (?, ?, ?, 'Miami', 'FL', 'US', TRUE, ?, ?, 1)")) {
                for (int a = 0; a < 1000; a++) {
                    account.setLong(1, 1_000_000 + a);
                    account.setString(2, "Account " + a);
                    account.setString(3, a % 2 == 0 ? "HOTEL" : "VENUE");
                    account.setObject(4, created);
                    account.setObject(5, created);
                    account.addBatch();
                }
                account.executeBatch();
            }
            try (PreparedStatement contact = connection.prepareStatement(
                    "INSERT INTO contact (id, email, email_normalized, first_name, last_name, account_id, state, active,"
                            + " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
                for (int i = 1; i <= contacts; i++) {
                    String email = "contact" + i + "@example.com";
                    contact.setInt(1, i);
                    contact.setString(2, email);
                    contact.setString(3, email);
                    contact.setString(4, "First" + i);
                    contact.setString(5, "Last" + i);
                    contact.setLong(6, 1_000_000 + i % 1000);
                    contact.setString(7, i % 5 == 0 ? "FL" : "GA");
                    contact.setBoolean(8, i % 100 != 37);
                    contact.setObject(9, created);
                    contact.setObject(10, created);
                    contact.addBatch();
                    if (i % 10_000 == 0) {
                        contact.executeBatch();
                    }
                }
                contact.executeBatch();
            }
            List<Integer> desired = new ArrayList<>();
            try (PreparedStatement member = connection.prepareStatement(
                    "INSERT INTO distribution_list_member (list_id, contact_id) VALUES (?, ?)")) {
                for (int i = 1, added = 0; added < EXPLICIT_MEMBERS; i += 10) {
                    if (i % 100 != 37) {
                        member.setLong(1, listId);
                        member.setInt(2, i);
                        member.addBatch();
                        desired.add(i);
                        added++;
                    }
                }
                member.executeBatch();
            }
            for (int i = 10; i <= contacts; i += 10) {
                desired.add(i);
            }
            desired.sort(null);
            try (PreparedStatement synced = connection.prepareStatement(
                    "INSERT INTO contact_list_sync_state (id, contact_id, list_id, state, attempt_count, created_at, updated_at,"
                            + " version) VALUES (?, ?, ?, 'SYNCED', 1, ?, ?, 1)")) {
                long id = 1_000_000_000L;
                int batched = 0;
                for (int n = 0; n < desired.size(); n++) {
                    if (n % 100 != 0) {
                        batched = addSynced(synced, ++id, desired.get(n), listId, created, batched);
                    }
                }
                for (int i = 3, stale = 0; stale < STALE_SYNCED; i += 10, stale++) {
                    batched = addSynced(synced, ++id, i, listId, created, batched);
                }
                synced.executeBatch();
            }
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            connection.commit();
            return desired.size();
        }
    }

    private static int addSynced(PreparedStatement synced, long id, int contactId, long listId, OffsetDateTime at, int batched)
            throws SQLException {
        synced.setLong(1, id);
        synced.setInt(2, contactId);
        synced.setLong(3, listId);
        synced.setObject(4, at);
        synced.setObject(5, at);
        synced.addBatch();
        if (++batched % 10_000 == 0) {
            synced.executeBatch();
        }
        return batched;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void record(String line) {
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, OffsetDateTime.now() + " " + line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
