package com.idss.informzsync.infrastructure.informz;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The Informz AAPI: Subscribe, Optout, Unsubscribe, BulkUpload and GridRequests over SOAP. Thread-safe; one
 * instance per settings. Every call is logged (password redacted) and handed to the settings' {@link CallRecorder}.
 */
public final class InformzClient {

    static final int MAX_ROWS_PER_PAGE = 1_000;
    private static final Logger LOG = Logger.getLogger(InformzClient.class.getName());
    private static final String REDACTED = "***";
    private static final String REDACTED_PASSWORD_ELEMENT = "<Password>" + REDACTED + "</Password>";

    private final InformzSettings settings;
    private final SoapTransport transport;

    public InformzClient(InformzSettings settings) {
        this.settings = settings;
        this.transport = new SoapTransport(settings);
    }

    public InformzSettings settings() {
        return settings;
    }

    // ---- Actions -------------------------------------------------------------------------------------------

    /**
     * Upserts subscribers and their membership in the interests. Invalid subscribers are returned as rejections
     * and the valid rest is sent; fields become FieldDefinitions (String) named after the map keys.
     */
    public SubscribeResult subscribe(InterestAction action, Collection<String> interestNames,
            List<SubscriberRecord> subscribers) {
        return subscribe(action, interestNames, subscribers, Map.of());
    }

    /** As {@link #subscribe(InterestAction, Collection, List)}, with DefaultValues for some fields. */
    public SubscribeResult subscribe(InterestAction action, Collection<String> interestNames,
            List<SubscriberRecord> subscribers, Map<String, String> fieldDefaults) {
        requireValidInterests("Subscribe", interestNames, false);
        List<SubscriberRejection> rejections = new ArrayList<>();
        List<SubscriberRecord> valid = screen(subscribers, rejections);
        if (valid.isEmpty()) {
            return new SubscribeResult(false, 0, 0, 0, "nothing sent: every subscriber was rejected", rejections);
        }
        Request request = new Request("ActionRequest", "Actions");
        RequestElement subscribe = request.container.add("Subscribe");
        if (!interestNames.isEmpty()) {
            RequestElement details = subscribe.add("InterestDetails");
            interestNames(details, interestNames);
            details.add("InterestAction", action.wireName());
        }
        RequestElement data = subscribe.add("SubscriberData");
        Set<String> fieldNames = new LinkedHashSet<>(fieldDefaults.keySet());
        valid.forEach(s -> fieldNames.addAll(s.fields().keySet()));
        if (!fieldNames.isEmpty()) {
            RequestElement definitions = data.add("FieldDefinitions");
            for (String name : fieldNames) {
                RequestElement definition = definitions.add("FieldDefinition");
                definition.add("Name", name);
                definition.add("DataType", "String");
                if (fieldDefaults.get(name) != null) {
                    definition.add("DefaultValue", fieldDefaults.get(name));
                }
            }
        }
        RequestElement list = data.add("Subscribers");
        for (SubscriberRecord record : valid) {
            RequestElement subscriber = subscriberKey(list, record);
            if (!record.fields().isEmpty()) {
                RequestElement fields = subscriber.add("Fields");
                record.fields().forEach((name, value) -> fields.add("Field", value == null ? "" : value)
                        .attribute("element", name));
            }
        }
        Response response = call("Subscribe", request);
        Element result = response.item("Subscribe");
        return new SubscribeResult(true, number(result, "NewSubscriberCount", 0),
                number(result, "PreviousSubscriberCount", 0), number(result, "PreviousUnsubscriberCount", -1),
                message(result), rejections);
    }

    /** Removes subscribers from the interests (the membership is cancelled); the way deactivation is synced. */
    public ActionResult optout(Collection<String> interestNames, List<SubscriberRecord> subscribers) {
        requireValidInterests("Optout", interestNames, true);
        List<SubscriberRejection> rejections = new ArrayList<>();
        List<SubscriberRecord> valid = screen(subscribers, rejections);
        if (valid.isEmpty()) {
            return new ActionResult(false, 0, "nothing sent: every subscriber was rejected", rejections);
        }
        Request request = new Request("ActionRequest", "Actions");
        RequestElement optout = request.container.add("Optout");
        interestNames(optout, interestNames);
        RequestElement list = optout.add("Subscribers");
        valid.forEach(record -> subscriberKey(list, record));
        Response response = call("Optout", request);
        Element result = response.item("Optout");
        return new ActionResult(true, number(result, "Count", valid.size()), message(result), rejections);
    }

