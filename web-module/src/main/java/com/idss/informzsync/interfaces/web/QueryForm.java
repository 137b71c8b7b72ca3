package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import java.io.Serializable;
import java.util.List;
import java.util.function.Predicate;

/**
 * A saved query as the form edits it: a name and one group, in which rows and groups nest (the
 * stored {@link CriteriaGroup}).
 */
public class QueryForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private String name;
    private GroupForm group = GroupForm.withOneRow();

    static QueryForm empty() {
        return new QueryForm();
    }

    static QueryForm of(Long id, String name, CriteriaGroup criteria) {
        QueryForm form = new QueryForm();
        form.id = id;
        form.name = name;
        form.group = GroupForm.of(criteria);
        return form;
    }

    /** @param hasValueList which fields the form answers "is one of" for with a value list */
    CriteriaGroup toCriteria(Predicate<ContactField> hasValueList) {
        return group.toCriteria(hasValueList);
    }

    /** Whether every row says enough to be counted. */
    boolean isComplete(Predicate<ContactField> hasValueList) {
        return group.isComplete(hasValueList);
    }

    /** Top to bottom: the query's group heading, its rows and groups, their "add" buttons. */
    public List<GroupForm.Line> getLines() {
        return group.lines(0, null);
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
}
