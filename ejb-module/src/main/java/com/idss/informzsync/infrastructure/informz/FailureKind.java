package com.idss.informzsync.infrastructure.informz;

/** What the caller should do about a failed call. */
public enum FailureKind {
    /** Retry later: I/O, timeouts, HTTP 5xx, malformed answers, Informz system errors. */
    TRANSIENT,
    /** Retrying the same document fails again: fix the data (invalid email, unknown interest, bad input). */
    PERMANENT,
    /** Nothing works until an administrator fixes the settings: credentials, brand, IP allow-list. */
    CONFIGURATION
}
