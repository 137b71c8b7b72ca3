package com.idss.informzsync.domain.list.query;

import java.util.Arrays;
import java.util.List;

/** AND or OR over its children; groups nest. */
public record CriteriaGroup(Match match, List<QueryNode> children) implements QueryNode {

    /** Bounds the SQL a stored query can turn into. */
    public static final int MAX_DEPTH = 8;
    public static final int MAX_CHILDREN = 100;

    public CriteriaGroup {
        if (match == null) {
            throw new InvalidQueryException("a group needs a match (ALL or ANY)");
        }
        children = List.copyOf(children);
        // An empty ALL would match every contact: far more likely a mistake than intent.
        if (children.isEmpty()) {
            throw new InvalidQueryException("a group needs at least one criterion");
        }
        if (children.size() > MAX_CHILDREN) {
            throw new InvalidQueryException("a group may hold at most " + MAX_CHILDREN + " criteria");
        }
        if (children.stream().mapToInt(QueryNode::depth).max().orElse(0) + 1 > MAX_DEPTH) {
            throw new InvalidQueryException("groups may nest at most " + MAX_DEPTH + " deep");
        }
    }

    public static CriteriaGroup all(QueryNode... children) {
        return new CriteriaGroup(Match.ALL, Arrays.asList(children));
    }

    public static CriteriaGroup any(QueryNode... children) {
        return new CriteriaGroup(Match.ANY, Arrays.asList(children));
    }

    @Override
    public int depth() {
        return 1 + children.stream().mapToInt(QueryNode::depth).max().orElse(0);
    }
}
