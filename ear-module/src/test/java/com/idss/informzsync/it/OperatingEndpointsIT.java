package com.idss.informzsync.it;

import static com.idss.informzsync.it.CrmFixture.unique;
import static com.idss.informzsync.it.CrmFixture.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.sync.InformzConnectionMonitor;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operators' endpoints as a load balancer and Prometheus read them, over HTTP while syncs happen
 * and fail: the application's /health/ready (no login) and the management interface's /prometheus.
 */
@ExtendWith(ArquillianExtension.class)
class OperatingEndpointsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String HEALTH = "http://127.0.0.1:8080/idss-informz-sync/health";
    private static final String METRICS = "http://127.0.0.1:9990/prometheus";
    private static final String SUBSCRIBE_SUCCEEDED = "idss_informz_calls_seconds_count{operation=\"Subscribe\",outcome=\"success\"}";
    private static final String SUBSCRIBE_FAULTED = "idss_informz_calls_seconds_count{operation=\"Subscribe\",outcome=\"fault\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(OperatingEndpointsIT.class);
    }

    @Inject
    CrmFixture crm;

    @Inject
    ContactService contacts;

    @Inject
    SyncRecorder sync;

    @Inject
    InformzConnectionMonitor connection;

    @Test
    void readinessNamesEveryDependencyAndStaysUpWhileInformzIsDown() throws Exception {
        assertEquals(200, get(HEALTH + "/live").statusCode(), "alive, and no login asked");
        Map<String, JsonObject> checks = readiness(200);
        assertTrue(checks.containsKey("idss-database"), checks.toString());
        assertEquals("UP", checks.get("idss-database").getString("status"));
        assertEquals("UP", checks.get("idss-broker").getString("status"));
        assertEquals("up", data(checks, "idss-informz").getString("state"));
        assertTrue(data(checks, "idss-dead-letters").containsKey("IdssSyncDLQ"), checks.toString());
        assertTrue(data(checks, "idss-sync-lag").containsKey("lagSeconds"), checks.toString());

        String interest = unique("Health Outage");
        long listId = crm.syncedList(interest);
        crm.informz().injectFaults("http-503", 4, null);
        int contactId = crm.contact("Health", "Outage", uniqueEmail("health.outage"));
        contacts.setDistributionLists(contactId, Set.of(listId));
        sync.await("the connection to go down", () -> !connection.current().up(), PATIENCE);
        // Degraded, not dead: the node stays in rotation, its changes wait for Informz.
        Map<String, JsonObject> whileDown = readiness(200);
        assertEquals("UP", whileDown.get("idss-informz").getString("status"));
        if (!connection.current().up()) { // it may have come back between the two reads
            assertEquals("degraded", data(whileDown, "idss-informz").getString("state"), whileDown.toString());
        }
        crm.awaitState(contactId, listId, SyncState.SYNCED);
        sync.await("readiness to say Informz is up again", () -> "up".equals(data(readinessQuietly(), "idss-informz")
                .getString("state")), PATIENCE);
    }

    @Test
    void metricsCountCallsByOutcomeAndStatesAsSyncsSucceedAndFail() throws Exception {
        Map<String, Double> before = scrape();
        String interest = unique("Metrics");
        long listId = crm.syncedList(interest);
        int synced = crm.contact("Metrics", "Synced", uniqueEmail("metrics.synced"));
        contacts.setDistributionLists(synced, Set.of(listId));
        crm.awaitState(synced, listId, SyncState.SYNCED);

        // The list's own reconcile (it was saved) is counted once its run is committed.
        sync.await("the new list's reconcile in the metrics", () -> value(scrapeQuietly(),
                "idss_list_reconcile_seconds_count{status=\"completed\",trigger=\"list_saved\"}") > value(before,
                "idss_list_reconcile_seconds_count{status=\"completed\",trigger=\"list_saved\"}"), PATIENCE);
        Map<String, Double> afterSuccess = scrape();
        assertTrue(value(afterSuccess, SUBSCRIBE_SUCCEEDED) > value(before, SUBSCRIBE_SUCCEEDED), "a successful Subscribe counted");
        assertTrue(value(afterSuccess, "idss_sync_states{state=\"synced\"}") > value(before, "idss_sync_states{state=\"synced\"}"),
                "the synced pair counted");
        assertTrue(value(afterSuccess, "idss_informz_call_latency_total{operation=\"Subscribe\",le=\"+Inf\"}")
                >= value(afterSuccess, SUBSCRIBE_SUCCEEDED), "latency in buckets");
        assertTrue(exported(afterSuccess, "idss_sync_lag_seconds"), "the lag is exported");
        assertTrue(exported(afterSuccess, "idss_queue_messages{queue=\"IdssSyncDLQ\"}"), "the dead-letter queue's depth is exported");
        assertTrue(value(afterSuccess, "idss_list_reconcile_members_count") > 0, "the reconciled list's size counted");

        String refused = uniqueEmail("metrics.refused");
        crm.informz().injectFaultsInCallsMentioning(refused, "soap-fault", 1000, "InvalidDataFormatException");
        int failing = crm.contact("Metrics", "Refused", refused);
        contacts.setDistributionLists(failing, Set.of(listId));
        crm.awaitState(failing, listId, SyncState.ERROR);

        Map<String, Double> afterFault = scrape();
        assertTrue(value(afterFault, SUBSCRIBE_FAULTED) > value(afterSuccess, SUBSCRIBE_FAULTED), "the refused Subscribe counted");
        assertTrue(value(afterFault, "idss_sync_states{state=\"error\"}") > value(afterSuccess, "idss_sync_states{state=\"error\"}"),
                "the failed pair counted");
    }

    private Map<String, JsonObject> readiness(int expectedStatus) throws Exception {
        HttpResponse<String> response = get(HEALTH + "/ready");
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return checksOf(response.body());
    }

    private Map<String, JsonObject> readinessQuietly() {
        try {
            return checksOf(get(HEALTH + "/ready").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonObject> checksOf(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .collect(Collectors.toMap(check -> check.getString("name"), Function.identity()));
        }
    }

    private static JsonObject data(Map<String, JsonObject> checks, String name) {
        return checks.get(name).getJsonObject("data");
    }

    private Map<String, Double> scrapeQuietly() {
        try {
            return scrape();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every sample of the Prometheus text, by its name and labels as written. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = get(METRICS);
        assertEquals(200, response.statusCode());
        return response.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' ')),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), (a, b) -> b));
    }

    private static boolean exported(Map<String, Double> samples, String sample) {
        return !matching(samples, sample).isEmpty();
    }

    /** A sample by name and labels in any order, summed over the labels it does not name. */
    private static double value(Map<String, Double> samples, String sample) {
        return matching(samples, sample).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> matching(Map<String, Double> samples, String sample) {
        String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
        Set<String> labels = sample.contains("{")
                ? Set.of(sample.substring(sample.indexOf('{') + 1, sample.length() - 1).split(","))
                : Set.of();
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> labels.stream().allMatch(label -> e.getKey().contains(label)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
