package com.idss.informzsync.domain.sync;

/** How an Informz call ended. Stored by name. */
public enum InformzCallOutcome {
    SUCCESS,
    /** Informz answered with an error document. */
    FAULT,
    /** No usable answer: connection refused, timeout, HTTP error, unparseable response. */
    TRANSPORT_ERROR
}
