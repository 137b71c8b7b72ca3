package com.idss.informzsync.infrastructure.persistence.jpa;

import jakarta.persistence.TypedQuery;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.queries.CursoredStream;

/**
 * Reads a whole list's ids through a database cursor, a page at a time. A result read at once is held
 * several times over at its peak (the driver's rows, EclipseLink's records, a boxed list), where the
 * ids of a 200,000-member list are 0.8 MiB as ints. The PostgreSQL driver streams with a fetch size
 * only inside a transaction (as the sync's reads are); outside one it hands over all rows at once, as
 * before, and only EclipseLink's share is saved.
 */
final class CursoredIds {

    private static final int PAGE = 5_000;

    private CursoredIds() {
    }

    /** The query's single integer column, in the order it gives. */
    static int[] read(TypedQuery<Integer> query) {
        return read(query, PAGE);
    }

    static int[] read(TypedQuery<Integer> query, int pageSize) {
        Ints ids = new Ints();
        forEachRow(query, pageSize, id -> ids.add(((Number) id).intValue()));
        return ids.toArray();
    }

    /** Each row of the query, as EclipseLink builds it (a value, or an array for several columns). */
    static <T> void forEachRow(TypedQuery<T> query, Consumer<Object> action) {
        forEachRow(query, PAGE, action);
    }

    static <T> void forEachRow(TypedQuery<T> query, int pageSize, Consumer<Object> action) {
        query.setHint(QueryHints.CURSOR, Boolean.TRUE)
                .setHint(QueryHints.CURSOR_PAGE_SIZE, pageSize)
                .setHint(QueryHints.JDBC_FETCH_SIZE, pageSize);
        CursoredStream cursor = (CursoredStream) (Object) query.getSingleResult();
        try {
            int sincePage = 0;
            while (cursor.hasNext()) {
                action.accept(cursor.next());
                if (++sincePage == pageSize) {
                    cursor.releasePrevious(); // the stream otherwise keeps every row it handed out
                    sincePage = 0;
                }
            }
        } finally {
            cursor.close();
        }
    }

    /** A growing int array: the ids of a list, without a box each. */
    static final class Ints {
        private int[] values = new int[1_024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
