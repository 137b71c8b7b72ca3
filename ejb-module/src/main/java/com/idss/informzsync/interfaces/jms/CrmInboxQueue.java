package com.idss.informzsync.interfaces.jms;

/** JNDI names of the inbox queues; the queues, their security and redelivery are defined by server-config. */
public final class CrmInboxQueue {

    public static final String JNDI_NAME = "java:/jms/queue/IdssCrmInbox";
    /** What remote clients look up through WildFly's naming; a plain Artemis client uses the queue name. */
    public static final String EXPORTED_JNDI_NAME = "java:jboss/exported/jms/queue/IdssCrmInbox";
    public static final String QUEUE_NAME = "IdssCrmInbox";
    public static final String DEAD_LETTER_JNDI_NAME = "java:/jms/queue/IdssCrmInboxDLQ";
    /** Replies join the consuming transaction: sent exactly when the message is acknowledged. */
    public static final String XA_CONNECTION_FACTORY = "java:/JmsXA";

    private CrmInboxQueue() {
    }
}
