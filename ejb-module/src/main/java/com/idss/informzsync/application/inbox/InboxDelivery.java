package com.idss.informzsync.application.inbox;

/**
 * One delivery of a JMS message, as the inbox needs it: the text ({@code null} when the message was
 * not a TextMessage, then {@code nonTextKind} names what it was) and the JMS headers kept for the
 * console.
 */
public record InboxDelivery(String text, String nonTextKind, String jmsMessageId, String jmsCorrelationId,
        int deliveryCount) {

    public static InboxDelivery text(String text, String jmsMessageId, String jmsCorrelationId, int deliveryCount) {
        return new InboxDelivery(text, null, jmsMessageId, jmsCorrelationId, deliveryCount);
    }

    public static InboxDelivery nonText(String kind, String jmsMessageId, String jmsCorrelationId, int deliveryCount) {
        return new InboxDelivery(null, kind, jmsMessageId, jmsCorrelationId, deliveryCount);
    }
}
