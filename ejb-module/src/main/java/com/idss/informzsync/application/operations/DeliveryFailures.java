package com.idss.informzsync.application.operations;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Remembers why a message's delivery failed, in a transaction of its own: the delivery's rolls back,
 * and the broker dead-letters the message after its last attempt without saying why.
 */
@Stateless
public class DeliveryFailures {

    /** Longer than anyone leaves a dead letter unread; a requeued or deleted message forgets its own. */
    static final Duration KEPT = Duration.ofDays(Long.getLong("idss.dead-letters.failures-kept-days", 30));

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String messageId, MessageQueues.QueueName queue, int deliveryCount, String reason) {
        if (messageId == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DeliveryFailure failure = em.find(DeliveryFailure.class, messageId);
        if (failure == null) {
            failure = new DeliveryFailure(messageId, queue.brokerName());
            em.persist(failure);
        }
        failure.failedAgain(deliveryCount, reason == null ? "(no reason given)" : reason, now);
        em.createQuery("delete from DeliveryFailure f where f.failedAt < :before")
                .setParameter("before", now.minus(KEPT)).executeUpdate();
    }

    public Map<String, DeliveryFailure> byMessageId(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select f from DeliveryFailure f where f.messageId in :ids", DeliveryFailure.class)
                .setParameter("ids", messageIds).getResultList().stream()
                .collect(Collectors.toMap(DeliveryFailure::getMessageId, Function.identity()));
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void forget(String messageId) {
        em.createQuery("delete from DeliveryFailure f where f.messageId = :id").setParameter("id", messageId).executeUpdate();
    }
}
