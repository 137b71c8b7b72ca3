package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.application.sync.SharedInformzConnection;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The one {@code informz_connection} row. Each change is one conditional UPDATE, committed at once:
 * the database orders the changes of nodes that find Informz down or back at the same moment, and
 * the row's {@code changes} count says which is newer.
 */
@Stateless
public class JdbcSharedInformzConnection implements SharedInformzConnection {

    static final int LONGEST_REASON = 1000;

    // Every right-hand side reads the row as it was: "since" is set when it was up, and otherwise
    // only moves earlier (two nodes finding the outage at once may commit in either order).
    private static final String RECORD_DOWN = "UPDATE informz_connection SET "
            + "since = CASE WHEN up OR ? < since THEN ? ELSE since END, "
            + "changes = CASE WHEN up THEN changes + 1 ELSE changes END, "
            + "up = FALSE, reason = ?, changed_by = ? WHERE id = 1";
    private static final String RECORD_UP = "UPDATE informz_connection SET up = TRUE, since = ?, reason = NULL, "
            + "changed_by = ?, changes = changes + 1 WHERE id = 1 AND up = FALSE";
    private static final String READ = "SELECT up, since, reason, changes, changed_by FROM informz_connection WHERE id = 1";

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Recorded read() {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection);
        } catch (SQLException e) {
            throw new Unavailable("could not read the shared Informz connection state", e);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Recorded recordDown(String reason, Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement down = connection.prepareStatement(RECORD_DOWN)) {
            OffsetDateTime since = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
            down.setObject(1, since);
            down.setObject(2, since);
            down.setString(3, bounded(reason));
            down.setString(4, JdbcClusterJobs.nodeName());
            down.executeUpdate();
            return read(connection);
        } catch (SQLException e) {
            throw new Unavailable("could not record that Informz is down", e);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Recorded recordUp(Instant at) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement up = connection.prepareStatement(RECORD_UP)) {
            up.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            up.setString(2, JdbcClusterJobs.nodeName());
            up.executeUpdate();
            return read(connection);
        } catch (SQLException e) {
            throw new Unavailable("could not record that Informz is up", e);
        }
    }

    private static Recorded read(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ); ResultSet row = read.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the informz_connection row is missing (migration V8)");
            }
            InformzConnection state = new InformzConnection(row.getBoolean("up"),
                    row.getObject("since", OffsetDateTime.class).toInstant(), row.getString("reason"));
            return new Recorded(state, row.getLong("changes"), row.getString("changed_by"));
        }
    }

    static String bounded(String reason) {
        if (reason == null || reason.length() <= LONGEST_REASON) {
            return reason;
        }
        int end = LONGEST_REASON - 1;
        if (Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        return reason.substring(0, end) + "…";
    }
}
