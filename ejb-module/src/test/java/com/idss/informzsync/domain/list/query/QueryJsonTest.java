package com.idss.informzsync.domain.list.query;

import static com.idss.informzsync.domain.list.query.CriteriaGroup.all;
import static com.idss.informzsync.domain.list.query.CriteriaGroup.any;
import static com.idss.informzsync.domain.list.query.Criterion.between;
import static com.idss.informzsync.domain.list.query.Criterion.contains;
import static com.idss.informzsync.domain.list.query.Criterion.equalTo;
import static com.idss.informzsync.domain.list.query.Criterion.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryJsonTest {

    @Test
    void roundTripsNestedGroupsAndEveryOperator() {
        CriteriaGroup query = all(
                in(ContactField.ACCOUNT_TYPE, "hotel", "VENUE"),
                any(equalTo(ContactField.STATE, "FL"), contains(ContactField.TAG, "golf")),
                between(ContactField.CREATED_DATE, "2024-01-01", null),
                equalTo(ContactField.LAST_NAME, "O'Brien & <Sons> \"Ltd\" ☕"));
        assertEquals(query, QueryJson.read(QueryJson.write(query)));
    }

    @Test
    void storedFormIsDocumentedShape() {
        String json = QueryJson.write(all(in(ContactField.ACCOUNT_TYPE, "HOTEL"), between(ContactField.POSTAL_CODE, null, "33999")));
        assertEquals("{\"match\":\"ALL\",\"criteria\":[{\"field\":\"ACCOUNT_TYPE\",\"op\":\"IN\",\"values\":[\"HOTEL\"]},"
                + "{\"field\":\"POSTAL_CODE\",\"op\":\"RANGE\",\"from\":null,\"to\":\"33999\"}],\"v\":1}", json);
    }

    @Test
    void choicesAreNormalisedAndChecked() {
        assertEquals(List.of("HOTEL"), in(ContactField.ACCOUNT_TYPE, " hotel ").values());
        assertThrows(InvalidQueryException.class, () -> in(ContactField.ACCOUNT_TYPE, "CASINO"));
    }

    @Test
    void operatorsMustSuitTheField() {
        assertThrows(InvalidQueryException.class, () -> contains(ContactField.ACCOUNT_TYPE, "HOT"));
        assertThrows(InvalidQueryException.class, () -> between(ContactField.TAG, "a", "b"));
        assertThrows(InvalidQueryException.class, () -> contains(ContactField.CREATED_DATE, "2024"));
        assertThrows(InvalidQueryException.class, () -> equalTo(ContactField.CREATED_DATE, "yesterday"));
        assertThrows(InvalidQueryException.class, () -> between(ContactField.CITY, null, null));
        assertThrows(InvalidQueryException.class, () -> equalTo(ContactField.CITY, ""));
        assertThrows(InvalidQueryException.class, () -> in(ContactField.CITY));
        // Whatever kind of list the values come in (List.of refuses even to look for a null).
        assertThrows(InvalidQueryException.class, () -> new Criterion(ContactField.CITY, Operator.IN, Arrays.asList("a", null)));
        assertEquals(List.of("a", "b"), new Criterion(ContactField.CITY, Operator.IN, List.of("a", "b")).values());
        assertThrows(InvalidQueryException.class, () -> equalTo(ContactField.CITY, "x".repeat(256)));
    }

    @Test
    void groupsAreNonEmptyAndBoundedInDepth() {
        assertThrows(InvalidQueryException.class, () -> new CriteriaGroup(Match.ALL, List.of()));
        QueryNode node = equalTo(ContactField.CITY, "Miami");
        for (int depth = 1; depth < CriteriaGroup.MAX_DEPTH; depth++) {
            node = all(node);
        }
        QueryNode deepest = node;
        assertEquals(CriteriaGroup.MAX_DEPTH, deepest.depth());
        assertThrows(InvalidQueryException.class, () -> all(deepest));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[]", "{\"match\":\"ALL\",\"criteria\":[]}",
            "{\"v\":2,\"match\":\"ALL\",\"criteria\":[{\"field\":\"CITY\",\"op\":\"EQUALS\",\"value\":\"x\"}]}",
            "{\"v\":1,\"match\":\"ALL\",\"criteria\":[{\"field\":\"SALARY\",\"op\":\"EQUALS\",\"value\":\"x\"}]}",
            "{\"v\":1,\"match\":\"ALL\",\"criteria\":[{\"field\":\"CITY\",\"op\":\"LIKE\",\"value\":\"x\"}]}",
            "{\"v\":1,\"match\":\"SOME\",\"criteria\":[{\"field\":\"CITY\",\"op\":\"EQUALS\",\"value\":\"x\"}]}",
            "{\"v\":1,\"match\":\"ALL\",\"criteria\":[{\"field\":\"CITY\",\"op\":\"EQUALS\",\"value\":1}]}",
            "{\"v\":1,\"match\":\"ALL\",\"criteria\":[{\"field\":\"CITY\",\"op\":\"IN\",\"values\":\"x\"}]}",
            "{\"v\":1,\"match\":\"ALL\",\"criteria\":[{\"field\":\"CITY\",\"op\":\"EQUALS\",\"value\":null}]}"})
    void rejectsAnythingElseAsInvalidQuery(String json) {
        assertThrows(InvalidQueryException.class, () -> QueryJson.read(json));
    }
}
