package com.idss.informzsync.application.sync;

/** An Informz call that did not succeed, classified for what the sync does next. */
public class InformzFailure extends RuntimeException {

    public enum Kind {
        /** Outage, timeout, 5xx, server-side error: try again later, nothing is wrong with the data. */
        TRANSIENT,
        /** Informz refuses this data (invalid, unknown interest): a person must fix something. */
        PERMANENT,
        /** Credentials, brand or IP allow-list: the integration is down until an admin fixes it. */
        CONFIGURATION
    }

    private final Kind kind;
    private final String faultCode;
    private final Long callId;

    public InformzFailure(Kind kind, String faultCode, String message, Long callId, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.faultCode = faultCode;
        this.callId = callId;
    }

    public Kind kind() {
        return kind;
    }

    /** Informz's fault code, if it sent one. */
    public String faultCode() {
        return faultCode;
    }

    /** The recorded call (audit row) that failed, if it was recorded. */
    public Long callId() {
        return callId;
    }

    /** Informz says an interest named in the call does not exist: it must be created in Informz. */
    public boolean unknownInterest() {
        return kind == Kind.PERMANENT && "ItemNotFoundException".equals(faultCode);
    }

    /** Whether this says anything about Informz being reachable, rather than about the data sent. */
    public boolean connectionProblem() {
        return kind != Kind.PERMANENT;
    }
}
