package com.idss.informzsync.application.inbox;

import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.crm.NotFoundException;
import com.idss.informzsync.application.inbox.InboxCommand.ChangeListMembership;
import com.idss.informzsync.application.inbox.InboxCommand.MailingSent;
import com.idss.informzsync.application.inbox.InboxCommand.ResyncContact;
import com.idss.informzsync.application.inbox.InboxCommand.SetContactActive;
import com.idss.informzsync.application.inbox.InboxCommand.SyncListNow;
import com.idss.informzsync.application.inbox.InboxCommand.UpsertContact;
import com.idss.informzsync.application.sync.SyncCommands;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.DistributionList;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies one valid command in a transaction of its own, through the console's use cases, and
 * records it as processed in that same transaction. Its own transaction because the use cases
 * refuse input by throwing exceptions that roll back: the inbox's transaction (the one that
 * acknowledges the message) must survive a refusal to record it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InboxApplier {

    private static final Logger LOG = Logger.getLogger(InboxApplier.class.getName());

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    ContactService contacts;

    @Inject
    DistributionListService lists;

    @Inject
    SyncCommands syncCommands;

    /**
     * @return applied, or duplicate when this sender's messageId was applied before
     * @throws com.idss.informzsync.application.crm.InvalidInputException the CRM refuses the values
     * @throws NotFoundException a contact, key, list or account named does not exist
     */
    public InboxOutcome apply(InboxCommand command) {
        Envelope envelope = command.envelope();
        ProcessedMessage earlier = em.find(ProcessedMessage.class,
                new ProcessedMessage.Key(envelope.sender(), envelope.messageId()));
        if (earlier != null) {
            return InboxOutcome.duplicate(envelope, earlier);
        }
        Integer contactId = null;
        Long listId = null;
        if (command instanceof UpsertContact upsert) {
            contactId = upsert(upsert);
        } else if (command instanceof SetContactActive change) {
            contactId = resolve(envelope, change.contact());
            if (change.active()) {
                contacts.reactivate(contactId);
            } else {
                contacts.deactivate(contactId);
            }
        } else if (command instanceof ResyncContact resync) {
            contactId = resolve(envelope, resync.contact());
            syncCommands.resyncContact(contactId);
        } else if (command instanceof ChangeListMembership change) {
            contactId = resolve(envelope, change.contact());
            listId = change.listId();
            if (change.add()) {
                lists.addMembers(listId, List.of(contactId));
            } else {
                lists.removeMembers(listId, List.of(contactId));
            }
        } else if (command instanceof SyncListNow syncNow) {
            listId = requireList(syncNow.listId());
            syncCommands.syncListNow(listId);
        } else if (command instanceof MailingSent mailing) {
            listId = requireList(mailing.listId());
            LOG.info(() -> "Mailing " + (mailing.mailingName() == null ? "" : "'" + mailing.mailingName() + "' ")
                    + "sent or scheduled" + (mailing.scheduledAt() == null ? "" : " for " + mailing.scheduledAt())
                    + " to list " + mailing.listId() + " (from " + envelope.sender() + "): reconciling the list");
            syncCommands.mailingSent(listId);
        } else {
            throw new IllegalArgumentException("no handling for " + command);
        }
        em.persist(new ProcessedMessage(envelope, contactId, listId));
        // Now, not at commit: a concurrent copy of this message fails here, before anything else.
        em.flush();
        return InboxOutcome.applied(envelope, contactId, listId);
    }

    private int upsert(UpsertContact upsert) {
        ContactRef ref = upsert.contact();
        if (ref.isById()) {
            contacts.update(ref.contactId(), upsert.draft());
            return ref.contactId();
        }
        String sender = upsert.envelope().sender();
        ExternalKey mapping = em.find(ExternalKey.class, new ExternalKey.Key(sender, ref.externalKey()));
        if (mapping != null) {
            contacts.update(mapping.getContactId(), upsert.draft());
            return mapping.getContactId();
        }
        int created = contacts.create(upsert.draft());
        // The key row refers to the contact by a plain column, so EclipseLink does not know to insert the contact first.
        em.flush();
        em.persist(new ExternalKey(sender, ref.externalKey(), created));
        return created;
    }

    private int resolve(Envelope envelope, ContactRef ref) {
        if (ref.isById()) {
            if (em.find(Contact.class, ref.contactId()) == null) {
                throw new NotFoundException("Contact", ref.contactId());
            }
            return ref.contactId();
        }
        ExternalKey mapping = em.find(ExternalKey.class, new ExternalKey.Key(envelope.sender(), ref.externalKey()));
        if (mapping == null) {
            throw new NotFoundException("Contact with " + envelope.sender() + " external key", "'" + ref.externalKey() + "'");
        }
        return mapping.getContactId();
    }

    private long requireList(long listId) {
        if (em.find(DistributionList.class, listId) == null) {
            throw new NotFoundException("Distribution list", listId);
        }
        return listId;
    }

}
