package com.idss.informzsync.infrastructure.messaging;

import com.idss.informzsync.application.sync.AggregateChanged;
import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncScheduler;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Puts sync messages on the queue through the XA connection factory, so a send commits or rolls
 * back with the transaction it is made in. For CRM changes: at most one message per aggregate per
 * transaction (the consumer reads current state, so one is enough). No JMS message group: a group
 * pins its messages to the session that took the first one, where they wait behind whatever that
 * session does (a contact sync, another list), and hides them from a contact sync taking those
 * waiting in the queue (WaitingContactSyncs). The writer locks keep one sync at a time per contact
 * and one reconcile per list instead, each working on the CRM as it is then.
 */
@ApplicationScoped
public class SyncMessagePublisher implements SyncScheduler {

    private static final Object SENT_IN_THIS_TRANSACTION = SyncMessagePublisher.class.getName() + ".sent";

    @Inject
    @JMSConnectionFactory(SyncQueue.XA_CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = SyncQueue.JNDI_NAME)
    Queue syncQueue;

    @Resource
    TransactionSynchronizationRegistry transactions;

    void onAggregateChanged(@Observes AggregateChanged change) {
        if (firstTimeInThisTransaction(change)) {
            send(SyncMessage.of(change), Duration.ZERO);
        }
    }

    @Override
    public void schedule(SyncMessage message, Duration delay) {
        send(message, delay);
    }

    private void send(SyncMessage message, Duration delay) {
        JMSProducer producer = jms.createProducer().setProperty(SyncQueue.KIND_PROPERTY, message.kind().wireName());
        if (!delay.isNegative() && !delay.isZero()) {
            // Artemis keeps a delayed message aside until it is due: the queue behind it keeps moving.
            producer.setDeliveryDelay(delay.toMillis());
        }
        producer.send(syncQueue, message.toJson());
    }

    private boolean firstTimeInThisTransaction(AggregateChanged change) {
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Set<AggregateChanged> sent = (Set<AggregateChanged>) transactions.getResource(SENT_IN_THIS_TRANSACTION);
        if (sent == null) {
            sent = new HashSet<>();
            transactions.putResource(SENT_IN_THIS_TRANSACTION, sent);
        }
        return sent.add(change);
    }
}
