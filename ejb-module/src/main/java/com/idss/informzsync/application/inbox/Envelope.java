package com.idss.informzsync.application.inbox;

/**
 * What every inbox message carries. {@code (sender, messageId)} identifies the message for
 * idempotency; {@code correlationId} is the sender's and only echoed back.
 */
public record Envelope(InboxMessageType type, int version, String sender, String messageId, String correlationId) {
}
