package com.idss.informzsync.application.operations;

import com.idss.informzsync.application.sync.SyncMessage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter queues for a sync-admin: what waits there and why, put back on its queue or
 * deleted, each action in the audit. A requeued sync message comes back in doubt, since its failed
 * deliveries may have reached Informz (SyncMessage "doubt"); an inbox message comes back as it was,
 * and the inbox applies a message ID once.
 */
@Stateless
public class DeadLetterDesk {

    /** The property the sync listener sets on a message no delivery could read. */
    public static final String DEAD_LETTER_REASON = "idssDeadLetterReason";
    /** A page's worth, and what one "requeue all" moves in one transaction. */
    public static final int MOST_AT_ONCE = 500;
    private static final int BODY_SHOWN = 2000;

    @Inject
    DeadLetterQueues queues;

    @Inject
    DeliveryFailures failures;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    public List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        for (MessageQueues.QueueName queue : List.of(MessageQueues.QueueName.SYNC_DEAD_LETTERS,
                MessageQueues.QueueName.INBOX_DEAD_LETTERS)) {
            List<DeadLetterQueues.QueuedMessage> messages = queues.browse(queue, MOST_AT_ONCE);
            Map<String, DeliveryFailure> why = failures.byMessageId(messages.stream().map(DeadLetterQueues.QueuedMessage::messageId).toList());
            for (DeadLetterQueues.QueuedMessage message : messages) {
                Optional<DeliveryFailure> failure = Optional.ofNullable(why.get(message.messageId()));
                Object ownReason = message.properties().get(DEAD_LETTER_REASON);
                String reason = failure.map(DeliveryFailure::getReason)
                        .orElse(ownReason == null ? null : ownReason.toString());
                letters.add(new DeadLetter(queue, message.messageId(), typeOf(queue, message.body()), reason,
                        failure.map(DeliveryFailure::getDeliveryCount).orElse(ownReason == null ? 0 : 1),
                        message.sentAt(), failure.map(f -> f.getFailedAt().toInstant()).orElse(null),
                        shorten(message.body())));
            }
        }
        return letters;
    }

    /** @return how many were put back (one already taken by someone else is not) */
    public int requeue(Collection<DeadLetter> letters, String actor) {
        int moved = 0;
        for (DeadLetter letter : letters) {
            MessageQueues.QueueName origin = originOf(letter.queue());
            if (queues.move(letter.queue(), letter.messageId(), origin, body -> rewrittenForRequeue(origin, body))) {
                audit(actor, OperatorAction.Kind.REQUEUED, letter, "to " + origin.brokerName());
                moved++;
            }
        }
        return moved;
    }

    /** @return how many were deleted */
    public int delete(Collection<DeadLetter> letters, String actor) {
        int deleted = 0;
        for (DeadLetter letter : letters) {
            if (queues.delete(letter.queue(), letter.messageId())) {
                audit(actor, OperatorAction.Kind.DELETED, letter, letter.type());
                deleted++;
            }
        }
        return deleted;
    }

    public List<OperatorAction> recentActions(int max) {
        return em.createQuery("select a from OperatorAction a order by a.actedAt desc, a.id desc", OperatorAction.class)
                .setMaxResults(max).getResultList();
    }

    private void audit(String actor, OperatorAction.Kind kind, DeadLetter letter, String detail) {
        em.persist(new OperatorAction(OffsetDateTime.now(ZoneOffset.UTC), actor, kind, letter.queue().brokerName(),
                letter.messageId(), detail));
        failures.forget(letter.messageId());
    }

    static MessageQueues.QueueName originOf(MessageQueues.QueueName deadLetters) {
        return switch (deadLetters) {
            case SYNC_DEAD_LETTERS -> MessageQueues.QueueName.SYNC;
            case INBOX_DEAD_LETTERS -> MessageQueues.QueueName.INBOX;
            default -> throw new IllegalArgumentException(deadLetters + " is not a dead-letter queue");
        };
    }

    static String rewrittenForRequeue(MessageQueues.QueueName origin, String body) {
        if (origin != MessageQueues.QueueName.SYNC || body == null) {
            return body;
        }
        try {
            return SyncMessage.parse(body).requeued().toJson();
        } catch (IllegalArgumentException unreadable) {
            return body; // it will be dead-lettered again, with its reason: nothing to rewrite
        }
    }

    static String typeOf(MessageQueues.QueueName queue, String body) {
        if (body == null) {
            return "not a text message";
        }
        if (queue == MessageQueues.QueueName.SYNC_DEAD_LETTERS) {
            try {
                SyncMessage message = SyncMessage.parse(body);
                return message.kind().wireName() + " " + message.id();
            } catch (IllegalArgumentException unreadable) {
                return "unreadable sync message";
            }
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return json.get("type") instanceof JsonString type ? type.getString() : "inbox message without a type";
        } catch (JsonException | IllegalStateException | ClassCastException notJson) {
            return "unreadable inbox message";
        }
    }

    private static String shorten(String body) {
        return body == null || body.length() <= BODY_SHOWN ? body : body.substring(0, BODY_SHOWN) + "…";
    }
}
