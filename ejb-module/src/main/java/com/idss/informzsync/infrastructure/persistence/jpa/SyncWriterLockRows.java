package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.infrastructure.persistence.Databases;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Creates the rows of {@code sync_writer_lock} that locks are taken on, each committed on its own, so a
 * holder's transaction never inserts (and a lock row never rolls back with the work it guarded).
 */
@Stateless
public class SyncWriterLockRows {

    private static final GrowingTableStatistics STATISTICS = new GrowingTableStatistics("sync_writer_lock");

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
            boolean postgres = Databases.isPostgres(connection);
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
            STATISTICS.added(connection, keys.size());
        } catch (SQLException e) {
            throw new IllegalStateException("could not create sync writer lock rows", e);
        }
    }

    /** Adds the rows of these contacts and of their current addresses that do not exist yet. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createForContacts(int[] contactIds) {
        try (Connection connection = dataSource.getConnection()) {
            int created = Databases.isPostgres(connection)
                    ? createForContactsOnPostgres(connection, contactIds)
                    : createForContactsOnH2(connection, contactIds);
            STATISTICS.added(connection, created);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the sync writer lock rows of " + contactIds.length + " contacts", e);
        }
    }

    /**
     * Array parameters: one statement text, parsed and planned once per connection. ON CONFLICT takes
     * a key twice in one statement as well (two contacts sharing an address), so no UNION has to sort
     * the keys first.
     */
    private static int createForContactsOnPostgres(Connection connection, int[] contactIds) throws SQLException {
        int created = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sync_writer_lock (lock_key) "
                + "SELECT 'c:' || id FROM unnest(?::int[]) AS id UNION ALL "
                + "SELECT 'e:' || email_normalized FROM contact WHERE id = ANY (?) AND email_normalized IS NOT NULL "
                + "ON CONFLICT DO NOTHING")) {
            for (int from = 0; from < contactIds.length; from += 5000) {
                Object[] ids = Arrays.stream(contactIds, from, Math.min(contactIds.length, from + 5000)).boxed().toArray();
                var array = connection.createArrayOf("int4", ids);
                insert.setArray(1, array);
                insert.setArray(2, array);
                created += insert.executeUpdate();
            }
        }
        return created;
    }

    private static int createForContactsOnH2(Connection connection, int[] contactIds) throws SQLException {
        int created = 0;
        for (int from = 0; from < contactIds.length; from += 500) {
            int to = Math.min(contactIds.length, from + 500);
            String ids = placeholders(to - from);
            String sql = "INSERT INTO sync_writer_lock (lock_key) SELECT k.lock_key FROM ("
                    + "SELECT 'c:' || id AS lock_key FROM contact WHERE id IN (" + ids + ") UNION "
                    + "SELECT 'e:' || email_normalized FROM contact WHERE id IN (" + ids + ") AND email_normalized IS NOT NULL) k "
                    + "WHERE NOT EXISTS (SELECT 1 FROM sync_writer_lock l WHERE l.lock_key = k.lock_key)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int parameter = 1;
                for (int round = 0; round < 2; round++) {
                    for (int i = from; i < to; i++) {
                        insert.setInt(parameter++, contactIds[i]);
                    }
                }
                created += insert.executeUpdate();
            }
        }
        return created;
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
