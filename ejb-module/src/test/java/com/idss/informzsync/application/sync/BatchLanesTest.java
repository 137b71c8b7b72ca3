package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchLanesTest {

    private static final UnaryOperator<Runnable> AS_IS = lane -> lane;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void everyBatchRunsOnceAndIsReportedOnTheCallersThread() {
        List<int[]> batches = batches(25);
        Set<Integer> ran = Collections.synchronizedSet(new TreeSet<>());
        List<Integer> reported = new ArrayList<>();
        Thread caller = Thread.currentThread();

        BatchLanes.run(pool, 3, batches, batch -> {
            assertTrue(ran.add(batch[0]), "batch " + batch[0] + " ran twice");
            return batch[0];
        }, result -> false, AS_IS, finished -> {
            assertSame(caller, Thread.currentThread());
            reported.addAll(finished);
        });

        assertEquals(25, ran.size());
        Collections.sort(reported);
        assertEquals(new ArrayList<>(ran), reported);
    }

    @Test
    void aLaneTakesTheNextBatchWithoutWaitingForTheOthers() throws Exception {
        // In rounds, the lanes would wait for the slow batch before any took a third one.
        CountDownLatch othersDidThree = new CountDownLatch(3);
        AtomicInteger slowOnes = new AtomicInteger();
        Function<int[], Integer> work = batch -> {
            if (batch[0] == 0) {
                slowOnes.incrementAndGet();
                await(othersDidThree);
            } else {
                othersDidThree.countDown();
            }
            return batch[0];
        };

        BatchLanes.run(pool, 2, batches(6), work, result -> false, AS_IS, finished -> { });

        assertEquals(0, othersDidThree.getCount());
        assertEquals(1, slowOnes.get());
    }

    @Test
    void aStoppingResultLetsNoLaneTakeAnotherAndEveryFinishedBatchIsReported() {
        Thread caller = Thread.currentThread();
        CountDownLatch otherStarted = new CountDownLatch(1);
        CountDownLatch stopReported = new CountDownLatch(1);
        List<Integer> reported = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ran = new AtomicInteger();

        BatchLanes.run(pool, 2, batches(100), batch -> {
            ran.incrementAndGet();
            if (Thread.currentThread() == caller) {
                await(otherStarted);
                return -1; // stops the rest
            }
            otherStarted.countDown();
            await(stopReported); // still in its batch when the stop comes
            return batch[0];
        }, result -> result < 0, AS_IS, finished -> {
            reported.addAll(finished);
            if (finished.contains(-1)) {
                stopReported.countDown();
            }
        });

        assertEquals(2, ran.get(), "the batch in flight finished; nothing more was taken");
        assertEquals(2, reported.size(), reported.toString());
        assertTrue(reported.contains(-1));
    }

    @Test
    void aBatchThatThrowsOnAnotherLaneIsRethrownOnceEveryFinishedBatchIsReported() {
        Thread caller = Thread.currentThread();
        CountDownLatch otherLaneEnded = new CountDownLatch(1);
        List<Integer> reported = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("a batch failed");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> BatchLanes.run(pool, 2, batches(100),
                batch -> {
                    ran.incrementAndGet();
                    if (Thread.currentThread() != caller) {
                        throw boom;
                    }
                    await(otherLaneEnded); // still in its batch when the other lane fails
                    return batch[0];
                }, result -> false, lane -> () -> {
                    try {
                        lane.run();
                    } finally {
                        otherLaneEnded.countDown();
                    }
                }, reported::addAll));

        assertSame(boom, thrown);
        assertEquals(2, ran.get(), "nothing more was taken after the failure");
        assertEquals(1, reported.size(), "the batch beside it finished and was counted");
    }

    @Test
    void theWrapperGivesTheOtherLanesTheirContext() {
        ThreadLocal<String> context = new ThreadLocal<>();
        context.set("list 7");
        Set<String> seen = Collections.synchronizedSet(new TreeSet<>());

        BatchLanes.run(pool, 3, batches(30), batch -> {
            seen.add(String.valueOf(context.get()));
            return batch[0];
        }, result -> false, lane -> () -> {
            context.set("list 7");
            try {
                lane.run();
            } finally {
                context.remove();
            }
        }, finished -> { });

        assertEquals(Set.of("list 7"), seen);
    }

    private static List<int[]> batches(int count) {
        List<int[]> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batches.add(new int[] {i});
        }
        return batches;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the other lane never came");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
