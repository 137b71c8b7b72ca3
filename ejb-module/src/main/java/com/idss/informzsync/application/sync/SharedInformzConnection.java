package com.idss.informzsync.application.sync;

import jakarta.ejb.ApplicationException;
import java.time.Instant;

/**
 * The Informz connection state that every server node shares. Each node keeps its own copy for the
 * hot path ({@link InformzConnectionMonitor}); a node that finds Informz down, or back, records it
 * here, and every node adopts what is recorded, so all consoles show the same state and all nodes
 * pause together. Each call commits at once, outside the caller's transaction.
 */
public interface SharedInformzConnection {

    /**
     * What is recorded.
     *
     * @param changes   how many times it has changed between up and down: a node tells a newer
     *                  record from the one it has seen by it (node clocks are not compared)
     * @param changedBy the node that recorded it last
     */
    record Recorded(InformzConnection connection, long changes, String changedBy) {
    }

    Recorded read();

    /**
     * Down from {@code at}; if it is down already, it stays down since the earlier of when it went
     * down and {@code at} (nodes that find the outage at the same moment record in either order),
     * and the reason is replaced.
     *
     * @return what is recorded afterwards
     */
    Recorded recordDown(String reason, Instant at);

    /**
     * Up from {@code at}, unless it is up already.
     *
     * @return what is recorded afterwards
     */
    Recorded recordUp(Instant at);

    /**
     * The shared state could not be read or written (the database does not answer). An application
     * exception, so the container does not log every failed attempt: the caller logs the outage once.
     */
    @ApplicationException(rollback = true)
    class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
