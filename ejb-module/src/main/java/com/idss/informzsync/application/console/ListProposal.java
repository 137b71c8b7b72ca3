package com.idss.informzsync.application.console;

import com.idss.informzsync.application.crm.ListDraft;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import java.util.List;
import java.util.Set;

/**
 * A list as the editor holds it before Save: its details, the hand-picked contacts to add and
 * remove, the saved queries to keep (new ones without id) and the ones to drop.
 */
public record ListProposal(ListDraft details, Set<Integer> addMembers, Set<Integer> removeMembers,
        List<Query> queries, Set<Long> removedQueryIds) {

    public ListProposal {
        addMembers = Set.copyOf(addMembers);
        removeMembers = Set.copyOf(removeMembers);
        queries = List.copyOf(queries);
        removedQueryIds = Set.copyOf(removedQueryIds);
    }

    public record Query(Long id, String name, CriteriaGroup criteria) {
    }
}
