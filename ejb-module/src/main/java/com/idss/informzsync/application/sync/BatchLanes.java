package com.idss.informzsync.application.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Runs a reconcile's batches on a few lanes at once: the caller's thread and others. Each lane takes
 * the next batch as soon as its own is done, so the lanes drift apart and one lane's database work
 * falls into another's Informz call. Lanes that started batches together in rounds, and waited for
 * each other at the end of each, read, called and booked in step: both at the database, then both
 * waiting for Informz. Batches in flight hold disjoint contacts.
 *
 * <p>A batch whose result stops the rest (an Informz failure), or that throws, lets no lane take
 * another; the batches in flight finish, and every finished batch is counted before the first
 * exception is rethrown.
 */
final class BatchLanes {

    private BatchLanes() {
    }

    /**
     * @param onAnotherThread wraps a lane run on another thread (to give it the caller's context)
     * @param finished        called on the caller's thread with the results finished since its last
     *                        call: after each of the caller's own batches, and once at the end
     */
    static <R> void run(ExecutorService executor, int lanes, List<int[]> batches, Function<int[], R> work,
            Predicate<R> stopsTheRest, UnaryOperator<Runnable> onAnotherThread, Consumer<List<R>> finished) {
        Shared<R> shared = new Shared<>(batches, work, stopsTheRest);
        List<Future<?>> others = new ArrayList<>();
        for (int lane = 1; lane < Math.min(lanes, batches.size()); lane++) {
            others.add(executor.submit(onAnotherThread.apply(() -> shared.takeBatches(null))));
        }
        try {
            shared.takeBatches(() -> report(shared, finished));
        } catch (RuntimeException | Error e) {
            shared.failed(e); // counting what finished failed: the other lanes take nothing more
        }
        for (Future<?> other : others) {
            awaitLane(other, shared);
        }
        report(shared, finished);
        Throwable first = shared.thrown.get();
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
    }

    private static <R> void report(Shared<R> shared, Consumer<List<R>> finished) {
        List<R> results = new ArrayList<>();
        for (R result; (result = shared.results.poll()) != null; ) {
            results.add(result);
        }
        if (!results.isEmpty()) {
            finished.accept(results);
        }
    }

    private static void awaitLane(Future<?> lane, Shared<?> shared) {
        try {
            lane.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shared.failed(new IllegalStateException("interrupted while waiting for a batch lane", e));
        } catch (ExecutionException e) {
            shared.failed(e.getCause()); // a lane records what its batches throw; this is the lane itself failing
        }
    }

    private static final class Shared<R> {
        final List<int[]> batches;
        final Function<int[], R> work;
        final Predicate<R> stopsTheRest;
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Queue<R> results = new ConcurrentLinkedQueue<>();

        Shared(List<int[]> batches, Function<int[], R> work, Predicate<R> stopsTheRest) {
            this.batches = batches;
            this.work = work;
            this.stopsTheRest = stopsTheRest;
        }

        void takeBatches(Runnable afterEach) {
            for (int index; !stop.get() && (index = next.getAndIncrement()) < batches.size(); ) {
                R result;
                try {
                    result = work.apply(batches.get(index));
                } catch (RuntimeException | Error e) {
                    failed(e);
                    return;
                }
                results.add(result);
                if (stopsTheRest.test(result)) {
                    stop.set(true);
                }
                if (afterEach != null) {
                    afterEach.run();
                }
            }
        }

        void failed(Throwable e) {
            thrown.compareAndSet(null, e);
            stop.set(true);
        }
    }
}
