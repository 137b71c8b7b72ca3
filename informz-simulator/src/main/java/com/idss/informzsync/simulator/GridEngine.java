package com.idss.informzsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.w3c.dom.Element;

/** Answers one {@code <Grid>}: conditions, Count, sorting and paging over rows derived from the state. */
final class GridEngine {

    static final int MAX_ROWS = 1_000;

    enum Type { INT, STRING, DATETIME, BIT }

    private static final Map<String, Map<String, Type>> COLUMNS = new HashMap<>();

    static {
        COLUMNS.put("subscriber", columns(
                "subscriber_id", Type.INT, "email", Type.STRING, "user_id", Type.INT,
                "service_since_date", Type.DATETIME, "modified_date", Type.DATETIME, "is_unsubscriber", Type.BIT,
                "cancellation_date", Type.DATETIME, "cancellation_message", Type.STRING, "cancel_id", Type.INT,
                "cancellation_mailing_instance_id", Type.INT, "is_repeated_bouncer", Type.BIT,
                "bounce_date", Type.DATETIME));
        COLUMNS.put("subscriber_interests", columns(
                "cancellation_date", Type.DATETIME, "cancelled_id", Type.INT, "email", Type.STRING,
                "interest_id", Type.INT, "interest_name", Type.STRING, "subscriber_to_interest_id", Type.INT,
                "subscriber_id", Type.INT, "service_since_date", Type.DATETIME, "user_id", Type.INT));
        COLUMNS.put("interest_target_group", columns(
                "brand_id", Type.INT, "is_deleted", Type.BIT, "target_group_id", Type.INT,
                "target_group_name", Type.STRING));
        COLUMNS.put("target_group_counts", columns(
                "name", Type.STRING, "id", Type.INT, "description", Type.STRING, "target_group_count", Type.INT,
                "count_date", Type.DATETIME, "target_group_count_error", Type.BIT, "last_used_date", Type.DATETIME,
                "type_name", Type.STRING));
        COLUMNS.put("upload_history", columns(
                "upload_id", Type.INT, "brand_id", Type.INT, "uploader_subscriber_id", Type.INT,
                "uploader_user_id", Type.STRING, "uploader_user_id_source", Type.STRING,
                "uploader_email", Type.STRING, "uploader_name", Type.STRING, "date", Type.DATETIME,
                "status", Type.STRING, "total_email_count", Type.INT, "invalid_email_count", Type.INT,
                "changed_email_count", Type.INT, "previous_count", Type.INT, "new_count", Type.INT,
                "duplicate_email_count", Type.INT, "mobile_email_count", Type.INT,
                "previous_unsubscriber_count", Type.INT, "invalid_mobile_phone_count", Type.INT,
                "invalid_mobile_phones_num", Type.INT));
    }

