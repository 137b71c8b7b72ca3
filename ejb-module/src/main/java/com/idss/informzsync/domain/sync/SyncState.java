package com.idss.informzsync.domain.sync;

/** Where one contact stands with one list's Informz interest. Stored by name. */
public enum SyncState {
    /** Waiting for its first push. */
    PENDING,
    /** Informz has the contact on the interest; this is the "last synced" set. */
    SYNCED,
    /** A push failed for a reason that may go away; another attempt is scheduled. */
    RETRYING,
    /** A push failed for good, or retries ran out; needs a person. */
    ERROR,
    /** Another active contact owns the same email; this one is never pushed. */
    DUPLICATE,
    INVALID_EMAIL,
    NO_EMAIL,
    /** Taken off the interest in Informz after leaving the list. */
    REMOVED,
    /**
     * Informz holds the contact as unsubscribed (from all mail, or from this interest): never pushed,
     * so never resubscribed, until Informz no longer holds it so.
     */
    UNSUBSCRIBED
}
