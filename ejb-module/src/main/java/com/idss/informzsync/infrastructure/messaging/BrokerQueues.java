package com.idss.informzsync.infrastructure.messaging;

import com.idss.informzsync.application.operations.DeadLetterQueues;
import com.idss.informzsync.application.operations.MessageQueues;
import com.idss.informzsync.application.operations.OperationsView;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads and moves messages on the product's queues through the connection factory the application
 * sends with: the same in the embedded broker and in the cluster's standalone one. Counting browses,
 * so it also proves the broker answers; it stops at {@link OperationsView#COUNT_CAP}. Moves and
 * deletes take part in the caller's transaction.
 */
@ApplicationScoped
public class BrokerQueues implements MessageQueues, DeadLetterQueues {

    /** How long a move waits for the broker to hand over a message it just listed. */
    private static final long TAKE_TIMEOUT_MS = 2_000;
    private static final String GROUP_ID = "JMSXGroupID";

    @Resource(lookup = SyncQueue.XA_CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @JMSConnectionFactory(SyncQueue.XA_CONNECTION_FACTORY)
    JMSContext transactional;

    @Resource(lookup = SyncQueue.JNDI_NAME)
    Queue syncQueue;

    @Resource(lookup = SyncQueue.DEAD_LETTER_JNDI_NAME)
    Queue syncDeadLetters;

    @Resource(lookup = "java:/jms/queue/IdssCrmInbox")
    Queue inbox;

    @Resource(lookup = "java:/jms/queue/IdssCrmInboxDLQ")
    Queue inboxDeadLetters;

    @Override
    public QueueView view(QueueName queue) {
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

    @Override
    public List<QueuedMessage> browse(QueueName queue, int max) {
        try (JMSContext context = connectionFactory.createContext();
                QueueBrowser browser = context.createBrowser(destination(queue))) {
            List<QueuedMessage> messages = new ArrayList<>();
            for (Enumeration<?> all = browser.getEnumeration(); all.hasMoreElements() && messages.size() < max; ) {
                Message message = (Message) all.nextElement();
                messages.add(new QueuedMessage(message.getJMSMessageID(), Instant.ofEpochMilli(message.getJMSTimestamp()),
                        message instanceof TextMessage text ? text.getText() : null, applicationProperties(message)));
            }
            return messages;
        } catch (JMSException | JMSRuntimeException e) {
            throw new BrokerUnavailable("the broker did not answer for " + queue.brokerName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean move(QueueName from, String messageId, QueueName to, UnaryOperator<String> body) {
        try (JMSConsumer consumer = transactional.createConsumer(destination(from), selectorFor(messageId))) {
            Message message = consumer.receive(TAKE_TIMEOUT_MS);
            if (message == null) {
                return false;
            }
            if (!(message instanceof TextMessage text)) {
                transactional.createProducer().send(destination(to), message);
                return true;
            }
            JMSProducer producer = transactional.createProducer();
            for (Map.Entry<String, Object> property : applicationProperties(message).entrySet()) {
                producer.setProperty(property.getKey(), property.getValue());
            }
            if (message.getStringProperty(GROUP_ID) != null) {
                producer.setProperty(GROUP_ID, message.getStringProperty(GROUP_ID));
            }
            producer.setJMSCorrelationID(message.getJMSCorrelationID());
            if (message.getJMSReplyTo() != null) {
                producer.setJMSReplyTo(message.getJMSReplyTo());
            }
            if (message.getJMSType() != null) {
                producer.setJMSType(message.getJMSType());
            }
            producer.send(destination(to), body.apply(text.getText()));
            return true;
        } catch (JMSException e) {
            throw new JMSRuntimeException("could not move " + messageId + ": " + e.getMessage(), e.getErrorCode(), e);
        }
    }

    @Override
    public boolean delete(QueueName queue, String messageId) {
        try (JMSConsumer consumer = transactional.createConsumer(destination(queue), selectorFor(messageId))) {
            return consumer.receive(TAKE_TIMEOUT_MS) != null;
        }
    }

    /** The application's own properties: the broker's (JMSX…, _AMQ…) stay with the broker. */
    private static Map<String, Object> applicationProperties(Message message) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            String key = name.toString();
            if (!key.startsWith("JMSX") && !key.startsWith("_AMQ") && !key.startsWith("__AMQ")) {
                properties.put(key, message.getObjectProperty(key));
            }
        }
        return properties;
    }

    private static String selectorFor(String messageId) {
        return "JMSMessageID = '" + messageId.replace("'", "''") + "'";
    }

    private Queue destination(QueueName queue) {
        return switch (queue) {
            case SYNC -> syncQueue;
            case SYNC_DEAD_LETTERS -> syncDeadLetters;
            case INBOX -> inbox;
            case INBOX_DEAD_LETTERS -> inboxDeadLetters;
        };
    }
}
