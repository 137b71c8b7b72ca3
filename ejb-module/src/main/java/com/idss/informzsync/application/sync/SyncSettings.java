package com.idss.informzsync.application.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Tuning of the sync, from server system properties (see README, Configuration). */
@ApplicationScoped
public class SyncSettings {

    /**
     * Subscribers per Subscribe call in a list reconcile. Informz publishes no limit; 1,000 makes a
     * full sync's calls a third fewer than 500 did (a Subscribe per 1,000 and an id page per 1,000),
     * and a batch still holds its contacts for about one call (docs/performance.md, twenty-seventh
     * session).
     */
    public int batchSize() {
        return Integer.getInteger("idss.sync.batch-size", 1_000);
    }

    /**
     * Contact syncs taken from the queue into one transaction (one Subscribe for those going to the
     * same interests): the message delivered and those waiting behind it. 1 syncs each alone.
     */
    public int contactBatchSize() {
        return Math.max(1, Integer.getInteger("idss.sync.contact-batch-size", 50));
    }

    /**
     * How long a contact sync message must have waited for a session before the sync looks for
     * others waiting behind it (a message taken at once has none behind it, as a rule).
     */
    public Duration contactBatchAfterWait() {
        return Duration.ofMillis(Long.getLong("idss.sync.contact-batch-after-wait-ms", 5));
    }

    /**
     * Batches of one list reconcile in flight at once, each a transaction on its own thread and
     * database connection: one batch's database work overlaps another's Informz call.
     */
    public int batchLanes() {
        return Math.max(1, Integer.getInteger("idss.sync.batch-lanes", 2));
    }

    /** While an aggregate keeps changing, at most one Informz sync for it per window. */
    public Duration coalescingWindow() {
        return Duration.ofMillis(Long.getLong("idss.sync.coalescing-window-ms", 2000));
    }

    /** First retry delay after a transient failure; doubles per attempt up to {@link #maxRetryDelay()}. */
    public Duration firstRetryDelay() {
        return Duration.ofMillis(Long.getLong("idss.sync.first-retry-delay-ms", 1000));
    }

    /** Retries never stop, but they are never further apart than this. */
    public Duration maxRetryDelay() {
        return Duration.ofMillis(Long.getLong("idss.sync.max-retry-delay-ms", 60_000));
    }

    /** How often a list Informz lacks the interest of is checked again. */
    public Duration missingInterestRecheck() {
        return Duration.ofMillis(Long.getLong("idss.sync.missing-interest-recheck-ms", 60_000));
    }

    /**
     * How soon a contact sync tries again when another unit of work holds the contact or its address
     * (a list batch holds its contacts for one Informz call).
     */
    public Duration writerBusyDelay() {
        return Duration.ofMillis(Long.getLong("idss.sync.writer-busy-delay-ms", 250));
    }

    /** Retry delay for the given attempt (1 = first retry): exponential, capped. */
    public Duration retryDelay(int attempt) {
        long first = firstRetryDelay().toMillis();
        long max = maxRetryDelay().toMillis();
        long delay = attempt >= 31 ? max : Math.min(max, first << Math.max(0, attempt - 1));
        return Duration.ofMillis(delay);
    }
}
