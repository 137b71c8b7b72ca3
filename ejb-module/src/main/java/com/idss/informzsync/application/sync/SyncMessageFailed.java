package com.idss.informzsync.application.sync;

/**
 * CDI event: handling a sync-queue message threw, so its transaction rolls back and the broker
 * will redeliver it (or dead-letter it after the configured attempts).
 *
 * @param deliveryCount which delivery of the message this was, starting at 1
 */
public record SyncMessageFailed(String payload, int deliveryCount, String error) {
}
