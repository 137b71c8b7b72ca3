package com.idss.informzsync.domain.list.query;

/** A node of a saved query: a single criterion or a group of nodes. */
public sealed interface QueryNode permits Criterion, CriteriaGroup {

    /** How deep the tree under (and including) this node is. */
    int depth();
}
