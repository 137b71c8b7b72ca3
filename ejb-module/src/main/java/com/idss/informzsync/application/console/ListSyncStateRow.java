package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;

/** Where one contact stands with one list. */
public record ListSyncStateRow(long listId, String listName, SyncState state, String message, int attempts,
        OffsetDateTime firstAttemptAt, OffsetDateTime lastAttemptAt, OffsetDateTime nextAttemptAt,
        OffsetDateTime syncedAt, Long failedCallId) {

    public boolean problem() {
        return state == SyncState.ERROR || state == SyncState.RETRYING;
    }
}
