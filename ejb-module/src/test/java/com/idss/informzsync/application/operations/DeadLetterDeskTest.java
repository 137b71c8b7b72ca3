package com.idss.informzsync.application.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.operations.MessageQueues.QueueName;
import com.idss.informzsync.application.sync.AggregateKind;
import com.idss.informzsync.application.sync.SyncMessage;
import com.idss.informzsync.application.sync.SyncTrigger;
import org.junit.jupiter.api.Test;

class DeadLetterDeskTest {

    @Test
    void aDeadLetterSaysWhatItAsksForOrWhyItCannotBeRead() {
        assertEquals("contact 42", DeadLetterDesk.typeOf(QueueName.SYNC_DEAD_LETTERS, new SyncMessage(AggregateKind.CONTACT, 42).toJson()));
        assertEquals("unreadable sync message", DeadLetterDesk.typeOf(QueueName.SYNC_DEAD_LETTERS, "not json"));
        assertEquals("contact.upsert", DeadLetterDesk.typeOf(QueueName.INBOX_DEAD_LETTERS, "{\"type\":\"contact.upsert\",\"version\":1}"));
        assertEquals("inbox message without a type", DeadLetterDesk.typeOf(QueueName.INBOX_DEAD_LETTERS, "{\"version\":1}"));
        assertEquals("unreadable inbox message", DeadLetterDesk.typeOf(QueueName.INBOX_DEAD_LETTERS, "[1, 2"));
        assertEquals("not a text message", DeadLetterDesk.typeOf(QueueName.INBOX_DEAD_LETTERS, null));
    }

    @Test
    void aRequeuedSyncMessageIsAFreshFirstAttemptInDoubt() {
        SyncMessage retried = new SyncMessage(AggregateKind.LIST, 7, SyncTrigger.MANUAL, 3, true);
        SyncMessage requeued = SyncMessage.parse(DeadLetterDesk.rewrittenForRequeue(QueueName.SYNC, retried.toJson()));
        assertTrue(requeued.inDoubt(), "its failed deliveries may have reached Informz");
        assertEquals(0, requeued.attempt());
        assertEquals(SyncTrigger.MANUAL, requeued.trigger(), "what it asked for is kept");
        assertTrue(requeued.isAbout(AggregateKind.LIST, 7));
        assertEquals("not json", DeadLetterDesk.rewrittenForRequeue(QueueName.SYNC, "not json"), "unreadable: as it was");
        String inbox = "{\"type\":\"contact.upsert\"}";
        assertEquals(inbox, DeadLetterDesk.rewrittenForRequeue(QueueName.INBOX, inbox), "an inbox message as it was");
    }

    @Test
    void eachDeadLetterQueueGoesBackToItsOwnQueue() {
        assertEquals(QueueName.SYNC, DeadLetterDesk.originOf(QueueName.SYNC_DEAD_LETTERS));
        assertEquals(QueueName.INBOX, DeadLetterDesk.originOf(QueueName.INBOX_DEAD_LETTERS));
        assertThrows(IllegalArgumentException.class, () -> DeadLetterDesk.originOf(QueueName.SYNC));
    }
}
