package com.idss.informzsync.infrastructure.messaging;

import com.idss.informzsync.application.sync.AggregateChanged;
import com.idss.informzsync.application.sync.SyncMessage;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashSet;
import java.util.Set;

/**
 * Puts a sync message on the queue for each changed aggregate, through the XA connection factory,
 * so the send commits or rolls back with the CRM change. Sends at most one message per aggregate
 * per transaction: the consumer reads current state, so one is enough.
 */
@ApplicationScoped
public class SyncMessagePublisher {

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
            jms.createProducer().send(syncQueue, SyncMessage.of(change).toJson());
        }
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
