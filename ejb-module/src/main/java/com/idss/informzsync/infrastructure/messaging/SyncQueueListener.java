package com.idss.informzsync.infrastructure.messaging;

import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncMessageHandler;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

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

    @Inject
    SyncMessageHandler handler;

    @Override
    public void onMessage(Message message) {
        handler.handle(SyncMessage.parse(textOf(message)));
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
}
