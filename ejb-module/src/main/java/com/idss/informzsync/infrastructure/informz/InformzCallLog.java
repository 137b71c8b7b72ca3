package com.idss.informzsync.infrastructure.informz;

import com.idss.informzsync.domain.sync.InformzCall;
import com.idss.informzsync.domain.sync.InformzCallOutcome;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.eclipse.persistence.sessions.Session;

/**
 * Stores each Informz call for the audit. A failed call is stored in a transaction of its own: it is
 * exactly what must survive the rollback of the sync that made it. A contact sync's successful call
 * may instead be stored with the sync's own commit ({@link #recordWithCaller}).
 */
@Stateless
public class InformzCallLog {

    /** Successful calls keep a head of their documents: enough to read, cheap for 500-subscriber batches. */
    static final int SUCCESS_DOCUMENT_LIMIT = 16 * 1024;

    /** The fault code column's length. */
    private static final int FAULT_CODE_LIMIT = 100;

    private static final String INSERT = "INSERT INTO informz_call (id, called_at, operation, request_document, "
            + "response_document, duration_ms, outcome, fault_code, contact_id, list_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long record(RecordedCall call, Integer contactId, Long listId) {
        return store(call, contactId, listId);
    }

    /**
     * In the caller's transaction: one commit less per contact sync. Should that transaction roll
     * back, its sync message is redelivered, and the repeated call is the one kept.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long recordWithCaller(RecordedCall call, Integer contactId, Long listId) {
        return store(call, contactId, listId);
    }

    /**
     * One plain INSERT on the transaction's connection, its id from the entity's own sequence: persisting
     * and flushing the entity took EclipseLink's whole unit of work for one row, 6 % of the server's time
     * in a full sync.
     */
    private long store(RecordedCall call, Integer contactId, Long listId) {
        int limit = call.succeeded() ? SUCCESS_DOCUMENT_LIMIT : InformzCall.MAX_DOCUMENT_LENGTH;
        long id = ((Number) em.unwrap(Session.class).getNextSequenceNumberValue(InformzCall.class)).longValue();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, id);
            insert.setObject(2, call.startedAt().atOffset(ZoneOffset.UTC));
            insert.setString(3, call.operation());
            insert.setString(4, truncate(call.redactedRequest(), limit));
            insert.setString(5, truncate(call.responseDocument(), limit));
            insert.setLong(6, call.duration().toMillis());
            insert.setString(7, outcomeOf(call).name());
            insert.setString(8, call.failureIfAny().flatMap(f -> f.faultCode()).map(InformzCallLog::faultCodeColumn).orElse(null));
            insert.setObject(9, contactId, Types.INTEGER);
            insert.setObject(10, listId, Types.BIGINT);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the Informz call " + call.operation(), e);
        }
        return id;
    }

    static InformzCallOutcome outcomeOf(RecordedCall call) {
        if (call.succeeded()) {
            return InformzCallOutcome.SUCCESS;
        }
        return call.failure().faultCode().isPresent() ? InformzCallOutcome.FAULT : InformzCallOutcome.TRANSPORT_ERROR;
    }

    /** A fault code is Informz's text: one longer than its column is cut, not refused with the call it explains. */
    private static String faultCodeColumn(String faultCode) {
        return faultCode.length() <= FAULT_CODE_LIMIT ? faultCode : faultCode.substring(0, FAULT_CODE_LIMIT);
    }

    static String truncate(String document, int limit) {
        if (document == null || document.length() <= limit) {
            return document;
        }
        String marker = "\n<!-- truncated: " + document.length() + " characters in all -->";
        return document.substring(0, limit - marker.length()) + marker;
    }
}
