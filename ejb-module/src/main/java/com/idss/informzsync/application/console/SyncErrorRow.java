package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;

/** A contact-list that needs attention (ERROR) or is being retried (RETRYING). */
public record SyncErrorRow(long stateId, int contactId, String firstName, String lastName, String email, long listId,
        String listName, SyncState state, String message, OffsetDateTime lastAttemptAt, int attempts,
        OffsetDateTime nextAttemptAt, Long failedCallId) {

    public String displayName() {
        return Names.display(firstName, lastName);
    }
}
