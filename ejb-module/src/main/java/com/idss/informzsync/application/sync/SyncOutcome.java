package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;

/** What one sync attempt concluded about one contact on one list, to be written to its sync state. */
public record SyncOutcome(SyncState state, String email, String message, Long failedCallId, OffsetDateTime nextAttemptAt) {

    public static SyncOutcome synced(String email) {
        return new SyncOutcome(SyncState.SYNCED, email, null, null, null);
    }

    public static SyncOutcome removed() {
        return new SyncOutcome(SyncState.REMOVED, null, null, null, null);
    }

    public static SyncOutcome excluded(SyncState state, String why) {
        return new SyncOutcome(state, null, why, null, null);
    }

    public static SyncOutcome failed(String message, Long failedCallId) {
        return new SyncOutcome(SyncState.ERROR, null, message, failedCallId, null);
    }

    public static SyncOutcome retrying(String message, Long failedCallId, OffsetDateTime nextAttemptAt) {
        return new SyncOutcome(SyncState.RETRYING, null, message, failedCallId, nextAttemptAt);
    }

    /**
     * A push of {@code attemptedEmail} that got no answer: Informz may have applied it (the reply was
     * lost, or the timeout came after the work), so the address counts as possibly on the interest.
     */
    public static SyncOutcome retryingAfterUnansweredPush(String message, Long failedCallId, OffsetDateTime nextAttemptAt,
            String attemptedEmail) {
        return new SyncOutcome(SyncState.RETRYING, attemptedEmail, message, failedCallId, nextAttemptAt);
    }

    public static SyncOutcome pending(String why) {
        return new SyncOutcome(SyncState.PENDING, null, why, null, null);
    }

    /** Whether the outcome came from an Informz call (and so counts as an attempt). */
    boolean attempted() {
        return state == SyncState.SYNCED || state == SyncState.REMOVED || state == SyncState.ERROR
                || state == SyncState.RETRYING;
    }
}
