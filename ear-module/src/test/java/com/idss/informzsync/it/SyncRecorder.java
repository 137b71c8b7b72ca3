package com.idss.informzsync.it;

import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncMessageFailed;
import com.idss.informzsync.application.sync.SyncMessageHandled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-side observer: remembers what the sync MDB handled and what failed, and lets tests wait for it. */
@ApplicationScoped
public class SyncRecorder {

    private final List<SyncMessage> handled = new CopyOnWriteArrayList<>();
    private final List<SyncMessageFailed> failures = new CopyOnWriteArrayList<>();

    void onHandled(@Observes SyncMessageHandled event) {
        handled.add(event.message());
        synchronized (this) {
            notifyAll();
        }
    }

    void onFailed(@Observes SyncMessageFailed event) {
        failures.add(event);
        synchronized (this) {
            notifyAll();
        }
    }

    public long handledCount(SyncMessage message) {
        return handled.stream().filter(message::equals).count();
    }

    public List<SyncMessageFailed> failuresOf(String payload) {
        return failures.stream().filter(f -> payload.equals(f.payload())).toList();
    }

    /** Blocks until the message has been handled, woken by the observer, or fails after the timeout. */
    public void awaitHandled(SyncMessage message, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (handledCount(message) == 0) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new AssertionError("not handled within " + timeout + ": " + message.toJson());
                }
                wait(remainingMillis);
            }
        }
    }
}
