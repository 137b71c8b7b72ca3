package com.idss.informzsync.infrastructure.informz;

import java.util.Optional;

/**
 * A failed Informz call. Carries what the console needs to show "the XML call that failed": the operation, the
 * Informz fault code and reason when there was one, and the request document with the password redacted.
 */
public abstract sealed class InformzException extends RuntimeException
        permits InformzTransientException, InformzPermanentException, InformzConfigurationException {

    private final String operation;
    private final String faultCode;
    private final String reason;
    private final String redactedRequest;

    InformzException(String operation, String faultCode, String reason, String redactedRequest, Throwable cause) {
        super(operation + " failed" + (faultCode == null ? "" : " with " + faultCode) + ": " + reason, cause);
        this.operation = operation;
        this.faultCode = faultCode;
        this.reason = reason;
        this.redactedRequest = redactedRequest;
    }

    public abstract FailureKind kind();

    public String operation() {
        return operation;
    }

    /** The {@code InformzAAPIFault} code (e.g. {@code ItemNotFoundException}); empty for transport failures. */
    public Optional<String> faultCode() {
        return Optional.ofNullable(faultCode);
    }

    public String reason() {
        return reason;
    }

    /** The request document as sent, password replaced by {@code ***}; empty if nothing was sent. */
    public Optional<String> redactedRequest() {
        return Optional.ofNullable(redactedRequest);
    }

    static InformzException of(FailureKind kind, String operation, String faultCode, String reason,
            String redactedRequest, Throwable cause) {
        return switch (kind) {
            case TRANSIENT -> new InformzTransientException(operation, faultCode, reason, redactedRequest, cause);
            case PERMANENT -> new InformzPermanentException(operation, faultCode, reason, redactedRequest, cause);
            case CONFIGURATION -> new InformzConfigurationException(operation, faultCode, reason, redactedRequest, cause);
        };
    }
}
