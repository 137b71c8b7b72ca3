package com.idss.informzsync.application.console;

import com.idss.informzsync.domain.sync.SyncState;

/** A member of a list with its sync state for that list ({@code null}: not attempted yet). */
public record MemberRow(int id, String firstName, String lastName, String email, String accountName,
        SyncState state, String message, boolean explicit, boolean duplicate) {

    public String displayName() {
        return Names.display(firstName, lastName);
    }

    public boolean syncError() {
        return state == SyncState.ERROR;
    }
}
