package com.idss.informzsync.infrastructure.informz;

/**
 * Receives every Informz call for the audit trail. Called on the caller's thread after the call ends; an
 * exception thrown here is logged and swallowed so that auditing never changes the outcome of a sync.
 */
@FunctionalInterface
public interface CallRecorder {

    CallRecorder NONE = call -> {
    };

    void record(RecordedCall call);
}
