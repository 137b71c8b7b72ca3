package com.idss.informzsync.application.sync;

/**
 * CDI event: a sync message was consumed — synced, or deferred, or given a retry — and its outcome
 * written. Fired inside the consuming transaction.
 */
public record SyncMessageHandled(SyncMessage message) {
}
