package com.idss.informzsync.benchmark.floor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** When each floor row's sync committed (System.nanoTime), for the benchmark to wait on and time. */
public final class FloorDeliveries {

    private static final Map<Integer, Long> committedAt = new ConcurrentHashMap<>();
    private static final Object CHANGED = new Object();

    private FloorDeliveries() {
    }

    public static void committed(int rowId) {
        committedAt.put(rowId, System.nanoTime());
        synchronized (CHANGED) {
            CHANGED.notifyAll();
        }
    }

    /** 0 when the row's sync has not committed since it was last forgotten. */
    public static long committedAt(int rowId) {
        return committedAt.getOrDefault(rowId, 0L);
    }

    /** Waits, woken by each commit, until every row in [from, to) has a sync committed after {@code since}. */
    public static void await(int from, int to, long since, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = from;
        synchronized (CHANGED) {
            while (true) {
                while (next < to && committedAt(next) > since) {
                    next++;
                }
                if (next == to) {
                    return;
                }
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new AssertionError("waited " + timeout.toSeconds() + " s in vain for the floor's syncs; "
                            + (next - from) + " of " + (to - from) + " in order had committed");
                }
                CHANGED.wait(remainingMillis);
            }
        }
    }
}
