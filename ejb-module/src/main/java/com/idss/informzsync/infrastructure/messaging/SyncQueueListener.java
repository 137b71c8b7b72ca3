package com.idss.informzsync.infrastructure.messaging;

import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncMessageFailed;
import com.idss.informzsync.application.sync.SyncMessageHandler;
import com.idss.informzsync.infrastructure.persistence.DatabaseReachability;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the sync queue, each message in its own container transaction. Any exception rolls the
 * transaction back: the broker redelivers, and after the configured attempts dead-letters it.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = SyncQueue.JNDI_NAME),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // Informz publishes no rate limit: keep concurrency bounded (server-config sets the value).
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${idss.sync.max-sessions:4}")
})
public class SyncQueueListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(SyncQueueListener.class.getName());

    @Inject
    SyncMessageHandler handler;

    @Inject
    Event<SyncMessageFailed> failed;

    @Inject
    DatabaseReachability database;

    @Override
    public void onMessage(Message message) {
        String payload = null;
        try {
            payload = textOf(message);
            handler.handle(SyncMessage.parse(payload), redelivered(message));
        } catch (RuntimeException e) {
            int deliveryCount = deliveryCountOf(message);
            LOG.log(Level.WARNING, "Sync message failed (delivery " + deliveryCount + "): " + e.getMessage());
            failed.fire(new SyncMessageFailed(payload, deliveryCount, e.toString()));
            // If the database is down, the redelivery must not come before it is back.
            database.awaitReachable();
            throw e;
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
