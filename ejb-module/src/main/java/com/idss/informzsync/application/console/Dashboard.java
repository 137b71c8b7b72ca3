package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The console's front page. The sync queue's depth is not read from the broker (that needs the
 * management model); the contact-lists waiting (PENDING, RETRYING) and the oldest due retry stand
 * in for it.
 */
public record Dashboard(Map<SyncState, Long> stateCounts, OffsetDateTime oldestWaitingSince,
        OffsetDateTime oldestRetryDue, RunView lastNightly) {

    public long count(SyncState state) {
        return stateCounts.getOrDefault(state, 0L);
    }
}
