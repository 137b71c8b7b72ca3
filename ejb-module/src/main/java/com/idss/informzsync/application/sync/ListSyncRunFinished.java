package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.ListSyncRun;
import java.time.Duration;

/** A CDI event once a list's reconcile run has ended and its outcome is committed. */
public record ListSyncRunFinished(long listId, ListSyncRun.Trigger trigger, ListSyncRun.Status status, Duration took,
        int memberCount, int changed) {

    static ListSyncRunFinished of(ListSyncRun run) {
        return new ListSyncRunFinished(run.getListId(), run.getTrigger(), run.getStatus(),
                Duration.between(run.getStartedAt(), run.getFinishedAt()), run.getMemberCount(),
                run.getAdded() + run.getRemoved());
    }
}
