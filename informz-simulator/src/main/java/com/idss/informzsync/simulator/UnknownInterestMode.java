package com.idss.informzsync.simulator;

import java.util.Locale;

/** What Subscribe and BulkUpload do with an interest name Informz does not know (reference section 11, question 2). */
public enum UnknownInterestMode {
    /** Create the interest on the fly, as if someone had made it in the Informz UI first. */
    CREATE,
    /** Reject the whole document with {@code ItemNotFoundException}; proves the client creates interests first. */
    FAULT,
    /** Skip the unknown interest and process the rest. */
    IGNORE;

    public static UnknownInterestMode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
