package com.idss.informzsync.reliability;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One state dump of the simulator ({@code /admin/state}), read as the facts that matter to a
 * marketer: who is on an interest, with which fields, and how many records an address has.
 */
final class InformzStateView {

    private final Map<String, Set<String>> activeMembersByInterest = new HashMap<>();
    private final Map<String, Map<String, String>> fieldsByEmail = new HashMap<>();
    private final Map<String, Integer> recordsByEmail = new HashMap<>();

    InformzStateView(JsonObject state) {
        for (JsonValue value : state.getJsonArray("memberships")) {
            JsonObject membership = value.asJsonObject();
            if (membership.get("cancellation_date").getValueType() == JsonValue.ValueType.NULL) {
                activeMembersByInterest.computeIfAbsent(membership.getString("interest_name"), k -> new TreeSet<>())
                        .add(membership.getString("email").toLowerCase(Locale.ROOT));
            }
        }
        for (JsonValue value : state.getJsonArray("subscribers")) {
            JsonObject subscriber = value.asJsonObject();
            String email = subscriber.getString("email").toLowerCase(Locale.ROOT);
            recordsByEmail.merge(email, 1, Integer::sum);
            Map<String, String> fields = new TreeMap<>();
            JsonObject stored = subscriber.getJsonObject("fields");
            if (stored != null) {
                stored.forEach((name, field) -> fields.put(name,
                        field.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) field).getString() : field.toString()));
            }
            fieldsByEmail.put(email, fields);
        }
    }

    Set<String> activeMembers(String interest) {
        return activeMembersByInterest.getOrDefault(interest, Set.of());
    }

    Map<String, String> fields(String email) {
        return fieldsByEmail.getOrDefault(email.toLowerCase(Locale.ROOT), Map.of());
    }

    boolean hasSubscriber(String email) {
        return recordsByEmail.containsKey(email.toLowerCase(Locale.ROOT));
    }

    /** Addresses among {@code emails} that Informz holds more than one subscriber record for. */
    long duplicatedRecords(Iterable<String> emails) {
        long duplicated = 0;
        for (String email : emails) {
            duplicated += Math.max(0, recordsByEmail.getOrDefault(email.toLowerCase(Locale.ROOT), 0) - 1);
        }
        return duplicated;
    }
}
