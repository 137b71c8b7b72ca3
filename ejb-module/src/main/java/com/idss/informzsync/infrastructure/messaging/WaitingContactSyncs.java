package com.idss.informzsync.infrastructure.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the contact syncs waiting in the sync queue, in the caller's transaction: they leave the
 * queue with its commit, or come back with its rollback, as the message the listener was handed.
 * Sync messages carry no message group (which would pin them to one session); the one-writer rule
 * keeps a contact's syncs one at a time. Only messages already waiting: it never waits for more.
 */
@ApplicationScoped
public class WaitingContactSyncs {

    private static final String CONTACTS_ONLY = SyncQueue.KIND_PROPERTY + " = 'contact'";

    @Inject
    @JMSConnectionFactory(SyncQueue.XA_CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = SyncQueue.JNDI_NAME)
    Queue syncQueue;

    /** Up to {@code max} messages; none when {@code max} is 0 or nothing waits. */
    public List<Message> take(int max) {
        List<Message> taken = new ArrayList<>();
        if (max <= 0) {
            return taken;
        }
        try (JMSConsumer consumer = jms.createConsumer(syncQueue, CONTACTS_ONLY)) {
            Message next;
            while (taken.size() < max && (next = consumer.receiveNoWait()) != null) {
                taken.add(next);
            }
        }
        return taken;
    }
}
