package com.idss.informzsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorProtocolTest {

    private static InformzSimulator simulator;
    private static RawAapi aapi;

    @BeforeAll
    static void start() {
        simulator = InformzSimulator.start(SimulatorConfig.defaults().bulkUploadDelay(Duration.ZERO));
        aapi = new RawAapi(simulator.endpoint());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.bulkUploadDelay(Duration.ZERO);
        simulator.createInterest("Members");
    }

    private static String subscribe(String subscribers) {
        return RawAapi.action("<Subscribe><InterestDetails><InterestNames><InterestName>Members</InterestName></InterestNames>"
                + "<InterestAction>AddOrUpdateSubscribers</InterestAction></InterestDetails>"
                + "<SubscriberData><Subscribers>" + subscribers + "</Subscribers></SubscriberData></Subscribe>");
    }

    @Test
    void subscribeAnswersCountsInAUtf16ResultDocument() throws Exception {
        RawAapi.Answer answer = aapi.post(subscribe("<Subscriber><Email>ana@example.org</Email><ID>7</ID></Subscriber>"));
        assertEquals(200, answer.status());
        assertTrue(answer.body().startsWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>"), answer.body());
        assertEquals("1", answer.text("NewSubscriberCount"));
        assertEquals("success", answer.text("Status"));
        answer = aapi.post(subscribe("<Subscriber><Email>ANA@example.org</Email><ID>7</ID></Subscriber>"));
        assertEquals("0", answer.text("NewSubscriberCount"));
        assertEquals("1", answer.text("PreviousSubscriberCount"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lower-case id tag|<Subscriber><Email>a@example.org</Email><id>1</id></Subscriber>|UnexpectedInputException",
        "mixed-case Id tag|<Subscriber><Email>a@example.org</Email><Id>1</Id></Subscriber>|UnexpectedInputException",
        "ID before Email|<Subscriber><ID>1</ID><Email>a@example.org</Email></Subscriber>|UnexpectedInputException",
        "non-numeric ID|<Subscriber><Email>a@example.org</Email><ID>A-17</ID></Subscriber>|InvalidDataFormatException",
        "ID beyond int32|<Subscriber><Email>a@example.org</Email><ID>2147483648</ID></Subscriber>|InvalidDataFormatException",
        "malformed email|<Subscriber><Email>not-an-email</Email></Subscriber>|InvalidDataFormatException",
    })
    void subscribeRejectsDocumentedViolations(String name, String subscriber, String code) throws Exception {
        RawAapi.Answer answer = aapi.post(subscribe(subscriber));
        assertEquals(500, answer.status());
        assertEquals(code, answer.faultCode());
    }

    @Test
    void emailLongerThan100IsInvalidDataFormat() throws Exception {
        String email = "a".repeat(90) + "@example.org";
        assertEquals("InvalidDataFormatException",
                aapi.post(subscribe("<Subscriber><Email>" + email + "</Email></Subscriber>")).faultCode());
    }

    @Test
    void interestNameLongerThan255IsInvalidDataFormat() throws Exception {
        String document = RawAapi.action("<Optout><InterestNames><InterestName>" + "x".repeat(256)
                + "</InterestName></InterestNames><Subscribers><Subscriber><Email>a@example.org</Email></Subscriber></Subscribers></Optout>");
        assertEquals("InvalidDataFormatException", aapi.post(document).faultCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no namespace|<ActionRequest><Brand id=\"4711\"/><User>api_user</User><Password>secret</Password><Actions/></ActionRequest>|NoNameSpaceSpecifiedException",
        "unknown root|<Hello xmlns=\"http://partner.informz.net/aapi/2009/08/\"/>|UnknownRequestException",
        "unknown brand|<GridRequest xmlns=\"http://partner.informz.net/aapi/2009/08/\"><Brand id=\"1\">X</Brand><User>api_user</User><Password>secret</Password><Grids/></GridRequest>|BrandNotFoundException",
        "unknown user|<GridRequest xmlns=\"http://partner.informz.net/aapi/2009/08/\"><Brand id=\"4711\"/><User>bob</User><Password>secret</Password><Grids/></GridRequest>|ValidUserNotFoundException",
        "wrong password|<GridRequest xmlns=\"http://partner.informz.net/aapi/2009/08/\"><Brand id=\"4711\"/><User>api_user</User><Password>nope</Password><Grids/></GridRequest>|InvalidCredentialsException",
        "not xml|<GridRequest|InvalidDocumentException",
        "unknown action|<ActionRequest xmlns=\"http://partner.informz.net/aapi/2009/08/\"><Brand id=\"4711\"/><User>api_user</User><Password>secret</Password><Actions><Dance/></Actions></ActionRequest>|UnknownActionException",
        "unknown grid|<GridRequest xmlns=\"http://partner.informz.net/aapi/2009/08/\"><Brand id=\"4711\"/><User>api_user</User><Password>secret</Password><Grids><Grid type=\"nope\"><ReturnFields><DataElement>x</DataElement></ReturnFields></Grid></Grids></GridRequest>|InvalidGridCategoryException",
    })
    void documentAndCredentialFaults(String name, String document, String code) throws Exception {
        assertEquals(code, aapi.post(document).faultCode());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not xml|<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>",
        "not an envelope|<Envelope><Body/></Envelope>",
        "no operation|<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>",
        "another operation|<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Other xmlns=\"http://partner.informz.net/aapi/2009/08/\"/></s:Body></s:Envelope>",
        "no argument|<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><PostInformzMessage xmlns=\"http://partner.informz.net/aapi/2009/08/\"/></s:Body></s:Envelope>",
        "a DTD|<!DOCTYPE s:Envelope [<!ENTITY e 'x'>]><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>",
        "garbage after the envelope|<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><PostInformzMessage xmlns=\"http://partner.informz.net/aapi/2009/08/\"><x>y</x></PostInformzMessage></s:Body></s:Envelope><more/>",
    })
    void envelopeFaults(String name, String envelope) throws Exception {
        RawAapi.Answer answer = aapi.postEnvelope(envelope);
        assertEquals("InvalidMessageException", answer.faultCode(), answer.body());
    }

    @Test
    void theArgumentIsFoundAfterASoapHeader() throws Exception {
        String grid = RawAapi.grid("<Grid type=\"subscriber\"><ReturnFields><DataElement>email</DataElement></ReturnFields></Grid>")
                .replace("<", "&lt;").replace(">", "&gt;");
        RawAapi.Answer answer = aapi.postEnvelope("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Header><Body xmlns=\"urn:not-soap\"/></s:Header><s:Body><PostInformzMessage xmlns=\"" + RawAapi.NS
                + "\"><x>" + grid + "</x></PostInformzMessage></s:Body></s:Envelope>");
        assertEquals(200, answer.status(), answer.body());
        assertNull(answer.faultCode(), answer.body());
    }

    @Test
    void headerInAnyOrderAndUsernameAlias() throws Exception {
        String document = "<GridRequest xmlns=\"" + RawAapi.NS + "\"><Password>secret</Password><Username>api_user</Username>"
                + "<Brand id=\"4711\">Example Visitors Bureau</Brand><Grids><Grid type=\"subscriber\"><ReturnFields>"
                + "<DataElement>email</DataElement></ReturnFields></Grid></Grids></GridRequest>";
        RawAapi.Answer answer = aapi.post(document);
        assertNull(answer.faultCode(), answer.body());
        assertTrue(answer.body().contains("<Grid type=\"subscriber\"/>"), answer.body());
    }

    @Test
    void ipAllowListFault() throws Exception {
        simulator.callerIpAllowed(false);
        assertEquals("NoAvailableIPAddressException", aapi.post(RawAapi.grid("")).faultCode());
    }

    @Test
    void unknownInterestFaultsOrIsCreatedAsConfigured() throws Exception {
        String document = RawAapi.action("<Subscribe><InterestDetails><InterestNames><InterestName>New List</InterestName></InterestNames>"
                + "<InterestAction>AddOrUpdateSubscribers</InterestAction></InterestDetails><SubscriberData><Subscribers>"
                + "<Subscriber><Email>a@example.org</Email></Subscriber></Subscribers></SubscriberData></Subscribe>");
        assertEquals("ItemNotFoundException", aapi.post(document).faultCode());
        simulator.unknownInterestMode(UnknownInterestMode.CREATE);
        assertNull(aapi.post(document).faultCode());
        assertEquals(2, ((List<?>) simulator.state().get("interests")).size());
    }

    @Test
    void optoutCancelsMembershipAndCountsUnknownEmails() throws Exception {
        aapi.post(subscribe("<Subscriber><Email>a@example.org</Email><ID>1</ID></Subscriber>"));
        RawAapi.Answer answer = aapi.post(RawAapi.action("<Optout><InterestNames><InterestName>Members</InterestName></InterestNames>"
                + "<Subscribers><Subscriber><Email>a@example.org</Email><ID>1</ID></Subscriber>"
                + "<Subscriber><Email>garbage</Email></Subscriber></Subscribers></Optout>"));
        assertEquals("2", answer.text("Count"));
        RawAapi.Answer grid = aapi.post(RawAapi.grid("<Grid type=\"subscriber_interests\"><ReturnFields><DataElement>email</DataElement>"
                + "<DataElement>cancellation_date</DataElement></ReturnFields></Grid>"));
        assertTrue(grid.text("Field").length() > 0);
        String cancellation = grid.result().getElementsByTagNameNS("*", "Field").item(1).getTextContent();
        assertTrue(cancellation.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"), cancellation);
    }

    @Test
    void unsubscribeWithoutIdAndTwoRecordsIsConflicting() throws Exception {
        aapi.post(subscribe("<Subscriber><Email>a@example.org</Email><ID>1</ID></Subscriber>"
                + "<Subscriber><Email>a@example.org</Email><ID>2</ID></Subscriber>"));
        String unsubscribe = RawAapi.action("<Unsubscribe><Subscribers><Subscriber><Email>a@example.org</Email></Subscriber></Subscribers></Unsubscribe>");
        assertEquals("ConflictingInformationException", aapi.post(unsubscribe).faultCode());
        RawAapi.Answer answer = aapi.post(RawAapi.action("<Unsubscribe><Subscribers><Subscriber><Email>a@example.org</Email>"
                + "<ID>2</ID></Subscriber></Subscribers></Unsubscribe>"));
        assertEquals("1", answer.text("Count"));
        RawAapi.Answer again = aapi.post(subscribe("<Subscriber><Email>a@example.org</Email><ID>2</ID></Subscriber>"));
        assertEquals("1", again.text("PreviousUnsubscriberCount"));
    }

    @Test
    void gridConditionsCountSortAndPaging() throws Exception {
        StringBuilder subscribers = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            subscribers.append("<Subscriber><Email>user").append(i).append("@example.org</Email><ID>").append(i).append("</ID></Subscriber>");
        }
        aapi.post(subscribe(subscribers.toString()));
        RawAapi.Answer count = aapi.post(RawAapi.grid("<Grid type=\"SUBSCRIBER\"><Conditions><Condition><Between><DataElement>User_ID</DataElement>"
                + "<DataValue>10</DataValue><DataValue>19</DataValue></Between></Condition>"
                + "<Condition><Collection><DataElement>user_id</DataElement><DataValue>10</DataValue><DataValue>11</DataValue>"
                + "<SetOperator>NOT IN</SetOperator></Collection></Condition></Conditions>"
                + "<ReturnFields><DataElement>Count</DataElement></ReturnFields></Grid>"));
        assertEquals("8", count.text("Field"));
        RawAapi.Answer page = aapi.post(RawAapi.grid("<Grid type=\"subscriber\"><Conditions><Condition><Single><DataElement>user_id</DataElement>"
                + "<Comparator>GT</Comparator><DataValue>5</DataValue></Single></Condition></Conditions>"
                + "<ReturnFields><DataElement>user_id</DataElement></ReturnFields>"
                + "<SortField order=\"desc\"><DataElement>user_id</DataElement></SortField><StartRow>3</StartRow><NumberOfRows>2</NumberOfRows></Grid>"));
        assertEquals(2, page.result().getElementsByTagNameNS("*", "Record").getLength());
        assertEquals("28", page.text("Field"));
    }

    @Test
    void emailConditionsMatchWhateverTheCaseAndTheOtherConditionsStillApply() throws Exception {
        aapi.post(subscribe("<Subscriber><Email>Ann@Example.org</Email><ID>1</ID></Subscriber>"
                + "<Subscriber><Email>bob@example.org</Email><ID>2</ID></Subscriber>"
                + "<Subscriber><Email>carl@example.org</Email><ID>3</ID></Subscriber>"));
        RawAapi.Answer in = aapi.post(RawAapi.grid("<Grid type=\"subscriber\"><Conditions><Condition><Collection>"
                + "<DataElement>Email</DataElement><DataValue>carl@EXAMPLE.org</DataValue><DataValue>ann@example.ORG</DataValue>"
                + "<DataValue>nobody@example.org</DataValue><SetOperator>IN</SetOperator></Collection></Condition></Conditions>"
                + "<ReturnFields><DataElement>user_id</DataElement></ReturnFields></Grid>"));
        var records = in.result().getElementsByTagNameNS("*", "Field");
        assertEquals(2, records.getLength(), in.body());
        assertEquals("1", records.item(0).getTextContent()); // in creation order, as without the email condition
        assertEquals("3", records.item(1).getTextContent());
        RawAapi.Answer narrowed = aapi.post(RawAapi.grid("<Grid type=\"subscriber\"><Conditions><Condition><Single>"
                + "<DataElement>email</DataElement><Comparator>EQ</Comparator><DataValue>BOB@example.org</DataValue></Single></Condition>"
                + "<Condition><Single><DataElement>user_id</DataElement><Comparator>GT</Comparator><DataValue>2</DataValue></Single></Condition>"
                + "</Conditions><ReturnFields><DataElement>Count</DataElement></ReturnFields></Grid>"));
        assertEquals("0", narrowed.text("Field"));
        RawAapi.Answer notIn = aapi.post(RawAapi.grid("<Grid type=\"subscriber\"><Conditions><Condition><Collection>"
                + "<DataElement>email</DataElement><DataValue>ANN@example.org</DataValue><SetOperator>NOT IN</SetOperator>"
                + "</Collection></Condition></Conditions><ReturnFields><DataElement>Count</DataElement></ReturnFields></Grid>"));
        assertEquals("2", notIn.text("Field"));
    }

    @Test
    void compressedRequestGetsCompressedResponse() throws Exception {
        String payload = "<Grid type=\"interest_target_group\"><ReturnFields><DataElement>target_group_name</DataElement>"
                + "<DataElement>is_deleted</DataElement></ReturnFields></Grid>";
        RawAapi.Answer answer = aapi.post(RawAapi.grid(PayloadCodec.encode(payload)));
        assertNull(answer.faultCode(), answer.body());
        String grids = answer.text("Grids");
        String decoded = PayloadCodec.decode(grids);
        assertTrue(decoded.contains("<Field element=\"target_group_name\">Members</Field>"), decoded);
        assertTrue(decoded.contains("<Field element=\"is_deleted\">0</Field>"), decoded);
    }

    @Test
    void knowledgeBaseCompressionSampleHeaderDecodes() {
        // The KB sample starts wwEAAB+LCAAAAAAAB: length 451 little-endian, then the gzip magic.
        byte[] bytes = java.util.Base64.getDecoder().decode("wwEAAB+LCAAAAAAA");
        assertEquals(451, (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8);
        assertEquals(0x1f, bytes[4] & 0xff);
    }

    @Test
    void bulkUploadMovesFromPendingToComplete() throws Exception {
        simulator.bulkUploadDelay(Duration.ofMillis(5));
        RawAapi.Answer answer = aapi.post(RawAapi.action("<BulkUpload><UploadDetails><InterestDetails><InterestNames>"
                + "<InterestName>Members</InterestName></InterestNames><InterestAction>AddOrUpdateSubscribers</InterestAction>"
                + "</InterestDetails><StatusEmailRecipients><Email>ops@example.org</Email></StatusEmailRecipients>"
                + "<ColumnDelimiter>,</ColumnDelimiter></UploadDetails><FieldDefinitions>"
                + "<FieldDefinition><Name>Email</Name><DataType>string</DataType><ColumnIndex>1</ColumnIndex><FieldType>Email</FieldType></FieldDefinition>"
                + "<FieldDefinition><Name>ID</Name><DataType>integer</DataType><ColumnIndex>2</ColumnIndex><FieldType>ID</FieldType></FieldDefinition>"
                + "</FieldDefinitions><Data><![CDATA[a@example.org,1\nb@example.org,2\nbroken,3]]></Data></BulkUpload>"));
        String uploadId = answer.text("UploadID");
        String status = "Pending";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!status.equals("Complete") && System.nanoTime() < deadline) {
            status = aapi.post(RawAapi.grid("<Grid type=\"upload_history\"><Conditions><Condition><Single><DataElement>upload_id</DataElement>"
                    + "<Comparator>EQ</Comparator><DataValue>" + uploadId + "</DataValue></Single></Condition></Conditions>"
                    + "<ReturnFields><DataElement>status</DataElement></ReturnFields></Grid>")).text("Field");
        }
        assertEquals("Complete", status);
        @SuppressWarnings("unchecked")
        Map<String, Object> upload = ((List<Map<String, Object>>) simulator.state().get("uploads")).get(0);
        assertEquals(2, upload.get("new_count"));
        assertEquals(1, upload.get("invalid_email_count"));
    }

    @Test
    void adminApiInjectsFaultsAndDumpsStateWithoutPasswords() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI admin = simulator.adminUri();
        HttpResponse<String> planned = http.send(HttpRequest.newBuilder(admin.resolve("faults?type=http-503&count=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, planned.statusCode(), planned.body());
        assertEquals(503, aapi.post(RawAapi.grid("")).status());
        http.send(HttpRequest.newBuilder(admin.resolve("faults?type=soap-fault&code=ItemNotFoundException"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("ItemNotFoundException", aapi.post(RawAapi.grid("")).faultCode());
        http.send(HttpRequest.newBuilder(admin.resolve("faults?type=malformed"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertNull(aapi.post(RawAapi.grid("")).result());
        String calls = http.send(HttpRequest.newBuilder(admin.resolve("calls")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(calls.contains("<Password>***</Password>"), calls);
        assertTrue(!calls.contains("secret"), calls);
        String state = http.send(HttpRequest.newBuilder(admin.resolve("state")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(state.startsWith("{\"subscribers\":["), state);
    }

    @Test
    void adminStateCanBeNarrowedToOneAddressOrOneInterest() throws Exception {
        simulator.createInterest("Golf");
        simulator.createInterest("Tennis");
        assertEquals(200, aapi.post(subscribeTo("Golf", "ann@example.com", "bob@example.com")).status());
        assertEquals(200, aapi.post(subscribeTo("Tennis", "ann@example.com")).status());

        Map<String, Object> ann = simulator.state("ANN@example.com", null);
        assertEquals(List.of("ann@example.com"), emails(ann, "subscribers"));
        assertEquals(List.of("ann@example.com", "ann@example.com"), emails(ann, "memberships"));
        Map<String, Object> golf = simulator.state(null, "golf");
        assertEquals(2, ((List<?>) golf.get("subscribers")).size(), "every subscriber: only memberships are narrowed");
        assertEquals(List.of("ann@example.com", "bob@example.com"), emails(golf, "memberships"));
        assertEquals(List.of("ann@example.com"), emails(simulator.state("ann@example.com", "Tennis"), "memberships"));

        HttpResponse<String> narrowed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                simulator.adminUri().resolve("state?email=bob%40example.com")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(narrowed.body().contains("bob@example.com") && !narrowed.body().contains("ann@example.com"), narrowed.body());
    }

    @Test
    void adminCountsCallsAndFiltersThemByWhatTheirRequestsMention() throws Exception {
        aapi.post(subscribeTo("Golf", "ann@example.com"));
        aapi.post(subscribeTo("Golf", "bob@example.com"));
        assertEquals(2, simulator.callCount());
        HttpClient http = HttpClient.newHttpClient();
        String count = http.send(HttpRequest.newBuilder(simulator.adminUri().resolve("call-count")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertEquals("{\"count\":2}", count);
        String bobs = http.send(HttpRequest.newBuilder(simulator.adminUri().resolve("calls?match=bob%40example.com")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(bobs.contains("bob@example.com") && !bobs.contains("ann@example.com"), bobs);
    }

    @Test
    void anInterestsMembersAreItsOwnInCreationOrderWhateverTheCaseOfItsName() throws Exception {
        simulator.createInterest("Golf");
        aapi.post(subscribeTo("Golf", "cat@example.com", "ann@example.com"));
        aapi.post(subscribeTo("Members", "bob@example.com"));
        aapi.post(subscribeTo("Golf", "dan@example.com"));
        aapi.post(RawAapi.action("<Optout><InterestNames><InterestName>Golf</InterestName></InterestNames>"
                + "<Subscribers><Subscriber><Email>ann@example.com</Email></Subscriber></Subscribers></Optout>"));
        RawAapi.Answer golf = aapi.post(RawAapi.grid("<Grid type=\"subscriber_interests\"><Conditions><Condition><Single>"
                + "<DataElement>interest_name</DataElement><Comparator>EQ</Comparator><DataValue>GOLF</DataValue></Single></Condition>"
                + "</Conditions><ReturnFields><DataElement>email</DataElement></ReturnFields></Grid>"));
        var fields = golf.result().getElementsByTagNameNS("*", "Field");
        List<String> emails = new java.util.ArrayList<>();
        for (int i = 0; i < fields.getLength(); i++) {
            emails.add(fields.item(i).getTextContent());
        }
        assertEquals(List.of("cat@example.com", "ann@example.com", "dan@example.com"), emails, "the opted-out one too, as Informz lists it");
        assertEquals(List.of("cat@example.com", "dan@example.com"), simulator.activeMembersOf("golf"));
    }

    @Test
    void anInterestsMemberListFollowsItsChangesAndOnlyThose() throws Exception {
        simulator.createInterest("Golf");
        aapi.post(subscribeTo("Golf", "ann@example.com", "bob@example.com"));
        assertEquals(List.of("ann@example.com", "bob@example.com"), golfMembers());
        aapi.post(subscribeTo("Members", "carl@example.com")); // another interest: the same answer holds
        assertEquals(List.of("ann@example.com", "bob@example.com"), golfMembers());
        aapi.post(RawAapi.action("<Optout><InterestNames><InterestName>Golf</InterestName></InterestNames>"
                + "<Subscribers><Subscriber><Email>bob@example.com</Email></Subscriber></Subscribers></Optout>"));
        assertEquals(List.of("ann@example.com"), golfMembers());
        aapi.post(subscribeTo("Golf", "bob@example.com", "dan@example.com"));
        assertEquals(List.of("ann@example.com", "bob@example.com", "dan@example.com"), golfMembers());
    }

    /** Golf's members as the grid lists them: those without a cancellation date. */
    private static List<String> golfMembers() throws Exception {
        RawAapi.Answer answer = aapi.post(RawAapi.grid("<Grid type=\"subscriber_interests\"><Conditions><Condition><Single>"
                + "<DataElement>interest_name</DataElement><Comparator>EQ</Comparator><DataValue>Golf</DataValue></Single></Condition>"
                + "</Conditions><ReturnFields><DataElement>email</DataElement><DataElement>cancellation_date</DataElement></ReturnFields></Grid>"));
        var records = answer.result().getElementsByTagNameNS("*", "Record");
        List<String> members = new java.util.ArrayList<>();
        for (int i = 0; i < records.getLength(); i++) {
            var fields = ((org.w3c.dom.Element) records.item(i)).getElementsByTagNameNS("*", "Field");
            String email = null;
            String cancelled = "";
            for (int f = 0; f < fields.getLength(); f++) {
                var field = (org.w3c.dom.Element) fields.item(f);
                if (field.getAttribute("element").equals("email")) {
                    email = field.getTextContent();
                } else {
                    cancelled = field.getTextContent();
                }
            }
            if (cancelled.isBlank()) {
                members.add(email);
            }
        }
        return members.stream().sorted().toList();
    }

    @Test
    void seededDriftIsCountedUntilRepaired() throws Exception {
        simulator.createInterest("Golf");
        aapi.post(subscribeTo("Golf", "a@example.com", "b@example.com", "c@example.com", "d@example.com"));
        Map<String, Object> seeded = simulator.seedDrift(0.5);
        assertEquals(2, seeded.get("forgotten"));
        List<String> members = simulator.activeMembersOf("Golf");
        assertEquals(List.of("b@example.com", "d@example.com", "stranger-1@drift.example.org", "stranger-2@drift.example.org"), members);
        assertEquals(Map.of("seeded", 2, "missing", 2L, "strangers", 2L), simulator.driftRemaining());

        aapi.post(subscribeTo("Golf", "a@example.com", "c@example.com"));
        aapi.post(RawAapi.action("<Optout><InterestNames><InterestName>Golf</InterestName></InterestNames><Subscribers>"
                + "<Subscriber><Email>stranger-1@drift.example.org</Email></Subscriber></Subscribers></Optout>"));
        assertEquals(Map.of("seeded", 2, "missing", 0L, "strangers", 1L), simulator.driftRemaining());
    }

    private static String subscribeTo(String interest, String... emails) {
        StringBuilder subscribers = new StringBuilder();
        for (String email : emails) {
            subscribers.append("<Subscriber><Email>").append(email).append("</Email></Subscriber>");
        }
        return RawAapi.action("<Subscribe><InterestDetails><InterestNames><InterestName>" + interest
                + "</InterestName></InterestNames><InterestAction>AddOrUpdateSubscribers</InterestAction></InterestDetails>"
                + "<SubscriberData><Subscribers>" + subscribers + "</Subscribers></SubscriberData></Subscribe>");
    }

    @SuppressWarnings("unchecked")
    private static List<String> emails(Map<String, Object> state, String part) {
        return ((List<Map<String, Object>>) state.get(part)).stream().map(row -> (String) row.get("email")).sorted().toList();
    }
}
