package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.infrastructure.persistence.Databases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps PostgreSQL's statistics of a table that a first large sync fills in seconds. PostgreSQL
 * plans from them, and a table that has just grown from nothing has none yet (autovacuum comes a
 * minute later, or never where it is off): each batch's probe by key then read the whole table (a
 * lock or state lookup of 500 keys: 45 ms at 120,000 rows instead of under 1). So the table is
 * analyzed each time the rows this server added to it have doubled. Nothing to do on H2.
 */
final class GrowingTableStatistics {

    private final String table;
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong analyzeAt = new AtomicLong(5_000);

    GrowingTableStatistics(String table) {
        this.table = table;
    }

    /** Counts rows just added through {@code connection}; analyzes the table when they have doubled. */
    void added(Connection connection, long rows) throws SQLException {
        long total = added.addAndGet(rows);
        long threshold = analyzeAt.get();
        if (total >= threshold && Databases.isPostgres(connection) && analyzeAt.compareAndSet(threshold, total * 2)) {
            try (var analyze = connection.createStatement()) {
                analyze.execute("ANALYZE " + table);
            }
        }
    }
}
