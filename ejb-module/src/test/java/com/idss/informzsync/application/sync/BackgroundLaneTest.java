package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundLaneTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksRunInOrderAndNeverTwoAtOnce() {
        BackgroundLane<Integer> lane = new BackgroundLane<>(pool);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            int task = i;
            lane.submit(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(task);
                running.decrementAndGet();
                return task;
            });
        }
        assertEquals(49, lane.awaitPrevious());
        assertEquals(java.util.stream.IntStream.range(0, 50).boxed().toList(), order);
        assertEquals(1, mostAtOnce.get());
        assertNull(lane.awaitPrevious(), "nothing pending any more");
    }

    @Test
    void theCallerGoesOnWhileATaskRuns() throws InterruptedException {
        BackgroundLane<String> lane = new BackgroundLane<>(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch callerWentOn = new CountDownLatch(1);
        lane.submit(() -> {
            assertTrue(callerWentOn.await(10, TimeUnit.SECONDS));
            release.await();
            return "done";
        });
        callerWentOn.countDown(); // reached only because submit did not wait for the task
        release.countDown();
        assertEquals("done", lane.awaitPrevious());
    }

    @Test
    void aFailedTaskFailsTheCallersNextStep() {
        BackgroundLane<String> lane = new BackgroundLane<>(pool);
        lane.submit(() -> {
            throw new IllegalArgumentException("bookkeeping failed");
        });
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> lane.submit(() -> "next"));
        assertEquals("bookkeeping failed", thrown.getMessage());
    }
}
