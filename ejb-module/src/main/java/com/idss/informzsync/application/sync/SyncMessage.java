package com.idss.informzsync.application.sync;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * "Aggregate X changed", as it travels on the sync queue. Deliberately carries no data: the
 * consumer syncs the current database state, so redelivery and reordering are harmless.
 *
 * <p>Wire form: {@code {"v":1,"kind":"contact","id":42}}.
 */
public record SyncMessage(AggregateKind kind, long id) {

    public static final int CURRENT_VERSION = 1;

    public static SyncMessage of(AggregateChanged change) {
        return new SyncMessage(change.kind(), change.id());
    }

    public String toJson() {
        return Json.createObjectBuilder()
                .add("v", CURRENT_VERSION)
                .add("kind", kind.wireName())
                .add("id", id)
                .build()
                .toString();
    }

    /** @throws MalformedSyncMessageException when the text is not a sync message this version understands */
    public static SyncMessage parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedSyncMessageException("empty message");
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            int version = requiredNumber(object, "v").intValueExact();
            if (version != CURRENT_VERSION) {
                throw new MalformedSyncMessageException("unsupported version " + version);
            }
            String kind = object.getString("kind", null);
            if (kind == null) {
                throw new MalformedSyncMessageException("missing 'kind'");
            }
            return new SyncMessage(AggregateKind.fromWireName(kind), requiredNumber(object, "id").longValueExact());
        } catch (JsonException | ClassCastException | ArithmeticException | IllegalArgumentException e) {
            if (e instanceof MalformedSyncMessageException malformed) {
                throw malformed;
            }
            throw new MalformedSyncMessageException(e.getMessage());
        }
    }

    private static JsonNumber requiredNumber(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (!(value instanceof JsonNumber number)) {
            throw new MalformedSyncMessageException("missing or non-numeric '" + name + "'");
        }
        return number;
    }
}
