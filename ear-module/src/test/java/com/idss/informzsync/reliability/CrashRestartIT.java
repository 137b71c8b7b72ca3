package com.idss.informzsync.reliability;

import static com.idss.informzsync.reliability.ReliabilityReport.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.it.Deployments;
import com.idss.informzsync.it.InformzSimulatorAdmin;
import com.idss.informzsync.jmsclient.CrmInboxClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: the WildFly process is killed ({@code kill -9}) in the middle of a big list sync and
 * again during steady edits sent through the JMS inbox; the server is started again as it was
 * (same data directory, same deployment) and everything committed must reach Informz with no manual
 * step. The test is a remote client: nothing of it may live in the server it kills.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class CrashRestartIT {

    private static final String SERVER = "restartable";
    private static final String APP = "app";
    private static final String HOST = "127.0.0.1";
    private static final int PORT = Integer.getInteger("it.http.port", 8080);
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private static final InformzSimulatorAdmin informz = new InformzSimulatorAdmin();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final String run = UUID.randomUUID().toString().substring(0, 8);

    @ArquillianResource
    ContainerController server;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return Deployments.productEarWithInboxProbe();
    }

    @Test
    @Order(1)
    void aKillDuringABigListSyncLosesNothing() throws Exception {
        start();
        int listSize = setting("crash-list-size", 1_500);
        assertTrue(listSize > 1_000, "crash-list-size: more than two batches of 500, so a later round is left at the kill");
        String interest = "Crash List " + run;
        informz.createInterest(interest);
        long listId = probePost("list?name=" + encode(interest)).getJsonNumber("listId").longValue();
        // Every call that names the interest (the list's Subscribe batches of 500, and the new
        // contacts' own syncs once they are on the list: who pushes which contact is a race) is held
        // before it is applied. A batch the server has just taken to Informz holds its contacts, which
        // their own syncs cannot push meanwhile: a kill before its hold is over, with members already
        // in, kills during the sync, some of it applied, some in flight. More than two batches, so
        // that if no contact is in at the first round the second round comes.
        int holdMillis = setting("crash-batch-hold-ms", 2_000);
        informz.injectDelayedFaultsInCallsMentioning(interest, "slow", listSize, holdMillis);
        long started = System.nanoTime();
        probePost("list-members?listId=" + listId + "&count=" + listSize + "&emailPrefix=" + encode("crash." + run + "."));
        // The batch seen was taken after the look before it started: the kill is timed from there.
        // Before the first look, the list's change was committed as the request above returned; its
        // reconcile plans, then locks, before a batch is taken.
        long saved = System.nanoTime();
        long[] lookBefore = {saved, saved};
        long[] batchesSeen = {0};
        int[] membersIn = {0};
        awaitExternal("a list batch just taken to Informz while other members are there", () -> {
            lookBefore[0] = lookBefore[1];
            lookBefore[1] = System.nanoTime();
            long held = batchesHeld(listId);
            boolean batchJustHeld = held > batchesSeen[0];
            batchesSeen[0] = held;
            membersIn[0] = batchJustHeld ? informz.membersOf(interest).size() : 0;
            return membersIn[0] > 0;
        }, PATIENCE);
        int membersAtKill = membersIn[0];
        killServer();
        long killedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lookBefore[0]);
        informz.clearFaults();
        long restarted = restartAfterKill();

        JsonObject synced = probe("await-list-synced?listId=" + listId + "&count=" + listSize + "&seconds=" + PATIENCE.toSeconds());
        Duration converge = since(restarted);
        Set<String> members = informz.membersOf(interest);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < listSize; i++) {
            expected.add(("crash." + run + "." + i + "@example.org").toLowerCase(Locale.ROOT));
        }
        long applied = expected.stream().filter(members::contains).count();
        long duplicated = duplicatedRecords(expected);
        System.out.printf(Locale.ROOT, "RELIABILITY crash: killed with %d of %d members in Informz, at most %d ms after a"
                + " batch was taken there; up again %.1f s after the list was saved%n",
                membersAtKill, listSize, killedAfterMillis, (restarted - started) / 1e9);
        boolean killedDuringTheSync = killedAfterMillis < holdMillis;
        ReliabilityReport.row("2a. crash: kill -9 during a " + listSize + "-contact list sync (" + membersAtKill
                + " in Informz at the kill)", listSize, applied, duplicated, converge, killedDuringTheSync);
        assertTrue(killedDuringTheSync, "the kill came while the batch was held in Informz");
        assertEquals(listSize, synced.getJsonNumber("synced").longValue(), synced.toString());
        assertEquals(expected, members);
        assertEquals(0, duplicated);
    }

    @Test
    @Order(2)
    void aKillDuringSteadyEditsThroughTheInboxLosesNothing() throws Exception {
        String interest = "Crash Edits " + run;
        informz.createInterest(interest);
        long listId = probePost("list?name=" + encode(interest)).getJsonNumber("listId").longValue();
        String sender = "crash-" + run;
        int editsBeforeKill = setting("crash-edits-before-kill", 150);
        int editsAfterRestart = editsBeforeKill / 3;
        // Key -> the last title the CRM accepted for it; a message counts once the broker took it.
        Map<String, String> lastTitle = new LinkedHashMap<>();
        List<String[]> unsent = new ArrayList<>();
        int[] sent = {0};
        try (CrmInboxClient inbox = connect()) {
            for (int i = 0; i < editsBeforeKill; i++) {
                sendEdit(inbox, sender, listId, i, lastTitle, unsent, sent);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // pacing of the load, not synchronisation
            }
        }
        // Kill while the sync engine is still busy with the edits: the inbox and sync queues hold work.
        killServer();
        long restarted = restartAfterKill();
        try (CrmInboxClient inbox = connect()) {
            for (int i = editsBeforeKill; i < editsBeforeKill + editsAfterRestart; i++) {
                sendEdit(inbox, sender, listId, i, lastTitle, unsent, sent);
            }
        }
        assertTrue(unsent.isEmpty(), "every edit was accepted by the broker");
        JsonObject synced = probe("await-list-synced?listId=" + listId + "&count=" + lastTitle.size() + "&seconds=" + PATIENCE.toSeconds());
        for (Map.Entry<String, String> edit : lastTitle.entrySet()) {
            JsonObject titled = probe("await-informz-title?email=" + encode(emailOf(sender, edit.getKey())) + "&title="
                    + encode(edit.getValue()));
            assertTrue(titled.getBoolean("titled"), titled.toString());
        }
        Duration converge = since(restarted);
        Set<String> members = informz.membersOf(interest);
        Set<String> expected = new TreeSet<>();
        lastTitle.keySet().forEach(key -> expected.add(emailOf(sender, key).toLowerCase(Locale.ROOT)));
        long applied = expected.stream().filter(members::contains).count();
        long duplicated = duplicatedRecords(expected);
        JsonObject counts = probe("counts?sender=" + sender + "&jmsCorrelationPrefix=" + encode(sender));
        long appliedTwice = Math.max(0, counts.getInt("processed") - sent[0]);
        ReliabilityReport.row("2b. crash: kill -9 during steady inbox edits (" + sent[0] + " messages, " + expected.size()
                + " contacts)", expected.size(), applied, duplicated + appliedTwice, converge, true);
        assertEquals(lastTitle.size(), synced.getJsonNumber("synced").longValue(), synced.toString());
        assertEquals(expected, members);
        assertEquals(sent[0], counts.getInt("processed"), "every accepted message applied exactly once");
        assertEquals(0, duplicated);
    }

    @AfterAll
    static void noFaultsLeftBehind() {
        informz.clearFaults();
    }

    @Test
    @Order(3)
    void stopTheServer() {
        deployer.undeploy(APP);
        server.stop(SERVER);
    }

    // --- the steady edits --------------------------------------------------------------------

    /** Every third edit creates a contact and puts it on the list; the others retitle an earlier one. */
    private static void sendEdit(CrmInboxClient inbox, String sender, long listId, int i, Map<String, String> lastTitle,
            List<String[]> unsent, int[] sent) {
        String key;
        if (i % 3 == 0 || lastTitle.isEmpty()) {
            key = "K" + i;
        } else {
            List<String> keys = new ArrayList<>(lastTitle.keySet());
            key = keys.get((i * 7) % keys.size());
        }
        String title = "Edit " + i;
        String upsert = Json.createObjectBuilder().add("type", "contact.upsert").add("version", 1).add("sender", sender)
                .add("messageId", "up-" + i).add("externalKey", key)
                .add("contact", Json.createObjectBuilder().add("firstName", "Crash").add("lastName", key).add("title", title)
                        .add("email", emailOf(sender, key))).build().toString();
        String add = Json.createObjectBuilder().add("type", "list.add-contact").add("version", 1).add("sender", sender)
                .add("messageId", "add-" + i).add("listId", listId).add("externalKey", key).build().toString();
        for (String message : List.of(upsert, add)) {
            inbox.send(message);
            sent[0]++;
        }
        lastTitle.put(key, title);
    }

    private static String emailOf(String sender, String key) {
        return key.toLowerCase(Locale.ROOT) + "." + sender + "@example.org";
    }

    private static CrmInboxClient connect() {
        return CrmInboxClient.connect(HOST, PORT, System.getProperty("it.inbox.user", "crm-app-test"),
                System.getProperty("it.inbox.password", "crm-app-test-1"));
    }

    // --- the server ----------------------------------------------------------------------------

    private void start() {
        server.start(SERVER);
        deployer.deploy(APP);
    }

    /**
     * kill -9 of this build's WildFly: the java process started from its home directory (never
     * another server on the machine).
     */
    private static void killServer() {
        String home = Path.of(System.getProperty("reliability.wildfly.home", "../server-config/target/wildfly"))
                .toAbsolutePath().normalize().toString();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules") && c.contains(home)).orElse(false))
                .toList();
        assertEquals(1, servers.size(), "one WildFly started from " + home);
        ProcessHandle victim = servers.get(0);
        victim.destroyForcibly();
        victim.onExit().join();
    }

    /** Starts the killed server again on the same data, and deploys the application again (as the run command would). */
    private long restartAfterKill() {
        try {
            server.stop(SERVER); // tells the container adapter its process is gone
        } catch (RuntimeException alreadyDead) {
            // The process is gone already: nothing to stop.
        }
        server.start(SERVER);
        deployer.deploy(APP);
        return System.nanoTime();
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Waits for a condition on the Informz simulator, which has no events to wait on (and on the
     * server's count of batches held, read with it): re-checked every 50 ms. Used only to time the
     * kill; convergence is awaited in the server, woken by each sync.
     */
    private static void awaitExternal(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s in vain for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static long batchesHeld(long listId) {
        try {
            return probe("batches-held?listId=" + listId).getJsonNumber("batches").longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long duplicatedRecords(Set<String> emails) {
        InformzStateView state = new InformzStateView(informz.state());
        return state.duplicatedRecords(emails);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static JsonObject probe(String pathAndQuery) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(probeUri(pathAndQuery)).timeout(PATIENCE.plusMinutes(1)).GET().build());
    }

    private static JsonObject probePost(String pathAndQuery) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(probeUri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static URI probeUri(String pathAndQuery) {
        return URI.create("http://" + HOST + ":" + PORT + "/" + Deployments.INBOX_PROBE_CONTEXT + "/probe/" + pathAndQuery);
    }

    private static JsonObject call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), request.uri() + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
