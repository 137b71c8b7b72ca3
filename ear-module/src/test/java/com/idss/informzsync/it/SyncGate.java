package com.idss.informzsync.it;

import com.idss.informzsync.application.sync.SyncCheckpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only latches on the sync's checkpoints: holds the next unit of work that reaches a point for a
 * contact until the test releases it, so a test forces an interleaving instead of hoping for one. It
 * also remembers every checkpoint passed, to tell who waited its turn.
 */
@ApplicationScoped
public class SyncGate {

    /** Never hold a sync (and its database locks) for longer, whatever the test does. */
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

    private final AtomicReference<Hold> armed = new AtomicReference<>();
    private final List<SyncCheckpoint> passed = new CopyOnWriteArrayList<>();
    private final Map<String, Long> lastPassedNanos = new ConcurrentHashMap<>();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();

    /** One unit of work held at a checkpoint. */
    public static final class Hold {
        private final SyncCheckpoint.Point point;
        private final long listId;
        private final int contactId;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(SyncCheckpoint.Point point, long listId, int contactId) {
            this.point = point;
            this.listId = listId;
            this.contactId = contactId;
        }

        private boolean matches(SyncCheckpoint checkpoint) {
            return checkpoint.point() == point && checkpoint.listId() == listId && checkpoint.concerns(contactId);
        }

        /** Waits until the unit of work is held; fails the test if it never comes. */
        public void awaitHeld(Duration patience) throws InterruptedException {
            if (!reached.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no sync reached " + point + " for contact " + contactId + " within " + patience);
            }
        }

        public void release() {
            released.countDown();
        }
    }

    /** Holds the contact's next own sync that reaches {@code point}. */
    public Hold holdNextContactSync(SyncCheckpoint.Point point, int contactId) {
        return holdNext(point, 0, contactId);
    }

    /**
     * Holds the list's next batch that reaches {@code point} with the contact in it (not another
     * list's: earlier test classes leave lists whose saved queries match new contacts too).
     */
    public Hold holdNextBatch(SyncCheckpoint.Point point, long listId, int contactId) {
        return holdNext(point, listId, contactId);
    }

    private Hold holdNext(SyncCheckpoint.Point point, long listId, int contactId) {
        Hold hold = new Hold(point, listId, contactId);
        if (!armed.compareAndSet(null, hold)) {
            throw new IllegalStateException("one hold at a time");
        }
        holds.add(hold);
        return hold;
    }

    /** Lets every held unit of work go, and disarms a hold nobody reached: a failed test must not keep locks. */
    public void releaseAll() {
        Hold pending = armed.getAndSet(null);
        if (pending != null) {
            pending.release();
        }
        holds.forEach(Hold::release);
        holds.clear();
    }

    /** How many units of work about the contact passed the point (a contact sync's, or any list's batch). */
    public long passedCount(SyncCheckpoint.Point point, int contactId) {
        return passed.stream().filter(c -> c.point() == point && c.concerns(contactId)).count();
    }

    /** How many of the list's batches with the contact in them passed the point. */
    public long passedCount(SyncCheckpoint.Point point, long listId, int contactId) {
        return passed.stream().filter(c -> c.point() == point && c.listId() == listId && c.concerns(contactId)).count();
    }

    /** When (System.nanoTime) the contact's own sync last passed the point; 0 if never. */
    public long lastPassedNanos(SyncCheckpoint.Point point, int contactId) {
        return lastPassedNanos.getOrDefault(point + ":" + contactId, 0L);
    }

    void onCheckpoint(@Observes SyncCheckpoint checkpoint) {
        passed.add(checkpoint);
        if (checkpoint.listId() == 0) {
            for (int contactId : checkpoint.contactIds()) {
                lastPassedNanos.put(checkpoint.point() + ":" + contactId, System.nanoTime());
            }
        }
        Hold hold = armed.get();
        if (hold != null && hold.matches(checkpoint) && armed.compareAndSet(hold, null)) {
            hold.reached.countDown();
            try {
                hold.released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
