package com.idss.informzsync.it;

import com.idss.informzsync.application.sync.SyncCheckpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Fails every delivery of one contact's sync before it calls Informz, as a bug or a broken
 * dependency would, until the cause is "fixed": the broker redelivers, then dead-letters the message.
 */
@ApplicationScoped
public class DeliveriesFail {

    public static final String CAUSE = "the cause an operator fixes (test)";

    private volatile int failingContact;
    private volatile int failures;

    public void forContact(int contactId) {
        failures = 0;
        failingContact = contactId;
    }

    public void fixed() {
        failingContact = 0;
    }

    public int failures() {
        return failures;
    }

    void onCheckpoint(@Observes SyncCheckpoint checkpoint) {
        if (checkpoint.point() == SyncCheckpoint.Point.CONTACT_HELD && failingContact != 0
                && checkpoint.concerns(failingContact)) {
            failures++;
            throw new IllegalStateException(CAUSE);
        }
    }
}
