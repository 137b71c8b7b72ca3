package com.idss.informzsync.infrastructure.informz;

import com.idss.informzsync.domain.sync.InformzCall;
import com.idss.informzsync.domain.sync.InformzCallOutcome;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.ZoneOffset;

/**
 * Stores each Informz call for the audit. A failed call is stored in a transaction of its own: it is
 * exactly what must survive the rollback of the sync that made it. A contact sync's successful call
 * may instead be stored with the sync's own commit ({@link #recordWithCaller}).
 */
@Stateless
public class InformzCallLog {

    /** Successful calls keep a head of their documents: enough to read, cheap for 500-subscriber batches. */
    static final int SUCCESS_DOCUMENT_LIMIT = 16 * 1024;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

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

    private long store(RecordedCall call, Integer contactId, Long listId) {
        int limit = call.succeeded() ? SUCCESS_DOCUMENT_LIMIT : InformzCall.MAX_DOCUMENT_LENGTH;
        InformzCall row = new InformzCall(call.startedAt().atOffset(ZoneOffset.UTC), call.operation(),
                truncate(call.redactedRequest(), limit), truncate(call.responseDocument(), limit),
                call.duration().toMillis(), outcomeOf(call), call.failureIfAny().flatMap(f -> f.faultCode()).orElse(null),
                contactId, listId);
        em.persist(row);
        em.flush();
        return row.getId();
    }

    static InformzCallOutcome outcomeOf(RecordedCall call) {
        if (call.succeeded()) {
            return InformzCallOutcome.SUCCESS;
        }
        return call.failure().faultCode().isPresent() ? InformzCallOutcome.FAULT : InformzCallOutcome.TRANSPORT_ERROR;
    }

    static String truncate(String document, int limit) {
        if (document == null || document.length() <= limit) {
            return document;
        }
        String marker = "\n<!-- truncated: " + document.length() + " characters in all -->";
        return document.substring(0, limit - marker.length()) + marker;
    }
}
