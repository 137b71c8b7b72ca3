package com.idss.informzsync.application.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Fires {@link SyncCheckpoint}s. */
@ApplicationScoped
public class SyncCheckpoints {

    @Inject
    Event<SyncCheckpoint> checkpoints;

    public void reached(SyncCheckpoint.Point point, long listId, int... contactIds) {
        checkpoints.fire(new SyncCheckpoint(point, listId, contactIds));
    }
}
