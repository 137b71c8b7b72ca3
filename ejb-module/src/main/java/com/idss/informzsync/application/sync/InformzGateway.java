package com.idss.informzsync.application.sync;

/** Outbound port: what the sync needs from Informz. */
public interface InformzGateway {

    /** Makes Informz reflect the current state of the aggregate the message names. */
    void push(SyncMessage message);
}
