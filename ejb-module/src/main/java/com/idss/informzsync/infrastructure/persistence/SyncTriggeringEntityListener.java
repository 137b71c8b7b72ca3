package com.idss.informzsync.infrastructure.persistence;

import com.idss.informzsync.application.sync.AggregateChanged;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.domain.account.Account;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.SavedQuery;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Raises {@link AggregateChanged} for every insert, update and delete of a synced entity. The
 * callbacks run at flush or commit, still inside the transaction, so observers can join it.
 */
public class SyncTriggeringEntityListener {

    @Inject
    Event<AggregateChanged> aggregateChanged;

    @PostPersist
    @PostUpdate
    @PostRemove
    void entityWritten(Object entity) {
        if (entity instanceof Contact contact) {
            aggregateChanged.fire(new AggregateChanged(AggregateKind.CONTACT, contact.getId()));
        } else if (entity instanceof Account account) {
            aggregateChanged.fire(new AggregateChanged(AggregateKind.ACCOUNT, account.getId()));
        } else if (entity instanceof DistributionList list) {
            aggregateChanged.fire(new AggregateChanged(AggregateKind.LIST, list.getId()));
        } else if (entity instanceof SavedQuery query) {
            // A saved query is part of its list: changing it changes who is on the list.
            aggregateChanged.fire(new AggregateChanged(AggregateKind.LIST, query.getList().getId()));
        }
    }
}
