package com.idss.informzsync.application.inbox;

import java.time.OffsetDateTime;
import java.util.List;

/** A refused inbox message as the console shows it. {@code payload} is cut at 8,000 characters. */
public record InvalidMessageView(long id, OffsetDateTime receivedAt, RejectionCode code, List<String> reasons,
        String sender, String messageId, String messageType, String correlationId, String jmsMessageId,
        String payload, int payloadChars) {

    public boolean payloadTruncated() {
        return payload != null && payload.length() < payloadChars;
    }

    static InvalidMessageView of(InvalidMessage message) {
        return new InvalidMessageView(message.getId(), message.getReceivedAt(), message.getCode(),
                List.of(message.getReasons().split("\n")), message.getSender(), message.getMessageId(),
                message.getMessageType(), message.getCorrelationId(), message.getJmsMessageId(), message.getPayload(),
                message.getPayloadChars());
    }
}
