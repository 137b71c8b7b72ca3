package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.Match;
import com.idss.informzsync.domain.list.query.QueryJson;
import com.idss.informzsync.domain.list.query.QueryNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A saved query as the form edits it: one group of rows joined by AND (ALL) or OR (ANY). A
 * stored query with nested groups is shown as read-only JSON: it can be kept or removed, not
 * edited here.
 */
public class QueryForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private String name;
    private Match match = Match.ALL;
    private final List<CriterionForm> rows = new ArrayList<>();
    private CriteriaGroup nested;

    static QueryForm empty() {
        QueryForm form = new QueryForm();
        form.rows.add(new CriterionForm());
        return form;
    }

    static QueryForm of(Long id, String name, CriteriaGroup criteria) {
        QueryForm form = new QueryForm();
        form.id = id;
        form.name = name;
        form.match = criteria.match();
        if (criteria.children().stream().allMatch(Criterion.class::isInstance)) {
            criteria.children().forEach(c -> form.rows.add(CriterionForm.of((Criterion) c)));
        } else {
            form.nested = criteria;
        }
        return form;
    }

    /** @param hasValueList which fields the form answers "is one of" for with a value list */
    CriteriaGroup toCriteria(Predicate<ContactField> hasValueList) {
        if (nested != null) {
            return nested;
        }
        List<QueryNode> children = new ArrayList<>();
        rows.forEach(row -> children.add(row.toCriterion(hasValueList.test(row.getField()))));
        return new CriteriaGroup(match, children);
    }

    /** Whether every row says enough to be counted. */
    boolean isComplete(Predicate<ContactField> hasValueList) {
        return nested != null || (!rows.isEmpty() && rows.stream().allMatch(row -> row.isComplete(hasValueList.test(row.getField()))));
    }

    public void addRow() {
        rows.add(new CriterionForm());
    }

    public void removeRow(CriterionForm row) {
        rows.remove(row);
    }

    public boolean isEditable() {
        return nested == null;
    }

    public String getNestedJson() {
        return nested == null ? null : QueryJson.write(nested);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Match getMatch() {
        return match;
    }

    public void setMatch(Match match) {
        this.match = match;
    }

    public List<CriterionForm> getRows() {
        return rows;
    }
}
