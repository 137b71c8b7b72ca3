package com.idss.informzsync.application.sync;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One task at a time on another thread while the caller prepares the next: a reconcile writes the
 * bookkeeping of batch n while Informz works on batch n+1, so the database and Informz (and both
 * cores) are busy at once. Tasks run in order and never overlap each other; a failed task fails
 * the caller at its next step, as if it had run inline.
 */
final class BackgroundLane<T> {

    private final ExecutorService executor;
    private Future<T> pending;

    BackgroundLane(ExecutorService executor) {
        this.executor = executor;
    }

    /** Waits for the task before this one to finish, then starts this one. */
    void submit(Callable<T> task) {
        awaitPrevious();
        pending = executor.submit(task);
    }

    /** The result of the task submitted last (null when none is pending), once it has finished. */
    T awaitPrevious() {
        if (pending == null) {
            return null;
        }
        Future<T> waitingFor = pending;
        pending = null;
        try {
            return waitingFor.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for background work", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
