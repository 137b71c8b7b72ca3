package com.idss.informzsync.application.console;

/** A contact in a search result, with the sync problems worth seeing at a glance. */
public record ContactRow(int id, String firstName, String lastName, String email, String accountName, boolean active,
        Long informzCode, boolean syncError, boolean retrying, boolean duplicate) {

    public String displayName() {
        return Names.display(firstName, lastName);
    }
}
