package com.idss.informzsync.simulator;

import java.util.Locale;

/** Failures the simulator can inject in place of (or before) a normal answer. */
public enum FaultType {
    /** HTTP 503 with an HTML body, as a load balancer in maintenance would answer. */
    HTTP_503,
    /** Holds the connection without answering until the hold time passes or the simulator closes. */
    TIMEOUT,
    /** Waits for the configured delay, then answers normally. */
    SLOW,
    /** A SOAP fault carrying the given {@code InformzAAPIFault} code. */
    SOAP_FAULT,
    /** HTTP 200 with a body that is not well-formed XML. */
    MALFORMED,
    /**
     * The request is applied, then the connection is dropped without an answer: the caller cannot
     * tell whether the change happened (a reply lost on the way back).
     */
    LOST_REPLY;

    public static FaultType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
