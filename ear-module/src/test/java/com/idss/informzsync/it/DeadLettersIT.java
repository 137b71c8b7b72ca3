package com.idss.informzsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.crm.ContactDraft;
import com.idss.informzsync.application.crm.ContactService;
import com.idss.informzsync.application.operations.DeadLetter;
import com.idss.informzsync.application.operations.DeadLetterDesk;
import com.idss.informzsync.application.operations.MessageQueues;
import com.idss.informzsync.application.operations.OperatorAction;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.SyncMessage;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dead letter's round trip: a contact's sync fails every delivery, the broker dead-letters it, the
 * desk lists it with the recorded reason, and once the cause is fixed a requeue applies it once. A
 * deleted one is never applied. Both are in the audit.
 */
@ExtendWith(ArquillianExtension.class)
class DeadLettersIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ADMIN = "test-admin";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.productEarWith(DeadLettersIT.class, DeliveriesFail.class);
    }

    @Inject
    CrmFixture crm;

    @Inject
    ContactService contacts;

    @Inject
    SyncRecorder sync;

    @Inject
    DeliveriesFail deliveriesFail;

    @Inject
    DeadLetterDesk desk;

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/IdssSyncDLQ")
    Queue syncDeadLetters;

    @Resource
    UserTransaction transaction;

    @AfterEach
    void fixTheCause() {
        deliveriesFail.fixed();
    }

    @Test
    void aDeadLetteredEditIsListedWithItsReasonAndRequeuedOnceTheCauseIsFixedAppliedOnce() throws Exception {
        CrmFixture.SyncedContact dora = crm.contactSyncedOnNewList("Dead Letters", "Dora", "Before");
        int contactId = dora.contactId();
        String email = dora.email();

        DeadLetter letter = editThatDies(dora, "After");
        assertEquals(MessageQueues.QueueName.SYNC_DEAD_LETTERS, letter.queue());
        assertTrue(letter.reason().contains(DeliveriesFail.CAUSE), letter.reason());
        assertEquals(5, letter.deliveryCount(), "the configured attempts, each recorded");
        assertTrue(lastNameInInformz(email).equals("Before"), "nothing of the failed deliveries reached Informz");

        deliveriesFail.fixed();
        long handledBefore = sync.handledCount(AggregateKind.CONTACT, contactId);
        assertEquals(1, desk.requeue(List.of(letter), ADMIN));
        sync.await("the requeued edit in Informz", () -> lastNameInInformz(email).equals("After"), PATIENCE);
        sync.await("the requeued message handled", () -> sync.handledCount(AggregateKind.CONTACT, contactId) > handledBefore, PATIENCE);
        assertEquals(handledBefore + 1, sync.handledCount(AggregateKind.CONTACT, contactId), "applied once");
        assertTrue(find(letter).isEmpty(), "no longer a dead letter");
        assertEquals(0, desk.requeue(List.of(letter), ADMIN), "a second requeue finds nothing to move");
        assertAudited(OperatorAction.Kind.REQUEUED, letter);
    }

    @Test
    void aDeletedDeadLetterIsNeverApplied() throws Exception {
        CrmFixture.SyncedContact dan = crm.contactSyncedOnNewList("Dead Letters Deleted", "Dora", "Kept");

        DeadLetter letter = editThatDies(dan, "Discarded");
        deliveriesFail.fixed();
        assertEquals(1, desk.delete(List.of(letter), ADMIN));
        assertTrue(find(letter).isEmpty(), "deleted");
        assertEquals("Kept", lastNameInInformz(dan.email()));
        assertAudited(OperatorAction.Kind.DELETED, letter);
    }

    /** Saves an edit whose every delivery fails, and waits for the broker to give up on it. */
    private DeadLetter editThatDies(CrmFixture.SyncedContact contact, String lastName) throws Exception {
        int contactId = contact.contactId();
        deliveriesFail.forContact(contactId);
        contacts.update(contactId, new ContactDraft("Dora", lastName, "Sales Manager", contact.email(), "+1 407 555 0100",
                null, "FL", "32801", null, Set.of(contact.tag())));
        awaitOnDeadLetterQueue(contactId);
        String type = "contact " + contactId;
        return desk.deadLetters().stream().filter(d -> d.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("not listed after " + deliveriesFail.failures() + " failed deliveries"));
    }

    /**
     * Blocks until the broker has put the aggregate's message on the dead-letter queue: takes it in a
     * transaction that is rolled back, so it stays there for the desk.
     */
    private void awaitOnDeadLetterQueue(int contactId) throws Exception {
        transaction.begin();
        try (JMSConsumer consumer = jms.createConsumer(syncDeadLetters)) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                Message message = consumer.receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (message != null && SyncMessage.parse(message.getBody(String.class)).isAbout(AggregateKind.CONTACT, contactId)) {
                    return;
                }
            }
            throw new AssertionError("waited " + PATIENCE.toSeconds() + " s in vain for contact " + contactId + " on the dead-letter queue; "
                    + deliveriesFail.failures() + " deliveries failed");
        } finally {
            transaction.rollback();
        }
    }

    private Optional<DeadLetter> find(DeadLetter letter) {
        return desk.deadLetters().stream().filter(d -> d.key().equals(letter.key())).findFirst();
    }

    private void assertAudited(OperatorAction.Kind kind, DeadLetter letter) {
        assertTrue(desk.recentActions(20).stream().anyMatch(a -> a.getAction().equals(kind.name())
                && a.getMessageId().equals(letter.messageId()) && a.getActor().equals(ADMIN)), kind + " audited");
    }

    private String lastNameInInformz(String email) {
        return crm.informz().subscriber(email).map(s -> s.getJsonObject("fields").getString("Last_Name", "")).orElse("");
    }
}
