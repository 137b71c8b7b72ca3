package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.Match;
import com.idss.informzsync.domain.list.query.Operator;
import com.idss.informzsync.domain.list.query.ValueKind;
import jakarta.faces.model.SelectItem;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The saved-query form in the words of the people who use it: field labels ("Account type",
 * "Created"), operators as phrases ("is one of", "is between"), stored names ("MEETING_PLANNER") as
 * "Meeting planner". The stored vocabulary (ContactField, Operator) is unchanged.
 */
final class QueryWords {

    private static final Map<ContactField, String> FIELD_LABELS = new EnumMap<>(Map.ofEntries(
            Map.entry(ContactField.FIRST_NAME, "First name"),
            Map.entry(ContactField.LAST_NAME, "Last name"),
            Map.entry(ContactField.TITLE, "Job title"),
            Map.entry(ContactField.EMAIL, "Email"),
            Map.entry(ContactField.CITY, "City"),
            Map.entry(ContactField.STATE, "State"),
            Map.entry(ContactField.POSTAL_CODE, "Postal code"),
            Map.entry(ContactField.TAG, "Tag"),
            Map.entry(ContactField.CREATED_DATE, "Created"),
            Map.entry(ContactField.ACCOUNT_NAME, "Account name"),
            Map.entry(ContactField.ACCOUNT_TYPE, "Account type"),
            Map.entry(ContactField.ACCOUNT_CITY, "Account city"),
            Map.entry(ContactField.ACCOUNT_STATE, "Account state"),
            Map.entry(ContactField.ACCOUNT_POSTAL_CODE, "Account postal code"),
            Map.entry(ContactField.ACCOUNT_COUNTRY, "Account country")));

    private QueryWords() {
    }

    static String label(ContactField field) {
        return FIELD_LABELS.get(field);
    }

    /** How the operator reads after the field's label: "Created is between …", "Tag is one of …". */
    static String phrase(Operator operator, ContactField field) {
        boolean date = field.kind() == ValueKind.DATE;
        return switch (operator) {
            case EQUALS -> date ? "is on" : "is";
            case CONTAINS -> "contains";
            case IN -> "is one of";
            case RANGE -> "is between";
        };
    }

    static String phrase(Match match) {
        return match == Match.ALL ? "all of these" : "any of these";
    }

    /** A stored choice ("MEETING_PLANNER") as a person reads it ("Meeting planner"). */
    static String choice(String stored) {
        String words = stored.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static List<SelectItem> fields() {
        return Arrays.stream(ContactField.values()).map(f -> new SelectItem(f, label(f))).toList();
    }

    /** Only what makes sense on the field: no "contains" on a date, no "is between" on an account type. */
    static List<SelectItem> operators(ContactField field) {
        return Arrays.stream(Operator.values()).filter(field.kind()::allows)
                .map(o -> new SelectItem(o, phrase(o, field))).toList();
    }

    static List<SelectItem> matches() {
        return Arrays.stream(Match.values()).map(m -> new SelectItem(m, phrase(m))).toList();
    }
}
