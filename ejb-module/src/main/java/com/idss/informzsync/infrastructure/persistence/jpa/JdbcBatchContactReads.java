package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.application.sync.BatchContactReads;
import com.idss.informzsync.application.sync.ListBatchLoader.Candidate;
import com.idss.informzsync.application.sync.SubscriberFields;
import com.idss.informzsync.domain.contact.EmailClaim;
import com.idss.informzsync.infrastructure.persistence.Databases;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * On PostgreSQL one array parameter per statement ({@code = ANY (?)}): the same text for any number
 * of keys, so the server parses and plans it once per connection; elsewhere an {@code IN} list per
 * thousand keys. In the caller's transaction (the container hands out the connection enlisted in it).
 */
@ApplicationScoped
public class JdbcBatchContactReads implements BatchContactReads {

    /** Keys per statement where they are bound one by one: well under any driver's parameter limit. */
    private static final int CHUNK = 1000;

    private static final String CANDIDATES = "SELECT c.id, c.version, c.email, c.email_normalized, c.informz_subscriber_id, "
            + "c.first_name, c.last_name, c.title, a.name, c.phone, c.city, c.state, c.postal_code "
            + "FROM contact c LEFT JOIN account a ON a.id = c.account_id WHERE c.id ";
    private static final String CLAIMS = "SELECT email_normalized, id, informz_subscriber_id, created_at FROM contact "
            + "WHERE active = TRUE AND email_normalized ";

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @Override
    public List<Candidate> candidates(int[] contactIds) {
        List<Candidate> candidates = new ArrayList<>(contactIds.length);
        read(CANDIDATES, "int4", Arrays.stream(contactIds).boxed().toList(), row -> candidates.add(new Candidate(
                row.getInt(1), row.getLong(2), row.getString(3), row.getString(4), nullableLong(row, 5),
                SubscriberFields.fieldsOf(row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                        row.getString(10), row.getString(11), row.getString(12), row.getString(13)))));
        return candidates;
    }

    @Override
    public Map<String, List<EmailClaim>> claimsOn(Collection<String> normalisedEmails) {
        Map<String, List<EmailClaim>> claimsByEmail = new HashMap<>();
        read(CLAIMS, "text", List.copyOf(normalisedEmails), row -> claimsByEmail
                .computeIfAbsent(row.getString(1), email -> new ArrayList<>())
                .add(new EmailClaim(row.getInt(2), nullableLong(row, 3), row.getObject(4, OffsetDateTime.class))));
        return claimsByEmail;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql}, which ends with the key column, for these keys, handing each row to {@code reader}. */
    private void read(String sql, String arrayType, List<?> keys, RowReader reader) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (Databases.isPostgres(connection)) {
                try (PreparedStatement select = connection.prepareStatement(sql + "= ANY (?)")) {
                    select.setArray(1, connection.createArrayOf(arrayType, keys.toArray()));
                    readAll(select, reader);
                }
                return;
            }
            for (int from = 0; from < keys.size(); from += CHUNK) {
                List<?> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
                try (PreparedStatement select = connection.prepareStatement(
                        sql + "IN (" + SyncWriterLockRows.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setObject(i + 1, chunk.get(i));
                    }
                    readAll(select, reader);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the batch's " + keys.size() + " contacts or addresses", e);
        }
    }

    private static void readAll(PreparedStatement select, RowReader reader) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
