package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.SyncStateInserts;
import com.idss.informzsync.infrastructure.persistence.Databases;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.Session;
import org.postgresql.PGConnection;

/**
 * One statement per call, in the caller's transaction (the container hands out the connection
 * enlisted in it): on PostgreSQL a {@code COPY … FROM STDIN} of the rows as text, elsewhere a JDBC
 * batch. Ids come from EclipseLink's own preallocated sequence blocks, so rows inserted here and
 * entities persisted elsewhere never collide.
 */
@ApplicationScoped
public class JdbcSyncStateInserts implements SyncStateInserts {

    private static final String INSERT = "INSERT INTO contact_list_sync_state (id, contact_id, list_id, state, message, "
            + "failed_call_id, first_attempt_at, last_attempt_at, synced_at, next_attempt_at, attempt_count, "
            + "last_synced_email, duplicate_of, pushed_contact_version, created_at, updated_at, version) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";

    private static final String COPY = "COPY contact_list_sync_state (id, contact_id, list_id, state, message, "
            + "failed_call_id, first_attempt_at, last_attempt_at, synced_at, next_attempt_at, attempt_count, "
            + "last_synced_email, duplicate_of, pushed_contact_version, created_at, updated_at, version) FROM STDIN";

    private static final GrowingTableStatistics STATISTICS = new GrowingTableStatistics("contact_list_sync_state");

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @Override
    public void insert(List<ContactListSyncState> newStates) {
        if (newStates.isEmpty()) {
            return;
        }
        Session session = em.unwrap(Session.class);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            if (Databases.isPostgres(connection)) {
                copy(connection, session, newStates, now);
            } else {
                insertInBatch(connection, session, newStates, now);
            }
            STATISTICS.added(connection, newStates.size());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not store " + newStates.size() + " new sync states", e);
        }
    }

    /**
     * The rows as COPY's text format: PostgreSQL reads a line per row where a multi-row INSERT binds 16
     * parameters a row (in a 100,000-contact sync that INSERT was PostgreSQL's second-largest
     * statement, and executing its JDBC batch 7 % of the server's samples).
     */
    private static void copy(Connection connection, Session session, List<ContactListSyncState> newStates,
            OffsetDateTime now) throws SQLException, IOException {
        CopyRows rows = new CopyRows(newStates.size());
        String created = now.toString();
        for (ContactListSyncState state : newStates) {
            rows.value(((Number) session.getNextSequenceNumberValue(ContactListSyncState.class)).longValue())
                    .value(state.getContactId())
                    .value(state.getListId())
                    .text(state.getState().name())
                    .text(state.getMessage())
                    .value(state.getFailedCallId())
                    .time(state.getFirstAttemptAt())
                    .time(state.getLastAttemptAt())
                    .time(state.getSyncedAt())
                    .time(state.getNextAttemptAt())
                    .value(state.getAttemptCount())
                    .text(state.getLastSyncedEmail())
                    .value(state.getDuplicateOf())
                    .value(state.getPushedContactVersion())
                    .text(created)
                    .text(created)
                    .value(1)
                    .endRow();
        }
        long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, rows.asStream());
        if (copied != newStates.size()) {
            throw new SQLException("COPY stored " + copied + " of " + newStates.size() + " new sync states");
        }
    }

    private static void insertInBatch(Connection connection, Session session, List<ContactListSyncState> newStates,
            OffsetDateTime now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ContactListSyncState state : newStates) {
                insert.setLong(1, ((Number) session.getNextSequenceNumberValue(ContactListSyncState.class)).longValue());
                insert.setInt(2, state.getContactId());
                insert.setLong(3, state.getListId());
                insert.setString(4, state.getState().name());
                insert.setString(5, state.getMessage());
                setLong(insert, 6, state.getFailedCallId());
                setTime(insert, 7, state.getFirstAttemptAt());
                setTime(insert, 8, state.getLastAttemptAt());
                setTime(insert, 9, state.getSyncedAt());
                setTime(insert, 10, state.getNextAttemptAt());
                insert.setInt(11, state.getAttemptCount());
                insert.setString(12, state.getLastSyncedEmail());
                if (state.getDuplicateOf() == null) {
                    insert.setNull(13, Types.INTEGER);
                } else {
                    insert.setInt(13, state.getDuplicateOf());
                }
                setLong(insert, 14, state.getPushedContactVersion());
                setTime(insert, 15, now);
                setTime(insert, 16, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static void setTime(PreparedStatement statement, int index, OffsetDateTime value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value);
        }
    }

    /**
     * Rows in COPY's text format (tab between columns, \N for null, backslash escapes), as UTF-8. A
     * batch books its states at one moment, so its rows share a handful of distinct times: each is
     * turned into text once (ISO 8601 with its offset, which PostgreSQL reads as timestamptz).
     */
    private static final class CopyRows {
        private static final String NULL = "\\N";
        private final StringBuilder text;
        private boolean rowStarted;
        private OffsetDateTime lastTime;
        private String lastTimeText;

        CopyRows(int expectedRows) {
            text = new StringBuilder(expectedRows * 160);
        }

        CopyRows value(Number value) {
            if (value instanceof Long || value instanceof Integer) {
                separate();
                text.append(value.longValue()); // no string per number: a batch writes thousands
                return this;
            }
            return value == null ? raw(NULL) : raw(value.toString());
        }

        CopyRows time(OffsetDateTime value) {
            if (value == null) {
                return raw(NULL);
            }
            if (!value.equals(lastTime)) {
                lastTime = value;
                lastTimeText = value.toString();
            }
            return raw(lastTimeText);
        }

        CopyRows text(String value) {
            if (value == null) {
                return raw(NULL);
            }
            separate();
            int copied = 0;
            for (int i = 0; i < value.length(); i++) {
                String escape = switch (value.charAt(i)) {
                    case '\\' -> "\\\\";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> null;
                };
                if (escape != null) {
                    text.append(value, copied, i).append(escape);
                    copied = i + 1;
                }
            }
            text.append(value, copied, value.length());
            return this;
        }

        private CopyRows raw(String value) {
            separate();
            text.append(value);
            return this;
        }

        private void separate() {
            if (rowStarted) {
                text.append('\t');
            }
            rowStarted = true;
        }

        void endRow() {
            text.append('\n');
            rowStarted = false;
        }

        InputStream asStream() {
            return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
