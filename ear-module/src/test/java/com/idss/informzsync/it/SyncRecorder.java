package com.idss.informzsync.it;

import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncMessageFailed;
import com.idss.informzsync.application.sync.SyncMessageHandled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Test-side observer of the sync MDB. It hears about each consumed message once its transaction has
 * committed, so a test woken by it sees the message's effects; tests wait on conditions, woken by
 * these events, never by the clock.
 */
@ApplicationScoped
public class SyncRecorder {

    private final List<SyncMessage> handled = new CopyOnWriteArrayList<>();
    private final Map<String, Long> lastHandledNanos = new ConcurrentHashMap<>();
    private final List<SyncMessageFailed> failures = new CopyOnWriteArrayList<>();

    void onHandled(@Observes(during = TransactionPhase.AFTER_SUCCESS) SyncMessageHandled event) {
        handled.add(event.message());
        lastHandledNanos.put(event.message().groupId(), System.nanoTime());
        wakeWaiters();
    }

    void onFailed(@Observes SyncMessageFailed event) {
        failures.add(event);
        wakeWaiters();
    }

    private synchronized void wakeWaiters() {
        notifyAll();
    }

    public long handledCount(AggregateKind kind, long id) {
        return handled.stream().filter(m -> m.isAbout(kind, id)).count();
    }

    /** When (System.nanoTime) a message about the aggregate was last consumed and committed; 0 if never. */
    public long lastHandledNanos(AggregateKind kind, long id) {
        return lastHandledNanos.getOrDefault(kind.wireName() + ":" + id, 0L);
    }

    public List<SyncMessageFailed> failuresOf(String payload) {
        return failures.stream().filter(f -> payload.equals(f.payload())).toList();
    }

    public void awaitHandled(AggregateKind kind, long id, Duration timeout) throws InterruptedException {
        await("a sync message about " + kind + " " + id, () -> handledCount(kind, id) > 0, timeout);
    }

    /**
     * Blocks until the condition holds, re-checking it whenever the sync consumes a message.
     *
     * @throws AssertionError naming what was awaited, when the timeout passes first
     */
    public synchronized void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s in vain for " + what);
            }
            wait(remainingMillis);
        }
    }
}
