package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.list.query.CriteriaGroup;
import java.util.List;

/** A list with its saved queries, for the editor. */
public record ListDetail(long id, String name, String description, String informzInterestName, boolean syncToInformz,
        boolean active, List<SavedQueryView> queries) {

    public ListDetail {
        queries = List.copyOf(queries);
    }

    public record SavedQueryView(long id, String name, CriteriaGroup criteria) {
    }
}
