package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.list.ListMembership;
import com.idss.informzsync.domain.list.MembershipChange;
import com.idss.informzsync.domain.list.query.CriteriaGroup;
import com.idss.informzsync.domain.list.query.QueryJson;
import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * List membership evaluated entirely in the database. "Member" is one predicate over a contact
 * (active AND (explicit member OR query 1 OR query 2 …)); the change since the last sync is that
 * predicate anti-joined against the list's SYNCED rows, both ways, so only ids of the difference
 * ever leave the database.
 */
public class JpaListMembership implements ListMembership {

    private final EntityManager em;

    public JpaListMembership(EntityManager em) {
        this.em = em;
    }

    @Override
    public List<Integer> memberIds(long listId, Integer afterId, int pageSize) {
        List<CriteriaGroup> savedQueries = savedQueriesOf(listId);
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Integer> query = cb.createQuery(Integer.class);
        Root<Contact> contact = query.from(Contact.class);
        Predicate member = isMember(cb, query, contact, listId, savedQueries, parameters);
        if (afterId != null) {
            member = cb.and(member, cb.greaterThan(contact.get("id"), parameters.bind(Integer.class, afterId)));
        }
        query.select(contact.get("id")).where(member).orderBy(cb.asc(contact.get("id")));
        return parameters.applyTo(em.createQuery(query)).setMaxResults(pageSize).getResultList();
    }

    @Override
    public void forEachMemberId(long listId, int pageSize, IntConsumer action) {
        Integer after = null;
        List<Integer> page;
        do {
            page = memberIds(listId, after, pageSize);
            page.forEach(action::accept);
            after = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == pageSize);
    }

    @Override
    public long countMembers(long listId) {
        List<CriteriaGroup> savedQueries = savedQueriesOf(listId);
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<Contact> contact = query.from(Contact.class);
        query.select(cb.count(contact)).where(isMember(cb, query, contact, listId, savedQueries, parameters));
        return parameters.applyTo(em.createQuery(query)).getSingleResult();
    }

    @Override
    public boolean isMember(long listId, int contactId) {
        List<CriteriaGroup> savedQueries = savedQueriesOf(listId);
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Integer> query = cb.createQuery(Integer.class);
        Root<Contact> contact = query.from(Contact.class);
        query.select(contact.get("id")).where(
                cb.equal(contact.get("id"), parameters.bind(Integer.class, contactId)),
                isMember(cb, query, contact, listId, savedQueries, parameters));
        return !parameters.applyTo(em.createQuery(query)).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public MembershipChange changeSinceLastSync(long listId) {
        List<CriteriaGroup> savedQueries = savedQueriesOf(listId);
        return new MembershipChange(listId, toAdd(listId, savedQueries), toRemove(listId, savedQueries));
    }

    /** Members with no SYNCED row for the list. */
    private int[] toAdd(long listId, List<CriteriaGroup> savedQueries) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Integer> query = cb.createQuery(Integer.class);
        Root<Contact> contact = query.from(Contact.class);

        Subquery<Long> synced = query.subquery(Long.class);
        Root<ContactListSyncState> state = synced.from(ContactListSyncState.class);
        synced.select(state.get("id")).where(
                cb.equal(state.get("contactId"), contact.get("id")),
                cb.equal(state.get("listId"), parameters.bind(Long.class, listId)),
                cb.equal(state.get("state"), parameters.bind(SyncState.class, SyncState.SYNCED)));

        query.select(contact.get("id"))
                .where(isMember(cb, query, contact, listId, savedQueries, parameters), cb.not(cb.exists(synced)))
                .orderBy(cb.asc(contact.get("id")));
        return toIntArray(parameters.applyTo(em.createQuery(query)).getResultList());
    }

    /** SYNCED rows whose contact is no longer a member (or no longer exists). */
    private int[] toRemove(long listId, List<CriteriaGroup> savedQueries) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        QueryParameters parameters = new QueryParameters(cb);
        CriteriaQuery<Integer> query = cb.createQuery(Integer.class);
        Root<ContactListSyncState> state = query.from(ContactListSyncState.class);

        Subquery<Integer> stillMember = query.subquery(Integer.class);
        Root<Contact> contact = stillMember.from(Contact.class);
        stillMember.select(contact.get("id")).where(
                cb.equal(contact.get("id"), state.get("contactId")),
                isMember(cb, stillMember, contact, listId, savedQueries, parameters));

        query.select(state.get("contactId"))
                .where(cb.equal(state.get("listId"), parameters.bind(Long.class, listId)),
                        cb.equal(state.get("state"), parameters.bind(SyncState.class, SyncState.SYNCED)),
                        cb.not(cb.exists(stillMember)))
                .orderBy(cb.asc(state.get("contactId")));
        return toIntArray(parameters.applyTo(em.createQuery(query)).getResultList());
    }

    private Predicate isMember(CriteriaBuilder cb, AbstractQuery<?> query, From<?, Contact> contact, long listId,
            List<CriteriaGroup> savedQueries, QueryParameters parameters) {
        Subquery<Integer> explicitMembers = query.subquery(Integer.class);
        Root<DistributionList> list = explicitMembers.from(DistributionList.class);
        Join<DistributionList, Contact> member = list.join("members");
        explicitMembers.select(member.get("id"))
                .where(cb.equal(list.get("id"), parameters.bind(Long.class, listId)));

        List<Predicate> anyReason = new ArrayList<>();
        anyReason.add(contact.get("id").in(explicitMembers));
        SavedQueryPredicates predicates = new SavedQueryPredicates(cb, query, contact, parameters);
        for (CriteriaGroup savedQuery : savedQueries) {
            anyReason.add(predicates.matches(savedQuery));
        }
        return cb.and(cb.isTrue(contact.get("active")), cb.or(anyReason.toArray(Predicate[]::new)));
    }

    private List<CriteriaGroup> savedQueriesOf(long listId) {
        return em.createQuery("select q.criteriaJson from SavedQuery q where q.list.id = :listId order by q.id", String.class)
                .setParameter("listId", listId)
                .getResultList()
                .stream()
                .map(QueryJson::read)
                .toList();
    }

    private static int[] toIntArray(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