    /**
     * Global unsubscribe from every list. Implemented for completeness and tests only: the sync never uses it for
     * deactivation (it opts out of the synced interests instead), because only the subscriber may undo it.
     */
    public ActionResult unsubscribe(List<SubscriberRecord> subscribers, String reason) {
        List<SubscriberRejection> rejections = new ArrayList<>();
        List<SubscriberRecord> valid = screen(subscribers, rejections);
        if (valid.isEmpty()) {
            return new ActionResult(false, 0, "nothing sent: every subscriber was rejected", rejections);
        }
        Request request = new Request("ActionRequest", "Actions");
        RequestElement list = request.container.add("Unsubscribe").add("Subscribers");
        for (SubscriberRecord record : valid) {
            RequestElement subscriber = subscriberKey(list, record);
            if (reason != null && !reason.isBlank()) {
                subscriber.add("UnsubscribeReason", reason);
            }
        }
        Response response = call("Unsubscribe", request);
        Element result = response.item("Unsubscribe");
        return new ActionResult(true, number(result, "Count", 0), message(result), rejections);
    }

    /** Queues an asynchronous upload; poll {@link #uploadStatus(int)} or {@link #awaitUpload} for the outcome. */
    public BulkUploadResult bulkUpload(BulkUploadRequest upload) {
        requireValidInterests("BulkUpload", upload.interestNames(), false);
        if (upload.statusEmailRecipients().isEmpty()) {
            throw validationFailure("BulkUpload", "at least one status email recipient is required");
        }
        List<SubscriberRejection> rejections = new ArrayList<>();
        List<SubscriberRecord> valid = screen(upload.subscribers(), rejections);
        if (valid.isEmpty()) {
            return new BulkUploadResult(OptionalInt.empty(), rejections);
        }
        Request request = new Request("ActionRequest", "Actions");
        RequestElement bulk = request.container.add("BulkUpload");
        RequestElement details = bulk.add("UploadDetails");
        RequestElement interests = details.add("InterestDetails");
        interestNames(interests, upload.interestNames());
        interests.add("InterestAction", upload.action().wireName());
        RequestElement recipients = details.add("StatusEmailRecipients");
        upload.statusEmailRecipients().forEach(email -> recipients.add("Email", email));
        details.add("ColumnDelimiter", ",");
        details.add("HasFieldsEnclosedInQuotes", "1");
        RequestElement definitions = bulk.add("FieldDefinitions");
        fieldDefinition(definitions, "Email", "string", 1, "Email");
        fieldDefinition(definitions, "ID", "integer", 2, "ID");
        for (int i = 0; i < upload.fieldNames().size(); i++) {
            fieldDefinition(definitions, upload.fieldNames().get(i), "string", i + 3, "PersonalInfo");
        }
        StringBuilder data = new StringBuilder();
        for (SubscriberRecord record : valid) {
            List<String> columns = new ArrayList<>();
            columns.add(record.email().trim());
            columns.add(record.remoteId() == null ? "" : record.remoteId().trim());
            upload.fieldNames().forEach(name -> columns.add(record.fields().getOrDefault(name, "")));
            data.append(csvLine(columns)).append('\n');
        }
        bulk.add("Data", data.toString());
        Response response = call("BulkUpload", request);
        Element uploadId = AapiXml.descendant(response.item("BulkUpload"), "UploadID");
        if (uploadId == null) {
            throw InformzException.of(FailureKind.TRANSIENT, "BulkUpload", null, "response without UploadID",
                    response.redactedRequest, null);
        }
        return new BulkUploadResult(OptionalInt.of(Integer.parseInt(uploadId.getTextContent().trim())), rejections);
    }

