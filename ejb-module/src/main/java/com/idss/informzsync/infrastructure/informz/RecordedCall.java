package com.idss.informzsync.infrastructure.informz;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One call as the audit sees it. {@code redactedRequest} is the uncompressed request document with the password
 * replaced by {@code ***}; {@code responseDocument} is the result document (null when none arrived).
 */
public record RecordedCall(String operation, Instant startedAt, Duration duration, String redactedRequest,
        String responseDocument, boolean compressed, InformzException failure) {

    public boolean succeeded() {
        return failure == null;
    }

    public Optional<InformzException> failureIfAny() {
        return Optional.ofNullable(failure);
    }
}
