package com.idss.informzsync.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the CDI-backed production listener in SE tests; remembers what was written. */
public class RecordingEntityListener {

    public static final List<Object> WRITTEN = new CopyOnWriteArrayList<>();

    void written(Object entity) {
        WRITTEN.add(entity);
    }
}