    private static void fieldDefinition(RequestElement definitions, String name, String type, int column, String fieldType) {
        RequestElement definition = definitions.add("FieldDefinition");
        definition.add("Name", name);
        definition.add("DataType", type);
        definition.add("ColumnIndex", Integer.toString(column));
        definition.add("FieldType", fieldType);
    }

    /** Quotes every value; line breaks would end the CSV row, so they become spaces. */
    private static String csvLine(List<String> values) {
        StringBuilder line = new StringBuilder();
        for (String value : values) {
            if (line.length() > 0) {
                line.append(',');
            }
            String clean = (value == null ? "" : value).replace('\r', ' ').replace('\n', ' ').replace("\"", "\"\"");
            line.append('"').append(clean).append('"');
        }
        return line.toString();
    }

    /** The upload's {@code upload_history} row. */
    public UploadStatus uploadStatus(int uploadId) {
        List<GridRecord> rows = grid(GridQuery.of("upload_history")
                .where(GridCondition.eq("upload_id", uploadId))
                .returning("upload_id", "status", "total_email_count", "invalid_email_count", "new_count",
                        "previous_count", "duplicate_email_count", "previous_unsubscriber_count"));
        if (rows.isEmpty()) {
            throw InformzException.of(FailureKind.PERMANENT, "upload_history", null,
                    "no upload_history row for upload " + uploadId, null, null);
        }
        GridRecord row = rows.get(0);
        Map<String, Integer> counts = new LinkedHashMap<>();
        row.fields().forEach((name, value) -> {
            if (name.endsWith("_count") && value != null && !value.isBlank()) {
                counts.put(name.toLowerCase(Locale.ROOT), Integer.valueOf(value.trim()));
            }
        });
        return new UploadStatus(uploadId, row.text("status").orElse(""), counts);
    }

