package com.idss.informzsync.domain.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * Audit row for one call to the Informz API, with both documents as exchanged, so a failure can
 * be diagnosed after the fact. Written once, never updated.
 */
@Entity
@Table(name = "informz_call")
public class InformzCall {

    public static final int MAX_DOCUMENT_LENGTH = 1_000_000;

    @Id
    @SequenceGenerator(name = "informz_call_seq", sequenceName = "informz_call_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "informz_call_seq")
    private Long id;

    @NotNull
    @Column(name = "called_at", nullable = false)
    private OffsetDateTime calledAt;

    @NotBlank(message = "an Informz call names its operation")
    @Size(max = 100, message = "operation must be at most 100 characters")
    @Column(name = "operation", length = 100, nullable = false)
    private String operation;

    @Size(max = MAX_DOCUMENT_LENGTH, message = "request document must be at most 1000000 characters")
    @Column(name = "request_document", length = MAX_DOCUMENT_LENGTH)
    private String requestDocument;

    @Size(max = MAX_DOCUMENT_LENGTH, message = "response document must be at most 1000000 characters")
    @Column(name = "response_document", length = MAX_DOCUMENT_LENGTH)
    private String responseDocument;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", length = 20, nullable = false)
    private InformzCallOutcome outcome;

    @Size(max = 100, message = "fault code must be at most 100 characters")
    @Column(name = "fault_code", length = 100)
    private String faultCode;

    @Column(name = "contact_id")
    private Integer contactId;

    @Column(name = "list_id")
    private Long listId;

    protected InformzCall() {
        // for JPA
    }

    public InformzCall(OffsetDateTime calledAt, String operation, String requestDocument, String responseDocument,
            long durationMs, InformzCallOutcome outcome, String faultCode, Integer contactId, Long listId) {
        this.calledAt = calledAt;
        this.operation = operation;
        this.requestDocument = requestDocument;
        this.responseDocument = responseDocument;
        this.durationMs = durationMs;
        this.outcome = outcome;
        this.faultCode = faultCode;
        this.contactId = contactId;
        this.listId = listId;
    }

    public Long getId() {
        return id;
    }

    public OffsetDateTime getCalledAt() {
        return calledAt;
    }

    public String getOperation() {
        return operation;
    }

    public String getRequestDocument() {
        return requestDocument;
    }

    public String getResponseDocument() {
        return responseDocument;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public InformzCallOutcome getOutcome() {
        return outcome;
    }

    public String getFaultCode() {
        return faultCode;
    }

    public Integer getContactId() {
        return contactId;
    }

    public Long getListId() {
        return listId;
    }
}
