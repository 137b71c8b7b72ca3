package com.idss.informzsync.infrastructure.persistence.jpa;

import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.ParameterExpression;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values of one Criteria query, bound as JDBC parameters rather than rendered into SQL: saved-query
 * values are user text ({@code O'Brien & <Sons>}), and bound queries share one cached statement.
 */
final class QueryParameters {

    private final CriteriaBuilder cb;
    private final Map<ParameterExpression<?>, Object> values = new LinkedHashMap<>();

    QueryParameters(CriteriaBuilder cb) {
        this.cb = cb;
    }

    <T> ParameterExpression<T> bind(Class<T> type, T value) {
        ParameterExpression<T> parameter = cb.parameter(type, "p" + values.size());
        values.put(parameter, value);
        return parameter;
    }

    <R> TypedQuery<R> applyTo(TypedQuery<R> query) {
        values.forEach((parameter, value) -> setParameter(query, parameter, value));
        return query;
    }

    @SuppressWarnings("unchecked")
    private static <T> void setParameter(TypedQuery<?> query, ParameterExpression<T> parameter, Object value) {
        query.setParameter(parameter, (T) value);
    }
}