    /** Polls until the upload leaves Pending or the deadline passes (then a transient failure: try again later). */
    public UploadStatus awaitUpload(int uploadId, Duration timeout, Duration pollInterval) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            UploadStatus status = uploadStatus(uploadId);
            if (!status.pending()) {
                return status;
            }
            if (Instant.now().isAfter(deadline)) {
                throw InformzException.of(FailureKind.TRANSIENT, "BulkUpload", null,
                        "upload " + uploadId + " still " + status.status() + " after " + timeout, null, null);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw InformzException.of(FailureKind.TRANSIENT, "BulkUpload", null, "interrupted while polling", null, e);
            }
        }
    }

    // ---- Grids ---------------------------------------------------------------------------------------------

    /** Number of rows matching the query's conditions. */
    public int count(GridQuery query) {
        List<GridRecord> rows = gridPage(query.returning("Count"), null, null);
        return rows.isEmpty() ? 0 : rows.get(0).integer("Count").orElse(0);
    }

    /** One request, at most 1,000 rows (Informz's cap), in the order the query asks for. */
    public List<GridRecord> grid(GridQuery query) {
        return gridPage(query, null, MAX_ROWS_PER_PAGE);
    }

    /**
     * Every matching row: Count first, then pages of 1,000 with StartRow 1, 1001, … sorted on a stable key
     * (the query's sort field, or the grid's id column), so rows are neither skipped nor repeated.
     */
    public List<GridRecord> gridAll(GridQuery query) {
        Iterator<List<GridRecord>> pages = gridPages(query);
        List<GridRecord> rows = new ArrayList<>();
        pages.forEachRemaining(rows::addAll);
        return rows;
    }

    /**
     * The same rows as {@link #gridAll}, a page at a time as the caller asks for them, so a large read
     * need not be held in memory and the caller can work on one page while fetching the next. The
     * Count is asked for at once; each {@code next()} is one call.
     */
    public Iterator<List<GridRecord>> gridPages(GridQuery query) {
        GridPages pages = gridPagesByIndex(query);
        return new Iterator<>() {
            private int index;
            private boolean exhausted = pages.count() == 0;

            @Override
            public boolean hasNext() {
                return !exhausted;
            }

            @Override
            public List<GridRecord> next() {
                if (exhausted) {
                    throw new NoSuchElementException();
                }
                List<GridRecord> page = pages.page(index++);
                exhausted = page.isEmpty() || index >= pages.pageCount();
                return page;
            }
        };
    }

    /**
     * The same rows as {@link #gridAll}, each page addressed by its first row: pages are independent
     * calls, so they can be read in any order and several at once. The Count is asked for at once.
     */
    public GridPages gridPagesByIndex(GridQuery query) {
        int total = count(query);
        GridQuery sorted = query.sortedBy(query.stableKey(), query.sortField() != null && query.descending());
        return new GridPages(total, index -> gridPage(sorted, 1 + index * MAX_ROWS_PER_PAGE, MAX_ROWS_PER_PAGE));
    }

    /** The rows counted when the read began, and a reader of page n (from 0), one call each. */
    public record GridPages(int count, IntFunction<List<GridRecord>> reader) {

        public int pageCount() {
            return (count + MAX_ROWS_PER_PAGE - 1) / MAX_ROWS_PER_PAGE;
        }

        public List<GridRecord> page(int index) {
            return reader.apply(index);
        }
    }

    /** Subscriber records holding this email: several are possible (one per remote ID). */
    public List<GridRecord> findSubscribers(String email) {
        return grid(GridQuery.of("subscriber")
                .where(GridCondition.eq("email", email.trim()))
                .returning("subscriber_id", "email", "user_id", "is_unsubscriber", "cancellation_date", "modified_date")
                .sortedBy("subscriber_id", false));
    }

    private List<GridRecord> gridPage(GridQuery query, Integer startRow, Integer numberOfRows) {
        if (query.returnFields().isEmpty()) {
            throw new IllegalArgumentException("a grid query needs return fields: " + query);
        }
        Request request = new Request("GridRequest", "Grids");
        RequestElement grid = request.container.add("Grid");
        grid.attribute("type", query.gridType());
        if (!query.conditions().isEmpty()) {
            RequestElement conditions = grid.add("Conditions");
            for (GridCondition condition : query.conditions()) {
                condition(conditions.add("Condition"), condition);
            }
        }
        RequestElement returnFields = grid.add("ReturnFields");
        query.returnFields().forEach(field -> returnFields.add("DataElement", field));
        if (query.sortField() != null) {
            grid.add("SortField", query.sortField()).attribute("order", query.descending() ? "desc" : "asc");
        }
        if (startRow != null) {
            grid.add("StartRow", Integer.toString(startRow));
        }
        if (numberOfRows != null) {
            grid.add("NumberOfRows", Integer.toString(numberOfRows));
        }
        return call("grid:" + query.gridType(), request, (operation, document, redactedRequest) ->
                GridPageStream.records(document).orElseGet(() -> recordsOf(operation, parse(operation, document, redactedRequest))));
    }

    /** The DOM way: for the answers {@link GridPageStream} leaves to it. */
    private static List<GridRecord> recordsOf(String operation, Response response) {
        List<GridRecord> rows = new ArrayList<>();
        for (Element item : response.items) {
            for (Element record : AapiXml.children(item)) {
                Map<String, String> fields = new LinkedHashMap<>();
                Element fieldsElement = AapiXml.child(record, "Fields");
                if (fieldsElement != null) {
                    for (Element field : AapiXml.children(fieldsElement)) {
                        fields.put(field.getAttribute("element"), field.getTextContent());
                    }
                }
                String row = record.getAttribute("row");
                try {
                    rows.add(new GridRecord(row.isBlank() ? rows.size() + 1 : Integer.parseInt(row.trim()), fields));
                } catch (NumberFormatException e) {
                    throw InformzException.of(FailureKind.TRANSIENT, operation, null,
                            "malformed response document: row \"" + row + "\"", response.redactedRequest, e);
                }
            }
        }
        return rows;
    }

    private static void condition(RequestElement parent, GridCondition condition) {
        if (condition instanceof GridCondition.Single single) {
            RequestElement element = parent.add("Single");
            element.add("DataElement", single.dataElement());
            element.add("Comparator", single.comparator().name());
            element.add("DataValue", single.value());
        } else if (condition instanceof GridCondition.Collection collection) {
            RequestElement element = parent.add("Collection");
            element.add("DataElement", collection.dataElement());
            collection.values().forEach(value -> element.add("DataValue", value));
            element.add("SetOperator", collection.operator().wireName());
        } else if (condition instanceof GridCondition.Between between) {
            RequestElement element = parent.add("Between");
            element.add("DataElement", between.dataElement());
            element.add("DataValue", between.low());
            element.add("DataValue", between.high());
        }
    }

    // ---- Documents and the call itself ---------------------------------------------------------------------

    /** A request document with its header; Brand, User, Password come first, in the order working clients use. */
    private final class Request {
        final RequestElement root;
        final RequestElement password;
        final RequestElement container;

        Request(String rootName, String containerName) {
            root = RequestElement.root(rootName);
            root.add("Brand", settings.brandName()).attribute("id", settings.brandId());
            root.add("User", settings.user());
            password = root.add("Password", REDACTED);
            container = root.add(containerName);
        }
    }

    private record Response(List<Element> items, String document, String redactedRequest) {
        Element item(String name) {
            for (Element item : items) {
                if (name.equalsIgnoreCase(item.getLocalName())) {
                    return item;
                }
            }
            throw InformzException.of(FailureKind.TRANSIENT, name, null, "response without <" + name + ">",
                    redactedRequest, null);
        }
    }

    /** Reads an answer's result document; throws {@link InformzException} when it says the call failed. */
    @FunctionalInterface
    private interface AnswerReader<T> {
        T read(String operation, String document, String redactedRequest);
    }

    private Response call(String operation, Request request) {
        return call(operation, request, InformzClient::parse);
    }

    private <T> T call(String operation, Request request, AnswerReader<T> reader) {
        // The redacted form is taken while the document still says ***; the password only exists on the wire copy.
        String redacted = request.root.serialize();
        boolean compress = settings.compression();
        String wire;
        if (compress) {
            request.container.compressChildren();
            request.password.text(settings.password());
            wire = request.root.serialize();
            request.password.text(REDACTED);
        } else {
            // The header comes first, so the first Password element is the header's: the wire copy is
            // the redacted one with the password put in, not a second serialization of 500 subscribers.
            int at = redacted.indexOf(REDACTED_PASSWORD_ELEMENT);
            wire = redacted.substring(0, at) + "<Password>" + AapiXml.escapeText(settings.password()) + "</Password>"
                    + redacted.substring(at + REDACTED_PASSWORD_ELEMENT.length());
        }
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        String responseDocument = null;
        try {
            responseDocument = transport.post(wire);
            T response = reader.read(operation, responseDocument, redacted);
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            LOG.log(Level.FINE, () -> operation + " ok in " + duration.toMillis() + " ms; request " + redacted);
            record(new RecordedCall(operation, started, duration, redacted, responseDocument, compress, null));
            return response;
        } catch (SoapTransport.Failure failure) {
            InformzException exception = InformzException.of(failure.kind, operation, failure.faultCode,
                    failure.getMessage(), redacted, failure.getCause());
            throw failed(exception, started, startNanos,
                    failure.responseBody != null ? failure.responseBody : null, compress);
        } catch (InformzException exception) {
            throw failed(exception, started, startNanos, responseDocument, compress);
        }
    }

    private InformzException failed(InformzException exception, Instant started, long startNanos, String response,
            boolean compressed) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        LOG.log(Level.WARNING, () -> exception.operation() + " failed (" + exception.kind() + ", "
                + exception.faultCode().orElse("no fault code") + "): " + exception.reason() + "; request "
                + exception.redactedRequest().orElse(""));
        record(new RecordedCall(exception.operation(), started, duration, exception.redactedRequest().orElse(null),
                response, compressed, exception));
        return exception;
    }

    private void record(RecordedCall call) {
        try {
            settings.callRecorder().record(call);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "call recorder failed; the Informz call itself is unaffected", e);
        }
    }

    private static Response parse(String operation, String document, String redactedRequest) {
        try {
            Element root = AapiXml.parse(document).getDocumentElement();
            Element container = AapiXml.child(root, root.getLocalName().equals("GridResponse") ? "Grids" : "Responses");
            if (container == null) {
                throw InformzException.of(FailureKind.TRANSIENT, operation, null,
                        "response document without Responses/Grids", redactedRequest, null);
            }
            boolean compressed = AapiXml.children(container).isEmpty() && !container.getTextContent().isBlank();
            List<Element> items = compressed ? AapiXml.decompressChildren(container) : AapiXml.children(container);
            boolean grid = root.getLocalName().equals("GridResponse");
            for (Element item : items) {
                // An action's status may be nested (undocumented); a grid's would sit on the grid itself,
                // and searching a thousand rows for one costs as much as reading them.
                Element status = grid ? AapiXml.child(item, "Status") : AapiXml.descendant(item, "Status");
                if (status != null && !"success".equalsIgnoreCase(status.getTextContent().trim())) {
                    throw InformzException.of(FailureKind.PERMANENT, operation, "ActionStatus:" + status.getTextContent().trim(),
                            message(item), redactedRequest, null);
                }
            }
            return new Response(items, document, redactedRequest);
        } catch (SAXException | IOException | IllegalArgumentException e) {
            throw InformzException.of(FailureKind.TRANSIENT, operation, null, "malformed response document: " + e.getMessage(),
                    redactedRequest, e);
        }
    }

    // ---- Small helpers -------------------------------------------------------------------------------------

    private static RequestElement subscriberKey(RequestElement list, SubscriberRecord record) {
        RequestElement subscriber = list.add("Subscriber");
        // Informz insists: Email first, then ID, and the tag is upper-case ID.
        subscriber.add("Email", record.email().trim());
        if (record.remoteId() != null && !record.remoteId().isBlank()) {
            subscriber.add("ID", Integer.toString(Integer.parseInt(record.remoteId().trim())));
        }
        return subscriber;
    }

    private static void interestNames(RequestElement parent, Collection<String> names) {
        RequestElement list = parent.add("InterestNames");
        names.forEach(name -> list.add("InterestName", name.trim()));
    }

    private static List<SubscriberRecord> screen(List<SubscriberRecord> subscribers, List<SubscriberRejection> rejections) {
        List<SubscriberRecord> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SubscriberRecord subscriber : subscribers) {
            String problem = SubscriberValidation.problem(subscriber);
            if (problem == null) {
                String key = subscriber.email().trim().toLowerCase(Locale.ROOT) + "|"
                        + (subscriber.remoteId() == null ? "" : subscriber.remoteId().trim());
                problem = seen.add(key) ? null : "duplicate of an earlier subscriber in the same batch";
            }
            if (problem == null) {
                valid.add(subscriber);
            } else {
                rejections.add(new SubscriberRejection(subscriber == null ? null : subscriber.email(),
                        subscriber == null ? null : subscriber.remoteId(), problem));
            }
        }
        return valid;
    }

    private void requireValidInterests(String operation, Collection<String> names, boolean required) {
        if (required && names.isEmpty()) {
            throw validationFailure(operation, "at least one interest name is required");
        }
        for (String name : names) {
            String problem = SubscriberValidation.interestProblem(name);
            if (problem != null) {
                throw validationFailure(operation, problem);
            }
        }
    }

    private static InformzException validationFailure(String operation, String reason) {
        return InformzException.of(FailureKind.PERMANENT, operation, null, "not sent: " + reason, null, null);
    }

    private static int number(Element parent, String name, int fallback) {
        Element element = AapiXml.descendant(parent, name);
        if (element == null || element.getTextContent().isBlank()) {
            return fallback;
        }
        return Integer.parseInt(element.getTextContent().trim());
    }

    private static String message(Element parent) {
        Element element = AapiXml.descendant(parent, "Message");
        return element == null ? "" : element.getTextContent().trim();
    }
}
