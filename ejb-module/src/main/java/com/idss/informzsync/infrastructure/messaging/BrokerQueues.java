package com.idss.informzsync.infrastructure.messaging;

import com.idss.informzsync.application.operations.MessageQueues;
import com.idss.informzsync.application.operations.OperationsView;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.time.Instant;
import java.util.Enumeration;

/**
 * Reads the queues by browsing them, through the same connection factory the application sends with:
 * the same in the embedded broker and in the cluster's standalone one, and it proves the broker
 * answers. Browsing stops at {@link OperationsView#COUNT_CAP}.
 */
@ApplicationScoped
public class BrokerQueues implements MessageQueues {

    @Resource(lookup = SyncQueue.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = SyncQueue.JNDI_NAME)
    Queue syncQueue;

    @Resource(lookup = SyncQueue.DEAD_LETTER_JNDI_NAME)
    Queue syncDeadLetters;

    @Resource(lookup = "java:/jms/queue/IdssCrmInbox")
    Queue inbox;

    @Resource(lookup = "java:/jms/queue/IdssCrmInboxDLQ")
    Queue inboxDeadLetters;

    @Override
    public QueueView view(MessageQueues.QueueName queue) {
        try (JMSContext context = connectionFactory.createContext();
                QueueBrowser browser = context.createBrowser(destination(queue))) {
            Enumeration<?> messages = browser.getEnumeration();
            long waiting = 0;
            Instant oldest = null;
            while (waiting < OperationsView.COUNT_CAP && messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                if (waiting == 0) {
                    oldest = Instant.ofEpochMilli(message.getJMSTimestamp());
                }
                waiting++;
            }
            return new QueueView(waiting, messages.hasMoreElements(), oldest);
        } catch (JMSException | JMSRuntimeException e) {
            throw new BrokerUnavailable("the broker did not answer for " + queue.brokerName() + ": " + e.getMessage(), e);
        }
    }

    private Queue destination(MessageQueues.QueueName queue) {
        return switch (queue) {
            case SYNC -> syncQueue;
            case SYNC_DEAD_LETTERS -> syncDeadLetters;
            case INBOX -> inbox;
            case INBOX_DEAD_LETTERS -> inboxDeadLetters;
        };
    }
}
