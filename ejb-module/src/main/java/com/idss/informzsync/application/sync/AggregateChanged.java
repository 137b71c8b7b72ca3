package com.idss.informzsync.application.sync;

/**
 * CDI event fired synchronously from JPA lifecycle callbacks, inside the transaction that changed
 * the aggregate, so that whatever observes it can enlist in that same transaction.
 */
public record AggregateChanged(AggregateKind kind, long id) {
}
