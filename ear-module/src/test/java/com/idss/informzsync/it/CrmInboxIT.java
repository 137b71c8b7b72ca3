package com.idss.informzsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.jmsclient.CrmInboxClient;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CRM inbox end to end, as another enterprise app sees it: a remote Artemis client over the
 * web port's HTTP upgrade, authenticated, waiting for each outcome on its temporary reply queue.
 * CRM state is checked through the probe web module deployed beside the EAR.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrmInboxIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";
    private static final int PORT = Integer.getInteger("it.http.port", 8080);
    private static final String USER = System.getProperty("it.inbox.user", "crm-app-test");
    private static final String PASSWORD = System.getProperty("it.inbox.password", "crm-app-test-1");

    private final HttpClient http = HttpClient.newHttpClient();
    private final InformzSimulatorAdmin informz = new InformzSimulatorAdmin();
    private final String sender = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private CrmInboxClient inbox;
    private int messageCounter;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.productEarWithInboxProbe();
    }

    @BeforeEach
    void connect() {
        inbox = CrmInboxClient.connect(HOST, PORT, USER, PASSWORD);
    }

    @AfterEach
    void disconnect() {
        if (inbox != null) {
            inbox.close();
        }
    }

    // --- each message type ------------------------------------------------------------------

    @Test
    void upsertByExternalKeyCreatesTheContactThenUpdatesTheSameOne() throws Exception {
        JsonObject created = applied(message("contact.upsert").add("externalKey", "EV-1").add("contact",
                Json.createObjectBuilder().add("firstName", "Ana").add("lastName", "López")
                        .add("email", "ana.lopez@example.org").add("city", "Austin")
                        .add("tags", Json.createArrayBuilder().add("VIP").add("golf"))));
        int contactId = created.getInt("contactId");
        JsonObject contact = probe("contact?id=" + contactId);
        assertEquals("ana.lopez@example.org", contact.getString("email"));
        assertEquals("López", contact.getString("lastName"));
        assertEquals("[\"golf\",\"vip\"]", contact.getJsonArray("tags").toString());
        assertEquals(contactId, probe("external-key?sender=" + sender + "&key=EV-1").getInt("contactId"));

        JsonObject updated = applied(message("contact.upsert").add("externalKey", "EV-1").add("contact",
                Json.createObjectBuilder().add("firstName", "Ana").add("email", "ana@example.com")));
        assertEquals(contactId, updated.getInt("contactId"));
        contact = probe("contact?id=" + contactId);
        assertEquals("ana@example.com", contact.getString("email"));
        assertTrue(contact.isNull("lastName"), "a field left out of an upsert is emptied");
        assertEquals(0, contact.getJsonArray("tags").size());
    }

    @Test
    void upsertByOurId() throws Exception {
        int contactId = probePost("contact?email=" + encode("by.id@example.org")).getInt("contactId");
        applied(message("contact.upsert").add("contactId", contactId)
                .add("contact", Json.createObjectBuilder().add("email", "by.id@example.org").add("city", "Denver")));
        assertEquals("Denver", probe("contact?id=" + contactId).getString("city"));

        JsonObject unknown = rejected(message("contact.upsert").add("contactId", 2_000_000_000)
                .add("contact", Json.createObjectBuilder()), "UNKNOWN_REFERENCE");
        assertTrue(unknown.getJsonArray("reasons").getString(0).contains("2000000000"));
        rejected(message("contact.upsert").add("contactId", contactId)
                .add("contact", Json.createObjectBuilder().add("accountId", 999_999_999)), "UNKNOWN_REFERENCE");
    }

    @Test
    void deactivateAndReactivateByExternalKey() throws Exception {
        int contactId = upsert("EV-ACT", "active@example.org");
        applied(message("contact.deactivate").add("externalKey", "EV-ACT"));
        assertFalse(probe("contact?id=" + contactId).getBoolean("active"));
        applied(message("contact.reactivate").add("contactId", contactId));
        assertTrue(probe("contact?id=" + contactId).getBoolean("active"));
        rejected(message("contact.deactivate").add("externalKey", "NO-SUCH-KEY"), "UNKNOWN_REFERENCE");
    }

    @Test
    void addToAndRemoveFromAList() throws Exception {
        String listName = "Inbox members " + sender;
        informz.createInterest(listName);
        long listId = probePost("list?name=" + encode(listName)).getJsonNumber("listId").longValue();
        int contactId = upsert("EV-LIST", "member." + sender + "@example.org");

        JsonObject added = applied(message("list.add-contact").add("listId", listId).add("externalKey", "EV-LIST"));
        assertEquals(listId, added.getJsonNumber("listId").longValue());
        assertEquals("[\"" + listId + "\"]", probe("contact?id=" + contactId).getJsonArray("lists").toString());
        awaitInformzMember(listName, "member." + sender + "@example.org");

        applied(message("list.remove-contact").add("listId", listId).add("contactId", contactId));
        assertEquals(0, probe("contact?id=" + contactId).getJsonArray("lists").size());
        rejected(message("list.add-contact").add("listId", 9_999_999_999L).add("contactId", contactId), "UNKNOWN_REFERENCE");
    }

    @Test
    void syncRequestsReachTheSyncEngine() throws Exception {
        String listName = "Inbox sync " + sender;
        informz.createInterest(listName);
        long listId = probePost("list?name=" + encode(listName)).getJsonNumber("listId").longValue();
        String email = "sync." + sender + "@example.org";
        int contactId = upsert("EV-SYNC", email);
        applied(message("list.add-contact").add("listId", listId).add("contactId", contactId));

        applied(message("contact.resync").add("externalKey", "EV-SYNC"));
        applied(message("list.sync-now").add("listId", listId));
        applied(message("list.mailing-sent").add("listId", listId).add("mailingName", "November news")
                .add("scheduledAt", "2026-11-05T09:00:00Z"));
        rejected(message("list.sync-now").add("listId", 9_999_999_999L), "UNKNOWN_REFERENCE");

        awaitInformzMember(listName, email);
    }

    // --- idempotency and refusals -------------------------------------------------------------

    @Test
    void aResentMessageIdIsAppliedOnce() throws Exception {
        String messageId = nextMessageId();
        JsonObjectBuilder first = message("contact.upsert", messageId).add("externalKey", "EV-DUP")
                .add("contact", Json.createObjectBuilder().add("email", "first@example.org"));
        int contactId = applied(first).getInt("contactId");

        JsonObject again = reply(message("contact.upsert", messageId).add("externalKey", "EV-DUP")
                .add("contact", Json.createObjectBuilder().add("email", "second@example.org")));
        assertEquals("duplicate", again.getString("outcome"), again.toString());
        assertEquals(contactId, again.getInt("contactId"), "the duplicate names what the original did");
        assertEquals("first@example.org", probe("contact?id=" + contactId).getString("email"));
        assertEquals(1, probe("counts?sender=" + sender).getInt("processed"));
    }

    @Test
    void refusalsAreAnsweredRecordedAndNeverRedelivered() throws Exception {
        BytesMessage bytes = inbox.context().createBytesMessage();
        bytes.writeBytes("{\"type\":\"list.sync-now\"}".getBytes(StandardCharsets.UTF_8));
        String bytesCorrelation = "bytes-" + sender;
        inbox.send(bytes, bytesCorrelation);
        CrmInboxClient.Reply bytesReply = inbox.nextReply(PATIENCE);
        assertNotNull(bytesReply);
        assertEquals(bytesCorrelation, bytesReply.correlationId());
        assertEquals("NOT_TEXT", parse(bytesReply.json()).getString("code"));

        // Passes the schema (60 code points) but not the CRM's rule (100 UTF-16 chars): the console's refusal, verbatim.
        JsonObject crmRefusal = rejected(message("contact.upsert").add("externalKey", "EV-EMOJI")
                .add("contact", Json.createObjectBuilder().add("firstName", "\uD83D\uDE00".repeat(60))), "INVALID_INPUT");
        assertEquals("first name must be at most 100 characters", crmRefusal.getJsonArray("reasons").getString(0));
        assertEquals(0, probe("counts?sender=" + sender).getInt("externalKeys"), "nothing of a refused upsert is kept");

        JsonObject schema = rejected(message("list.sync-now").add("listId", "seven"), "SCHEMA_INVALID");
        assertEquals(sender, schema.getString("sender"));

        JsonObject recorded = probe("invalid-messages?sender=" + sender);
        assertEquals(2, recorded.getInt("count"), recorded.toString());
        assertEquals("SCHEMA_INVALID", recorded.getJsonArray("newest").getJsonObject(0).getString("code"));
        assertEquals(0, probe("queues").getInt("deadLetters"));
    }

    @Test
    void aThousandMixedMessagesOneThirdInvalid() throws Exception {
        long listId = probePost("list?name=" + encode("Bulk " + sender)).getJsonNumber("listId").longValue();
        String run = "bulk-" + sender + "-";
        Map<String, String> expected = new HashMap<>();
        List<String> validMessageIds = new ArrayList<>();
        List<String> upsertedKeys = new ArrayList<>();
        int upserts = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            String correlation = run + i;
            if (i % 3 == 2) {
                expected.put(correlation, "rejected:" + sendInvalid((i / 3) % 10, correlation, listId));
                continue;
            }
            String messageId = nextMessageId();
            JsonObjectBuilder message;
            if (i % 4 == 3 && !upsertedKeys.isEmpty()) {
                // Refers to a contact created a few messages earlier: the inbox keeps queue order.
                message = message("list.add-contact", messageId).add("listId", listId)
                        .add("externalKey", upsertedKeys.get(upsertedKeys.size() - 1));
            } else {
                String key = "BULK-" + i;
                message = message("contact.upsert", messageId).add("externalKey", key)
                        .add("contact", Json.createObjectBuilder().add("email", "bulk" + i + "@example.org"));
                upsertedKeys.add(key);
                upserts++;
            }
            inbox.sendExpectingReply(message.build().toString(), correlation);
            expected.put(correlation, "applied");
            validMessageIds.add(messageId);
        }
        // Resends of valid messages, already applied: each answered "duplicate", none applied again.
        for (int i = 0; i < 30; i++) {
            String correlation = run + "resend-" + i;
            String messageId = validMessageIds.get(i * 7);
            inbox.sendExpectingReply(message("list.sync-now", messageId).add("listId", listId).build().toString(), correlation);
            expected.put(correlation, "duplicate");
        }

        Map<String, JsonObject> replies = new HashMap<>();
        while (replies.size() < expected.size()) {
            CrmInboxClient.Reply reply = inbox.nextReply(PATIENCE);
            assertNotNull(reply, "only " + replies.size() + " of " + expected.size() + " replies arrived");
            assertTrue(expected.containsKey(reply.correlationId()), "unexpected reply " + reply);
            assertEquals(null, replies.put(reply.correlationId(), parse(reply.json())), "two replies for " + reply);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("CrmInboxIT: %d messages sent and answered in %.1f s (%.0f msg/s)%n", expected.size(), seconds,
                expected.size() / seconds);

        int invalid = 0;
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            JsonObject reply = replies.get(entry.getKey());
            String[] want = entry.getValue().split(":");
            assertEquals(want[0], reply.getString("outcome"), entry.getKey() + " " + reply);
            if (want.length > 1) {
                invalid++;
                assertEquals(want[1], reply.getString("code"), entry.getKey() + " " + reply);
                assertFalse(reply.getJsonArray("reasons").isEmpty(), reply.toString());
            }
        }
        assertEquals(333, invalid);
        JsonObject counts = probe("counts?sender=" + sender + "&jmsCorrelationPrefix=" + encode(run));
        assertEquals(validMessageIds.size(), counts.getInt("processed"), "every valid message applied exactly once");
        assertEquals(upserts, counts.getInt("externalKeys"));
        assertEquals(invalid, counts.getInt("invalidByCorrelation"), "every invalid message recorded once: " + counts);
        assertEquals(0, counts.getInt("invalidWithoutReason"));
        JsonObject queues = probe("queues");
        assertEquals(0, queues.getInt("deadLetters"), "nothing dead-lettered by accident");
        assertEquals(0, queues.getInt("inbox"));
    }

    /** Sends one of ten kinds of bad message; returns the rejection code expected for it. */
    private String sendInvalid(int kind, String correlation, long listId) {
        switch (kind) {
            case 0 -> inbox.sendExpectingReply("this is not JSON", correlation);
            case 1 -> inbox.sendExpectingReply("[\"an\",\"array\"]", correlation);
            case 2 -> inbox.sendExpectingReply(message("list.sync-now").remove("messageId").add("listId", listId)
                    .build().toString(), correlation);
            case 3 -> inbox.sendExpectingReply(message("contact.delete").add("contactId", 1).build().toString(), correlation);
            case 4 -> inbox.sendExpectingReply(message("list.sync-now").add("version", 2).add("listId", listId)
                    .build().toString(), correlation);
            case 5 -> inbox.sendExpectingReply(message("list.sync-now").add("listId", "seven").build().toString(), correlation);
            case 6 -> inbox.sendExpectingReply(message("contact.resync").add("contactId", 2_000_000_000).build().toString(),
                    correlation);
            case 7 -> inbox.sendExpectingReply(message("list.sync-now").add("listId", listId)
                    .add("correlationId", "x").build().toString() + " ".repeat(70 * 1024), correlation);
            case 8 -> {
                BytesMessage bytes = inbox.context().createBytesMessage();
                try {
                    bytes.writeBytes(new byte[] {1, 2, 3});
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
                inbox.send(bytes, correlation);
            }
            default -> inbox.sendExpectingReply(message("list.sync-now").add("listId", listId).add("colour", "red")
                    .build().toString(), correlation);
        }
        return switch (kind) {
            case 0 -> "NOT_JSON";
            case 3 -> "UNKNOWN_TYPE";
            case 4 -> "UNSUPPORTED_VERSION";
            case 6 -> "UNKNOWN_REFERENCE";
            case 7 -> "TOO_LARGE";
            case 8 -> "NOT_TEXT";
            default -> "SCHEMA_INVALID";
        };
    }

    // --- security -------------------------------------------------------------------------------

    @Test
    void aSenderWithoutCredentialsIsRefused() {
        JMSRuntimeException refused = assertThrows(JMSRuntimeException.class,
                () -> CrmInboxClient.connect(HOST, PORT, null, null).close());
        assertTrue(String.valueOf(refused.getMessage()).contains("AMQ229031"), refused.toString());
    }

    @Test
    void aWrongPasswordIsRefused() {
        JMSRuntimeException refused = assertThrows(JMSSecurityRuntimeException.class,
                () -> CrmInboxClient.connect(HOST, PORT, USER, "not-the-password").close());
        assertTrue(refused.getMessage().contains("AMQ229031"), refused.toString());
    }

    @Test
    void aUserWithoutTheInboxRoleCannotSend() {
        try (CrmInboxClient guest = CrmInboxClient.connect(HOST, PORT, System.getProperty("it.guest.user", "guest-app-test"),
                System.getProperty("it.guest.password", "guest-app-test-1"))) {
            JMSRuntimeException refused = assertThrows(JMSSecurityRuntimeException.class,
                    () -> guest.send(message("list.sync-now").add("listId", 1).build().toString()));
            assertTrue(refused.getMessage().contains("SEND"), refused.toString());
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> guest.context().createConsumer(guest.context().createQueue(CrmInboxClient.QUEUE_NAME)));
        }
    }

    @Test
    void theInboxSenderMaySendToTheInboxAndNothingElse() {
        JMSContext jms = inbox.context();
        assertThrows(JMSSecurityRuntimeException.class,
                () -> jms.createConsumer(jms.createQueue(CrmInboxClient.QUEUE_NAME)));
        Exception browsing = assertThrows(Exception.class, () -> {
            try (var browser = jms.createBrowser(jms.createQueue(CrmInboxClient.QUEUE_NAME))) {
                browser.getEnumeration().hasMoreElements();
            }
        });
        assertTrue(browsing instanceof JMSSecurityException || browsing instanceof JMSSecurityRuntimeException, browsing.toString());
        assertThrows(JMSSecurityRuntimeException.class,
                () -> jms.createProducer().send(jms.createQueue("IdssSyncQueue"), "{\"v\":1,\"kind\":\"contact\",\"id\":1}"));
        assertThrows(JMSSecurityRuntimeException.class, () -> jms.createConsumer(jms.createQueue("IdssCrmInboxDLQ")));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String nextMessageId() {
        return sender + "-" + (++messageCounter);
    }

    private JsonObjectBuilder message(String type) {
        return message(type, nextMessageId());
    }

    private JsonObjectBuilder message(String type, String messageId) {
        return Json.createObjectBuilder().add("type", type).add("version", 1).add("sender", sender)
                .add("messageId", messageId).add("correlationId", "corr-" + messageId);
    }

    private JsonObject reply(JsonObjectBuilder message) {
        JsonObject sent = message.build();
        String json = inbox.request(sent.toString(), PATIENCE);
        assertNotNull(json, "no reply within " + PATIENCE + " to " + sent);
        JsonObject reply = parse(json);
        assertEquals("outcome", reply.getString("type"));
        assertEquals(sent.getString("messageId", null), reply.getString("messageId", null));
        assertEquals(sent.getString("correlationId", null), reply.getString("correlationId", null));
        return reply;
    }

    private JsonObject applied(JsonObjectBuilder message) {
        JsonObject reply = reply(message);
        assertEquals("applied", reply.getString("outcome"), reply.toString());
        return reply;
    }

    private JsonObject rejected(JsonObjectBuilder message, String code) {
        JsonObject reply = reply(message);
        assertEquals("rejected", reply.getString("outcome"), reply.toString());
        assertEquals(code, reply.getString("code"), reply.toString());
        assertFalse(reply.getJsonArray("reasons").isEmpty());
        return reply;
    }

    private int upsert(String externalKey, String email) {
        return applied(message("contact.upsert").add("externalKey", externalKey)
                .add("contact", Json.createObjectBuilder().add("email", email))).getInt("contactId");
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonObject probe(String pathAndQuery) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(probeUri(pathAndQuery)).GET().build());
    }

    private JsonObject probePost(String pathAndQuery) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(probeUri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static URI probeUri(String pathAndQuery) {
        return URI.create("http://" + HOST + ":" + PORT + "/" + Deployments.INBOX_PROBE_CONTEXT + "/probe/" + pathAndQuery);
    }

    private JsonObject call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), request.uri() + ": " + response.body());
        return parse(response.body());
    }

    // --- Informz ------------------------------------------------------------------------------

    /** Waits, through the probe, until the engine has put the address on the interest in Informz. */
    private void awaitInformzMember(String interest, String email) throws Exception {
        JsonObject answer = probe("await-informz-member?interest=" + encode(interest) + "&email=" + encode(email));
        assertTrue(answer.getBoolean("member"), answer.toString());
    }

}
