package com.idss.informzsync.application.crm;

import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.SavedQuery;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.util.Collection;

/**
 * Distribution lists "made by adding contacts and queries". Saving a list reconciles it with its
 * Informz interest. Turning sync off, or deactivating the list, never empties the Informz group.
 */
@Stateless
public class DistributionListService {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    Validator validator;

    public long create(ListDraft draft) {
        DistributionList list = new DistributionList(draft.name(), draft.description());
        apply(draft, list);
        em.persist(InputValidation.requireValid(validator, list));
        return list.getId();
    }

    public void update(long listId, ListDraft draft) {
        DistributionList list = find(listId);
        apply(draft, list);
        InputValidation.requireValid(validator, list);
    }

    public void addMembers(long listId, Collection<Integer> contactIds) {
        DistributionList list = find(listId);
        for (Integer contactId : contactIds) {
            Contact contact = em.find(Contact.class, contactId);
            if (contact == null) {
                throw new NotFoundException("Contact", contactId);
            }
            list.addMember(contact);
        }
        list.markChanged();
    }

    public void removeMembers(long listId, Collection<Integer> contactIds) {
        DistributionList list = find(listId);
        for (Integer contactId : contactIds) {
            Contact contact = em.find(Contact.class, contactId);
            if (contact != null) {
                list.removeMember(contact);
            }
        }
        list.markChanged();
    }

    /** Adds a saved query to the list, or replaces the criteria of one it has. */
    public long saveQuery(long listId, Long queryId, String name, CriteriaGroup criteria) {
        DistributionList list = find(listId);
        SavedQuery query;
        if (queryId == null) {
            query = list.addSavedQuery(name, criteria);
        } else {
            query = list.getSavedQueries().stream().filter(q -> q.getId().equals(queryId)).findFirst()
                    .orElseThrow(() -> new NotFoundException("Saved query", queryId));
            query.rename(name);
            query.replaceCriteria(criteria);
        }
        InputValidation.requireValid(validator, query);
        list.markChanged();
        em.flush();
        return query.getId();
    }

    public void removeQuery(long listId, long queryId) {
        DistributionList list = find(listId);
        list.getSavedQueries().stream().filter(q -> q.getId().equals(queryId)).findFirst()
                .ifPresent(list::removeSavedQuery);
        list.markChanged();
    }

    private void apply(ListDraft draft, DistributionList list) {
        list.rename(draft.name());
        list.describe(draft.description());
        String interest = draft.informzInterestName();
        list.mapToInformzInterest(interest == null || interest.isBlank() ? draft.name() : interest.strip());
        list.syncToInformz(draft.syncToInformz());
        if (draft.active()) {
            list.activate();
        } else {
            list.deactivate();
        }
    }

    private DistributionList find(long listId) {
        DistributionList list = em.find(DistributionList.class, listId);
        if (list == null) {
            throw new NotFoundException("Distribution list", listId);
        }
        return list;
    }
}
