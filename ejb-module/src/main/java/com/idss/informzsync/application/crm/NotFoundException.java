package com.idss.informzsync.application.crm;

import jakarta.ejb.ApplicationException;

/** The contact, account or list a use case names does not exist. */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
