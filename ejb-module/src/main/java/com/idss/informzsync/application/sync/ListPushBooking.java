package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.ContactListSyncState;
import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;

/**
 * How a list reconcile books an address it pushed, when the contact may have moved on meanwhile.
 * The reconcile read the contact before its call; a contact sync running at the same time may have
 * changed the email, left the list, or booked another address on this state. Booking "synced" then
 * would forget one of two addresses Informz now holds. Such a push is booked as possibly in Informz
 * and the contact syncs again, which opts out whatever address should not be there.
 */
final class ListPushBooking {

    static final String CONTACT_MOVED_ON = "Pushed by a list sync while the contact changed: the contact syncs again.";

    /** What a contact's state on the list says now, when it has one. */
    record StateNow(SyncState state, String lastSyncedEmail, OffsetDateTime updatedAt) {

        static StateNow of(ContactListSyncState state) {
            return state == null ? null : new StateNow(state.getState(), state.getLastSyncedEmail(), state.getUpdatedAt());
        }
    }

    /** The outcome to book, and whether the contact must sync again to settle what Informz holds. */
    record Settlement(SyncOutcome outcome, boolean contactMustSync) {
    }

    private ListPushBooking() {
    }

    /**
     * @param outcome      what the reconcile concluded for the contact
     * @param current      the contact's state on the list as it is now, or null when it has none
     * @param currentEmail the contact's normalized email now, or null when the contact is gone
     * @param plannedAt    when the reconcile read the states it planned from
     */
    static Settlement settle(SyncOutcome outcome, StateNow current, String currentEmail, OffsetDateTime plannedAt,
            OffsetDateTime now) {
        boolean pushed = outcome.state() == SyncState.SYNCED || (outcome.state() == SyncState.RETRYING && outcome.email() != null);
        if (!pushed) {
            return new Settlement(outcome, false);
        }
        boolean emailMoved = currentEmail == null || !currentEmail.equals(outcome.email());
        boolean bookedMeanwhile = current != null && current.updatedAt() != null && current.updatedAt().isAfter(plannedAt)
                && !(current.state() == SyncState.SYNCED && outcome.email().equals(current.lastSyncedEmail()));
        if (!emailMoved && !bookedMeanwhile) {
            return new Settlement(outcome, false);
        }
        return new Settlement(SyncOutcome.retryingAfterUnansweredPush(CONTACT_MOVED_ON, outcome.failedCallId(), now,
                outcome.email()), true);
    }
}
