package com.idss.informzsync.application.console;

import static com.idss.informzsync.application.console.ConsoleReads.bounded;

import com.idss.informzsync.domain.list.DistributionList;
import com.idss.informzsync.domain.sync.InformzCall;
import com.idss.informzsync.domain.sync.InformzCallOutcome;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** The Informz calls pages: the audit of every call, filtered and paged, and one call with its documents. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CallQueries {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    public Page<CallRow> calls(Integer contactId, Long listId, InformzCallOutcome outcome, int first, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (contactId != null) {
            where.append(" and k.contactId = :contact");
        }
        if (listId != null) {
            where.append(" and k.listId = :list");
        }
        if (outcome != null) {
            where.append(" and k.outcome = :outcome");
        }
        TypedQuery<Long> count = em.createQuery("select count(k) from InformzCall k" + where, Long.class);
        TypedQuery<CallRow> rows = em.createQuery("select new com.idss.informzsync.application.console.CallRow(k.id, "
                + "k.calledAt, k.operation, k.outcome, k.faultCode, k.durationMs, k.contactId, k.listId, l.name) "
                + "from InformzCall k left join DistributionList l on l.id = k.listId" + where
                + " order by k.calledAt desc, k.id desc", CallRow.class);
        for (TypedQuery<?> q : List.of(count, rows)) {
            if (contactId != null) {
                q.setParameter("contact", contactId);
            }
            if (listId != null) {
                q.setParameter("list", listId);
            }
            if (outcome != null) {
                q.setParameter("outcome", outcome);
            }
        }
        return new Page<>(rows.setFirstResult(first).setMaxResults(bounded(size)).getResultList(), count.getSingleResult(),
                first, bounded(size));
    }

    public Optional<CallDetail> call(long callId) {
        InformzCall k = em.find(InformzCall.class, callId);
        if (k == null) {
            return Optional.empty();
        }
        String listName = k.getListId() == null ? null : Optional.ofNullable(em.find(DistributionList.class, k.getListId()))
                .map(DistributionList::getName).orElse(null);
        return Optional.of(new CallDetail(new CallRow(k.getId(), k.getCalledAt(), k.getOperation(), k.getOutcome(),
                k.getFaultCode(), k.getDurationMs(), k.getContactId(), k.getListId(), listName), k.getRequestDocument(),
                k.getResponseDocument()));
    }
}
