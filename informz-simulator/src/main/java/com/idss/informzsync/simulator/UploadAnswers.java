package com.idss.informzsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * Answers {@code <BulkUpload>}: checks the upload, queues it and applies its rows later on the upload scheduler.
 * Separate from {@link ActionAnswers} because its work runs after the response, outside the request; it borrows that
 * class's upsert key, interest resolution and email checks so an upload and a Subscribe treat a row alike.
 */
final class UploadAnswers {

    private static final Set<String> UPLOAD_ACTIONS = Set.of("AddOrUpdateSubscribers", "ReplaceAllSubscribers",
            "RemoveSubscribers", "UnsubscribeSubscribers", "ResubscribeSubscribers");

    private final SimulatorState state;
    private final ActionAnswers actions;
    private final ScheduledExecutorService uploadScheduler;
    private final Supplier<UnknownInterestMode> unknownInterestMode;
    private final Supplier<Duration> bulkUploadDelay;

    UploadAnswers(SimulatorState state, ActionAnswers actions, ScheduledExecutorService uploadScheduler,
            Supplier<UnknownInterestMode> unknownInterestMode, Supplier<Duration> bulkUploadDelay) {
        this.state = state;
        this.actions = actions;
        this.uploadScheduler = uploadScheduler;
        this.unknownInterestMode = unknownInterestMode;
        this.bulkUploadDelay = bulkUploadDelay;
    }

    private record Column(String name, int index, String fieldType) {
    }

