package com.idss.informzsync.infrastructure.informz;

/** The same document would fail again; the data must change. */
public final class InformzPermanentException extends InformzException {

    InformzPermanentException(String operation, String faultCode, String reason, String redactedRequest, Throwable cause) {
        super(operation, faultCode, reason, redactedRequest, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.PERMANENT;
    }
}
