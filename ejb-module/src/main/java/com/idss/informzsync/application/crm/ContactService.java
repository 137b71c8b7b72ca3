package com.idss.informzsync.application.crm;

import com.idss.informzsync.domain.account.Account;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.DistributionList;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Creating and editing contacts, and the contact's Distribution Lists tab. */
@Stateless
public class ContactService {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    Validator validator;

    public int create(ContactDraft draft) {
        Contact contact = new Contact(draft.email());
        apply(draft, contact);
        em.persist(InputValidation.requireValid(validator, contact));
        return contact.getId();
    }

    public void update(int contactId, ContactDraft draft) {
        Contact contact = find(contactId);
        apply(draft, contact);
        InputValidation.requireValid(validator, contact);
    }

    /** Informz takes a deactivated contact off every synced interest (opt-out, never a global unsubscribe). */
    public void deactivate(int contactId) {
        find(contactId).deactivate();
    }

    public void reactivate(int contactId) {
        find(contactId).activate();
    }

    /**
     * Saves the contact's Distribution Lists tab: the lists it is hand-picked on become exactly
     * {@code listIds}. Saving always counts as a change of the contact, so unchecking a list,
     * saving, rechecking and saving forces a resync, as iDSS users expect.
     */
    public void setDistributionLists(int contactId, Set<Long> listIds) {
        Contact contact = find(contactId);
        Set<Long> wanted = new HashSet<>(listIds);
        for (DistributionList list : explicitListsOf(contactId)) {
            if (!wanted.remove(list.getId())) {
                list.removeMember(contact);
            }
        }
        for (Long listId : wanted) {
            DistributionList list = em.find(DistributionList.class, listId);
            if (list == null) {
                throw new NotFoundException("Distribution list", listId);
            }
            list.addMember(contact);
        }
        contact.markChanged();
    }

    public List<DistributionList> explicitListsOf(int contactId) {
        return em.createQuery("select l from DistributionList l join l.members m where m.id = :contactId order by l.name",
                        DistributionList.class)
                .setParameter("contactId", contactId)
                .getResultList();
    }

    private void apply(ContactDraft draft, Contact contact) {
        contact.rename(draft.firstName(), draft.lastName());
        contact.changeTitle(draft.title());
        contact.changeEmail(draft.email());
        contact.changePhone(draft.phone());
        contact.changeLocation(draft.city(), draft.state(), draft.postalCode());
        contact.assignTo(draft.accountId() == null ? null : findAccount(draft.accountId()));
        for (String tag : Set.copyOf(contact.getTags())) {
            if (draft.tags().stream().map(Contact::normaliseTag).noneMatch(tag::equals)) {
                contact.untag(tag);
            }
        }
        try {
            draft.tags().forEach(contact::tag);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private Account findAccount(long accountId) {
        Account account = em.find(Account.class, accountId);
        if (account == null) {
            throw new NotFoundException("Account", accountId);
        }
        return account;
    }

    private Contact find(int contactId) {
        Contact contact = em.find(Contact.class, contactId);
        if (contact == null) {
            throw new NotFoundException("Contact", contactId);
        }
        return contact;
    }
}
