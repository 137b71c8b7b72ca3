package com.idss.informzsync.infrastructure.informz;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code <Record>} of a GridResponse. Field names match case-insensitively; an empty field reads as
 * absent. Informz answers with the names asked for, so a name is looked up as spelt first: a
 * case-insensitive map of each of the 100,000 rows an id write-back reads cost 3 % of the server's
 * samples in a full sync.
 */
public final class GridRecord {

    private final int row;
    private final Map<String, String> fields;

    /** Takes the fields as they are (a map the caller no longer changes). */
    GridRecord(int row, Map<String, String> fields) {
        this.row = row;
        this.fields = Collections.unmodifiableMap(fields);
    }

    public int row() {
        return row;
    }

    /** The fields as they came, in their order, names as Informz spelt them. */
    public Map<String, String> fields() {
        return fields;
    }

    public Optional<String> text(String element) {
        String value = valueOf(element);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public Optional<Integer> integer(String element) {
        return text(element).map(String::trim).map(Integer::valueOf);
    }

    public Optional<Instant> instant(String element) {
        return text(element).map(String::trim).map(Instant::parse);
    }

    /**
     * A date Informz may write in more than one way: an ISO instant, or an ISO date-time without a
     * zone, read as UTC (docs/informz-assumptions.md, A13). Empty when absent or in another format,
     * which callers that only need to know a date is there can tell by {@link #text}.
     */
    public Optional<Instant> dateTime(String element) {
        Optional<String> value = text(element).map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.get()).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value.get()).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unknownFormat) {
                return Optional.empty();
            }
        }
    }

    /** As spelt, else the last field of that name in another case, as a case-insensitive map would hold it. */
    private String valueOf(String element) {
        String value = fields.get(element);
        if (value != null || fields.containsKey(element)) {
            return value;
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getKey().equalsIgnoreCase(element)) {
                value = field.getValue();
            }
        }
        return value;
    }

    /** Bits come back as 0/1. */
    public boolean bit(String element) {
        return text(element).map(String::trim).map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    @Override
    public String toString() {
        return "GridRecord[row=" + row + ", " + fields + "]";
    }
}
