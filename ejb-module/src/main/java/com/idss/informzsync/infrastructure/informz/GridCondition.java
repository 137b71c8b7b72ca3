package com.idss.informzsync.infrastructure.informz;

import java.util.List;

/** One {@code <Condition>} of a GridRequest (reference section 5.1). */
public sealed interface GridCondition {

    String dataElement();

    /** Comparators of a {@code Single} condition. */
    enum Comparator { EQ, NEQ, GT, GTE, LT, LTE }

    /** Operators of a {@code Collection} condition; {@code NOT_IN} is sent as "NOT IN", the KB prose spelling. */
    enum SetOperator {
        EQ("EQ"), NEQ("NEQ"), IN("IN"), NOT_IN("NOT IN");

        private final String wireName;

        SetOperator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    record Single(String dataElement, Comparator comparator, String value) implements GridCondition {
    }

    record Collection(String dataElement, SetOperator operator, List<String> values) implements GridCondition {
        public Collection {
            values = List.copyOf(values);
        }
    }

    /** Inclusive range, the earlier value first. */
    record Between(String dataElement, String low, String high) implements GridCondition {
    }

    static GridCondition eq(String dataElement, Object value) {
        return new Single(dataElement, Comparator.EQ, String.valueOf(value));
    }

    static GridCondition single(String dataElement, Comparator comparator, Object value) {
        return new Single(dataElement, comparator, String.valueOf(value));
    }

    static GridCondition in(String dataElement, List<String> values) {
        return new Collection(dataElement, SetOperator.IN, values);
    }

    static GridCondition between(String dataElement, Object low, Object high) {
        return new Between(dataElement, String.valueOf(low), String.valueOf(high));
    }
}
