package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.Operator;
import com.idss.informzsync.domain.list.query.ValueKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One "field, how it compares, value" row of the query form. "Is one of" takes the values picked from
 * a value list, or comma-separated text where the field has none; "is between" uses "value" as from
 * and "to" as to, either may be left empty.
 */
public class CriterionForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private ContactField field = ContactField.LAST_NAME;
    private Operator operator = Operator.EQUALS;
    private String value;
    private String to;
    /** "Is one of" on a field with a value list: the values picked. */
    private List<String> values = new ArrayList<>();

    static CriterionForm of(Criterion criterion) {
        CriterionForm form = new CriterionForm();
        form.field = criterion.field();
        form.operator = criterion.operator();
        switch (criterion.operator()) {
            case EQUALS, CONTAINS -> form.value = criterion.value();
            case IN -> {
                form.value = String.join(", ", criterion.values());
                form.values = new ArrayList<>(criterion.values());
            }
            case RANGE -> {
                form.value = criterion.from();
                form.to = criterion.to();
            }
        }
        return form;
    }

    /**
     * @param pickedFromList whether "is one of" was answered with the value list rather than text
     * @throws com.idss.informzsync.domain.list.query.InvalidQueryException with the reason
     */
    Criterion toCriterion(boolean pickedFromList) {
        List<String> criterionValues = switch (operator) {
            case EQUALS, CONTAINS -> Collections.singletonList(blankToNull(value));
            case IN -> pickedFromList ? new ArrayList<>(values) : value == null ? List.of()
                    : Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
            case RANGE -> Arrays.asList(blankToNull(value), blankToNull(to));
        };
        return new Criterion(field, operator, criterionValues);
    }

    /** Whether the row says enough to be counted: a value, or at least one end of a range. */
    boolean isComplete(boolean pickedFromList) {
        return switch (operator) {
            case EQUALS, CONTAINS -> blankToNull(value) != null;
            case IN -> pickedFromList ? !values.isEmpty() : blankToNull(value) != null;
            case RANGE -> blankToNull(value) != null || blankToNull(to) != null;
        };
    }

    public boolean isDate() {
        return field.kind() == ValueKind.DATE;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public ContactField getField() {
        return field;
    }

    /** A field that does not allow the chosen comparison falls back to "is", which every field allows. */
    public void setField(ContactField field) {
        if (field != this.field) {
            values = new ArrayList<>();
        }
        this.field = field;
        if (!field.kind().allows(operator)) {
            operator = Operator.EQUALS;
        }
    }

    public Operator getOperator() {
        return operator;
    }

    /** The comparison submitted with a field just changed may not suit it: the field's fallback stays. */
    public void setOperator(Operator operator) {
        if (field.kind().allows(operator)) {
            this.operator = operator;
        }
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public List<String> getValues() {
        return values;
    }

    public void setValues(List<String> values) {
        this.values = values == null ? new ArrayList<>() : new ArrayList<>(values);
    }
}
