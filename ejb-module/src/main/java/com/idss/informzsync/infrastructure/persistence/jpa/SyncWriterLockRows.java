package com.idss.informzsync.infrastructure.persistence.jpa;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Creates the rows of {@code sync_writer_lock} that locks are taken on, each committed on its own, so a
 * holder's transaction never inserts (and a lock row never rolls back with the work it guarded).
 */
@Stateless
public class SyncWriterLockRows {

    /**
     * Rows created by this server since it started, and when the table is next analyzed. PostgreSQL
     * plans the lock statements from the table's statistics; a table that has just grown by a first
     * large sync has none yet (autovacuum comes a minute later, or never where it is off), and each
     * batch's lock then read the whole table: 65 ms a batch at 200,000 rows instead of 1.
     */
    private static final AtomicLong CREATED = new AtomicLong();
    private static final AtomicLong ANALYZE_AT = new AtomicLong(5_000);

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    /** Which of the keys have a row; reads without locking. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Set<String> existing(Collection<String> keys) {
        Set<String> existing = new HashSet<>(keys.size() * 2);
        List<String> all = new ArrayList<>(keys);
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += 1000) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT lock_key FROM sync_writer_lock WHERE lock_key IN (" + placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            existing.add(result.getString(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read sync writer lock rows", e);
        }
        return existing;
    }

    /** Adds the rows that do not exist yet; one created meanwhile by another transaction is left as it is. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(Collection<String> keys) {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            // Neither form touches an existing row, so neither waits for a row lock some holder has on it.
            String sql = postgres ? "INSERT INTO sync_writer_lock (lock_key) VALUES (?) ON CONFLICT DO NOTHING"
                    : "INSERT INTO sync_writer_lock (lock_key) SELECT ? WHERE NOT EXISTS "
                            + "(SELECT 1 FROM sync_writer_lock WHERE lock_key = ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (String key : keys) {
                    insert.setString(1, key);
                    if (!postgres) {
                        insert.setString(2, key);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            long created = CREATED.addAndGet(keys.size());
            long analyzeAt = ANALYZE_AT.get();
            if (postgres && created >= analyzeAt && ANALYZE_AT.compareAndSet(analyzeAt, created * 2)) {
                try (var analyze = connection.createStatement()) {
                    analyze.execute("ANALYZE sync_writer_lock");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create sync writer lock rows", e);
        }
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