    private static Map<String, Type> columns(Object... pairs) {
        Map<String, Type> result = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            result.put((String) pairs[i], (Type) pairs[i + 1]);
        }
        return result;
    }

    private final SimulatorState state;
    private final int brandId;
    /**
     * What an answer was derived from: for one interest's member list, that interest's memberships
     * (their change counts) and the remote IDs given since; for anything else, the whole state.
     */
    private record Derivation(long version, List<Integer> interestIds, List<Long> changes, long remoteIdsGiven) {
    }

    private record Answer(Derivation derivation, List<Map<String, Object>> rows) {
    }

    /** Answers in use, by question: several lists paged at once each keep theirs. Guarded by the state lock. */
    private final Map<String, Answer> answers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > ANSWERS_KEPT;
        }
    };
    private static final int ANSWERS_KEPT = 8;

    GridEngine(SimulatorState state, String brandId) {
        this.state = state;
        int parsed;
        try {
            parsed = Integer.parseInt(brandId.trim());
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        this.brandId = parsed;
    }

    /** Fills {@code responseGrid} (already carrying {@code type}) from the request grid. Caller holds the state lock. */
    void answer(Element requestGrid, Element responseGrid) {
        String type = requestGrid.getAttribute("type").trim().toLowerCase(Locale.ROOT);
        Map<String, Type> columns = COLUMNS.get(type);
        if (columns == null) {
            throw new AapiFault("InvalidGridCategoryException", "Unknown grid type '" + requestGrid.getAttribute("type") + "'");
        }
        List<Predicate<Map<String, Object>>> filters = new ArrayList<>();
        Element conditions = Xml.childIgnoreCase(requestGrid, "Conditions");
        if (conditions != null) {
            for (Element condition : Xml.childrenIgnoreCase(conditions, "Condition")) {
                filters.add(condition(condition, columns));
            }
        }
        Element returnFields = Xml.childIgnoreCase(requestGrid, "ReturnFields");
        if (returnFields == null || Xml.childrenIgnoreCase(returnFields, "DataElement").isEmpty()) {
            throw new AapiFault("InsufficientInformationToCompleteActionException", "ReturnFields needs at least one DataElement");
        }
        List<String> requested = new ArrayList<>();
        boolean count = false;
        for (Element dataElement : Xml.childrenIgnoreCase(returnFields, "DataElement")) {
            String name = dataElement.getTextContent().trim();
            if (name.equalsIgnoreCase("Count")) {
                count = true;
            } else if (!columns.containsKey(name.toLowerCase(Locale.ROOT))) {
                throw AapiFault.invalidData("'" + name + "' is not a data element of grid " + type);
            } else {
                requested.add(name);
            }
        }

        // Paging through a large grid asks the same question once per page: it is answered again only
        // when what the answer derives from has changed (for an interest's members: that interest's).
        String question = type + '|' + (conditions == null ? "" : Xml.toFragment(conditions)) + '|' + sortKey(requestGrid);
        List<SimulatorState.Interest> named = type.equals("subscriber_interests") ? interestsNamedBy(conditions) : null;
        Derivation derivation = derivationOf(named);
        Answer cached = answers.get(question);
        List<Map<String, Object>> rows;
        if (cached != null && cached.derivation().equals(derivation)) {
            rows = cached.rows();
        } else {
            rows = new ArrayList<>();
            for (Map<String, Object> row : rows(type, conditions, named)) {
                if (filters.stream().allMatch(f -> f.test(row))) {
                    rows.add(row);
                }
            }
            sort(requestGrid, columns, rows);
            answers.put(question, new Answer(derivation, rows));
        }
        if (count) {
            Element record = Xml.add(responseGrid, "Record");
            record.setAttribute("row", "1");
            Element field = Xml.add(Xml.add(record, "Fields"), "Field", Integer.toString(rows.size()));
            field.setAttribute("element", "Count");
            return;
        }
        int startRow = intElement(requestGrid, "StartRow", 1);
        int numberOfRows = Math.min(intElement(requestGrid, "NumberOfRows", MAX_ROWS), MAX_ROWS);
        // StartRow is a 1-based ordinal; 0 also means "the first row" (reference section 5.1).
        int from = Math.max(startRow, 1) - 1;
        int to = Math.min(rows.size(), from + Math.max(numberOfRows, 0));
        for (int i = from; i < to; i++) {
            Element record = Xml.add(responseGrid, "Record");
            record.setAttribute("row", Integer.toString(i + 1));
            Element fields = Xml.add(record, "Fields");
            Map<String, Object> row = rows.get(i);
            for (String name : requested) {
                Object value = row.get(name.toLowerCase(Locale.ROOT));
                Element field = Xml.add(fields, "Field");
                field.setAttribute("element", name);
                if (value != null) {
                    field.setTextContent(render(value));
                }
            }
        }
    }

    private static String sortKey(Element grid) {
        Element sortField = Xml.childIgnoreCase(grid, "SortField");
        return sortField == null ? "" : Xml.toFragment(sortField);
    }

    private static int intElement(Element grid, String name, int fallback) {
        Element element = Xml.childIgnoreCase(grid, name);
        if (element == null || element.getTextContent().isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(element.getTextContent().trim());
        } catch (NumberFormatException e) {
            throw AapiFault.invalidData(name + " must be an integer");
        }
    }

    private void sort(Element grid, Map<String, Type> columns, List<Map<String, Object>> rows) {
        Element sortField = Xml.childIgnoreCase(grid, "SortField");
        if (sortField == null) {
            return;
        }
        Element nested = Xml.childIgnoreCase(sortField, "DataElement");
        String name = (nested != null ? nested.getTextContent() : sortField.getTextContent()).trim();
        String column = name.toLowerCase(Locale.ROOT);
        if (!columns.containsKey(column)) {
            throw AapiFault.invalidData("cannot sort on '" + name + "'");
        }
        Comparator<Map<String, Object>> order = Comparator.comparing(row -> (Comparable<Object>) comparable(row.get(column)),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        if ("desc".equalsIgnoreCase(sortField.getAttribute("order").trim())) {
            order = order.reversed();
        }
        rows.sort(order);
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object value) {
        if (value instanceof String text) {
            return (Comparable<Object>) (Comparable<?>) text.toLowerCase(Locale.ROOT);
        }
        return (Comparable<Object>) value;
    }

    private static String render(Object value) {
        if (value instanceof Instant instant) {
            return Timestamps.format(instant);
        }
        if (value instanceof Boolean bit) {
            return bit ? "1" : "0";
        }
        return value.toString();
    }

    private Predicate<Map<String, Object>> condition(Element condition, Map<String, Type> columns) {
        Element single = Xml.childIgnoreCase(condition, "Single");
        Element collection = Xml.childIgnoreCase(condition, "Collection");
        Element between = Xml.childIgnoreCase(condition, "Between");
        if (single != null) {
            String column = column(single, columns);
            Type type = columns.get(column);
            Object value = parse(type, required(single, "DataValue").getTextContent());
            String comparator = required(single, "Comparator").getTextContent().trim().toUpperCase(Locale.ROOT);
            return switch (comparator) {
                case "EQ" -> row -> compare(row.get(column), value) == 0;
                case "NEQ", "NE" -> row -> compare(row.get(column), value) != 0;
                case "GT" -> row -> row.get(column) != null && compare(row.get(column), value) > 0;
                case "GTE" -> row -> row.get(column) != null && compare(row.get(column), value) >= 0;
                case "LT" -> row -> row.get(column) != null && compare(row.get(column), value) < 0;
                case "LTE" -> row -> row.get(column) != null && compare(row.get(column), value) <= 0;
                default -> throw AapiFault.invalidData("unknown Comparator '" + comparator + "'");
            };
        }
        if (collection != null) {
            String column = column(collection, columns);
            Type type = columns.get(column);
            List<Object> values = new ArrayList<>();
            for (Element dataValue : Xml.childrenIgnoreCase(collection, "DataValue")) {
                values.add(parse(type, dataValue.getTextContent()));
            }
            if (values.isEmpty()) {
                throw AapiFault.insufficient("Collection needs at least one DataValue");
            }
            String operator = required(collection, "SetOperator").getTextContent().trim().toUpperCase(Locale.ROOT)
                    .replaceAll("\\s+", " ");
            Predicate<Map<String, Object>> in = membershipOf(column, type, values);
            return switch (operator) {
                case "EQ", "IN" -> in;
                case "NEQ", "NE", "NOTIN", "NOT IN" -> in.negate();
                default -> throw AapiFault.invalidData("unknown SetOperator '" + operator + "'");
            };
        }
        if (between != null) {
            String column = column(between, columns);
            Type type = columns.get(column);
            List<Element> bounds = Xml.childrenIgnoreCase(between, "DataValue");
            if (bounds.size() != 2) {
                throw AapiFault.insufficient("Between needs exactly two DataValue elements");
            }
            Object low = parse(type, bounds.get(0).getTextContent());
            Object high = parse(type, bounds.get(1).getTextContent());
            return row -> row.get(column) != null && compare(row.get(column), low) >= 0 && compare(row.get(column), high) <= 0;
        }
        throw AapiFault.unexpected("Condition must hold Single, Collection or Between");
    }

    private static Element required(Element parent, String name) {
        Element element = Xml.childIgnoreCase(parent, name);
        if (element == null) {
            throw AapiFault.insufficient(parent.getLocalName() + " needs " + name);
        }
        return element;
    }

    private static String column(Element condition, Map<String, Type> columns) {
        String name = required(condition, "DataElement").getTextContent().trim();
        String column = name.toLowerCase(Locale.ROOT);
        if (!columns.containsKey(column)) {
            throw AapiFault.invalidData("'" + name + "' is not a data element of this grid");
        }
        return column;
    }

    private static Object parse(Type type, String text) {
        String value = text.trim();
        switch (type) {
            case INT -> {
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw AapiFault.invalidData("'" + text + "' is not an integer");
                }
            }
            case BIT -> {
                if (value.equals("1") || value.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (value.equals("0") || value.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw AapiFault.invalidData("'" + text + "' is not a bit");
            }
            case DATETIME -> {
                return Timestamps.parse(value);
            }
            default -> {
                return text;
            }
        }
    }

    /** Nulls never equal anything; strings compare ignoring case like a case-insensitive SQL collation. */
    /**
     * "Is the row's value one of these", as {@link #compare} defines equal: by hashing, so that a
     * lookup of 500 addresses costs one probe per row, not 500 comparisons.
     */
    private static Predicate<Map<String, Object>> membershipOf(String column, Type type, List<Object> values) {
        if (values.stream().allMatch(v -> v instanceof String)) {
            Set<String> keys = new HashSet<>();
            values.forEach(v -> keys.add(caseFolded((String) v)));
            return row -> row.get(column) instanceof String text && keys.contains(caseFolded(text));
        }
        if (values.stream().allMatch(v -> v instanceof Long)) {
            Set<Object> numbers = new HashSet<>(values);
            return row -> row.get(column) instanceof Integer number && numbers.contains(number.longValue());
        }
        return row -> values.stream().anyMatch(v -> compare(row.get(column), v) == 0);
    }

    /** Two strings fold to the same key exactly when {@link String#compareToIgnoreCase} finds them equal. */
    private static String caseFolded(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            folded.append(Character.toLowerCase(Character.toUpperCase(text.charAt(i))));
        }
        return folded.toString();
    }

    private static int compare(Object actual, Object wanted) {
        if (actual == null) {
            return wanted == null ? 0 : -1;
        }
        if (actual instanceof Integer number) {
            return Long.compare(number.longValue(), (Long) wanted);
        }
        if (actual instanceof String text) {
            return text.compareToIgnoreCase((String) wanted);
        }
        if (actual instanceof Boolean bit) {
            return Boolean.compare(bit, (Boolean) wanted);
        }
        return ((Instant) actual).compareTo((Instant) wanted);
    }

    /**
     * The subscribers a "subscriber" grid can return: those its email condition names, looked up by
     * address, when it has one (the conditions still decide); otherwise all of them. Only for ASCII
     * addresses, where the lookup key and the grid's case-insensitive comparison agree.
     */
    private Collection<SimulatorState.Subscriber> subscriberCandidates(Element conditions) {
        if (conditions == null) {
            return state.subscribers.values();
        }
        for (Element condition : Xml.childrenIgnoreCase(conditions, "Condition")) {
            Element test = Xml.childIgnoreCase(condition, "Collection");
            String operator = test == null ? null : textOf(test, "SetOperator");
            if (test == null) {
                test = Xml.childIgnoreCase(condition, "Single");
                operator = test == null ? null : textOf(test, "Comparator");
            }
            if (test == null || !"email".equalsIgnoreCase(textOf(test, "DataElement"))
                    || !("IN".equalsIgnoreCase(operator) || "EQ".equalsIgnoreCase(operator))) {
                continue;
            }
            List<String> addresses = Xml.childrenIgnoreCase(test, "DataValue").stream().map(Element::getTextContent).toList();
            if (addresses.isEmpty() || !addresses.stream().allMatch(a -> a.chars().allMatch(c -> c < 128))) {
                continue;
            }
            TreeMap<Integer, SimulatorState.Subscriber> named = new TreeMap<>(); // in creation order, as the full scan
            addresses.forEach(a -> state.byEmail(a).forEach(sub -> named.put(sub.subscriberId, sub)));
            return named.values();
        }
        return state.subscribers.values();
    }

    /**
     * The interests a "subscriber_interests" grid's interest_name condition names (null when it has
     * none): their memberships are all it can return, and the conditions still decide.
     */
    private List<SimulatorState.Interest> interestsNamedBy(Element conditions) {
        if (conditions == null) {
            return null;
        }
        for (Element condition : Xml.childrenIgnoreCase(conditions, "Condition")) {
            Element single = Xml.childIgnoreCase(condition, "Single");
            if (single == null || !"interest_name".equalsIgnoreCase(textOf(single, "DataElement"))
                    || !"EQ".equalsIgnoreCase(textOf(single, "Comparator"))) {
                continue;
            }
            String name = textOf(single, "DataValue");
            List<SimulatorState.Interest> named = new ArrayList<>();
            for (SimulatorState.Interest interest : state.interestsByName.values()) {
                if (compare(interest.name, name) == 0) {
                    named.add(interest);
                }
            }
            return named;
        }
        return null;
    }

    private Derivation derivationOf(List<SimulatorState.Interest> named) {
        if (named == null) {
            return new Derivation(state.version, List.of(), List.of(), 0);
        }
        List<Integer> ids = named.stream().map(i -> i.interestId).toList();
        List<Long> changes = named.stream().map(i -> state.membershipChangesOf(i.interestId)).toList();
        return new Derivation(-1, ids, changes, state.remoteIdsGiven);
    }

    /** The memberships of these interests in creation order, as the full scan would list them; all when null. */
    private Collection<SimulatorState.Membership> membershipsOf(List<SimulatorState.Interest> named) {
        if (named == null) {
            return state.memberships.values();
        }
        List<SimulatorState.Membership> memberships = new ArrayList<>();
        named.forEach(interest -> memberships.addAll(state.membershipsOf(interest)));
        if (named.size() > 1) {
            memberships.sort(Comparator.comparingInt(m -> m.membershipId));
        }
        return memberships;
    }

    private static String textOf(Element parent, String name) {
        Element child = Xml.childIgnoreCase(parent, name);
        return child == null ? null : child.getTextContent().trim();
    }

    private List<Map<String, Object>> rows(String type, Element conditions, List<SimulatorState.Interest> named) {
        List<Map<String, Object>> rows = new ArrayList<>();
        switch (type) {
            case "subscriber" -> {
                for (SimulatorState.Subscriber s : subscriberCandidates(conditions)) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("subscriber_id", s.subscriberId);
                    row.put("email", s.email);
                    row.put("user_id", s.userId);
                    row.put("service_since_date", s.serviceSince);
                    row.put("modified_date", s.modified);
                    row.put("is_unsubscriber", s.unsubscribed);
                    row.put("cancellation_date", s.cancellationDate);
                    row.put("cancellation_message", s.cancellationMessage);
                    row.put("cancel_id", s.cancelId);
                    row.put("is_repeated_bouncer", Boolean.FALSE);
                    rows.add(row);
                }
            }
            case "subscriber_interests" -> {
                for (SimulatorState.Membership m : membershipsOf(named)) {
                    SimulatorState.Subscriber s = state.subscribers.get(m.subscriberId);
                    SimulatorState.Interest i = state.interestsById.get(m.interestId);
                    Map<String, Object> row = new HashMap<>();
                    row.put("cancellation_date", m.cancellationDate);
                    row.put("cancelled_id", m.cancelledId);
                    row.put("email", s.email);
                    row.put("interest_id", i.interestId);
                    row.put("interest_name", i.name);
                    row.put("subscriber_to_interest_id", m.membershipId);
                    row.put("subscriber_id", s.subscriberId);
                    row.put("service_since_date", m.serviceSince);
                    row.put("user_id", s.userId);
                    rows.add(row);
                }
            }
            case "interest_target_group" -> {
                for (SimulatorState.Interest i : state.interestsByName.values()) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("brand_id", brandId);
                    row.put("is_deleted", Boolean.FALSE);
                    row.put("target_group_id", i.targetGroupId);
                    row.put("target_group_name", i.name);
                    rows.add(row);
                }
            }
            case "target_group_counts" -> {
                Map<Integer, Integer> active = new HashMap<>();
                for (SimulatorState.Membership m : state.memberships.values()) {
                    if (m.active() && !state.subscribers.get(m.subscriberId).unsubscribed) {
                        active.merge(m.interestId, 1, Integer::sum);
                    }
                }
                Instant now = Instant.now();
                for (SimulatorState.Interest i : state.interestsByName.values()) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("name", i.name);
                    row.put("id", i.targetGroupId);
                    row.put("description", "");
                    row.put("target_group_count", active.getOrDefault(i.interestId, 0));
                    row.put("count_date", now);
                    row.put("target_group_count_error", Boolean.FALSE);
                    row.put("type_name", "Interest");
                    rows.add(row);
                }
            }
            case "upload_history" -> {
                for (SimulatorState.Upload u : state.uploads.values()) {
                    Map<String, Object> row = new HashMap<>(u.counts);
                    row.put("upload_id", u.uploadId);
                    row.put("brand_id", brandId);
                    row.put("uploader_user_id", u.uploaderUserId);
                    row.put("uploader_user_id_source", "AAPI");
                    row.put("date", u.date);
                    row.put("status", u.status);
                    rows.add(row);
                }
            }
            default -> throw new IllegalStateException(type);
        }
        return rows;
    }
}
