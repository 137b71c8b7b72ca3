package com.idss.informzsync.application.sync;

import java.time.Duration;

/** Outbound port: puts a sync message on the queue, now or later, in the caller's transaction. */
public interface SyncScheduler {

    void schedule(SyncMessage message, Duration delay);
}
