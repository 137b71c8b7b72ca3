package com.idss.informzsync.benchmark.floor;

/**
 * The floor's save, as the benchmark calls it (through JNDI: the benchmark lives in the EAR's
 * library, the floor in an EJB module of its own).
 */
public interface ShapeFloor {

    String JNDI_NAME = "java:global/idss-informz-sync/shape-floor/FloorSaves!" + "com.idss.informzsync.benchmark.floor.ShapeFloor";

    String TABLE = "shape_floor_row";

    /** The floor's own table, created by the benchmark (the product's migrations know nothing of it). */
    String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (id INTEGER PRIMARY KEY, "
            + "email VARCHAR(320) NOT NULL, title VARCHAR(200), informz_code BIGINT, version INTEGER NOT NULL)";

    /** Changes the row's title and, in the same transaction, queues its sync for the interest. */
    void save(int rowId, String title, String interest);
}
