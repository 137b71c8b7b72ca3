package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.infrastructure.persistence.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * A select for many keys at once, past the entity manager. On PostgreSQL one array parameter
 * ({@code = ANY (?)}): the same text for any number of keys, so the server parses and plans it once
 * per connection; elsewhere an {@code IN} list per thousand keys. JPQL's {@code IN :ids} with
 * hundreds of keys made EclipseLink build, print and bind a new statement for every batch.
 */
final class KeyedSelect {

    /** Keys per statement where they are bound one by one: well under any driver's parameter limit. */
    private static final int CHUNK = 1000;

    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private KeyedSelect() {
    }

    /**
     * Runs {@code sql}, which ends with the key column ({@code "… WHERE c.id "}), for these keys,
     * after the leading parameters, handing each row to {@code reader}.
     *
     * @param arrayType the keys' PostgreSQL type ({@code int4}, {@code text})
     */
    static void forKeys(Connection connection, String sql, List<?> leading, String arrayType, List<?> keys,
            RowReader reader) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        if (Databases.isPostgres(connection)) {
            // On the driver's own connection (the same one, in the same transaction): the pool's wrappers
            // take and release a lock for every column read: a third of a batch's reading (8.2 % of a
            // full sync's samples went to 5.2 %).
            Connection driver = (Connection) connection.unwrap(PGConnection.class);
            try (PreparedStatement select = driver.prepareStatement(sql + "= ANY (?)")) {
                int parameter = bind(select, leading);
                select.setArray(parameter, driver.createArrayOf(arrayType, keys.toArray()));
                readAll(select, reader);
            }
            return;
        }
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<?> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            try (PreparedStatement select = connection.prepareStatement(
                    sql + "IN (" + SyncWriterLockRows.placeholders(chunk.size()) + ")")) {
                int parameter = bind(select, leading);
                for (Object key : chunk) {
                    select.setObject(parameter++, key);
                }
                readAll(select, reader);
            }
        }
    }

    /** Binds the leading parameters; returns the next parameter's index. */
    private static int bind(PreparedStatement select, List<?> leading) throws SQLException {
        int parameter = 1;
        for (Object value : leading) {
            select.setObject(parameter++, value);
        }
        return parameter;
    }

    private static void readAll(PreparedStatement select, RowReader reader) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
