package com.idss.informzsync.application.inbox;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Locale;

/**
 * What became of one inbox message; its JSON is the reply sent to JMSReplyTo
 * ({@code docs/jms-schemas/outcome.schema.json}). Envelope fields are those the message carried,
 * or null when it could not be read that far.
 */
public record InboxOutcome(Result result, String sender, String messageId, String messageType, String correlationId,
        Integer contactId, Long listId, RejectionCode code, List<String> reasons) {

    /** Looked up once: {@code Json.create…} asks the service loader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public enum Result {
        /** Changed (or, for sync requests, asked for) now. */
        APPLIED,
        /** Refused for good; the message will not come back. */
        REJECTED,
        /** This sender's messageId was applied before; nothing changed now. */
        DUPLICATE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String REPLY_TYPE = "outcome";

    public InboxOutcome {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    static InboxOutcome applied(Envelope envelope, Integer contactId, Long listId) {
        return new InboxOutcome(Result.APPLIED, envelope.sender(), envelope.messageId(), envelope.type().wireName(),
                envelope.correlationId(), contactId, listId, null, null);
    }

    static InboxOutcome duplicate(Envelope envelope, ProcessedMessage original) {
        return new InboxOutcome(Result.DUPLICATE, envelope.sender(), envelope.messageId(), envelope.type().wireName(),
                envelope.correlationId(), original.getContactId(), original.getListId(), null, null);
    }

    static InboxOutcome rejected(Rejection rejection) {
        return new InboxOutcome(Result.REJECTED, rejection.sender(), rejection.messageId(), rejection.messageType(),
                rejection.correlationId(), null, null, rejection.code(), rejection.reasons());
    }

    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", REPLY_TYPE)
                .add("version", 1)
                .add("outcome", result.wireName());
        addIfPresent(json, "sender", sender);
        addIfPresent(json, "messageId", messageId);
        addIfPresent(json, "messageType", messageType);
        addIfPresent(json, "correlationId", correlationId);
        if (contactId != null) {
            json.add("contactId", contactId);
        }
        if (listId != null) {
            json.add("listId", listId);
        }
        if (code != null) {
            json.add("code", code.name());
            JsonArrayBuilder reasonArray = JSON.createArrayBuilder();
            reasons.forEach(reasonArray::add);
            json.add("reasons", reasonArray);
        }
        return json.build().toString();
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
