package com.idss.informzsync.domain.sync;

import java.util.Map;

/**
 * Writes Informz subscriber ids onto contacts in bulk, bypassing the entity lifecycle on purpose:
 * recording what Informz said is not a CRM change to sync.
 */
public interface SubscriberIdWrites {

    /** In the caller's transaction; a contact that already carries its id is left as it is. @return rows changed */
    int write(Map<Integer, Long> subscriberIdByContact);
}
