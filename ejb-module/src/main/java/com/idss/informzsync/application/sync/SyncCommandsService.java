package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.SyncState;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Manual sync actions: each puts a sync message on the queue in this transaction. */
@Stateless
public class SyncCommandsService implements SyncCommands {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    Event<AggregateChanged> changes;

    @Override
    public void resyncContact(int contactId) {
        changes.fire(new AggregateChanged(AggregateKind.CONTACT, contactId, SyncTrigger.MANUAL));
    }

    @Override
    public void syncListNow(long listId) {
        changes.fire(new AggregateChanged(AggregateKind.LIST, listId, SyncTrigger.MANUAL));
    }

    @Override
    public void checkListNow(long listId) {
        changes.fire(new AggregateChanged(AggregateKind.LIST, listId, SyncTrigger.NIGHTLY));
    }

    @Override
    public void resyncErrorsOfList(long listId) {
        contactsInError(listId).forEach(this::resyncContact);
    }

    @Override
    public int resyncAllErrors() {
        List<Integer> contacts = contactsInError(null);
        contacts.forEach(this::resyncContact);
        return contacts.size();
    }

    @Override
    public void mailingSent(long listId) {
        changes.fire(new AggregateChanged(AggregateKind.LIST, listId, SyncTrigger.MAILING_SENT));
    }

    private List<Integer> contactsInError(Long listId) {
        var query = em.createQuery("select distinct s.contactId from ContactListSyncState s where s.state = :error"
                        + (listId == null ? "" : " and s.listId = :listId"), Integer.class)
                .setParameter("error", SyncState.ERROR);
        if (listId != null) {
            query.setParameter("listId", listId);
        }
        return query.getResultList();
    }
}
