package com.idss.informzsync.application.sync;

/** A message on the sync queue that no retry can make sense of. */
public class MalformedSyncMessageException extends IllegalArgumentException {

    public MalformedSyncMessageException(String reason) {
        super("malformed sync message: " + reason);
    }
}
