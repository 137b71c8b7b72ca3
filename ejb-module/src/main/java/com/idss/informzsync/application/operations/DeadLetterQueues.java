package com.idss.informzsync.application.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The broker's dead-letter queues, message by message. */
public interface DeadLetterQueues {

    /**
     * @param body        the text, or null when the message is not text
     * @param properties  the application's own properties (not the broker's)
     */
    record QueuedMessage(String messageId, Instant sentAt, String body, Map<String, Object> properties) {
    }

    /** In queue order, at most {@code max}. */
    List<QueuedMessage> browse(MessageQueues.QueueName queue, int max);

    /**
     * Takes the message off {@code from} and puts it on {@code to}, its text rewritten by {@code body}
     * and its properties kept, both in the caller's transaction.
     *
     * @return false when no such message is on {@code from} (someone else took it)
     */
    boolean move(MessageQueues.QueueName from, String messageId, MessageQueues.QueueName to, UnaryOperator<String> body);

    /** @return false when no such message is on the queue */
    boolean delete(MessageQueues.QueueName queue, String messageId);
}
