package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.SyncStateInserts;
import com.idss.informzsync.infrastructure.persistence.Databases;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.Session;

/**
 * One JDBC batch per call, in the caller's transaction (the container hands out the connection
 * enlisted in it). Ids come from EclipseLink's own preallocated sequence blocks, so rows inserted
 * here and entities persisted elsewhere never collide.
 */
@ApplicationScoped
public class JdbcSyncStateInserts implements SyncStateInserts {

    private static final String INSERT = "INSERT INTO contact_list_sync_state (id, contact_id, list_id, state, message, "
            + "failed_call_id, first_attempt_at, last_attempt_at, synced_at, next_attempt_at, attempt_count, "
            + "last_synced_email, duplicate_of, pushed_contact_version, created_at, updated_at, version) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)";

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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            Timestamps times = new Timestamps(insert, Databases.isPostgres(connection));
            for (ContactListSyncState state : newStates) {
                insert.setLong(1, ((Number) session.getNextSequenceNumberValue(ContactListSyncState.class)).longValue());
                insert.setInt(2, state.getContactId());
                insert.setLong(3, state.getListId());
                insert.setString(4, state.getState().name());
                insert.setString(5, state.getMessage());
                setLong(insert, 6, state.getFailedCallId());
                times.set(7, state.getFirstAttemptAt());
                times.set(8, state.getLastAttemptAt());
                times.set(9, state.getSyncedAt());
                times.set(10, state.getNextAttemptAt());
                insert.setInt(11, state.getAttemptCount());
                insert.setString(12, state.getLastSyncedEmail());
                if (state.getDuplicateOf() == null) {
                    insert.setNull(13, Types.INTEGER);
                } else {
                    insert.setInt(13, state.getDuplicateOf());
                }
                setLong(insert, 14, state.getPushedContactVersion());
                times.set(15, now);
                times.set(16, now);
                insert.addBatch();
            }
            insert.executeBatch();
            STATISTICS.added(connection, newStates.size());
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + newStates.size() + " new sync states", e);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /**
     * Sets timestamp parameters. A batch books its states at one moment, so its rows share a handful of
     * distinct times; on PostgreSQL each is turned into text once and passed untyped (the column's type
     * reads it), where the driver would format the same time again for every row and column.
     */
    private static final class Timestamps {
        private final PreparedStatement statement;
        private final boolean asText;
        private OffsetDateTime lastTime;
        private String lastText;

        Timestamps(PreparedStatement statement, boolean asText) {
            this.statement = statement;
            this.asText = asText;
        }

        void set(int index, OffsetDateTime value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else if (!asText) {
                statement.setObject(index, value);
            } else {
                if (!value.equals(lastTime)) {
                    lastTime = value;
                    lastText = value.toString(); // ISO 8601 with its offset, which PostgreSQL reads as timestamptz
                }
                statement.setObject(index, lastText, Types.OTHER);
            }
        }
    }
}
