package com.idss.informzsync.domain.list.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One test on one field. Values are kept as text, as stored; each is checked against the field's
 * kind on construction so that a saved query that exists can always be evaluated.
 */
public record Criterion(ContactField field, Operator operator, List<String> values) implements QueryNode {

    public static final int MAX_VALUE_LENGTH = 255;
    public static final int MAX_IN_VALUES = 1000;

    public Criterion {
        if (field == null || operator == null) {
            throw new InvalidQueryException("a criterion needs a field and an operator");
        }
        if (!field.kind().allows(operator)) {
            throw new InvalidQueryException(operator + " cannot be used on " + field);
        }
        values = Collections.unmodifiableList(checkedValues(field, operator, values == null ? List.of() : values));
    }

    public static Criterion equalTo(ContactField field, String value) {
        return new Criterion(field, Operator.EQUALS, Collections.singletonList(value));
    }

    public static Criterion contains(ContactField field, String value) {
        return new Criterion(field, Operator.CONTAINS, Collections.singletonList(value));
    }

    public static Criterion in(ContactField field, String... values) {
        return new Criterion(field, Operator.IN, Arrays.asList(values));
    }

    /** Both ends inclusive; {@code null} leaves that end open. */
    public static Criterion between(ContactField field, String from, String to) {
        return new Criterion(field, Operator.RANGE, Arrays.asList(from, to));
    }

    /** The single value of an EQUALS or CONTAINS. */
    public String value() {
        return values.get(0);
    }

    public String from() {
        return values.get(0);
    }

    public String to() {
        return values.get(1);
    }

    @Override
    public int depth() {
        return 1;
    }

    private static List<String> checkedValues(ContactField field, Operator operator, List<String> values) {
        switch (operator) {
            case EQUALS, CONTAINS -> {
                if (values.size() != 1 || values.get(0) == null || values.get(0).isEmpty()) {
                    throw new InvalidQueryException(operator + " on " + field + " takes exactly one non-empty value");
                }
            }
            case IN -> {
                if (values.isEmpty() || values.size() > MAX_IN_VALUES || values.stream().anyMatch(Objects::isNull)) {
                    throw new InvalidQueryException("IN on " + field + " takes 1 to " + MAX_IN_VALUES + " values, none null");
                }
            }
            case RANGE -> {
                if (values.size() != 2 || (values.get(0) == null && values.get(1) == null)) {
                    throw new InvalidQueryException("RANGE on " + field + " takes [from, to]; at most one may be null");
                }
            }
        }
        List<String> checked = new ArrayList<>(values.size());
        for (String value : values) {
            checked.add(value == null ? null : checkedValue(field, value));
        }
        return checked;
    }

    private static String checkedValue(ContactField field, String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidQueryException("values are at most " + MAX_VALUE_LENGTH + " characters");
        }
        return switch (field.kind()) {
            case TEXT, TAG -> value;
            case CHOICE -> {
                String choice = value.strip().toUpperCase(Locale.ROOT);
                if (!field.choices().contains(choice)) {
                    throw new InvalidQueryException("'" + value + "' is not one of " + field + " " + field.choices());
                }
                yield choice;
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(value.strip()).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidQueryException("'" + value + "' is not a date (yyyy-MM-dd) for " + field, e);
                }
            }
        };
    }
}
