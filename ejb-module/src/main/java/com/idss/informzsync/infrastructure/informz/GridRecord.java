package com.idss.informzsync.infrastructure.informz;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One {@code <Record>} of a GridResponse. Field names match case-insensitively; an empty field reads as absent. */
public final class GridRecord {

    private final int row;
    private final Map<String, String> fields;

    GridRecord(int row, Map<String, String> fields) {
        this.row = row;
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(fields);
        this.fields = Collections.unmodifiableMap(copy);
    }

    public int row() {
        return row;
    }

    public Map<String, String> fields() {
        return fields;
    }

    public Optional<String> text(String element) {
        String value = fields.get(element);
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

    /** Bits come back as 0/1. */
    public boolean bit(String element) {
        return text(element).map(String::trim).map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    @Override
    public String toString() {
        return "GridRecord[row=" + row + ", " + fields + "]";
    }
}
