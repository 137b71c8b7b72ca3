package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.Criterion;
import com.idss.informzsync.domain.list.query.Match;
import com.idss.informzsync.domain.list.query.QueryNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A group of the query form: rows and groups, joined by "all of these" or "any of these". Groups
 * nest as deep as a stored query may ({@link CriteriaGroup#MAX_DEPTH}).
 */
public class GroupForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One line of the form, top to bottom: a group's heading, a row, or a group's "add" buttons. */
    public record Line(int depth, GroupForm group, CriterionForm row, GroupForm parent, boolean footer)
            implements Serializable {

        public boolean isHeading() {
            return row == null && !footer;
        }

        public boolean isRow() {
            return row != null;
        }

        public boolean isFooter() {
            return footer;
        }

        /** The outermost group is the query itself: it cannot be removed on its own. */
        public boolean isNested() {
            return parent != null;
        }
    }

    private Match match = Match.ALL;
    /** {@link CriterionForm}s and {@link GroupForm}s, in order. */
    private final List<Serializable> children = new ArrayList<>();

    static GroupForm withOneRow() {
        GroupForm group = new GroupForm();
        group.children.add(new CriterionForm());
        return group;
    }

    static GroupForm of(CriteriaGroup criteria) {
        GroupForm group = new GroupForm();
        group.match = criteria.match();
        for (QueryNode child : criteria.children()) {
            group.children.add(child instanceof CriteriaGroup nested ? of(nested) : CriterionForm.of((Criterion) child));
        }
        return group;
    }

    /** @param hasValueList which fields answer "is one of" with a value list */
    CriteriaGroup toCriteria(Predicate<ContactField> hasValueList) {
        List<QueryNode> nodes = new ArrayList<>();
        for (Serializable child : children) {
            nodes.add(child instanceof GroupForm group ? group.toCriteria(hasValueList)
                    : ((CriterionForm) child).toCriterion(hasValueList.test(((CriterionForm) child).getField())));
        }
        return new CriteriaGroup(match, nodes);
    }

    /** Whether every row of this group and of the groups in it says enough to be counted. */
    boolean isComplete(Predicate<ContactField> hasValueList) {
        return !children.isEmpty() && children.stream().allMatch(child -> child instanceof GroupForm group
                ? group.isComplete(hasValueList)
                : ((CriterionForm) child).isComplete(hasValueList.test(((CriterionForm) child).getField())));
    }

    /** The form's lines, this group and everything in it, for one flat table. */
    List<Line> lines(int depth, GroupForm parent) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(depth, this, null, parent, false));
        for (Serializable child : children) {
            if (child instanceof GroupForm group) {
                lines.addAll(group.lines(depth + 1, this));
            } else {
                lines.add(new Line(depth + 1, this, (CriterionForm) child, parent, false));
            }
        }
        lines.add(new Line(depth, this, null, parent, true));
        return lines;
    }

    public void addRow() {
        children.add(new CriterionForm());
    }

    public void addGroup() {
        children.add(withOneRow());
    }

    public void remove(Serializable child) {
        children.remove(child);
    }

    /** Whether a group may go inside this one at the given depth (1 for the query's own group). */
    public boolean mayNestAt(int depth) {
        return depth + 1 < CriteriaGroup.MAX_DEPTH;
    }

    public Match getMatch() {
        return match;
    }

    public void setMatch(Match match) {
        this.match = match;
    }
}
