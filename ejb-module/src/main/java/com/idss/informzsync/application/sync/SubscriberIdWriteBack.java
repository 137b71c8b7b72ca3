package com.idss.informzsync.application.sync;

import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Writes Informz subscriber ids onto contacts with bulk updates. Bulk updates bypass the entity
 * lifecycle on purpose: recording what Informz said is not a CRM change and must not trigger a sync.
 */
final class SubscriberIdWriteBack {

    private SubscriberIdWriteBack() {
    }

    static int write(EntityManager em, Map<Integer, Long> subscriberIdByContact) {
        int written = 0;
        for (Map.Entry<Integer, Long> entry : subscriberIdByContact.entrySet()) {
            written += em.createQuery("update Contact c set c.informzSubscriberId = :subscriberId where c.id = :id")
                    .setParameter("subscriberId", entry.getValue())
                    .setParameter("id", entry.getKey())
                    .executeUpdate();
        }
        return written;
    }
}
