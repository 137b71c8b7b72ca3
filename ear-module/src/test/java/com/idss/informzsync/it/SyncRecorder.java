package com.idss.informzsync.it;

import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.application.sync.PendingRetries;
import com.idss.informzsync.application.sync.SyncCheckpoint;
import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncMessageFailed;
import com.idss.informzsync.application.sync.SyncMessageHandled;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Test-side observer of the sync MDB. It hears about each consumed message once its transaction has
 * committed, so a test woken by it sees the message's effects; tests wait on conditions, woken by
 * these events, never by the clock.
 */
@ApplicationScoped
public class SyncRecorder {

    private final List<SyncMessage> handled = new CopyOnWriteArrayList<>();
    private final Map<String, Long> lastHandledNanos = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<SyncMessage> retriesScheduled = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> batchesHeld = new ConcurrentHashMap<>();

    private record Failure(SyncMessageFailed event, long atNanos) {
    }

    @Inject
    JMSContext jms;

    @Inject
    InformzConnection.Monitor informzConnection;

    @Resource(lookup = "java:/jms/queue/IdssSync")
    Queue syncQueue;

    /** A list batch on this node holds its contacts and is about to call Informz. */
    void onCheckpoint(@Observes SyncCheckpoint checkpoint) {
        if (checkpoint.point() == SyncCheckpoint.Point.BATCH_HELD) {
            batchesHeld.merge(checkpoint.listId(), 1L, Long::sum);
        }
    }

    /** How many of the list's batches this node has taken to Informz (whether or not they committed). */
    public long batchesHeld(long listId) {
        return batchesHeld.getOrDefault(listId, 0L);
    }

    void onHandled(@Observes(during = TransactionPhase.AFTER_SUCCESS) SyncMessageHandled event) {
        handled.add(event.message());
        lastHandledNanos.put(event.message().groupId(), System.nanoTime());
        wakeWaiters();
    }

    void onRetryScheduled(@Observes(during = TransactionPhase.AFTER_SUCCESS) PendingRetries.Scheduled retry) {
        retriesScheduled.add(retry.message());
    }

    void onFailed(@Observes SyncMessageFailed event) {
        failures.add(new Failure(event, System.nanoTime()));
        wakeWaiters();
    }

    private synchronized void wakeWaiters() {
        notifyAll();
    }

    public long handledCount(AggregateKind kind, long id) {
        return handled.stream().filter(m -> m.isAbout(kind, id)).count();
    }

    /** Every message about the aggregate consumed and committed so far, as sent. */
    public List<String> handledAbout(AggregateKind kind, long id) {
        return handled.stream().filter(m -> m.isAbout(kind, id)).map(SyncMessage::toJson).toList();
    }

    /** The attempt numbers of the retries about the aggregate scheduled (and committed) so far, in order. */
    public List<Integer> retryAttemptsScheduled(AggregateKind kind, long id) {
        return retriesScheduled.stream().filter(m -> m.isAbout(kind, id)).map(SyncMessage::attempt).toList();
    }

    /** When (System.nanoTime) a message about the aggregate was last consumed and committed; 0 if never. */
    public long lastHandledNanos(AggregateKind kind, long id) {
        return lastHandledNanos.getOrDefault(kind.wireName() + ":" + id, 0L);
    }

    public List<SyncMessageFailed> failuresOf(String payload) {
        return failures.stream().map(Failure::event).filter(f -> payload.equals(f.payload())).toList();
    }

    public void awaitHandled(AggregateKind kind, long id, Duration timeout) throws InterruptedException {
        await("a sync message about " + kind + " " + id, () -> handledCount(kind, id) > 0, timeout);
    }

    /**
     * Blocks until the condition holds, re-checking it whenever the sync consumes a message.
     *
     * @throws AssertionError naming what was awaited, when the timeout passes first
     */
    public void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        await(what, condition, () -> "", timeout);
    }

    /**
     * As {@link #await(String, BooleanSupplier, Duration)}; a timeout also says what {@code seen}
     * describes at that moment, and what the sync did while the test waited (CI keeps only that line).
     */
    public synchronized void await(String what, BooleanSupplier condition, Supplier<String> seen, Duration timeout)
            throws InterruptedException {
        long started = System.nanoTime();
        int handledBefore = handled.size();
        long deadline = started + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                String now = seen.get();
                throw new AssertionError("waited " + timeout.toSeconds() + " s in vain for " + what
                        + (now.isEmpty() ? "" : "; seen: " + now) + "; " + whileWaiting(started, handledBefore));
            }
            wait(remainingMillis);
        }
    }

    /** The sync's activity since {@code sinceNanos}: whether it was stuck, busy, or failing. */
    private String whileWaiting(long sinceNanos, int handledBefore) {
        List<SyncMessage> all = List.copyOf(handled);
        List<SyncMessage> recent = all.subList(Math.min(handledBefore, all.size()), all.size());
        String lastHandled = recent.stream().skip(Math.max(0, recent.size() - 8)).map(SyncMessage::groupId)
                .collect(Collectors.joining(" ", "[", "]"));
        List<String> failed = failures.stream().filter(f -> f.atNanos() >= sinceNanos).map(Failure::event)
                .map(f -> abbreviate(f.payload(), 120) + " #" + f.deliveryCount() + ": " + abbreviate(f.error(), 160))
                .toList();
        return "while waiting the sync handled " + recent.size() + " messages, the last " + lastHandled
                + "; failed deliveries " + failed.size() + " " + failed.stream().skip(Math.max(0, failed.size() - 4)).toList()
                + "; the sync queue holds " + messagesReady() + " messages ready now; " + informzConnection.current();
    }

    private String messagesReady() {
        try {
            return String.valueOf(Collections.list(jms.createBrowser(syncQueue).getEnumeration()).size());
        } catch (JMSRuntimeException | JMSException e) {
            return "? (" + e + ")";
        }
    }

    private static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? String.valueOf(text) : text.substring(0, max) + "…";
    }
}
