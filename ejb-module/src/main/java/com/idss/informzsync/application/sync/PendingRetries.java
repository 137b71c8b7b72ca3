package com.idss.informzsync.application.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one pending retry per aggregate. Every sync that fails asks for a retry, and retries skip
 * the coalescer, so without this each failing change of a list Informz lacks the interest of started
 * a retry chain of its own, and the chains never merged: hundreds of reconciles a minute of one list.
 * A retry already due no later than the new one covers it (a sync reads current data); a later one
 * is overtaken, and its message, arriving after, ends its chain when it fails again.
 *
 * <p>A retry counts as pending only once the transaction that scheduled it has committed, and stops
 * counting when its message is taken up. One that never comes (dead-lettered after a bug, say) stops
 * counting a grace period after it was due. In memory, per node: after a restart, or on another
 * node, a second chain may start, and ends the first time one of the two fails while the other is
 * pending.
 */
@ApplicationScoped
public class PendingRetries {

    /** What {@link #retryFor} decided: schedule {@code message} now, in the failed sync's transaction. */
    public record Scheduled(SyncMessage message, Instant dueAt) {
    }

    private record Pending(long token, Instant dueAt) {
    }

    private static final SecureRandom TOKENS = new SecureRandom();

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    SyncSettings settings;

    public PendingRetries() {
        this(Clock.systemUTC());
    }

    PendingRetries(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return the retry to schedule for a sync that failed, or empty when a pending one of the same
     *         aggregate comes no later
     */
    public Optional<Scheduled> retryFor(SyncMessage failed, Duration delay) {
        Instant now = clock.instant();
        Instant dueAt = now.plus(delay);
        Pending current = pending.get(failed.groupId());
        boolean stillComing = current != null && !now.isAfter(current.dueAt().plus(settings.maxRetryDelay()));
        if (current != null && !stillComing) {
            pending.remove(failed.groupId(), current);
        }
        if (stillComing && !current.dueAt().isAfter(dueAt)) {
            return Optional.empty();
        }
        return Optional.of(new Scheduled(failed.nextAttempt(newToken()), dueAt));
    }

    /** Observed after the scheduling transaction committed: before that, no message is on its way. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Scheduled scheduled) {
        SyncMessage retry = scheduled.message();
        pending.merge(retry.groupId(), new Pending(retry.retryToken(), scheduled.dueAt()),
                (current, next) -> current.dueAt().isBefore(next.dueAt()) ? current : next);
    }

    /** A retry is taken up: from now on a failure asks for the next one. Other messages change nothing. */
    public void takenUp(SyncMessage message) {
        if (message.retryToken() != 0) {
            pending.computeIfPresent(message.groupId(), (group, current) -> current.token() == message.retryToken() ? null : current);
        }
    }

    /** How many aggregates have a retry on its way. */
    public int count() {
        return pending.size();
    }

    private static long newToken() {
        long token;
        do {
            token = TOKENS.nextLong() & Long.MAX_VALUE; // positive, and 0 means "no retry"
        } while (token == 0);
        return token;
    }
}
