package com.idss.informzsync.application.operations;

import com.idss.informzsync.domain.sync.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The contact-list states by sync state, and how long the oldest change not yet in Informz has
 * waited: a state waiting for its first push, a push being retried (since its first failed attempt),
 * or a sync message still on the queue.
 *
 * @param oldestWaitingSince null when nothing waits
 */
public record SyncBacklog(Map<SyncState, Long> states, Instant oldestWaitingSince, Instant takenAt) {

    public long count(SyncState state) {
        return states.getOrDefault(state, 0L);
    }

    /** Zero when nothing waits. */
    public Duration lag() {
        if (oldestWaitingSince == null || oldestWaitingSince.isAfter(takenAt)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestWaitingSince, takenAt);
    }

    /** The earlier of two moments, either of which may be unknown (null). */
    static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
