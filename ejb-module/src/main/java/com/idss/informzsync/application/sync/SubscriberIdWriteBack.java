package com.idss.informzsync.application.sync;

import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Writes Informz subscriber ids onto contacts in the caller's transaction. Plain SQL on purpose:
 * recording what Informz said is not a CRM change, so it must neither trigger a sync (entity
 * lifecycle) nor bump the contact's version (EclipseLink's JPQL bulk UPDATE does), which would make
 * a user's save of the same contact fail with a conflict.
 */
final class SubscriberIdWriteBack {

    private SubscriberIdWriteBack() {
    }

    static int write(EntityManager em, Map<Integer, Long> subscriberIdByContact) {
        int written = 0;
        for (Map.Entry<Integer, Long> entry : subscriberIdByContact.entrySet()) {
            written += em.createNativeQuery("UPDATE contact SET informz_subscriber_id = ? WHERE id = ?")
                    .setParameter(1, entry.getValue())
                    .setParameter(2, entry.getKey())
                    .executeUpdate();
        }
        return written;
    }
}
