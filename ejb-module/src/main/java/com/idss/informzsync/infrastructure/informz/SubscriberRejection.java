package com.idss.informzsync.infrastructure.informz;

/** A subscriber the client refused to send; the rest of its batch went ahead. Always a permanent problem. */
public record SubscriberRejection(String email, String remoteId, String reason) {

    public FailureKind kind() {
        return FailureKind.PERMANENT;
    }
}
