package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.Page;
import java.io.Serializable;

/**
 * What every paged console table does the same way: it reads one page through its read model, at
 * most once per request, starts again at the first page when its filter changes, and steps forward
 * and back. A table names only its query ({@link #read}) and its filter fields.
 */
public abstract class PagedTable<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int size;
    private int first;
    private transient Page<T> page;

    protected PagedTable(int size) {
        this.size = size;
    }

    /** The rows from {@code first}, at most {@code size} of them, under the table's current filter. */
    protected abstract Page<T> read(int first, int size);

    public Page<T> getPage() {
        if (page == null) {
            page = read(first, size);
        }
        return page;
    }

    /** The filter changed: back to the first page. */
    public void filter() {
        first = 0;
        reread();
    }

    public void next() {
        first += size;
        reread();
    }

    public void previous() {
        first = Math.max(0, first - size);
        reread();
    }

    /** What the table shows changed (an action on its rows): read the page again. */
    protected void reread() {
        page = null;
    }
}
