package com.idss.informzsync.domain.list.query;

/** How a group combines its children. */
public enum Match {
    /** AND */
    ALL,
    /** OR */
    ANY
}
