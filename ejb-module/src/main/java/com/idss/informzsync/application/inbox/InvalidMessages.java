package com.idss.informzsync.application.inbox;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/** Read side for the console: the refused inbox messages, newest first. */
@Stateless
public class InvalidMessages {

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    /** A page of refused messages, newest first; {@code sender} null means every sender. */
    public List<InvalidMessageView> newestFirst(String sender, int first, int max) {
        // Two query texts rather than ":sender is null": PostgreSQL cannot type an unused null parameter.
        TypedQuery<InvalidMessage> query = sender == null
                ? em.createQuery("select m from InvalidMessage m order by m.receivedAt desc, m.id desc",
                        InvalidMessage.class)
                : em.createQuery("select m from InvalidMessage m where m.sender = :sender"
                        + " order by m.receivedAt desc, m.id desc", InvalidMessage.class)
                        .setParameter("sender", sender);
        return query.setFirstResult(first).setMaxResults(max).getResultList().stream()
                .map(InvalidMessageView::of)
                .toList();
    }

    public long count(String sender) {
        TypedQuery<Long> query = sender == null
                ? em.createQuery("select count(m) from InvalidMessage m", Long.class)
                : em.createQuery("select count(m) from InvalidMessage m where m.sender = :sender", Long.class)
                        .setParameter("sender", sender);
        return query.getSingleResult();
    }
}
