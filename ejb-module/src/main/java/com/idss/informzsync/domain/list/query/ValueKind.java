package com.idss.informzsync.domain.list.query;

import java.util.EnumSet;
import java.util.Set;

/** What a field's values are, and therefore which operators make sense on it. */
public enum ValueKind {
    /** Free text, compared case-insensitively. */
    TEXT(EnumSet.allOf(Operator.class)),
    /** One of a fixed set of upper-case names. */
    CHOICE(EnumSet.of(Operator.EQUALS, Operator.IN)),
    /** A calendar day (ISO {@code yyyy-MM-dd}), in UTC. */
    DATE(EnumSet.of(Operator.EQUALS, Operator.RANGE)),
    /** A contact's tags: the criterion holds when any tag matches. */
    TAG(EnumSet.of(Operator.EQUALS, Operator.CONTAINS, Operator.IN));

    private final Set<Operator> operators;

    ValueKind(Set<Operator> operators) {
        this.operators = operators;
    }

    public boolean allows(Operator operator) {
        return operators.contains(operator);
    }
}
