package com.idss.informzsync.application.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a burst of saves of one aggregate from becoming a burst of Informz calls: at most one sync
 * per aggregate per window. A change inside the window schedules one follow-up at the window's end;
 * further changes before it are dropped, because the follow-up syncs the state as it is then.
 * In memory only: after a restart the worst case is one extra call.
 */
@ApplicationScoped
public class SyncCoalescer {

    public sealed interface Decision {
    }

    public record Proceed() implements Decision {
    }

    /** Schedule {@link SyncMessage#asDeferred()} after the delay, and do nothing now. */
    public record Defer(Duration delay) implements Decision {
    }

    /** A follow-up is already scheduled and will cover this change. */
    public record Drop() implements Decision {
    }

    private record Window(Instant lastStarted, Instant followUpAt) {
    }

    private static final int SWEEP_EVERY = 10_000;
    private static final Duration FOLLOW_UP_MARGIN = Duration.ofMillis(50);

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger decisions = new AtomicInteger();
    private final Clock clock;

    @Inject
    SyncSettings settings;

    public SyncCoalescer() {
        this(Clock.systemUTC());
    }

    SyncCoalescer(Clock clock) {
        this.clock = clock;
    }

    public Decision decide(SyncMessage message) {
        Duration window = settings.coalescingWindow();
        Instant now = clock.instant();
        Decision[] decision = new Decision[1];
        windows.compute(message.groupId(), (key, current) -> {
            boolean quiet = current == null || !now.isBefore(current.lastStarted().plus(window));
            // Only plain "it changed" messages are interchangeable: a manual sync, a mailing or the
            // nightly check asks for more than the follow-up would do, so it always goes ahead.
            boolean interchangeable = message.trigger() == SyncTrigger.CHANGED;
            if (!interchangeable || message.deferred() || message.attempt() > 0 || window.isZero() || quiet) {
                decision[0] = new Proceed();
                return new Window(now, stillToCome(current, now));
            }
            if (current.followUpAt() != null) {
                decision[0] = new Drop();
                return current;
            }
            Instant followUpAt = current.lastStarted().plus(window);
            decision[0] = new Defer(Duration.between(now, followUpAt));
            return new Window(current.lastStarted(), followUpAt);
        });
        if (decisions.incrementAndGet() % SWEEP_EVERY == 0) {
            forgetQuietWindows(now.minus(window));
        }
        return decision[0];
    }

    /**
     * The follow-up a sync that goes ahead out of turn leaves in place (a sync that waited its turn, a
     * manual one): it will still come, and covers the changes after this sync, which are dropped
     * rather than start a second follow-up. Without this, one sync out of turn started a second
     * chain of follow-ups that ran beside the first for as long as the changes went on (a burst of
     * 1,000 saves made 10 calls where 7 were allowed). The follow-up itself is delivered at its time
     * (the delay is cut to whole milliseconds, hence the margin), and clears it.
     */
    private static Instant stillToCome(Window current, Instant now) {
        if (current == null || current.followUpAt() == null) {
            return null;
        }
        return current.followUpAt().isAfter(now.plus(FOLLOW_UP_MARGIN)) ? current.followUpAt() : null;
    }

    /**
     * A sync that goes ahead without asking (one in doubt: a redelivery) starts a window all the same.
     * Above all it ends a follow-up its own rolled-back first delivery may have decided on: no such
     * follow-up is coming, and changes dropped in the belief that one was would be lost.
     */
    public void restart(SyncMessage message) {
        windows.put(message.groupId(), new Window(clock.instant(), null));
    }

    /** Windows that ended without a follow-up carry no information any more. */
    private void forgetQuietWindows(Instant endedBefore) {
        windows.values().removeIf(w -> w.followUpAt() == null && w.lastStarted().isBefore(endedBefore));
    }
}
