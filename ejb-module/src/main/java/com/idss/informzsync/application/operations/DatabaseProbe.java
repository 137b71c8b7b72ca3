package com.idss.informzsync.application.operations;

/** Whether the CRM database answers, and a bounded wait for it to answer again. */
public interface DatabaseProbe {

    boolean answers();

    /**
     * Returns at once when the database answers; otherwise waits, checking, until it does or a bound
     * passes. A listener whose delivery failed calls it, so the redelivery meets a working database.
     */
    void awaitReachable();
}
