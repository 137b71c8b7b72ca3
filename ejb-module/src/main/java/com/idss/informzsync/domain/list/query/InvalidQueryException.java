package com.idss.informzsync.domain.list.query;

/** A saved query that cannot be evaluated: unknown field, wrong operator, bad value, bad JSON. */
public class InvalidQueryException extends IllegalArgumentException {

    public InvalidQueryException(String message) {
        super(message);
    }

    public InvalidQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
