package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;

/**
 * What one sync attempt concluded about one contact on one list, to be written to its sync state.
 *
 * @param pushedContactVersion for {@link SyncState#SYNCED}, the contact's version as the sync read the data it pushed
 */
public record SyncOutcome(SyncState state, String email, String message, Long failedCallId, OffsetDateTime nextAttemptAt,
        Integer duplicateOf, Long pushedContactVersion) {

    public static SyncOutcome synced(String email, long pushedContactVersion) {
        return new SyncOutcome(SyncState.SYNCED, email, null, null, null, null, pushedContactVersion);
    }

    public static SyncOutcome removed() {
        return new SyncOutcome(SyncState.REMOVED, null, null, null, null, null, null);
    }

    /** Not pushed for a reason of the contact's own (no email, an invalid one); a duplicate is {@link #duplicateOf}. */
    public static SyncOutcome excluded(SyncState state, String why) {
        if (state == SyncState.DUPLICATE) {
            throw new IllegalArgumentException("a duplicate names its owner: use duplicateOf");
        }
        return new SyncOutcome(state, null, why, null, null, null, null);
    }

    /** Not pushed: {@code ownerContactId} has the same address and speaks for it in Informz. */
    public static SyncOutcome duplicateOf(int ownerContactId) {
        return new SyncOutcome(SyncState.DUPLICATE, null, "Duplicate: contact " + ownerContactId
                + " has the same email and owns it in Informz (Informz only allows unique emails).", null, null, ownerContactId, null);
    }

    public static SyncOutcome failed(String message, Long failedCallId) {
        return new SyncOutcome(SyncState.ERROR, null, message, failedCallId, null, null, null);
    }

    public static SyncOutcome retrying(String message, Long failedCallId, OffsetDateTime nextAttemptAt) {
        return new SyncOutcome(SyncState.RETRYING, null, message, failedCallId, nextAttemptAt, null, null);
    }

    /**
     * A push of {@code attemptedEmail} that got no answer: Informz may have applied it (the reply was
     * lost, or the timeout came after the work), so the address counts as possibly on the interest.
     */
    public static SyncOutcome retryingAfterUnansweredPush(String message, Long failedCallId, OffsetDateTime nextAttemptAt,
            String attemptedEmail) {
        return new SyncOutcome(SyncState.RETRYING, attemptedEmail, message, failedCallId, nextAttemptAt, null, null);
    }

    /** Informz holds the contact as unsubscribed: not pushed, so never resubscribed. */
    public static SyncOutcome unsubscribedInInformz(String why) {
        return new SyncOutcome(SyncState.UNSUBSCRIBED, null, why, null, null, null, null);
    }

    public static SyncOutcome pending(String why) {
        return new SyncOutcome(SyncState.PENDING, null, why, null, null, null, null);
    }

    /** Whether the outcome came from an Informz call (and so counts as an attempt). */
    boolean attempted() {
        return state == SyncState.SYNCED || state == SyncState.REMOVED || state == SyncState.ERROR
                || state == SyncState.RETRYING;
    }
}
