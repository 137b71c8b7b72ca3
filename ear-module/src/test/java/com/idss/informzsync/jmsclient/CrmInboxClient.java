package com.idss.informzsync.jmsclient;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends JSON commands to the iDSS CRM inbox and reads the outcomes. Copy it: it needs nothing but
 * {@code org.apache.activemq:artemis-jakarta-client} (same version as the server's Artemis).
 *
 * <pre>{@code
 * try (CrmInboxClient inbox = CrmInboxClient.connect("crm.example.org", 8080, "crm-app", "secret")) {
 *     String id = inbox.sendExpectingReply(json);            // JMSReplyTo = this client's temporary queue
 *     CrmInboxClient.Reply reply = inbox.nextReply(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * Not thread-safe (one JMSContext); use one client per thread.
 */
public final class CrmInboxClient implements AutoCloseable {

    public static final String QUEUE_NAME = "IdssCrmInbox";

    private final ActiveMQConnectionFactory factory;
    private final JMSContext context;
    private final Queue inbox;
    private TemporaryQueue replyQueue;
    private JMSConsumer replies;

    /** The reply to one message: its JMSCorrelationID and the outcome JSON. */
    public record Reply(String correlationId, String json) {
    }

    private CrmInboxClient(ActiveMQConnectionFactory factory, JMSContext context) {
        this.factory = factory;
        this.context = context;
        this.inbox = context.createQueue(QUEUE_NAME);
    }

    /**
     * Connects through WildFly's web port: the Artemis core protocol over an HTTP upgrade, so no
     * extra port is opened. {@code enable1xPrefixes} makes queue names resolve as WildFly's JMS
     * queues do ({@code jms.queue.IdssCrmInbox}) and puts temporary queues under {@code jms.tempqueue.}.
     *
     * @throws jakarta.jms.JMSSecurityRuntimeException wrong user or password (AMQ229031)
     */
    public static CrmInboxClient connect(String host, int port, String user, String password) {
        return connect(urlFor(host, port), user, password);
    }

    public static String urlFor(String host, int port) {
        return "tcp://" + host + ":" + port
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";
    }

    /**
     * The URL of a standalone broker that cluster nodes share (docs/operations.md): the core protocol
     * straight to the broker, with plain 2.x queue names.
     */
    public static String brokerUrlFor(String host, int port) {
        return "tcp://" + host + ":" + port;
    }

    public static CrmInboxClient connect(String url, String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        try {
            return new CrmInboxClient(factory, factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE));
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
    }

    /** Fire and forget: no reply is sent. The message is persistent (the default delivery mode). */
    public void send(String json) {
        context.createProducer().send(inbox, json);
    }

    /** Sends text to another queue of the broker, as a misbehaving application might. */
    public void sendTo(String queueName, String text) {
        context.createProducer().send(context.createQueue(queueName), text);
    }

    /**
     * Sends with JMSReplyTo set to this client's temporary queue and a fresh JMSCorrelationID,
     * which the reply carries back. Returns that correlation id.
     */
    public String sendExpectingReply(String json) {
        String correlationId = UUID.randomUUID().toString();
        sendExpectingReply(json, correlationId);
        return correlationId;
    }

    public void sendExpectingReply(String json, String correlationId) {
        send(context.createTextMessage(json), correlationId);
    }

    /** For messages other than text (the inbox refuses them, and says so). */
    public void send(Message message, String correlationId) {
        try {
            message.setJMSCorrelationID(correlationId);
            message.setJMSReplyTo(replyQueue());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        JMSProducer producer = context.createProducer();
        producer.send(inbox, message);
    }

    /** The next reply on this client's temporary queue, or null after {@code timeout}. */
    public Reply nextReply(Duration timeout) {
        Message message = replies().receive(timeout.toMillis());
        if (message == null) {
            return null;
        }
        try {
            return new Reply(message.getJMSCorrelationID(), message.getBody(String.class));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one message and waits for its reply; replies to other messages met on the way are dropped. */
    public String request(String json, Duration timeout) {
        return request(json, null, timeout);
    }

    /**
     * As {@link #request(String, Duration)}, in a JMS message group: with more than one consumer (a
     * cluster, or more inbox sessions), messages of one group are still applied in the order sent.
     */
    public String request(String json, String groupId, Duration timeout) {
        String correlationId = UUID.randomUUID().toString();
        try {
            Message message = context.createTextMessage(json);
            if (groupId != null) {
                message.setStringProperty("JMSXGroupID", groupId);
            }
            send(message, correlationId);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toMillis(); left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            Reply reply = nextReply(Duration.ofMillis(left));
            if (reply != null && correlationId.equals(reply.correlationId())) {
                return reply.json();
            }
        }
        return null;
    }

    /** For building other message types, or anything this class does not cover. */
    public JMSContext context() {
        return context;
    }

    private TemporaryQueue replyQueue() {
        if (replyQueue == null) {
            replyQueue = context.createTemporaryQueue();
        }
        return replyQueue;
    }

    private JMSConsumer replies() {
        if (replies == null) {
            replies = context.createConsumer(replyQueue());
        }
        return replies;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            factory.close();
        }
    }
}
