package com.idss.informzsync.application.sync;

import jakarta.ejb.ApplicationException;

/**
 * Another unit of work holds a contact or an address this sync would push for (a contact sync never
 * waits; a list batch waits, but not for ever): the sync waits its turn, as a message scheduled again
 * shortly, rather than holding one of the few sync sessions. Thrown as it is through EJB calls, with
 * their transaction rolled back: nothing was pushed yet.
 */
@ApplicationException(rollback = true)
public class WriterBusy extends RuntimeException {

    public WriterBusy(String what) {
        super(what + " is being synced by another unit of work", null, false, false);
    }
}
