package com.idss.informzsync.application.console;

/** A distribution list in the lists table, with its sync counts from the sync-state table. */
public record ListRow(long id, String name, String description, String informzInterestName, boolean syncToInformz,
        boolean active, long synced, long problems) {
}
