package com.idss.informzsync.infrastructure.messaging;

/** JNDI names of the sync queues; the queues themselves are defined by server-config. */
public final class SyncQueue {

    public static final String JNDI_NAME = "java:/jms/queue/IdssSync";
    public static final String DEAD_LETTER_JNDI_NAME = "java:/jms/queue/IdssSyncDLQ";
    /** The pooled XA connection factory: sends through it join the caller's JTA transaction. */
    public static final String XA_CONNECTION_FACTORY = "java:/JmsXA";
    /**
     * The message property naming what a sync message is about ({@code contact}, {@code list},
     * {@code account}), so that the contact syncs waiting in the queue can be taken together.
     */
    public static final String KIND_PROPERTY = "idssKind";

    private SyncQueue() {
    }
}
