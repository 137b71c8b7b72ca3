package com.idss.informzsync.interfaces.web;

import java.io.Serializable;

/** Offset paging state of one table: where it starts and how many rows it shows. */
public class Pager implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int size;
    private int first;

    public Pager(int size) {
        this.size = size;
    }

    public int getFirst() {
        return first;
    }

    public int getSize() {
        return size;
    }

    public void next() {
        first += size;
    }

    public void previous() {
        first = Math.max(0, first - size);
    }

    public void reset() {
        first = 0;
    }
}
