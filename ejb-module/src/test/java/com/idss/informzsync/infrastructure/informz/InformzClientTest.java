package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.simulator.FaultType;
import com.idss.informzsync.simulator.InformzSimulator;
import com.idss.informzsync.simulator.SimulatorConfig;
import com.idss.informzsync.simulator.UnknownInterestMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InformzClientTest {

    private static final String PASSWORD = "pa55-&<Wörd>'\"";
    private static final String LIST = "Meeting Planners 2025";

    private static InformzSimulator simulator;
    private final List<RecordedCall> recorded = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        simulator = InformzSimulator.start(SimulatorConfig.defaults().password(PASSWORD)
                .bulkUploadDelay(Duration.ofMillis(2)).timeoutHold(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.bulkUploadDelay(Duration.ofMillis(2));
        simulator.createInterest(LIST);
        recorded.clear();
    }

    private InformzSettings.Builder settings() {
        return InformzSettings.builder().endpoint(simulator.endpoint()).brand("4711", "Example Visitors Bureau")
                .user("api_user").password(PASSWORD).readTimeout(Duration.ofSeconds(10)).callRecorder(recorded::add);
    }

    private InformzClient client() {
        return new InformzClient(settings().build());
    }

    private static SubscriberRecord contact(String email, int id, String firstName) {
        return new SubscriberRecord(email, Integer.toString(id), Map.of("First_Name", firstName, "City", "Zürich"));
    }

    @Test
    void subscribeThenReadBackSpecialCharactersAndNonAscii() {
        InformzClient client = client();
        String name = "O'Brien & <Sons> \"Ltd\" — Zoë Ünal 東京 😀";
        SubscribeResult result = client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST),
                List.of(contact("zoe@example.org", 42, name)), Map.of("Title", "Friend"));
        assertEquals(1, result.newSubscriberCount());
        assertTrue(result.rejections().isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> subscriber = ((List<Map<String, Object>>) simulator.state().get("subscribers")).get(0);
        assertEquals(Map.of("First_Name", name, "City", "Zürich", "Title", "Friend"), subscriber.get("fields"));

        List<GridRecord> found = client.findSubscribers("ZOE@example.org");
        assertEquals(1, found.size());
        assertEquals(42, found.get(0).integer("user_id").orElseThrow());
        assertFalse(found.get(0).bit("is_unsubscriber"));

        String interestWithSymbols = "Partners & <Friends> 'Ünïcode'";
        simulator.createInterest(interestWithSymbols);
        List<GridRecord> groups = client.grid(GridQuery.of("interest_target_group").returning("target_group_name")
                .sortedBy("target_group_id", false));
        assertEquals(List.of(LIST, interestWithSymbols),
                groups.stream().map(g -> g.text("target_group_name").orElseThrow()).toList());
    }

    @Test
    void invalidSubscribersAreRejectedOneByOneAndTheRestIsSent() {
        SubscribeResult result = client().subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST), List.of(
                contact("good@example.org", 1, "Ana"),
                SubscriberRecord.of("not-an-email", "2"),
                SubscriberRecord.of("x".repeat(95) + "@example.org", "3"),
                SubscriberRecord.of("big@example.org", "2147483648"),
                SubscriberRecord.of("alpha@example.org", "C-17"),
                SubscriberRecord.of("good@example.org", "1"),
                SubscriberRecord.of("also.good@example.org", null)));
        assertEquals(2, result.newSubscriberCount());
        assertEquals(5, result.rejections().size());
        assertTrue(result.rejections().stream().allMatch(r -> r.kind() == FailureKind.PERMANENT));
        assertEquals(List.of("not-an-email", "big@example.org", "alpha@example.org"),
                result.rejections().stream().filter(r -> !r.email().startsWith("x") && !r.email().startsWith("good"))
                        .map(SubscriberRejection::email).toList());
    }

    @Test
    void invalidInterestNameFailsBeforeSending() {
        InformzException failure = assertThrows(InformzException.class, () -> client().subscribe(
                InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of("x".repeat(256)), List.of(SubscriberRecord.of("a@example.org", "1"))));
        assertEquals(FailureKind.PERMANENT, failure.kind());
        assertTrue(recorded.isEmpty());
    }

    @Test
    void unknownInterestIsPermanentUnlessTheSimulatorCreatesIt() {
        InformzClient client = client();
        List<SubscriberRecord> one = List.of(SubscriberRecord.of("a@example.org", "1"));
        InformzException failure = assertThrows(InformzException.class,
                () -> client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of("No Such List"), one));
        assertEquals(FailureKind.PERMANENT, failure.kind());
        assertEquals("ItemNotFoundException", failure.faultCode().orElseThrow());
        assertTrue(failure.redactedRequest().orElseThrow().contains("<InterestName>No Such List</InterestName>"));
        simulator.unknownInterestMode(UnknownInterestMode.CREATE);
        assertEquals(1, client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of("No Such List"), one).newSubscriberCount());
    }

    @Test
    void replaceAllAndOptoutCancelMemberships() {
        InformzClient client = client();
        client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST),
                List.of(SubscriberRecord.of("a@example.org", "1"), SubscriberRecord.of("b@example.org", "2"),
                        SubscriberRecord.of("c@example.org", "3")));
        client.subscribe(InterestAction.REPLACE_ALL_SUBSCRIBERS, List.of(LIST),
                List.of(SubscriberRecord.of("a@example.org", "1"), SubscriberRecord.of("b@example.org", "2")));
        ActionResult optout = client.optout(List.of(LIST), List.of(SubscriberRecord.of("b@example.org", "2")));
        assertEquals(1, optout.count());
        GridQuery active = GridQuery.of("subscriber_interests")
                .where(GridCondition.eq("interest_name", LIST))
                .where(GridCondition.eq("cancellation_date", "")).returning("email");
        assertThrows(InformzException.class, () -> client.count(active), "empty date is not a date");
        List<GridRecord> memberships = client.gridAll(GridQuery.of("subscriber_interests")
                .where(GridCondition.eq("interest_name", LIST)).returning("email", "cancellation_date", "cancelled_id"));
        Map<String, Boolean> cancelled = memberships.stream().collect(Collectors.toMap(
                r -> r.text("email").orElseThrow(), r -> r.instant("cancellation_date").isPresent()));
        assertEquals(Map.of("a@example.org", false, "b@example.org", true, "c@example.org", true), cancelled);
    }

    @Test
    void unsubscribeIsGlobalAndConflictsWithoutId() {
        InformzClient client = client();
        client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST),
                List.of(SubscriberRecord.of("twin@example.org", "1"), SubscriberRecord.of("twin@example.org", "2")));
        InformzException conflict = assertThrows(InformzException.class,
                () -> client.unsubscribe(List.of(SubscriberRecord.of("twin@example.org", null)), null));
        assertEquals(FailureKind.PERMANENT, conflict.kind());
        assertEquals("ConflictingInformationException", conflict.faultCode().orElseThrow());
        assertEquals(1, client.unsubscribe(List.of(SubscriberRecord.of("twin@example.org", "2")), "left the company").count());
        List<GridRecord> unsubscribed = client.grid(GridQuery.of("subscriber").where(GridCondition.eq("is_unsubscriber", 1))
                .returning("user_id", "cancellation_message"));
        assertEquals(1, unsubscribed.size());
        assertEquals("left the company", unsubscribed.get(0).text("cancellation_message").orElseThrow());
        SubscribeResult again = client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST),
                List.of(SubscriberRecord.of("twin@example.org", "2")));
        assertEquals(1, again.previousUnsubscriberCount(), "never resubscribed");
    }

    @Test
    void bulkUploadCompletesAndIsPolledWithADeadline() {
        InformzClient client = client();
        List<SubscriberRecord> rows = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            rows.add(contact("bulk" + i + "@example.org", i, i % 2 == 0 ? "Smith, \"Jr\"" : "Ana"));
        }
        rows.add(SubscriberRecord.of("broken", "99"));
        BulkUploadResult queued = client.bulkUpload(new BulkUploadRequest(BulkUploadAction.ADD_OR_UPDATE_SUBSCRIBERS,
                List.of(LIST), List.of("ops@example.org"), List.of("First_Name", "City"), rows));
        assertEquals(1, queued.rejections().size());
        UploadStatus status = client.awaitUpload(queued.uploadId().orElseThrow(), Duration.ofSeconds(10), Duration.ofMillis(5));
        assertTrue(status.complete(), status.toString());
        assertEquals(50, status.count("new_count"));
        assertEquals(50, client.count(GridQuery.of("subscriber_interests").where(GridCondition.eq("interest_name", LIST))));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> subscribers = (List<Map<String, Object>>) simulator.state().get("subscribers");
        assertEquals(Map.of("First_Name", "Smith, \"Jr\"", "City", "Zürich"), subscribers.get(1).get("fields"));
    }

    @ParameterizedTest(name = "compression={0}")
    @ValueSource(booleans = {false, true})
    void pagesBeyondOneThousandRows(boolean compression) {
        InformzClient client = new InformzClient(settings().compression(compression).build());
        List<SubscriberRecord> batch = new ArrayList<>();
        for (int i = 1; i <= 2_500; i++) {
            batch.add(SubscriberRecord.of("user" + i + "@example.org", Integer.toString(i)));
        }
        assertEquals(2_500, client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST), batch).newSubscriberCount());
        GridQuery query = GridQuery.of("subscriber").where(GridCondition.single("user_id", GridCondition.Comparator.GTE, 1))
                .returning("subscriber_id", "email", "user_id");
        assertEquals(2_500, client.count(query));
        assertEquals(1_000, client.grid(query).size(), "one request is capped at 1,000 rows");
        List<GridRecord> all = client.gridAll(query);
        assertEquals(2_500, all.size());
        assertEquals(2_500, new HashSet<>(all.stream().map(r -> r.integer("subscriber_id").orElseThrow()).toList()).size());
        long gridCalls = recorded.stream().filter(c -> c.operation().equals("grid:subscriber")).count();
        assertEquals(2 + 1 + 3, gridCalls, "count, one capped page, then count + three pages");
        assertTrue(recorded.stream().allMatch(c -> c.compressed() == compression));
        if (compression) {
            assertTrue(simulator.calls().stream().allMatch(c -> c.operation().endsWith("(compressed)")));
        }
    }

    @Test
    void pagesAddressedByIndexCanBeReadAtOnceInAnyOrder() throws Exception {
        InformzClient client = client();
        List<SubscriberRecord> batch = new ArrayList<>();
        for (int i = 1; i <= 2_500; i++) {
            batch.add(SubscriberRecord.of("paged" + i + "@example.org", Integer.toString(i)));
        }
        client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST), batch);
        InformzClient.GridPages pages = client.gridPagesByIndex(GridQuery.of("subscriber_interests")
                .where(GridCondition.eq("interest_name", LIST)).returning("user_id"));
        assertEquals(2_500, pages.count());
        assertEquals(3, pages.pageCount());
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<GridRecord>>> lastFirst = new ArrayList<>();
            for (int page = pages.pageCount() - 1; page >= 0; page--) {
                int index = page;
                lastFirst.add(readers.submit(() -> pages.page(index)));
            }
            List<Integer> userIds = new ArrayList<>();
            for (Future<List<GridRecord>> page : lastFirst) {
                page.get().forEach(row -> userIds.add(row.integer("user_id").orElseThrow()));
            }
            assertEquals(500, lastFirst.get(0).get().size(), "the last page holds the rest");
            assertEquals(2_500, new HashSet<>(userIds).size(), "every row once, none repeated");
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void everyInjectedFaultMapsToItsKind() {
        InformzClient client = new InformzClient(settings().readTimeout(Duration.ofMillis(1_500)).build());
        GridQuery query = GridQuery.of("interest_target_group").returning("target_group_name");
        Map<Runnable, FailureKind> cases = new java.util.LinkedHashMap<>();
        cases.put(() -> simulator.injectFaults(FaultType.HTTP_503, 1), FailureKind.TRANSIENT);
        cases.put(() -> simulator.injectFaults(FaultType.TIMEOUT, 1), FailureKind.TRANSIENT);
        cases.put(() -> simulator.injectFaults(FaultType.MALFORMED, 1), FailureKind.TRANSIENT);
        cases.put(() -> simulator.injectFaults(FaultType.LOST_REPLY, 1), FailureKind.TRANSIENT);
        cases.put(() -> simulator.injectSoapFault("SystemException", 1), FailureKind.TRANSIENT);
        cases.put(() -> simulator.injectSoapFault("InvalidDataFormatException", 1), FailureKind.PERMANENT);
        cases.put(() -> simulator.injectSoapFault("UnexpectedInputException", 1), FailureKind.PERMANENT);
        cases.put(() -> simulator.injectSoapFault("ItemNotFoundException", 1), FailureKind.PERMANENT);
        cases.put(() -> simulator.injectSoapFault("InvalidCredentialsException", 1), FailureKind.CONFIGURATION);
        cases.put(() -> simulator.injectSoapFault("ValidUserNotFoundException", 1), FailureKind.CONFIGURATION);
        cases.put(() -> simulator.injectSoapFault("BrandNotFoundException", 1), FailureKind.CONFIGURATION);
        cases.put(() -> simulator.injectSoapFault("NoAvailableIPAddressException", 1), FailureKind.CONFIGURATION);
        cases.put(() -> simulator.callerIpAllowed(false), FailureKind.CONFIGURATION);
        for (Map.Entry<Runnable, FailureKind> c : cases.entrySet()) {
            c.getKey().run();
            InformzException failure = assertThrows(InformzException.class, () -> client.grid(query));
            assertEquals(c.getValue(), failure.kind(), failure.getMessage());
            simulator.callerIpAllowed(true);
        }
        simulator.injectSlow(Duration.ofMillis(20), 1);
        assertEquals(1, client.grid(query).size(), "a slow answer inside the read timeout is fine");
    }

    @Test
    void realCredentialFaultsAreConfigurationErrors() {
        for (InformzSettings.Builder wrong : List.of(settings().password("wrong"), settings().user("nobody"),
                settings().brand("9999", "Other"))) {
            InformzException failure = assertThrows(InformzException.class,
                    () -> new InformzClient(wrong.build()).count(GridQuery.of("subscriber")));
            assertEquals(FailureKind.CONFIGURATION, failure.kind());
            assertTrue(failure instanceof InformzConfigurationException);
        }
        InformzException refused = assertThrows(InformzException.class, () -> new InformzClient(
                settings().endpoint("http://127.0.0.1:1/aapi/InformzService.svc").build()).count(GridQuery.of("subscriber")));
        assertEquals(FailureKind.TRANSIENT, refused.kind());
    }

    @Test
    void passwordNeverReachesLogsRecordedCallsOrExceptions() {
        Logger logger = Logger.getLogger(InformzClient.class.getName());
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            InformzClient client = new InformzClient(settings().compression(true).build());
            client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(LIST), List.of(SubscriberRecord.of("a@example.org", "1")));
            simulator.injectSoapFault("InvalidDataFormatException", 1);
            InformzException failure = assertThrows(InformzException.class, () -> client.optout(List.of(LIST),
                    List.of(SubscriberRecord.of("a@example.org", "1"))));
            assertFalse(failure.getMessage().contains(PASSWORD));
            assertTrue(failure.redactedRequest().orElseThrow().contains("<Password>***</Password>"));
            assertFalse(client.settings().toString().contains(PASSWORD));
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }
        assertTrue(logged.size() >= 2);
        java.util.logging.SimpleFormatter formatter = new java.util.logging.SimpleFormatter();
        for (LogRecord record : logged) {
            String line = formatter.format(record);
            assertFalse(line.contains(PASSWORD), line);
            assertFalse(line.contains("pa55"), line);
        }
        assertEquals(2, recorded.size());
        for (RecordedCall call : recorded) {
            assertTrue(call.redactedRequest().contains("<Password>***</Password>"), call.redactedRequest());
            assertFalse(call.redactedRequest().contains("pa55"));
            assertFalse(String.valueOf(call.responseDocument()).contains("pa55"));
        }
        assertFalse(recorded.get(1).succeeded());
        assertTrue(simulator.calls().stream().noneMatch(c -> c.requestDocument().contains("pa55")));
    }

    @Test
    void requestDocumentPutsEmailFirstAndUpperCaseIdSecond() {
        client().optout(List.of(LIST), List.of(SubscriberRecord.of(" a@example.org ", " 17 ")));
        String request = recorded.get(0).redactedRequest();
        assertTrue(request.startsWith("<ActionRequest xmlns=\"http://partner.informz.net/aapi/2009/08/\"><Brand id=\"4711\">"), request);
        assertTrue(request.contains("<Subscriber><Email>a@example.org</Email><ID>17</ID></Subscriber>"), request);
        assertTrue(recorded.get(0).responseDocument().startsWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>"));
    }
}