    void bulkUpload(Element bulkUpload, Element result, Instant now, String user) {
        Element details = Xml.child(bulkUpload, "UploadDetails");
        if (details == null) {
            throw AapiFault.insufficient("BulkUpload needs <UploadDetails>");
        }
        Element interestDetails = Xml.child(details, "InterestDetails");
        String action = interestDetails == null ? null : Xml.text(Xml.child(interestDetails, "InterestAction"));
        if (action == null || !UPLOAD_ACTIONS.contains(action.trim())) {
            throw AapiFault.invalidData("InterestAction must be one of " + UPLOAD_ACTIONS);
        }
        List<SimulatorState.Interest> interests =
                actions.interests(Xml.child(interestDetails, "InterestNames"), unknownInterestMode.get(), now, false);
        Element recipients = Xml.child(details, "StatusEmailRecipients");
        if (recipients == null || Xml.child(recipients, "Email") == null) {
            throw AapiFault.insufficient("StatusEmailRecipients needs at least one Email");
        }
        String delimiterText = Xml.text(Xml.child(details, "ColumnDelimiter"));
        if (delimiterText != null && delimiterText.length() != 1) {
            throw AapiFault.invalidData("ColumnDelimiter must be one character");
        }
        char delimiter = delimiterText == null ? ',' : delimiterText.charAt(0);
        boolean quoted = "1".equals(trimmed(Xml.text(Xml.child(details, "HasFieldsEnclosedInQuotes"))));
        Element definitions = Xml.child(bulkUpload, "FieldDefinitions");
        if (definitions == null) {
            throw AapiFault.insufficient("BulkUpload needs <FieldDefinitions>");
        }
        List<Column> columns = new ArrayList<>();
        Set<Integer> indexes = new HashSet<>();
        for (Element definition : Xml.children(definitions)) {
            String name = trimmed(Xml.text(Xml.child(definition, "Name")));
            String indexText = trimmed(Xml.text(Xml.child(definition, "ColumnIndex")));
            if (name == null || name.isEmpty() || indexText == null) {
                throw AapiFault.insufficient("FieldDefinition needs Name and ColumnIndex");
            }
            int index;
            try {
                index = Integer.parseInt(indexText);
            } catch (NumberFormatException e) {
                throw AapiFault.invalidData("ColumnIndex must be an integer");
            }
            if (index < 1 || !indexes.add(index)) {
                throw AapiFault.invalidData("ColumnIndex " + index + " is invalid or repeated");
            }
            String fieldType = trimmed(Xml.text(Xml.child(definition, "FieldType")));
            columns.add(new Column(name, index, fieldType == null ? "PersonalInfo" : fieldType));
        }
        Column email = columns.stream().filter(c -> "Email".equalsIgnoreCase(c.fieldType) || "Email".equalsIgnoreCase(c.name))
                .findFirst().orElseThrow(() -> AapiFault.insufficient("FieldDefinitions need an Email column"));
        Column id = columns.stream().filter(c -> "ID".equalsIgnoreCase(c.fieldType) || "ID".equalsIgnoreCase(c.name))
                .findFirst().orElse(null);
        List<Column> interestColumns = columns.stream().filter(c -> "Interest".equalsIgnoreCase(c.name)).toList();
        if (interestColumns.size() > 1) {
            throw AapiFault.invalidData("There can only be one FieldDefinition called 'Interest'");
        }
        if (!interestColumns.isEmpty() && delimiter == ',') {
            throw AapiFault.invalidData("Comma cannot be the ColumnDelimiter when the data holds interests");
        }
        Element data = Xml.child(bulkUpload, "Data");
        if (data == null || data.getTextContent().isBlank()) {
            throw AapiFault.insufficient("BulkUpload needs <Data>");
        }
        String text = data.getTextContent();
        SimulatorState.Upload upload = state.createUpload(now, user);
        Column interestColumn = interestColumns.isEmpty() ? null : interestColumns.get(0);
        String uploadAction = action.trim();
        Runnable work = () -> {
            synchronized (state) {
                state.changed();
                applyUpload(upload, text, delimiter, quoted, columns, email, id, interestColumn, interests, uploadAction);
            }
        };
        Duration delay = bulkUploadDelay.get();
        if (delay.isZero() || delay.isNegative()) {
            uploadScheduler.execute(work);
        } else {
            uploadScheduler.schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        Xml.add(result, "UploadID", Integer.toString(upload.uploadId));
        ActionAnswers.status(result, "Upload queued.");
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }

    private void applyUpload(SimulatorState.Upload upload, String text, char delimiter, boolean quoted,
            List<Column> columns, Column emailColumn, Column idColumn, Column interestColumn,
            List<SimulatorState.Interest> interests, String action) {
        Instant now = Instant.now();
        Set<String> seen = new HashSet<>();
        Set<Integer> touched = new HashSet<>();
        Map<String, Integer> counts = upload.counts;
        for (String line : text.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> values = splitLine(line, delimiter, quoted);
            counts.merge("total_email_count", 1, Integer::sum);
            String email = value(values, emailColumn).trim();
            if (email.length() > ActionAnswers.MAX_EMAIL || !ActionAnswers.wellFormed(email)) {
                counts.merge("invalid_email_count", 1, Integer::sum);
                continue;
            }
            Integer id = null;
            String idText = value(values, idColumn).trim();
            if (!idText.isEmpty()) {
                try {
                    id = Integer.valueOf(idText);
                } catch (NumberFormatException e) {
                    counts.merge("invalid_email_count", 1, Integer::sum);
                    continue;
                }
            }
            if (!seen.add(SimulatorState.emailKey(email) + "|" + id)) {
                counts.merge("duplicate_email_count", 1, Integer::sum);
                continue;
            }
            SimulatorState.Subscriber subscriber = actions.upsertTarget(email, id);
            if (subscriber == null) {
                if (action.equals("RemoveSubscribers")) {
                    continue;
                }
                subscriber = state.createSubscriber(email, id, now);
                counts.merge("new_count", 1, Integer::sum);
            } else {
                counts.merge("previous_count", 1, Integer::sum);
                if (subscriber.userId == null && id != null) {
                    state.giveRemoteId(subscriber, id);
                }
            }
            for (Column column : columns) {
                if (column != emailColumn && column != idColumn && column != interestColumn
                        && "PersonalInfo".equalsIgnoreCase(column.fieldType)) {
                    subscriber.fields.put(column.name, value(values, column));
                }
            }
            subscriber.modified = now;
            touched.add(subscriber.subscriberId);
            Set<SimulatorState.Interest> rowInterests = new LinkedHashSet<>(interests);
            if (interestColumn != null) {
                for (String name : value(values, interestColumn).split(",")) {
                    SimulatorState.Interest interest = name.isBlank() ? null : state.interest(name);
                    if (interest != null) {
                        rowInterests.add(interest); // unknown per-row interests are ignored (reference section 4.4)
                    }
                }
            }
            switch (action) {
                case "UnsubscribeSubscribers" -> {
                    if (!subscriber.unsubscribed) {
                        state.unsubscribe(subscriber, "Unsubscribed via BulkUpload", now);
                    }
                }
                case "ResubscribeSubscribers" -> {
                    state.resubscribe(subscriber, now);
                    for (SimulatorState.Interest interest : rowInterests) {
                        state.addMembership(subscriber, interest, now);
                    }
                }
                case "RemoveSubscribers" -> {
                    for (SimulatorState.Interest interest : rowInterests) {
                        state.cancelMembership(state.membership(subscriber, interest), now);
                    }
                }
                default -> {
                    if (subscriber.unsubscribed) {
                        counts.merge("previous_unsubscriber_count", 1, Integer::sum);
                    } else {
                        for (SimulatorState.Interest interest : rowInterests) {
                            state.addMembership(subscriber, interest, now);
                        }
                    }
                }
            }
        }
        if (action.equals("ReplaceAllSubscribers")) {
            for (SimulatorState.Membership membership : state.memberships.values()) {
                if (!touched.contains(membership.subscriberId)
                        && interests.stream().anyMatch(i -> i.interestId == membership.interestId)) {
                    state.cancelMembership(membership, now);
                }
            }
        }
        upload.completed = now;
        upload.status = "Complete";
    }

    private static String value(List<String> values, Column column) {
        if (column == null || column.index > values.size()) {
            return "";
        }
        return values.get(column.index - 1);
    }

    private static List<String> splitLine(String line, char delimiter, boolean quoted) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"') {
                if (inQuotes && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    inQuotes = !inQuotes;
                }
            } else if (c == delimiter && !inQuotes) {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }
}
