package com.idss.informzsync.domain.list.query;

import com.idss.informzsync.domain.account.AccountType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields a saved query may test. This enum is the whole vocabulary: the names are stored in
 * saved queries, so renaming one is a data migration.
 */
public enum ContactField {
    FIRST_NAME(ValueKind.TEXT),
    LAST_NAME(ValueKind.TEXT),
    TITLE(ValueKind.TEXT),
    EMAIL(ValueKind.TEXT),
    CITY(ValueKind.TEXT),
    STATE(ValueKind.TEXT),
    POSTAL_CODE(ValueKind.TEXT),
    TAG(ValueKind.TAG),
    CREATED_DATE(ValueKind.DATE),
    ACCOUNT_NAME(ValueKind.TEXT),
    ACCOUNT_TYPE(ValueKind.CHOICE, enumNames(AccountType.class)),
    ACCOUNT_CITY(ValueKind.TEXT),
    ACCOUNT_STATE(ValueKind.TEXT),
    ACCOUNT_POSTAL_CODE(ValueKind.TEXT),
    ACCOUNT_COUNTRY(ValueKind.TEXT);

    private final ValueKind kind;
    private final Set<String> choices;

    ContactField(ValueKind kind) {
        this(kind, Set.of());
    }

    ContactField(ValueKind kind, Set<String> choices) {
        this.kind = kind;
        this.choices = choices;
    }

    public ValueKind kind() {
        return kind;
    }

    /** For {@link ValueKind#CHOICE} fields, the allowed values. */
    public Set<String> choices() {
        return choices;
    }

    public boolean isAccountField() {
        return name().startsWith("ACCOUNT_");
    }

    private static Set<String> enumNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
