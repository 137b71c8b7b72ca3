package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.application.sync.ListPushBooking.Settlement;
import com.idss.informzsync.application.sync.ListPushBooking.StateNow;
import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ListPushBookingTest {

    private static final OffsetDateTime PLANNED = OffsetDateTime.of(2026, 11, 27, 1, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime BEFORE = PLANNED.minusSeconds(5);
    private static final OffsetDateTime MEANWHILE = PLANNED.plusSeconds(1);
    private static final OffsetDateTime NOW = PLANNED.plusSeconds(2);
    private static final SyncOutcome PUSHED_X = SyncOutcome.synced("x@example.org");
    private static final SyncOutcome UNANSWERED_X =
            SyncOutcome.retryingAfterUnansweredPush("Informz unreachable", 7L, NOW.plusSeconds(1), "x@example.org");

    @Test
    void aPushOfTheContactsCurrentAddressIsBookedAsItIs() {
        assertBookedAsItIs(PUSHED_X, settle(PUSHED_X, new StateNow(SyncState.RETRYING, null, BEFORE), "x@example.org"));
        assertBookedAsItIs(PUSHED_X, settle(PUSHED_X, null, "x@example.org"));
        assertBookedAsItIs(UNANSWERED_X, settle(UNANSWERED_X, new StateNow(SyncState.SYNCED, "w@example.org", BEFORE), "x@example.org"));
    }

    @Test
    void aPushOfAnAddressTheContactNoLongerHasIsPossiblyInInformzAndTheContactSyncsAgain() {
        assertPossiblyPushedX(settle(PUSHED_X, new StateNow(SyncState.SYNCED, "x@example.org", BEFORE), "y@example.org"));
        assertPossiblyPushedX(settle(UNANSWERED_X, new StateNow(SyncState.SYNCED, "x@example.org", BEFORE), "y@example.org"));
    }

    @Test
    void aPushForAContactDeletedSinceIsPossiblyInInformz() {
        assertPossiblyPushedX(settle(PUSHED_X, new StateNow(SyncState.SYNCED, "x@example.org", BEFORE), null));
    }

    @Test
    void aStateAContactSyncBookedAfterThePlanningIsNotOverwrittenUnnoticed() {
        // The contact left the list on its own tab while the batch was in flight: its sync booked REMOVED.
        assertPossiblyPushedX(settle(PUSHED_X, new StateNow(SyncState.REMOVED, "x@example.org", MEANWHILE), "x@example.org"));
        // Or it created the state (the batch's new row was refused) without knowing the list pushed X.
        assertPossiblyPushedX(settle(PUSHED_X, new StateNow(SyncState.RETRYING, null, MEANWHILE), "x@example.org"));
        // Or its own push of another address went unanswered: the list's unanswered push must not hide it.
        assertPossiblyPushedX(settle(UNANSWERED_X, new StateNow(SyncState.RETRYING, "z@example.org", MEANWHILE), "x@example.org"));
    }

    @Test
    void aContactSyncThatBookedTheSameAddressMeanwhileAgrees() {
        assertBookedAsItIs(PUSHED_X, settle(PUSHED_X, new StateNow(SyncState.SYNCED, "x@example.org", MEANWHILE), "x@example.org"));
    }

    @Test
    void outcomesThatPushedNothingAreBookedAsTheyAre() {
        SyncOutcome removed = SyncOutcome.removed();
        assertBookedAsItIs(removed, settle(removed, new StateNow(SyncState.SYNCED, "x@example.org", MEANWHILE), "y@example.org"));
        SyncOutcome refused = SyncOutcome.retrying("Informz unreachable", null, NOW);
        assertBookedAsItIs(refused, settle(refused, new StateNow(SyncState.SYNCED, "x@example.org", MEANWHILE), "y@example.org"));
    }

    private static Settlement settle(SyncOutcome outcome, StateNow current, String currentEmail) {
        return ListPushBooking.settle(outcome, current, currentEmail, PLANNED, NOW);
    }

    private static void assertBookedAsItIs(SyncOutcome expected, Settlement settled) {
        assertSame(expected, settled.outcome());
        assertFalse(settled.contactMustSync());
    }

    private static void assertPossiblyPushedX(Settlement settled) {
        assertEquals(SyncState.RETRYING, settled.outcome().state());
        assertEquals("x@example.org", settled.outcome().email(), "the pushed address is the one to opt out later");
        assertEquals(NOW, settled.outcome().nextAttemptAt());
        assertTrue(settled.contactMustSync());
    }
}
