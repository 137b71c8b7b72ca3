package com.idss.informzsync.infrastructure.informz;

/** Settings (credentials, brand, allow-listed IP) must be fixed; stop calling until then. */
public final class InformzConfigurationException extends InformzException {

    InformzConfigurationException(String operation, String faultCode, String reason, String redactedRequest, Throwable cause) {
        super(operation, faultCode, reason, redactedRequest, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.CONFIGURATION;
    }
}
