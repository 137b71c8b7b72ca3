package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.sync.InformzCallOutcome;
import java.time.OffsetDateTime;

/** One Informz call without its documents (they can be a megabyte each). */
public record CallRow(long id, OffsetDateTime calledAt, String operation, InformzCallOutcome outcome, String faultCode,
        long durationMs, Integer contactId, Long listId, String listName) {

    public boolean failed() {
        return outcome != InformzCallOutcome.SUCCESS;
    }
}
