package com.idss.informzsync.application.operations;

/** Whether the CRM database answers now. */
public interface DatabaseProbe {

    boolean answers();
}
