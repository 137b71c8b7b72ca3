package com.idss.informzsync.application.console;

import java.time.OffsetDateTime;

/** One event in a contact's sync story: a state it reached on a list, or an Informz call about it. */
public record TimelineEntry(OffsetDateTime at, String kind, String listName, String what, String outcome,
        Long callId, boolean problem) {
}
