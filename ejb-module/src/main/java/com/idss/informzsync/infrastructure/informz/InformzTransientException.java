package com.idss.informzsync.infrastructure.informz;

/** Worth retrying later with back-off. */
public final class InformzTransientException extends InformzException {

    InformzTransientException(String operation, String faultCode, String reason, String redactedRequest, Throwable cause) {
        super(operation, faultCode, reason, redactedRequest, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.TRANSIENT;
    }
}
