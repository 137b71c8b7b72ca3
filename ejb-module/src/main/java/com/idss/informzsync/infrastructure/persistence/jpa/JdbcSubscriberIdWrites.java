package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.sync.SubscriberIdWrites;
import com.idss.informzsync.infrastructure.persistence.Databases;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * On PostgreSQL one statement for the whole page (two array parameters), in contact id order, the
 * order the rows lie in; elsewhere one JDBC batch. In the caller's transaction (the container hands
 * out the connection enlisted in it).
 */
@ApplicationScoped
public class JdbcSubscriberIdWrites implements SubscriberIdWrites {

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @Override
    public int write(Map<Integer, Long> subscriberIdByContact) {
        if (subscriberIdByContact.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            return Databases.isPostgres(connection)
                    ? writeAtOnce(connection, subscriberIdByContact)
                    : writeInBatch(connection, subscriberIdByContact);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write Informz subscriber ids", e);
        }
    }

    private static int writeAtOnce(Connection connection, Map<Integer, Long> subscriberIdByContact) throws SQLException {
        Map<Integer, Long> byContact = new TreeMap<>(subscriberIdByContact);
        try (PreparedStatement update = connection.prepareStatement("UPDATE contact c SET informz_subscriber_id = v.subscriber_id "
                + "FROM unnest(?::int[], ?::bigint[]) AS v(contact_id, subscriber_id) "
                + "WHERE c.id = v.contact_id AND c.informz_subscriber_id IS DISTINCT FROM v.subscriber_id")) {
            update.setArray(1, connection.createArrayOf("int4", byContact.keySet().toArray()));
            update.setArray(2, connection.createArrayOf("int8", byContact.values().toArray()));
            return update.executeUpdate();
        }
    }

    private static int writeInBatch(Connection connection, Map<Integer, Long> subscriberIdByContact) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE contact SET informz_subscriber_id = ? "
                + "WHERE id = ? AND (informz_subscriber_id IS NULL OR informz_subscriber_id <> ?)")) {
            int pending = 0;
            int written = 0;
            for (Map.Entry<Integer, Long> entry : subscriberIdByContact.entrySet()) {
                update.setLong(1, entry.getValue());
                update.setInt(2, entry.getKey());
                update.setLong(3, entry.getValue());
                update.addBatch();
                if (++pending == 1000) {
                    written += sum(update.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                written += sum(update.executeBatch());
            }
            return written;
        }
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += Math.max(count, 0);
        }
        return total;
    }
}
