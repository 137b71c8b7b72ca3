package com.idss.informzsync.domain.sync;

import java.util.List;

/**
 * Stores brand-new sync states in bulk. A first sync of a large list creates one state per contact;
 * going through the persistence context for each cost more than the Informz calls themselves.
 */
public interface SyncStateInserts {

    /** Inserts the states (never persisted before) in the caller's transaction. */
    void insert(List<ContactListSyncState> newStates);
}
