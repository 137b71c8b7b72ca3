package com.idss.informzsync.application.operations;

import java.time.Instant;

/**
 * A dead-lettered message as an operator needs to see it.
 *
 * @param type          what it asks for ("contact 42", "contact.upsert"), or why it cannot be read
 * @param reason        why its last delivery failed, as recorded then; null when nothing was recorded
 * @param deliveryCount how many deliveries failed, as recorded; 0 when unknown
 * @param failedAt      when its last delivery failed; null when unknown
 */
public record DeadLetter(MessageQueues.QueueName queue, String messageId, String type, String reason, int deliveryCount,
        Instant sentAt, Instant failedAt, String body) {

    /** Identifies the message across requests (a form's selection). */
    public String key() {
        return queue.name() + "/" + messageId;
    }
}
