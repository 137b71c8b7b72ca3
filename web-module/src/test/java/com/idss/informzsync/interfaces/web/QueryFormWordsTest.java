package com.idss.informzsync.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.Operator;
import jakarta.faces.model.SelectItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryFormWordsTest {

    @Test
    void everyFieldHasALabelInWordsAndEveryOperatorAPhrase() {
        for (ContactField field : ContactField.values()) {
            String label = QueryWords.label(field);
            assertTrue(label != null && !label.contains("_") && !label.equals(label.toUpperCase()), field + ": " + label);
        }
        assertEquals(List.of("is", "contains", "is one of", "is between"), labels(QueryWords.operators(ContactField.LAST_NAME)));
        assertEquals(List.of("is on", "is between"), labels(QueryWords.operators(ContactField.CREATED_DATE)));
        assertEquals(List.of("is", "is one of"), labels(QueryWords.operators(ContactField.ACCOUNT_TYPE)));
        assertEquals("Meeting planner", QueryWords.choice("MEETING_PLANNER"));
    }

    @Test
    void aFieldThatCannotUseTheChosenComparisonFallsBackToIs() {
        CriterionForm row = new CriterionForm();
        row.setOperator(Operator.CONTAINS);
        row.setField(ContactField.CREATED_DATE);
        assertEquals(Operator.EQUALS, row.getOperator());
        row.setOperator(Operator.CONTAINS); // submitted with the old field's choices: ignored
        assertEquals(Operator.EQUALS, row.getOperator());
        assertTrue(row.isDate());
    }

    @Test
    void isOneOfTakesThePickedValuesOrCommaSeparatedText() {
        CriterionForm picked = new CriterionForm();
        picked.setField(ContactField.ACCOUNT_TYPE);
        picked.setOperator(Operator.IN);
        assertFalse(picked.isComplete(true), "nothing picked yet");
        picked.setValues(List.of("HOTEL", "VENUE"));
        assertEquals(Criterion.in(ContactField.ACCOUNT_TYPE, "HOTEL", "VENUE"), picked.toCriterion(true));

        CriterionForm typed = new CriterionForm();
        typed.setField(ContactField.CITY);
        typed.setOperator(Operator.IN);
        typed.setValue(" Orlando, Tampa ,");
        assertEquals(Criterion.in(ContactField.CITY, "Orlando", "Tampa"), typed.toCriterion(false));
    }

    @Test
    void aRangeNeedsOneEnd() {
        CriterionForm range = new CriterionForm();
        range.setField(ContactField.CREATED_DATE);
        range.setOperator(Operator.RANGE);
        assertFalse(range.isComplete(false));
        range.setTo("2026-12-31");
        assertTrue(range.isComplete(false));
        assertEquals(Criterion.between(ContactField.CREATED_DATE, null, "2026-12-31"), range.toCriterion(false));
    }

    private static List<String> labels(List<SelectItem> items) {
        return items.stream().map(SelectItem::getLabel).toList();
    }
}
