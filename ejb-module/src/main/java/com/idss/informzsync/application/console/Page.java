package com.idss.informzsync.application.console;

import java.util.List;

/** One page of a table, with the total the pager needs. {@code first} is 0-based. */
public record Page<T>(List<T> rows, long total, int first, int size) {

    public Page {
        rows = List.copyOf(rows);
    }

    public boolean hasPrevious() {
        return first > 0;
    }

    public boolean hasNext() {
        return first + rows.size() < total;
    }

    /** 1-based number of the first row shown, 0 when empty. */
    public long from() {
        return rows.isEmpty() ? 0 : first + 1L;
    }

    public long to() {
        return first + (long) rows.size();
    }
}
