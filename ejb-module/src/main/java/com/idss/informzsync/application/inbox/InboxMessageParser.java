package com.idss.informzsync.application.inbox;

import com.idss.informzsync.application.crm.ContactDraft;
import com.idss.informzsync.application.inbox.InboxCommand.ChangeListMembership;
import com.idss.informzsync.application.inbox.InboxCommand.MailingSent;
import com.idss.informzsync.application.inbox.InboxCommand.ResyncContact;
import com.idss.informzsync.application.inbox.InboxCommand.SetContactActive;
import com.idss.informzsync.application.inbox.InboxCommand.SyncListNow;
import com.idss.informzsync.application.inbox.InboxCommand.UpsertContact;
import com.idss.informzsync.domain.contact.Contact;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns an inbox payload into a command or a rejection, by hand, rule for rule what
 * {@code docs/jms-schemas/*.schema.json} say (a schema library would add a dependency to the EAR
 * for eight small, flat shapes). No database access: ids are checked when the command is applied.
 */
public final class InboxMessageParser {

    /** Looked up once: {@code Json.create…} asks the service loader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Payloads above this many UTF-8 bytes are refused unread. Also a JMS-level guard against memory abuse. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** Contact ids double as Informz remote IDs: int32. */
    static final long MAX_CONTACT_ID = Integer.MAX_VALUE;
    /** The largest integer a JavaScript sender can write exactly. */
    static final long MAX_LONG_ID = 9_007_199_254_740_991L;
    static final int MAX_TAGS = 100;

    static final Pattern SENDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");
    static final Pattern MESSAGE_ID = Pattern.compile("[\\x21-\\x7E]{1,100}");
    static final Pattern NOT_BLANK = Pattern.compile("(?s).*\\S.*");

    private static final Set<String> ENVELOPE_FIELDS = Set.of("type", "version", "sender", "messageId", "correlationId");
    private static final Set<String> CONTACT_REF_FIELDS = Set.of("contactId", "externalKey");
    private static final Set<String> CONTACT_FIELDS = Set.of("firstName", "lastName", "title", "email", "phone", "city",
            "state", "postalCode", "accountId", "tags");

    public ParsedMessage parse(String text) {
        if (text == null || text.isEmpty()) {
            return invalid(Rejection.of(RejectionCode.NOT_JSON, "the message is empty"));
        }
        int bytes = utf8Length(text);
        if (bytes > MAX_PAYLOAD_BYTES) {
            return invalid(Rejection.of(RejectionCode.TOO_LARGE,
                    "the message is " + bytes + " bytes; the limit is " + MAX_PAYLOAD_BYTES + " bytes of UTF-8"));
        }
        JsonValue value;
        // A parser rather than a JsonReader: Parsson's reader ignores anything after the first value.
        try (JsonParser json = JSON.createParser(new StringReader(text))) {
            json.next();
            value = json.getValue();
            if (json.hasNext()) {
                return invalid(Rejection.of(RejectionCode.NOT_JSON, "not JSON: text after the JSON value"));
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return invalid(Rejection.of(RejectionCode.NOT_JSON, "not JSON: " + e.getMessage()));
        }
        if (!(value instanceof JsonObject json)) {
            return invalid(Rejection.of(RejectionCode.SCHEMA_INVALID,
                    "a message is a JSON object, got " + JsonFields.typeOf(value)));
        }
        return parseObject(json);
    }

    private ParsedMessage parseObject(JsonObject json) {
        List<String> errors = new ArrayList<>();
        JsonFields fields = new JsonFields(json, "", errors);
        String typeName = fields.requiredString("type", 50, null, null);
        Long version = fields.requiredInteger("version", 1, Integer.MAX_VALUE);
        String sender = fields.requiredString("sender", 50, SENDER,
                "1 to 50 letters, digits, '.', '_' or '-', starting with a letter or digit");
        String messageId = fields.requiredString("messageId", 100, MESSAGE_ID,
                "1 to 100 printable ASCII characters without spaces");
        String correlationId = fields.optionalString("correlationId", 100, NOT_BLANK, "not blank");
        if (!errors.isEmpty()) {
            return invalid(new Rejection(RejectionCode.SCHEMA_INVALID, errors, JsonFields.rawString(json, "sender"),
                    JsonFields.rawString(json, "messageId"), JsonFields.rawString(json, "type"),
                    JsonFields.rawString(json, "correlationId")));
        }
        InboxMessageType type = InboxMessageType.fromWireName(typeName).orElse(null);
        if (type == null) {
            return invalid(new Rejection(RejectionCode.UNKNOWN_TYPE, List.of("unknown type '" + typeName + "'; known types: "
                    + Arrays.stream(InboxMessageType.values()).map(InboxMessageType::wireName).collect(Collectors.joining(", "))),
                    sender, messageId, typeName, correlationId));
        }
        if (!type.supports(version)) {
            return invalid(new Rejection(RejectionCode.UNSUPPORTED_VERSION, List.of("type '" + typeName
                    + "' has no version " + version + "; supported: " + InboxMessageType.CURRENT_VERSION),
                    sender, messageId, typeName, correlationId));
        }
        Envelope envelope = new Envelope(type, version.intValue(), sender, messageId, correlationId);
        InboxCommand command = switch (type) {
            case CONTACT_UPSERT -> upsert(envelope, fields, errors);
            case CONTACT_DEACTIVATE, CONTACT_REACTIVATE -> {
                fields.allowOnly(union(CONTACT_REF_FIELDS));
                ContactRef contact = contactRef(fields, errors);
                yield new SetContactActive(envelope, contact, type == InboxMessageType.CONTACT_REACTIVATE);
            }
            case CONTACT_RESYNC -> {
                fields.allowOnly(union(CONTACT_REF_FIELDS));
                yield new ResyncContact(envelope, contactRef(fields, errors));
            }
            case LIST_ADD_CONTACT, LIST_REMOVE_CONTACT -> {
                fields.allowOnly(union(CONTACT_REF_FIELDS, Set.of("listId")));
                Long listId = fields.requiredInteger("listId", 1, MAX_LONG_ID);
                ContactRef contact = contactRef(fields, errors);
                yield listId == null ? null
                        : new ChangeListMembership(envelope, listId, contact, type == InboxMessageType.LIST_ADD_CONTACT);
            }
            case LIST_SYNC_NOW -> {
                fields.allowOnly(union(Set.of("listId")));
                Long listId = fields.requiredInteger("listId", 1, MAX_LONG_ID);
                yield listId == null ? null : new SyncListNow(envelope, listId);
            }
            case LIST_MAILING_SENT -> mailingSent(envelope, fields, errors);
        };
        if (!errors.isEmpty() || command == null) {
            return invalid(Rejection.of(RejectionCode.SCHEMA_INVALID, errors, envelope));
        }
        return new ParsedMessage.Valid(command);
    }

    private InboxCommand upsert(Envelope envelope, JsonFields fields, List<String> errors) {
        fields.allowOnly(union(CONTACT_REF_FIELDS, Set.of("contact")));
        ContactRef ref = contactRef(fields, errors);
        JsonObject contactJson = fields.requiredObject("contact");
        ContactDraft draft = null;
        if (contactJson != null) {
            JsonFields contact = new JsonFields(contactJson, "contact.", errors);
            contact.allowOnly(CONTACT_FIELDS);
            String firstName = contact.optionalString("firstName", 100);
            String lastName = contact.optionalString("lastName", 100);
            String title = contact.optionalString("title", 100);
            String email = contact.optionalString("email", 100);
            String phone = contact.optionalString("phone", 50);
            String city = contact.optionalString("city", 100);
            String state = contact.optionalString("state", 100);
            String postalCode = contact.optionalString("postalCode", 20);
            Long accountId = contact.optionalInteger("accountId", 1, MAX_LONG_ID);
            List<String> tags = contact.optionalStringArray("tags", MAX_TAGS, InboxMessageParser::tagProblem);
            draft = new ContactDraft(firstName, lastName, title, email, phone, city, state, postalCode, accountId,
                    tags == null ? Set.of() : new HashSet<>(tags));
        }
        return ref == null || draft == null ? null : new UpsertContact(envelope, ref, draft);
    }

    private InboxCommand mailingSent(Envelope envelope, JsonFields fields, List<String> errors) {
        fields.allowOnly(union(Set.of("listId", "mailingName", "scheduledAt")));
        Long listId = fields.requiredInteger("listId", 1, MAX_LONG_ID);
        String mailingName = fields.optionalString("mailingName", 255, NOT_BLANK, "not blank");
        String scheduledText = fields.optionalString("scheduledAt", 64);
        OffsetDateTime scheduledAt = null;
        if (scheduledText != null) {
            try {
                scheduledAt = OffsetDateTime.parse(scheduledText);
            } catch (DateTimeParseException e) {
                errors.add("'scheduledAt' must be a date-time with an offset, like 2026-11-05T09:00:00Z, got '"
                        + scheduledText + "'");
            }
        }
        return listId == null ? null : new MailingSent(envelope, listId, mailingName, scheduledAt);
    }

    /** The schema's {@code oneOf}: exactly one of contactId and externalKey. */
    private static ContactRef contactRef(JsonFields fields, List<String> errors) {
        boolean hasId = fields.has("contactId");
        boolean hasKey = fields.has("externalKey");
        if (hasId == hasKey) {
            errors.add("give exactly one of 'contactId' and 'externalKey'");
            return null;
        }
        if (hasId) {
            Long id = fields.requiredInteger("contactId", 1, MAX_CONTACT_ID);
            return id == null ? null : ContactRef.byId(id.intValue());
        }
        String key = fields.requiredString("externalKey", 100, NOT_BLANK, "not blank");
        return key == null ? null : ContactRef.byExternalKey(key);
    }

    /** The rules {@link Contact#tag} enforces, so a bad tag is a schema error rather than a late refusal. */
    private static String tagProblem(String tag) {
        String cleaned = Contact.normaliseTag(tag);
        if (cleaned.isEmpty()) {
            return "must not be blank";
        }
        if (cleaned.length() > Contact.MAX_TAG_LENGTH) {
            return "must be at most " + Contact.MAX_TAG_LENGTH + " characters";
        }
        if (cleaned.contains(",")) {
            return "must not contain a comma";
        }
        return null;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new LinkedHashSet<>(ENVELOPE_FIELDS);
        Stream.of(sets).forEach(all::addAll);
        return all;
    }

    private static ParsedMessage invalid(Rejection rejection) {
        return new ParsedMessage.Invalid(rejection);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
