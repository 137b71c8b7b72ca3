package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Contacts saved after their last successful push: an edit, an email change or a deactivation whose
 * sync message never ran to the end (lost in a crash, or dead-lettered after failing every delivery).
 * Asking them to sync again costs one sync each; one whose message was not lost just syncs twice.
 * "After" is by the contact's version, which every save moves on in the save's own commit, not by
 * clocks: a sync that read the contact just before an edit committed books its state later than the
 * edit's time stamp, yet pushed the older data.
 */
@ApplicationScoped
public class UnpushedEdits {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    Event<AggregateChanged> changes;

    /** @return how many contacts were asked to sync */
    public int requestSync(SyncTrigger trigger) {
        var contacts = em.createQuery("select distinct s.contactId from ContactListSyncState s, Contact c "
                        + "where c.id = s.contactId and s.state = :synced "
                        + "and (s.pushedContactVersion is null or s.pushedContactVersion < c.version)", Integer.class)
                .setParameter("synced", SyncState.SYNCED)
                .getResultList();
        contacts.forEach(id -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, id, trigger)));
        return contacts.size();
    }
}
