package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.application.sync.BatchContactReads;
import com.idss.informzsync.application.sync.ListBatchLoader.Candidate;
import com.idss.informzsync.application.sync.SubscriberFields;
import com.idss.informzsync.domain.contact.EmailClaim;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
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
 * The batch's reads as {@link KeyedSelect}s, in the caller's transaction (the container hands out the
 * connection enlisted in it).
 */
@ApplicationScoped
public class JdbcBatchContactReads implements BatchContactReads {

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

    /** Runs {@code sql}, which ends with the key column, for these keys, handing each row to {@code reader}. */
    private void read(String sql, String arrayType, List<?> keys, KeyedSelect.RowReader reader) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            KeyedSelect.forKeys(connection, sql, List.of(), arrayType, keys, reader);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the batch's " + keys.size() + " contacts or addresses", e);
        }
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
