package com.idss.informzsync.application.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.inbox.InboxCommand.ChangeListMembership;
import com.idss.informzsync.application.inbox.InboxCommand.MailingSent;
import com.idss.informzsync.application.inbox.InboxCommand.ResyncContact;
import com.idss.informzsync.application.inbox.InboxCommand.SetContactActive;
import com.idss.informzsync.application.inbox.InboxCommand.SyncListNow;
import com.idss.informzsync.application.inbox.InboxCommand.UpsertContact;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxMessageParserTest {

    private final InboxMessageParser parser = new InboxMessageParser();

    /** A message with the envelope filled in; {@code body} is the rest of the object, without braces. */
    private static String message(String type, String body) {
        return "{\"type\":\"" + type + "\",\"version\":1,\"sender\":\"events-app\",\"messageId\":\"m-1\""
                + (body.isEmpty() ? "" : "," + body) + "}";
    }

    private InboxCommand valid(String json) {
        ParsedMessage parsed = parser.parse(json);
        if (parsed instanceof ParsedMessage.Invalid invalid) {
            throw new AssertionError("expected valid, got " + invalid.rejection());
        }
        return ((ParsedMessage.Valid) parsed).command();
    }

    private Rejection rejected(String json, RejectionCode code) {
        ParsedMessage parsed = parser.parse(json);
        String shown = json == null || json.length() < 200 ? json : json.substring(0, 200) + "...";
        Rejection rejection = assertInstanceOf(ParsedMessage.Invalid.class, parsed, shown).rejection();
        assertEquals(code, rejection.code(), rejection.reasons().toString());
        assertTrue(!rejection.reasons().isEmpty());
        return rejection;
    }

    private static void assertReason(Rejection rejection, String fragment) {
        assertTrue(rejection.reasons().stream().anyMatch(r -> r.contains(fragment)),
                "no reason mentions '" + fragment + "': " + rejection.reasons());
    }

    @Nested
    class ValidMessages {

        @Test
        void upsertByExternalKeyWithEveryField() {
            UpsertContact upsert = assertInstanceOf(UpsertContact.class, valid(message("contact.upsert",
                    "\"externalKey\":\"EV-1\",\"correlationId\":\"c-9\",\"contact\":{\"firstName\":\"Ana\",\"lastName\":\"López\","
                            + "\"title\":null,\"email\":\"ana@example.org\",\"phone\":\"+1 555\",\"city\":\"Austin\","
                            + "\"state\":\"TX\",\"postalCode\":\"78701\",\"accountId\":7,\"tags\":[\"VIP\",\" golf \"]}")));
            assertEquals(ContactRef.byExternalKey("EV-1"), upsert.contact());
            assertEquals("Ana", upsert.draft().firstName());
            assertEquals("López", upsert.draft().lastName());
            assertNull(upsert.draft().title());
            assertEquals(7L, upsert.draft().accountId());
            assertEquals(Set.of("VIP", " golf "), upsert.draft().tags());
            Envelope envelope = upsert.envelope();
            assertEquals(new Envelope(InboxMessageType.CONTACT_UPSERT, 1, "events-app", "m-1", "c-9"), envelope);
        }

        @Test
        void upsertByIdWithAnEmptyContactEmptiesEverything() {
            UpsertContact upsert = assertInstanceOf(UpsertContact.class,
                    valid(message("contact.upsert", "\"contactId\":42,\"contact\":{}")));
            assertEquals(ContactRef.byId(42), upsert.contact());
            assertNull(upsert.draft().email());
            assertEquals(Set.of(), upsert.draft().tags());
        }

        @Test
        void deactivateAndReactivate() {
            SetContactActive off = assertInstanceOf(SetContactActive.class,
                    valid(message("contact.deactivate", "\"contactId\":42")));
            assertEquals(false, off.active());
            SetContactActive on = assertInstanceOf(SetContactActive.class,
                    valid(message("contact.reactivate", "\"externalKey\":\"EV-1\"")));
            assertEquals(true, on.active());
            assertEquals(ContactRef.byExternalKey("EV-1"), on.contact());
        }

        @Test
        void resync() {
            ResyncContact resync = assertInstanceOf(ResyncContact.class, valid(message("contact.resync", "\"contactId\":7.0")));
            assertEquals(ContactRef.byId(7), resync.contact());
        }

        @Test
        void listMembership() {
            ChangeListMembership add = assertInstanceOf(ChangeListMembership.class,
                    valid(message("list.add-contact", "\"listId\":3,\"externalKey\":\"EV-1\"")));
            assertTrue(add.add());
            assertEquals(3L, add.listId());
            ChangeListMembership remove = assertInstanceOf(ChangeListMembership.class,
                    valid(message("list.remove-contact", "\"listId\":3,\"contactId\":5")));
            assertEquals(false, remove.add());
        }

        @Test
        void syncNowAndMailingSent() {
            assertEquals(9L, assertInstanceOf(SyncListNow.class, valid(message("list.sync-now", "\"listId\":9"))).listId());
            MailingSent mailing = assertInstanceOf(MailingSent.class, valid(message("list.mailing-sent",
                    "\"listId\":9,\"mailingName\":\"November news\",\"scheduledAt\":\"2026-11-05T09:00:00+01:00\"")));
            assertEquals("November news", mailing.mailingName());
            assertEquals(OffsetDateTime.parse("2026-11-05T09:00:00+01:00"), mailing.scheduledAt());
            assertNull(assertInstanceOf(MailingSent.class, valid(message("list.mailing-sent", "\"listId\":9"))).scheduledAt());
        }

        @Test
        void exactlyTheSizeLimitIsAccepted() {
            String base = message("list.sync-now", "\"listId\":9,\"correlationId\":\"\"");
            int padding = InboxMessageParser.MAX_PAYLOAD_BYTES - base.length();
            String json = base.replace("\"correlationId\":\"\"", "\"correlationId\":\"x\"") + " ".repeat(padding - 1);
            assertEquals(InboxMessageParser.MAX_PAYLOAD_BYTES, json.length());
            valid(json);
        }
    }

    @Nested
    class Rejections {

        @ParameterizedTest
        @ValueSource(strings = {"not json", "{\"type\":", "{\"type\":\"list.sync-now\"} trailing", "{'type':1}"})
        void notJson(String text) {
            rejected(text, RejectionCode.NOT_JSON);
        }

        @Test
        void emptyIsNotJson() {
            rejected("", RejectionCode.NOT_JSON);
            rejected(null, RejectionCode.NOT_JSON);
        }

        @Test
        void overTheLimitIsTooLargeAndNotEvenParsed() {
            String big = "{" + " ".repeat(InboxMessageParser.MAX_PAYLOAD_BYTES);
            assertReason(rejected(big, RejectionCode.TOO_LARGE), "limit is 65536");
        }

        @Test
        void sizeCountsUtf8BytesNotCharacters() {
            String json = "{\"pad\":\"" + "é".repeat(InboxMessageParser.MAX_PAYLOAD_BYTES / 2) + "\"}";
            assertTrue(json.length() < InboxMessageParser.MAX_PAYLOAD_BYTES);
            rejected(json, RejectionCode.TOO_LARGE);
        }

        @Test
        void notAnObject() {
            assertReason(rejected("[1,2]", RejectionCode.SCHEMA_INVALID), "JSON object");
            rejected("\"text\"", RejectionCode.SCHEMA_INVALID);
        }

        @Test
        void missingEnvelopeFieldsAreAllReported() {
            Rejection rejection = rejected("{}", RejectionCode.SCHEMA_INVALID);
            assertEquals(4, rejection.reasons().size(), rejection.reasons().toString());
            assertReason(rejection, "'type' is required");
            assertReason(rejection, "'version' is required");
            assertReason(rejection, "'sender' is required");
            assertReason(rejection, "'messageId' is required");
        }

        @Test
        void envelopeFieldTypes() {
            Rejection rejection = rejected("{\"type\":3,\"version\":\"1\",\"sender\":\"bad sender!\",\"messageId\":\"has space\","
                    + "\"correlationId\":{}}", RejectionCode.SCHEMA_INVALID);
            assertReason(rejection, "'type' must be a string, got a number");
            assertReason(rejection, "'version' must be an integer, got a string");
            assertReason(rejection, "'sender' must be 1 to 50 letters");
            assertReason(rejection, "'messageId' must be 1 to 100 printable ASCII");
            assertReason(rejection, "'correlationId' must be a string, got an object");
        }

        @Test
        void theRejectionEchoesWhatEnvelopeItCouldRead() {
            Rejection rejection = rejected(message("list.sync-now", "\"listId\":\"nine\",\"correlationId\":\"c-1\""),
                    RejectionCode.SCHEMA_INVALID);
            assertEquals("events-app", rejection.sender());
            assertEquals("m-1", rejection.messageId());
            assertEquals("list.sync-now", rejection.messageType());
            assertEquals("c-1", rejection.correlationId());
            assertReason(rejection, "'listId' must be an integer, got a string");
        }

        @Test
        void unknownType() {
            Rejection rejection = rejected(message("contact.delete", "\"contactId\":1"), RejectionCode.UNKNOWN_TYPE);
            assertReason(rejection, "unknown type 'contact.delete'");
            assertReason(rejection, "contact.upsert");
            assertEquals("m-1", rejection.messageId());
        }

        @Test
        void unsupportedVersion() {
            String json = message("contact.resync", "\"contactId\":1").replace("\"version\":1", "\"version\":2");
            assertReason(rejected(json, RejectionCode.UNSUPPORTED_VERSION), "no version 2");
        }

        @Test
        void versionZeroIsASchemaError() {
            rejected(message("contact.resync", "\"contactId\":1").replace("\"version\":1", "\"version\":0"),
                    RejectionCode.SCHEMA_INVALID);
        }

        @Test
        void unknownFieldsAtTopAndInTheContact() {
            Rejection rejection = rejected(message("contact.upsert",
                    "\"contactId\":1,\"colour\":\"red\",\"contact\":{\"emial\":\"x@example.org\"}"), RejectionCode.SCHEMA_INVALID);
            assertReason(rejection, "'colour' is not a field of this message");
            assertReason(rejection, "'contact.emial' is not a field of this message");
        }

        @Test
        void fieldsOfAnotherTypeAreUnknown() {
            assertReason(rejected(message("list.sync-now", "\"listId\":1,\"contactId\":2"), RejectionCode.SCHEMA_INVALID),
                    "'contactId' is not a field");
        }

        @Test
        void contactReferenceNeedsExactlyOneOfIdAndKey() {
            assertReason(rejected(message("contact.deactivate", ""), RejectionCode.SCHEMA_INVALID), "exactly one of");
            assertReason(rejected(message("contact.deactivate", "\"contactId\":1,\"externalKey\":\"k\""),
                    RejectionCode.SCHEMA_INVALID), "exactly one of");
        }

        @Test
        void idsAreIntegersInRange() {
            assertReason(rejected(message("contact.resync", "\"contactId\":2147483648"), RejectionCode.SCHEMA_INVALID),
                    "between 1 and 2147483647");
            assertReason(rejected(message("contact.resync", "\"contactId\":0"), RejectionCode.SCHEMA_INVALID), "between 1");
            assertReason(rejected(message("contact.resync", "\"contactId\":1.5"), RejectionCode.SCHEMA_INVALID),
                    "must be an integer, got 1.5");
            assertReason(rejected(message("list.sync-now", "\"listId\":true"), RejectionCode.SCHEMA_INVALID),
                    "must be an integer, got a boolean");
            assertReason(rejected(message("list.sync-now", "\"listId\":null"), RejectionCode.SCHEMA_INVALID),
                    "'listId' is required");
        }

        @Test
        void blankExternalKey() {
            assertReason(rejected(message("contact.resync", "\"externalKey\":\"  \""), RejectionCode.SCHEMA_INVALID),
                    "'externalKey' must be not blank");
        }

        @Test
        void upsertNeedsAContactObject() {
            assertReason(rejected(message("contact.upsert", "\"contactId\":1"), RejectionCode.SCHEMA_INVALID),
                    "'contact' is required");
            assertReason(rejected(message("contact.upsert", "\"contactId\":1,\"contact\":[]"), RejectionCode.SCHEMA_INVALID),
                    "'contact' must be an object, got an array");
        }

        @Test
        void contactFieldLengthsAndTypes() {
            Rejection rejection = rejected(message("contact.upsert", "\"externalKey\":\"k\",\"contact\":{\"email\":\""
                    + "a".repeat(95) + "@x.org\",\"postalCode\":\"123456789012345678901\",\"phone\":5,\"accountId\":\"7\"}"),
                    RejectionCode.SCHEMA_INVALID);
            assertReason(rejection, "'contact.email' must be at most 100 characters, got 101");
            assertReason(rejection, "'contact.postalCode' must be at most 20 characters");
            assertReason(rejection, "'contact.phone' must be a string, got a number");
            assertReason(rejection, "'contact.accountId' must be an integer, got a string");
        }

        @Test
        void tags() {
            Rejection rejection = rejected(message("contact.upsert",
                    "\"externalKey\":\"k\",\"contact\":{\"tags\":[\"a,b\",\" \",3,\"" + "t".repeat(51) + "\"]}"),
                    RejectionCode.SCHEMA_INVALID);
            assertReason(rejection, "'contact.tags'[0] must not contain a comma");
            assertReason(rejection, "'contact.tags'[1] must not be blank");
            assertReason(rejection, "'contact.tags'[2] must be a string, got a number");
            assertReason(rejection, "'contact.tags'[3] must be at most 50 characters");
            assertReason(rejected(message("contact.upsert", "\"externalKey\":\"k\",\"contact\":{\"tags\":\"vip\"}"),
                    RejectionCode.SCHEMA_INVALID), "'contact.tags' must be an array, got a string");
        }

        @Test
        void mailingScheduledAtMustBeADateTimeWithOffset() {
            assertReason(rejected(message("list.mailing-sent", "\"listId\":1,\"scheduledAt\":\"2026-11-05 09:00\""),
                    RejectionCode.SCHEMA_INVALID), "'scheduledAt' must be a date-time with an offset");
            rejected(message("list.mailing-sent", "\"listId\":1,\"scheduledAt\":\"2026-11-05T09:00:00\""),
                    RejectionCode.SCHEMA_INVALID);
        }

        @Test
        void everyProblemOfOneMessageIsReportedAtOnce() {
            Rejection rejection = rejected(message("list.add-contact", "\"listId\":-1,\"contactId\":\"x\",\"extra\":1"),
                    RejectionCode.SCHEMA_INVALID);
            assertEquals(3, rejection.reasons().size(), rejection.reasons().toString());
        }
    }

    @Test
    void outcomeJson() {
        Envelope envelope = new Envelope(InboxMessageType.CONTACT_UPSERT, 1, "events-app", "m-1", "c-1");
        assertEquals("{\"type\":\"outcome\",\"version\":1,\"outcome\":\"applied\",\"sender\":\"events-app\",\"messageId\":\"m-1\","
                + "\"messageType\":\"contact.upsert\",\"correlationId\":\"c-1\",\"contactId\":42}",
                InboxOutcome.applied(envelope, 42, null).toJson());
        assertEquals("{\"type\":\"outcome\",\"version\":1,\"outcome\":\"rejected\",\"code\":\"NOT_JSON\",\"reasons\":[\"x\"]}",
                InboxOutcome.rejected(Rejection.of(RejectionCode.NOT_JSON, "x")).toJson());
        assertEquals(List.of(), InboxOutcome.applied(envelope, 1, null).reasons());
    }
}
