package com.idss.informzsync.domain.list.query;

/** How a criterion compares a field with its values. */
public enum Operator {
    /** One value; exact match (case-insensitive for text). */
    EQUALS,
    /** One value; substring match, case-insensitive. */
    CONTAINS,
    /** One or more values; matches any of them. */
    IN,
    /** Two values, from and to, both inclusive; either may be null for an open end. */
    RANGE
}
