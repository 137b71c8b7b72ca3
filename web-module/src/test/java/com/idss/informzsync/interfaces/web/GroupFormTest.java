package com.idss.informzsync.interfaces.web;

import static com.idss.informzsync.domain.list.query.CriteriaGroup.all;
import static com.idss.informzsync.domain.list.query.CriteriaGroup.any;
import static com.idss.informzsync.domain.list.query.Criterion.equalTo;
import static com.idss.informzsync.domain.list.query.Criterion.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.Match;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupFormTest {

    private static final CriteriaGroup NESTED = all(equalTo(ContactField.CITY, "Orlando"),
            any(in(ContactField.ACCOUNT_TYPE, "HOTEL", "VENUE"), equalTo(ContactField.TAG, "vip")));

    @Test
    void aStoredQueryWithGroupsComesBackUnchangedFromTheForm() {
        GroupForm form = GroupForm.of(NESTED);
        assertEquals(NESTED, form.toCriteria(field -> field == ContactField.ACCOUNT_TYPE));
    }

    @Test
    void theFormReadsTopToBottomWithEachGroupBetweenItsHeadingAndItsButtons() {
        List<GroupForm.Line> lines = GroupForm.of(NESTED).lines(0, null);
        assertEquals(List.of("heading 0", "row 1", "heading 1", "row 2", "row 2", "footer 1", "footer 0"),
                lines.stream().map(l -> (l.isHeading() ? "heading " : l.isRow() ? "row " : "footer ") + l.depth()).toList());
        assertFalse(lines.get(0).isNested(), "the query's own group");
        assertTrue(lines.get(2).isNested());
        assertEquals(Match.ANY, lines.get(2).group().getMatch());
    }

    @Test
    void anAddedGroupStartsWithOneEmptyRowAndRemovingItTakesItsRows() {
        GroupForm form = GroupForm.of(all(equalTo(ContactField.CITY, "Orlando")));
        form.addGroup();
        assertFalse(form.isComplete(field -> false), "the new group's row is empty");
        GroupForm.Line heading = form.lines(0, null).stream().filter(l -> l.isHeading() && l.isNested()).findFirst().orElseThrow();
        form.remove(heading.group());
        assertTrue(form.isComplete(field -> false));
        assertEquals(all(equalTo(ContactField.CITY, "Orlando")), form.toCriteria(field -> false));
    }

    @Test
    void groupsNestNoDeeperThanAStoredQueryMay() {
        GroupForm form = new GroupForm();
        assertTrue(form.mayNestAt(1));
        assertTrue(form.mayNestAt(CriteriaGroup.MAX_DEPTH - 2));
        assertFalse(form.mayNestAt(CriteriaGroup.MAX_DEPTH - 1));
    }
}
