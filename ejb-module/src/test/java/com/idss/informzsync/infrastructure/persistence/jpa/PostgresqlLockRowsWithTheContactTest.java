package com.idss.informzsync.infrastructure.persistence.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * On PostgreSQL a contact's writer lock rows come with it (migration V13), however it is written, so a
 * first sync of a list finds them; the subscriber-id write-back, which updates every contact of a
 * first sync, creates none. Runs with {@code -Dtest.postgresql=true}.
 */
@EnabledIf("com.idss.informzsync.testsupport.TestDatabase#postgresqlEnabled")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresqlLockRowsWithTheContactTest {

    private TestDatabase db;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void contactsInsertedInOneStatementComeWithTheirRowsAndSharedAddressesOnce() throws SQLException {
        execute("INSERT INTO contact (id, email, email_normalized, first_name, last_name, active, version, created_at, updated_at) "
                + "VALUES (9001, 'Ann@Example.org', 'ann@example.org', 'Ann', 'Import', TRUE, 0, now(), now()), "
                + "(9002, 'ann@example.org ', 'ann@example.org', 'Ann', 'Again', TRUE, 0, now(), now()), "
                + "(9003, NULL, NULL, 'No', 'Email', TRUE, 0, now(), now())");

        assertEquals(Set.of("c:9001", "c:9002", "c:9003", "e:ann@example.org"), lockRows("c:900%", "e:ann@%"));
    }

    @Test
    void aContactSavedThroughJpaComesWithItsRowsAndANewAddressGetsOne() throws SQLException {
        int id = db.inTransaction(em -> {
            Contact contact = new Contact("Bea", "Console", " Bea@Example.ORG ");
            em.persist(contact);
            return contact.getId();
        });
        assertEquals(Set.of("c:" + id, "e:bea@example.org"), lockRows("c:" + id, "e:bea%"));

        db.run(em -> em.find(Contact.class, id).changeEmail("bea.new@example.org"));

        assertEquals(Set.of("c:" + id, "e:bea@example.org", "e:bea.new@example.org"), lockRows("c:" + id, "e:bea%"),
                "the old address's row stays: rows are never deleted");
    }

    @Test
    void theSubscriberIdWriteBackAndOtherEditsCreateNone() throws SQLException {
        execute("INSERT INTO contact (id, email, email_normalized, first_name, last_name, active, version, created_at, updated_at) "
                + "VALUES (9101, 'cy@example.org', 'cy@example.org', 'Cy', 'Synced', TRUE, 0, now(), now())");
        int before = count();

        JdbcSubscriberIdWrites writes = new JdbcSubscriberIdWrites();
        writes.dataSource = db.dataSource();
        assertEquals(1, writes.write(java.util.Map.of(9101, 77L)));
        execute("UPDATE contact SET last_name = 'Edited', email_normalized = email_normalized WHERE id = 9101");

        assertEquals(before, count());
    }

    @Test
    void aRowMissingAfterACrashEmptiedTheTableIsCreatedAsItIsLocked() throws SQLException {
        // The unlogged table after a crash: empty. A holder creates what it misses (JdbcSyncWriterLocks).
        execute("INSERT INTO contact (id, email, email_normalized, first_name, last_name, active, version, created_at, updated_at) "
                + "VALUES (9201, 'di@example.org', 'di@example.org', 'Di', 'Crash', TRUE, 0, now(), now())");
        execute("DELETE FROM sync_writer_lock WHERE lock_key IN ('c:9201', 'e:di@example.org')");
        SyncWriterLockRows rows = new SyncWriterLockRows();
        rows.dataSource = db.dataSource();
        JdbcSyncWriterLocks locks = new JdbcSyncWriterLocks();
        locks.dataSource = db.dataSource();
        locks.rows = rows;

        locks.prepare(new int[] {9201});

        assertEquals(Set.of("c:9201", "e:di@example.org"), lockRows("c:9201", "e:di@%"));
        assertTrue(locks.tryHoldContact(9201));
    }

    private Set<String> lockRows(String contactPattern, String addressPattern) throws SQLException {
        Set<String> keys = new TreeSet<>();
        try (Connection connection = db.dataSource().getConnection();
             var select = connection.prepareStatement("SELECT lock_key FROM sync_writer_lock WHERE lock_key LIKE ? OR lock_key LIKE ?")) {
            select.setString(1, contactPattern);
            select.setString(2, addressPattern);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    keys.add(result.getString(1));
                }
            }
        }
        return keys;
    }

    private int count() throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM sync_writer_lock")) {
            result.next();
            return result.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
