package com.idss.informzsync.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The Informz simulator's admin API (docs/informz-simulator.md), as the tests use it. */
public final class InformzSimulatorAdmin {

    private static final URI ADMIN = URI.create("http://127.0.0.1:18089/admin/");
    private final HttpClient http = HttpClient.newHttpClient();

    public void createInterest(String name) {
        post("interests?name=" + encode(name));
    }

    public void unknownInterestMode(String mode) {
        post("unknown-interest-mode?mode=" + mode);
    }

    /** The next {@code count} SOAP calls fail this way (http-503, timeout, slow, soap-fault, malformed). */
    public void injectFaults(String type, int count, String faultCode) {
        post("faults?type=" + type + "&count=" + count + (faultCode == null ? "" : "&code=" + faultCode));
    }

    /** As {@link #injectFaultsInCallsMentioning}, holding or delaying each call {@code delayMillis}. */
    public void injectDelayedFaultsInCallsMentioning(String match, String type, int count, long delayMillis) {
        post("faults?type=" + type + "&count=" + count + "&delayMillis=" + delayMillis + "&match=" + encode(match));
    }

    /** As {@link #injectFaults}, but only for calls whose request contains {@code match} (an email, say). */
    public void injectFaultsInCallsMentioning(String match, String type, int count, String faultCode) {
        post("faults?type=" + type + "&count=" + count + (faultCode == null ? "" : "&code=" + faultCode)
                + "&match=" + encode(match));
    }

    /**
     * Each SOAP call fails with probability {@code rate}, in one of {@code types} (comma-separated,
     * e.g. {@code http-503,timeout,slow,malformed,lost-reply}) picked at random.
     */
    public void randomFaults(double rate, String types) {
        post("random-faults?rate=" + rate + "&type=" + encode(types));
    }

    /** Informz works normally again: planned and random faults are dropped. */
    public void clearFaults() {
        post("clear-faults");
    }

    /** The person with this address leaves the interest on Informz's own preference page. */
    public void personOptsOutOf(String interest, String email) {
        post("preference-page?choice=opt-out&email=" + encode(email) + "&interest=" + encode(interest));
    }

    /** The person with this address unsubscribes from all mail on Informz's preference page. */
    public void personUnsubscribesFromAllMail(String email, String reason) {
        post("preference-page?choice=unsubscribe&email=" + encode(email) + "&reason=" + encode(reason));
    }

    /** The person takes an unsubscribe back and rejoins the interest, on Informz's preference page. */
    public void personResubscribesTo(String interest, String email) {
        post("preference-page?choice=resubscribe&email=" + encode(email) + "&interest=" + encode(interest));
    }

    public void callerIpAllowed(boolean allowed) {
        post("caller-ip?allowed=" + allowed);
    }

    /** The most recent calls (up to {@code limit}; the simulator keeps 5,000), oldest first. */
    public List<JsonObject> calls(int limit) {
        return callsOf("calls?limit=" + limit);
    }

    /** How many calls the simulator received since it started (or was reset). */
    public long callCount() {
        return json(get("call-count")).getJsonNumber("count").longValue();
    }

    /** Calls naming one subscriber that were in progress at the same time, since the simulator started or was reset. */
    public long overlapCount() {
        return json(get("overlaps")).getJsonNumber("count").longValue();
    }

    /** Seeds drift: of each interest's members every (1 / fraction)-th is forgotten, as many strangers put on. */
    public JsonObject seedDrift(double fraction) {
        return json(send(HttpRequest.newBuilder(ADMIN.resolve("drift?fraction=" + fraction))
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** How much of the seeded drift is still there: {@code seeded}, {@code missing}, {@code strangers}. */
    public JsonObject driftRemaining() {
        return json(get("drift"));
    }

    /** The last {@code limit} calls whose request document contains {@code match} (an email, say). */
    public List<JsonObject> callsMentioning(String match, int limit) {
        return callsOf("calls?limit=" + limit + "&match=" + encode(match));
    }

    private List<JsonObject> callsOf(String path) {
        try (JsonReader reader = Json.createReader(new StringReader(get(path)))) {
            JsonValue calls = reader.readValue();
            var array = calls.getValueType() == JsonValue.ValueType.ARRAY ? calls.asJsonArray() : calls.asJsonObject().getJsonArray("calls");
            return array.stream().map(JsonValue::asJsonObject).toList();
        }
    }

    public JsonObject state() {
        return json(get("state"));
    }

    /** Addresses currently on the interest (membership not cancelled), lower-cased. */
    public Set<String> membersOf(String interest) {
        Set<String> emails = new TreeSet<>();
        for (JsonValue value : json(get("state?interest=" + encode(interest))).getJsonArray("memberships")) {
            JsonObject membership = value.asJsonObject();
            if (interest.equals(membership.getString("interest_name"))
                    && membership.get("cancellation_date").getValueType() == JsonValue.ValueType.NULL) {
                emails.add(membership.getString("email").toLowerCase(Locale.ROOT));
            }
        }
        return emails;
    }

    /** As {@link #membersOf}, from the simulator's member list: small however many subscribers other tests left. */
    public Set<String> activeMembersOf(String interest) {
        Set<String> emails = new TreeSet<>();
        for (JsonValue value : json(get("members?interest=" + encode(interest))).getJsonArray("emails")) {
            emails.add(((jakarta.json.JsonString) value).getString());
        }
        return emails;
    }

    /** The CRM ids ({@code user_id}) of the subscriber records active on the interest. */
    public Set<Integer> activeUserIdsOn(String interest) {
        JsonObject state = json(get("state?interest=" + encode(interest)));
        Set<Integer> activeRecords = new TreeSet<>();
        for (JsonValue value : state.getJsonArray("memberships")) {
            JsonObject membership = value.asJsonObject();
            if (interest.equals(membership.getString("interest_name"))
                    && membership.get("cancellation_date").getValueType() == JsonValue.ValueType.NULL) {
                activeRecords.add(membership.getInt("subscriber_id"));
            }
        }
        Set<Integer> userIds = new TreeSet<>();
        for (JsonValue value : state.getJsonArray("subscribers")) {
            JsonObject subscriber = value.asJsonObject();
            if (activeRecords.contains(subscriber.getInt("subscriber_id")) && !subscriber.isNull("user_id")) {
                userIds.add(subscriber.getInt("user_id"));
            }
        }
        return userIds;
    }

    /** Subscriber records Informz holds for the address (one, unless something went wrong). */
    public List<JsonObject> subscribersWithEmail(String email) {
        return json(get("state?email=" + encode(email))).getJsonArray("subscribers").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("email").equalsIgnoreCase(email))
                .toList();
    }

    public Optional<JsonObject> subscriber(String email) {
        List<JsonObject> found = subscribersWithEmail(email);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public boolean hasTargetGroupFor(String interest) {
        // Interests always come whole; naming one only leaves out the memberships of the others.
        return json(get("state?interest=" + encode(interest))).getJsonArray("interests").stream().map(JsonValue::asJsonObject)
                .anyMatch(i -> interest.equals(i.getString("name")) && i.containsKey("target_group_id"));
    }

    private void post(String path) {
        send(HttpRequest.newBuilder(ADMIN.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(ADMIN.resolve(path)).GET().build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
