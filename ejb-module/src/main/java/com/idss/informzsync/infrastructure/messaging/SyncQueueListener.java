package com.idss.informzsync.infrastructure.messaging;

import com.idss.informzsync.application.operations.DeadLetterDesk;
import com.idss.informzsync.application.operations.DeliveryFailures;
import com.idss.informzsync.application.operations.MessageQueues;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncMessageFailed;
import com.idss.informzsync.application.sync.SyncMessageHandler;
import com.idss.informzsync.application.sync.SyncSettings;
import com.idss.informzsync.infrastructure.persistence.DatabaseReachability;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the sync queue in container transactions: a contact's sync message together with the
 * contact syncs waiting behind it (up to {@code idss.sync.contact-batch-size}), any other message on
 * its own. A message no delivery can read goes to the dead-letter queue on its first delivery. Any
 * other exception rolls the transaction back: the broker redelivers every message taken, and after
 * the configured attempts dead-letters it.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = SyncQueue.JNDI_NAME),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // Messages wait in the queue, not in a busy session's buffer: see WaitingContactSyncs.
        @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
        // Informz publishes no rate limit: keep concurrency bounded (server-config sets the value).
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${idss.sync.max-sessions:4}")
})
public class SyncQueueListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(SyncQueueListener.class.getName());
    /** The property that says why a message was dead-lettered without further deliveries. */
    public static final String DEAD_LETTER_REASON = DeadLetterDesk.DEAD_LETTER_REASON;

    @Inject
    SyncMessageHandler handler;

    @Inject
    WaitingContactSyncs waiting;

    @Inject
    SyncSettings settings;

    @Inject
    Event<SyncMessageFailed> failed;

    @Inject
    DatabaseReachability database;

    @Inject
    DeliveryFailures deliveryFailures;

    @Inject
    @JMSConnectionFactory(SyncQueue.XA_CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = SyncQueue.DEAD_LETTER_JNDI_NAME)
    Queue deadLetters;

    @Override
    public void onMessage(Message message) {
        Optional<Taken> first = read(message);
        if (first.isEmpty()) {
            return;
        }
        List<Taken> taken = new ArrayList<>(List.of(first.get()));
        // A redelivered message goes alone: should it fail every time, it fails no other message.
        if (first.get().sync().kind() == AggregateKind.CONTACT && !first.get().redelivered() && waitedInQueue(message)) {
            waiting.take(settings.contactBatchSize() - 1).forEach(more -> read(more).ifPresent(taken::add));
            LOG.fine(() -> "Contact syncs taken together: " + taken.size());
        }
        try {
            handler.handle(taken.stream().map(t -> new SyncMessageHandler.Delivery(t.sync(), t.redelivered())).toList());
        } catch (RuntimeException e) {
            for (Taken failedOne : taken) {
                int deliveryCount = deliveryCountOf(failedOne.message());
                LOG.log(Level.WARNING, "Sync message failed (delivery " + deliveryCount + "): " + e.getMessage());
                failed.fire(new SyncMessageFailed(failedOne.payload(), deliveryCount, e.toString()));
                remember(failedOne.message(), deliveryCount, e);
            }
            // If the database is down, the redelivery must not come before it is back.
            database.awaitReachable();
            throw e;
        }
    }

    /** A message as read from the queue. */
    private record Taken(Message message, String payload, SyncMessage sync, boolean redelivered) {
    }

    /** The message, or nothing when no delivery could read it: then it is dead-lettered now. */
    private Optional<Taken> read(Message message) {
        String payload = null;
        try {
            payload = textOf(message);
            return Optional.of(new Taken(message, payload, SyncMessage.parse(payload), redelivered(message)));
        } catch (IllegalArgumentException unreadable) { // MalformedSyncMessageException, or not a TextMessage
            // No later delivery could read it either: to the dead-letter queue at once, with the reason.
            LOG.warning("Unreadable sync message dead-lettered: " + unreadable.getMessage());
            failed.fire(new SyncMessageFailed(payload, deliveryCountOf(message), unreadable.toString()));
            deadLetter(message, payload, unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** Should this have been the last attempt, the dead-letter page shows why it failed. */
    private void remember(Message message, int deliveryCount, RuntimeException failure) {
        try {
            deliveryFailures.record(message.getJMSMessageID(), MessageQueues.QueueName.SYNC, deliveryCount, failure.toString());
        } catch (JMSException | RuntimeException notRecorded) { // the database may be what failed
            LOG.fine(() -> "Why the delivery failed was not recorded: " + notRecorded);
        }
    }

    /** In the delivery's transaction: the message leaves the queue if, and only if, it reaches the DLQ. */
    private void deadLetter(Message message, String payload, String reason) {
        if (payload == null) {
            jms.createProducer().send(deadLetters, message); // not text: forwarded as it came
        } else {
            jms.createProducer().setProperty(DEAD_LETTER_REASON, reason).send(deadLetters, payload);
        }
    }

    private static String textOf(Message message) {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException("sync messages are JMS TextMessages, got " + message.getClass().getName());
        }
        try {
            return text.getText();
        } catch (JMSException e) {
            throw new IllegalStateException("could not read sync message", e);
        }
    }

    /**
     * Whether the message waited for a free session: only then may others wait behind it. Looking
     * costs a consumer and one more resource in the transaction, which a message taken at once
     * (the queue empty, a session idle) would pay for nothing.
     */
    private boolean waitedInQueue(Message message) {
        try {
            return System.currentTimeMillis() - message.getJMSDeliveryTime() >= settings.contactBatchAfterWait().toMillis();
        } catch (JMSException e) {
            return true;
        }
    }

    private static boolean redelivered(Message message) {
        try {
            return message.getJMSRedelivered();
        } catch (JMSException e) {
            return true; // not knowing is doubt enough: the sync asks Informz what it holds
        }
    }

    private static int deliveryCountOf(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 0;
        }
    }
}
