package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.Operator;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One field/operator/value row of the query form. IN takes comma-separated values; RANGE uses
 * "value" as from and "to" as to, either may be left empty.
 */
public class CriterionForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private ContactField field = ContactField.LAST_NAME;
    private Operator operator = Operator.EQUALS;
    private String value;
    private String to;

    static CriterionForm of(Criterion criterion) {
        CriterionForm form = new CriterionForm();
        form.field = criterion.field();
        form.operator = criterion.operator();
        switch (criterion.operator()) {
            case EQUALS, CONTAINS -> form.value = criterion.value();
            case IN -> form.value = String.join(", ", criterion.values());
            case RANGE -> {
                form.value = criterion.from();
                form.to = criterion.to();
            }
        }
        return form;
    }

    /** @throws com.idss.informzsync.domain.list.query.InvalidQueryException with the reason, in words */
    Criterion toCriterion() {
        List<String> values = switch (operator) {
            case EQUALS, CONTAINS -> java.util.Collections.singletonList(blankToNull(value));
            case IN -> value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip)
                    .filter(v -> !v.isEmpty()).toList();
            case RANGE -> Arrays.asList(blankToNull(value), blankToNull(to));
        };
        return new Criterion(field, operator, values);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public ContactField getField() {
        return field;
    }

    public void setField(ContactField field) {
        this.field = field;
    }

    public Operator getOperator() {
        return operator;
    }

    public void setOperator(Operator operator) {
        this.operator = operator;
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
}
