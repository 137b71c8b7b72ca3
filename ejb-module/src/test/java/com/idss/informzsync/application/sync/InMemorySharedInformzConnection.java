package com.idss.informzsync.application.sync;

import com.idss.informzsync.application.sync.SharedInformzConnection.Recorded;
import java.time.Instant;

/**
 * The shared row, kept as the JDBC implementation keeps it, for several monitors ("nodes") in one
 * test: each node talks to it through {@link #asNode(String)}.
 */
final class InMemorySharedInformzConnection {

    private Recorded recorded = new Recorded(new InformzConnection(true, Instant.EPOCH, null), 0, null);
    private boolean unavailable;
    private int calls;

    /** Every call fails while the database does not answer. */
    synchronized void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    synchronized InformzConnection connection() {
        return recorded.connection();
    }

    synchronized String changedBy() {
        return recorded.changedBy();
    }

    synchronized int calls() {
        return calls;
    }

    SharedInformzConnection asNode(String node) {
        return new SharedInformzConnection() {
            @Override
            public Recorded read() {
                return InMemorySharedInformzConnection.this.read();
            }

            @Override
            public Recorded recordDown(String reason, Instant at) {
                return InMemorySharedInformzConnection.this.recordDown(reason, at, node);
            }

            @Override
            public Recorded recordUp(Instant at) {
                return InMemorySharedInformzConnection.this.recordUp(at, node);
            }
        };
    }

    private synchronized Recorded read() {
        answer();
        return recorded;
    }

    private synchronized Recorded recordDown(String reason, Instant at, String node) {
        answer();
        InformzConnection was = recorded.connection();
        recorded = was.up()
                ? new Recorded(new InformzConnection(false, at, reason), recorded.changes() + 1, node)
                : new Recorded(new InformzConnection(false, at.isBefore(was.since()) ? at : was.since(), reason),
                        recorded.changes(), node);
        return recorded;
    }

    private synchronized Recorded recordUp(Instant at, String node) {
        answer();
        if (!recorded.connection().up()) {
            recorded = new Recorded(new InformzConnection(true, at, null), recorded.changes() + 1, node);
        }
        return recorded;
    }

    private void answer() {
        calls++;
        if (unavailable) {
            throw new SharedInformzConnection.Unavailable("database down", new java.sql.SQLException("Connection refused"));
        }
    }
}
