package com.idss.informzsync.application.sync;

/**
 * CDI event fired synchronously from JPA lifecycle callbacks (or by a use case), inside the
 * transaction that changed the aggregate, so that whatever observes it can enlist in that same
 * transaction.
 */
public record AggregateChanged(AggregateKind kind, long id, SyncTrigger trigger) {

    public AggregateChanged(AggregateKind kind, long id) {
        this(kind, id, SyncTrigger.CHANGED);
    }
}
