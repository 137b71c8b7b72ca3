package com.idss.informzsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.SyncMessageFailed;
import com.idss.informzsync.domain.contact.Contact;
import com.idss.informzsync.infrastructure.messaging.SyncQueueListener;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The design card's shape end to end: JPA lifecycle callback, CDI event, XA send in the same
 * transaction, MDB in its own transaction, HTTP call.
 */
@ExtendWith(ArquillianExtension.class)
class SyncPathIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(SyncPathIT.class);
    }

    @PersistenceContext(unitName = "crm")
    EntityManager entityManager;

    @Resource
    UserTransaction transaction;

    @Inject
    SyncRecorder recorder;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/IdssSync")
    Queue syncQueue;

    @Resource(lookup = "java:/jms/queue/IdssSyncDLQ")
    Queue deadLetterQueue;

    @Test
    void committedSaveIsConsumedExactlyOnceWithTheEntityId() throws Exception {
        transaction.begin();
        Contact contact = new Contact("ana.lopez@example.org");
        entityManager.persist(contact);
        entityManager.flush();
        contact.changeEmail("ana.lopez@example.com"); // a second write in the same transaction
        transaction.commit();

        recorder.awaitHandled(AggregateKind.CONTACT, contact.getId(), PATIENCE);
        // Anything this transaction enqueued was ahead of the next commit's message in the queue.
        recorder.awaitHandled(AggregateKind.CONTACT, commitNewContact("barrier@example.org"), PATIENCE);
        assertEquals(1, recorder.handledCount(AggregateKind.CONTACT, contact.getId()));
    }

    @Test
    void rolledBackSaveLeavesNoRowAndNoMessage() throws Exception {
        transaction.begin();
        Contact contact = new Contact("rolled.back@example.org");
        entityManager.persist(contact);
        entityManager.flush(); // the lifecycle callback has fired and the message was sent in the transaction
        Integer id = contact.getId();
        assertNotNull(id);
        transaction.rollback();

        recorder.awaitHandled(AggregateKind.CONTACT, commitNewContact("after.rollback@example.org"), PATIENCE);
        assertNull(entityManager.find(Contact.class, id));
        assertEquals(0, recorder.handledCount(AggregateKind.CONTACT, id));
    }

    @Test
    void anUnreadableMessageIsDeadLetteredOnItsFirstDeliveryWithTheReasonWithoutBlockingOthers() throws Exception {
        String poison = "{\"v\":1,\"kind\":\"contact\",\"id\":\"not-a-number-" + UUID.randomUUID() + "\"}";
        jms.createProducer().send(syncQueue, poison);
        int good = commitNewContact("behind.the.poison@example.org");

        recorder.awaitHandled(AggregateKind.CONTACT, good, PATIENCE);
        try (JMSConsumer deadLetters = jms.createConsumer(deadLetterQueue)) {
            Message dead = receiveMatching(deadLetters, poison);
            assertNotNull(dead, "poison message should reach the dead-letter queue");
            assertTrue(dead.getStringProperty(SyncQueueListener.DEAD_LETTER_REASON).contains("'id'"),
                    dead.getStringProperty(SyncQueueListener.DEAD_LETTER_REASON));
        }
        List<SyncMessageFailed> attempts = recorder.failuresOf(poison);
        assertEquals(List.of(1), attempts.stream().map(SyncMessageFailed::deliveryCount).toList(),
                "no second delivery of what no delivery can read");
        assertTrue(attempts.get(0).error().contains("malformed sync message"));
    }

    private Message receiveMatching(JMSConsumer consumer, String payload) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = consumer.receive(PATIENCE.toMillis());
            if (message != null && payload.equals(message.getBody(String.class))) {
                return message;
            }
        }
        return null;
    }

    private int commitNewContact(String email) throws Exception {
        transaction.begin();
        Contact contact = new Contact(email);
        entityManager.persist(contact);
        transaction.commit();
        return contact.getId();
    }
}
