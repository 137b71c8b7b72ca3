package com.idss.informzsync.application.console;

import com.idss.informzsync.application.crm.DistributionListService;
import com.idss.informzsync.application.crm.InvalidInputException;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.MembershipChange;
import com.idss.informzsync.domain.list.query.ContactField;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;

/**
 * Saves everything the list editor changed in one transaction (so the list syncs once, from its
 * final state), and previews what a save would do to the Informz interest.
 */
@Stateless
public class ListEditor {

    private static final int SAMPLE_SIZE = 10;
    /** A value list longer than this is no help: the field stays free text. */
    private static final int KNOWN_VALUES_MAX = 200;

    @EJB
    DistributionListService lists;

    @EJB
    ContactQueries contacts;

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    ListMembership membership;

    @Resource
    SessionContext context;

    /** @return the list's id (new for a new list) */
    public long save(Long listId, ListProposal proposal) {
        requireFreeInterestName(listId, proposal);
        long id;
        if (listId == null) {
            id = lists.create(proposal.details());
        } else {
            id = listId;
            lists.update(id, proposal.details());
        }
        if (!proposal.removeMembers().isEmpty()) {
            lists.removeMembers(id, proposal.removeMembers());
        }
        if (!proposal.addMembers().isEmpty()) {
            lists.addMembers(id, proposal.addMembers());
        }
        for (Long queryId : proposal.removedQueryIds()) {
            lists.removeQuery(id, queryId);
        }
        for (ListProposal.Query query : proposal.queries()) {
            lists.saveQuery(id, query.id(), query.name(), query.criteria());
        }
        return id;
    }

    /**
     * Applies the proposal inside this transaction, asks the engine's own membership code what
     * changed against the SYNCED set, and rolls everything back. Evaluating the proposed list in
     * the database it will live in is the only way to be sure the preview and the sync agree; the
     * sync message the flush sends goes through the XA factory, so it is rolled back as well.
     */
    public MembershipPreview preview(Long listId, ListProposal proposal) {
        try {
            long id = save(listId, proposal);
            em.flush();
            MembershipChange change = membership.changeSinceLastSync(id);
            return new MembershipPreview(change.memberCount(), change.toAdd().length, change.toRemove().length,
                    sample(change.toAdd()), sample(change.toRemove()), proposal.details().syncToInformz(),
                    proposal.details().active());
        } finally {
            context.setRollbackOnly();
        }
    }

    /**
     * How many active contacts one query matches as it stands in the form, before anything is saved.
     *
     * @throws com.idss.informzsync.domain.list.query.InvalidQueryException when the query is not whole yet
     */
    public long matchCount(CriteriaGroup query) {
        return membership.countMatching(query);
    }

    /**
     * The values a field has, for a value list in the form: the fixed choices of a choice field, the
     * states contacts and accounts have now; empty where values are free text.
     */
    public List<String> knownValues(ContactField field) {
        if (!field.choices().isEmpty()) {
            return field.choices().stream().sorted().toList();
        }
        String column = switch (field) {
            case STATE -> "select distinct c.state from Contact c where c.state is not null order by c.state";
            case ACCOUNT_STATE -> "select distinct a.address.state from Account a where a.address.state is not null order by a.address.state";
            default -> null;
        };
        return column == null ? List.of() : em.createQuery(column, String.class).setMaxResults(KNOWN_VALUES_MAX).getResultList();
    }

    private List<ContactRow> sample(int[] ids) {
        return contacts.contactsById(Arrays.stream(ids).limit(SAMPLE_SIZE).boxed().toList());
    }

    // The column is unique: say so in words instead of failing the flush with a constraint violation.
    private void requireFreeInterestName(Long listId, ListProposal proposal) {
        String interest = proposal.details().informzInterestName();
        if (interest == null || interest.isBlank()) {
            interest = proposal.details().name();
        }
        if (interest == null || interest.isBlank()) {
            return;
        }
        List<Long> holders = em.createQuery("select l.id from DistributionList l where l.informzInterestName = :name",
                        Long.class)
                .setParameter("name", interest.strip())
                .getResultList();
        if (holders.stream().anyMatch(holder -> !holder.equals(listId))) {
            throw new InvalidInputException("another list already syncs to the Informz interest '" + interest.strip() + "'");
        }
    }
}
