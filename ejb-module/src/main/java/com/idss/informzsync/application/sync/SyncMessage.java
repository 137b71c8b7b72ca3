package com.idss.informzsync.application.sync;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Locale;

/**
 * "Aggregate X changed", as it travels on the sync queue. Deliberately carries no data: the
 * consumer syncs the current database state, so redelivery, duplicates and reordering are harmless.
 *
 * <p>Wire form: {@code {"v":1,"kind":"contact","id":42}}, optionally with {@code "trigger"} (why a
 * list reconcile runs), {@code "attempt"} (the how-manieth retry of a failed sync, from 1) and
 * {@code "deferred":true} (the one follow-up that stands for a burst of changes, see SyncCoalescer) and
 * {@code "doubt":true} (a redelivery that waited its turn: its earlier attempt may have reached Informz)
 * and {@code "retry"} (a retry's token: which of an aggregate's retries is the one pending, see PendingRetries).
 */
public record SyncMessage(AggregateKind kind, long id, SyncTrigger trigger, int attempt, boolean deferred, boolean inDoubt,
        long retryToken) {

    /** Looked up once: {@code Json.create…} asks the service loader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final int CURRENT_VERSION = 1;

    public SyncMessage {
        if (kind == null || trigger == null || attempt < 0) {
            throw new IllegalArgumentException("kind and trigger required, attempt >= 0");
        }
    }

    public SyncMessage(AggregateKind kind, long id, SyncTrigger trigger, int attempt, boolean deferred) {
        this(kind, id, trigger, attempt, deferred, false, 0);
    }

    public SyncMessage(AggregateKind kind, long id) {
        this(kind, id, SyncTrigger.CHANGED, 0, false);
    }

    public static SyncMessage of(AggregateChanged change) {
        return new SyncMessage(change.kind(), change.id(), change.trigger(), 0, false);
    }

    /** The same sync, tried again later; the token tells this retry from any other of the aggregate's. */
    public SyncMessage nextAttempt(long token) {
        return new SyncMessage(kind, id, trigger, attempt + 1, false, false, token);
    }

    /** The follow-up that syncs, at the end of a coalescing window, whatever changed during it. */
    public SyncMessage asDeferred() {
        return new SyncMessage(kind, id, trigger, attempt, true, false, retryToken);
    }

    /**
     * The same sync, a little later: another unit of work holds what it would push for, or Informz
     * is down. It has passed the coalescer already, so it comes back as a follow-up; a redelivery
     * keeps its doubt, which a fresh message would otherwise lose, and a retry stays the retry.
     */
    public SyncMessage waitingTurn(boolean redelivered) {
        return new SyncMessage(kind, id, trigger, attempt, true, inDoubt || redelivered, retryToken);
    }

    /**
     * The same sync, put back on the queue by an operator after it was dead-lettered: a fresh first
     * attempt, but in doubt, since a failed delivery may have reached Informz before it rolled back.
     */
    public SyncMessage requeued() {
        return new SyncMessage(kind, id, trigger, 0, false, true, 0);
    }

    /** What identifies the aggregate in the sync's bookkeeping (coalescing, pending retries) and logs. */
    public String groupId() {
        return kind.wireName() + ":" + id;
    }

    public boolean isAbout(AggregateKind kind, long id) {
        return this.kind == kind && this.id == id;
    }

    public String toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("v", CURRENT_VERSION)
                .add("kind", kind.wireName())
                .add("id", id);
        if (trigger != SyncTrigger.CHANGED) {
            json.add("trigger", trigger.name().toLowerCase(Locale.ROOT));
        }
        if (attempt > 0) {
            json.add("attempt", attempt);
        }
        if (deferred) {
            json.add("deferred", true);
        }
        if (inDoubt) {
            json.add("doubt", true);
        }
        if (retryToken != 0) {
            json.add("retry", retryToken);
        }
        return json.build().toString();
    }

    /** @throws MalformedSyncMessageException when the text is not a sync message this version understands */
    public static SyncMessage parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedSyncMessageException("empty message");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            int version = requiredNumber(object, "v").intValueExact();
            if (version != CURRENT_VERSION) {
                throw new MalformedSyncMessageException("unsupported version " + version);
            }
            if (!(object.get("kind") instanceof JsonString kind)) {
                throw new MalformedSyncMessageException("missing or non-text 'kind'");
            }
            SyncTrigger trigger = SyncTrigger.CHANGED;
            if (object.get("trigger") instanceof JsonString text) {
                trigger = SyncTrigger.valueOf(text.getString().toUpperCase(Locale.ROOT));
            } else if (object.containsKey("trigger")) {
                throw new MalformedSyncMessageException("non-text 'trigger'");
            }
            int attempt = object.containsKey("attempt") ? requiredNumber(object, "attempt").intValueExact() : 0;
            JsonValue deferred = object.getOrDefault("deferred", JsonValue.FALSE);
            JsonValue doubt = object.getOrDefault("doubt", JsonValue.FALSE);
            if (deferred != JsonValue.TRUE && deferred != JsonValue.FALSE) {
                throw new MalformedSyncMessageException("non-boolean 'deferred'");
            }
            if (doubt != JsonValue.TRUE && doubt != JsonValue.FALSE) {
                throw new MalformedSyncMessageException("non-boolean 'doubt'");
            }
            long retryToken = object.containsKey("retry") ? requiredNumber(object, "retry").longValueExact() : 0;
            return new SyncMessage(AggregateKind.fromWireName(kind.getString()),
                    requiredNumber(object, "id").longValueExact(), trigger, attempt, deferred == JsonValue.TRUE,
                    doubt == JsonValue.TRUE, retryToken);
        } catch (MalformedSyncMessageException e) {
            throw e;
        } catch (JsonException | ClassCastException | ArithmeticException | IllegalArgumentException e) {
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
