package com.idss.informzsync.interfaces.jms;

import com.idss.informzsync.application.inbox.CrmInbox;
import com.idss.informzsync.application.inbox.InboxDelivery;
import com.idss.informzsync.application.inbox.InboxOutcome;
import com.idss.informzsync.application.operations.DatabaseProbe;
import com.idss.informzsync.application.operations.DeliveryFailures;
import com.idss.informzsync.application.operations.MessageQueues;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the CRM inbox, each message in its own container transaction, and answers on
 * JMSReplyTo in that transaction. A sender's mistake comes back as an outcome and the message is
 * consumed; only infrastructure failures escape, roll back and are redelivered (then dead-lettered).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = CrmInboxQueue.JNDI_NAME),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // One session keeps the queue's order: "upsert, then add to list" from one sender applies in that order.
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${idss.inbox.max-sessions:1}")
})
public class CrmInboxListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CrmInboxListener.class.getName());

    @Inject
    CrmInbox inbox;

    @Inject
    @JMSConnectionFactory(CrmInboxQueue.XA_CONNECTION_FACTORY)
    JMSContext jms;

    @Inject
    DatabaseProbe database;

    @Inject
    DeliveryFailures deliveryFailures;

    @Override
    public void onMessage(Message message) {
        InboxOutcome outcome;
        try {
            outcome = inbox.receive(deliveryOf(message));
        } catch (RuntimeException e) {
            remember(message, e);
            // An infrastructure failure: if the database is down, the redelivery must not come before it is back.
            database.awaitReachable();
            throw e;
        }
        reply(message, outcome);
    }

    /** Should this have been the last attempt, the dead-letter page shows why it failed. */
    private void remember(Message message, RuntimeException failure) {
        try {
            deliveryFailures.record(message.getJMSMessageID(), MessageQueues.QueueName.INBOX, deliveryCountOf(message),
                    failure.toString());
        } catch (JMSException | RuntimeException notRecorded) { // the database may be what failed
            LOG.fine(() -> "Why the delivery failed was not recorded: " + notRecorded);
        }
    }

    private static InboxDelivery deliveryOf(Message message) {
        try {
            String messageId = message.getJMSMessageID();
            String correlationId = message.getJMSCorrelationID();
            int deliveryCount = deliveryCountOf(message);
            if (message instanceof TextMessage text) {
                return InboxDelivery.text(text.getText(), messageId, correlationId, deliveryCount);
            }
            return InboxDelivery.nonText(kindOf(message), messageId, correlationId, deliveryCount);
        } catch (JMSException e) {
            throw new IllegalStateException("could not read the inbox message", e);
        }
    }

    private void reply(Message request, InboxOutcome outcome) {
        Destination replyTo;
        String correlationId;
        try {
            replyTo = request.getJMSReplyTo();
            if (replyTo == null) {
                return;
            }
            // The usual request/reply convention: echo the request's correlation id, else its message id.
            correlationId = request.getJMSCorrelationID() != null ? request.getJMSCorrelationID() : request.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("could not read the inbox message's reply headers", e);
        }
        try {
            // Replies go to temporary queues that die with the sender's connection: nothing to persist.
            jms.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setJMSCorrelationID(correlationId)
                    .send(replyTo, outcome.toJson());
        } catch (JMSRuntimeException e) {
            // A sender that went away cannot be answered; that must not undo or repeat what was done.
            LOG.log(Level.WARNING, "Could not send the inbox outcome to " + replyTo + ": " + e);
        }
    }

    private static int deliveryCountOf(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 1;
        }
    }

    private static String kindOf(Message message) {
        if (message instanceof BytesMessage) {
            return "BytesMessage";
        } else if (message instanceof MapMessage) {
            return "MapMessage";
        } else if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        } else if (message instanceof StreamMessage) {
            return "StreamMessage";
        }
        return "Message without a body";
    }
}
