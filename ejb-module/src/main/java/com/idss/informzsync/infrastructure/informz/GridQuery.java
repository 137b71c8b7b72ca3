package com.idss.informzsync.infrastructure.informz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable GridRequest description. Build with {@code GridQuery.of("subscriber").where(...).returning(...)}.
 * The client sends the lower-case data-element names of the vendor tables.
 */
public final class GridQuery {

    /** Keys that never change for a row, used to page without skipping or repeating rows. */
    private static final Map<String, String> STABLE_KEYS = Map.of(
            "subscriber", "subscriber_id",
            "subscriber_interests", "subscriber_to_interest_id",
            "interest_target_group", "target_group_id",
            "target_group_counts", "id",
            "upload_history", "upload_id");

    private final String gridType;
    private final List<GridCondition> conditions;
    private final List<String> returnFields;
    private final String sortField;
    private final boolean descending;

    private GridQuery(String gridType, List<GridCondition> conditions, List<String> returnFields, String sortField,
            boolean descending) {
        this.gridType = Objects.requireNonNull(gridType);
        this.conditions = List.copyOf(conditions);
        this.returnFields = List.copyOf(returnFields);
        this.sortField = sortField;
        this.descending = descending;
    }

    public static GridQuery of(String gridType) {
        return new GridQuery(gridType, List.of(), List.of(), null, false);
    }

    public GridQuery where(GridCondition condition) {
        List<GridCondition> more = new ArrayList<>(conditions);
        more.add(condition);
        return new GridQuery(gridType, more, returnFields, sortField, descending);
    }

    public GridQuery returning(String... fields) {
        return new GridQuery(gridType, conditions, Arrays.asList(fields), sortField, descending);
    }

    public GridQuery sortedBy(String field, boolean descendingOrder) {
        return new GridQuery(gridType, conditions, returnFields, field, descendingOrder);
    }

    public String gridType() {
        return gridType;
    }

    public List<GridCondition> conditions() {
        return conditions;
    }

    public List<String> returnFields() {
        return returnFields;
    }

    public String sortField() {
        return sortField;
    }

    public boolean descending() {
        return descending;
    }

    String stableKey() {
        if (sortField != null) {
            return sortField;
        }
        String key = STABLE_KEYS.get(gridType);
        if (key == null) {
            throw new IllegalArgumentException("no stable sort key known for grid " + gridType + "; use sortedBy");
        }
        return key;
    }

    @Override
    public String toString() {
        return "GridQuery[" + gridType + ", " + conditions + ", return " + returnFields + ", sort " + sortField + "]";
    }
}
