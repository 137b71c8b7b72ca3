package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.sync.ListSyncRun;
import java.time.OffsetDateTime;

/** One reconcile of a list, as written by the sync engine while it runs. */
public record RunView(long id, long listId, String listName, ListSyncRun.Trigger trigger, ListSyncRun.Status status,
        OffsetDateTime startedAt, OffsetDateTime finishedAt, int memberCount, int toAdd, int added, int toRemove,
        int removed, int excludedDuplicate, int excludedInvalid, int excludedNoEmail, int excludedUnsubscribed, int failed, int informzCalls,
        String message) {

    static RunView of(ListSyncRun run, String listName) {
        return new RunView(run.getId(), run.getListId(), listName, run.getTrigger(), run.getStatus(), run.getStartedAt(),
                run.getFinishedAt(), run.getMemberCount(), run.getToAdd(), run.getAdded(), run.getToRemove(),
                run.getRemoved(), run.getExcludedDuplicate(), run.getExcludedInvalid(), run.getExcludedNoEmail(),
                run.getExcludedUnsubscribed(), run.getFailed(), run.getInformzCalls(), run.getMessage());
    }

    public boolean running() {
        return status == ListSyncRun.Status.RUNNING;
    }

    public int work() {
        return toAdd + toRemove;
    }

    public int done() {
        return added + removed + failed + excluded() + excludedUnsubscribed;
    }

    /** 0–100 for the progress bar; a run with nothing to do is complete. */
    public int percent() {
        if (!running()) {
            return 100;
        }
        return work() == 0 ? 0 : Math.min(100, (int) (100L * done() / work()));
    }

    public int excluded() {
        return excludedDuplicate + excludedInvalid + excludedNoEmail;
    }

    /** Distinct valid emails: what Informz can receive out of the list's records. */
    public int validEmails() {
        return Math.max(0, memberCount - excluded());
    }
}
