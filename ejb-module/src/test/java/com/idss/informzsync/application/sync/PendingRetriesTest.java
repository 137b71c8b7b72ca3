package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingRetriesTest {

    private final SyncCoalescerTest.MutableClock clock = new SyncCoalescerTest.MutableClock();
    private final PendingRetries retries = new PendingRetries(clock);
    private final SyncMessage listChanged = new SyncMessage(AggregateKind.LIST, 7);

    PendingRetriesTest() {
        retries.settings = new SyncSettings(); // a retry is never more than 60 s away
    }

    @Test
    void theFirstFailureGetsARetry() {
        PendingRetries.Scheduled retry = retries.retryFor(listChanged, Duration.ofSeconds(60)).orElseThrow();
        assertEquals(1, retry.message().attempt());
        assertNotEquals(0, retry.message().retryToken());
    }

    @Test
    void furtherFailuresWhileARetryIsPendingGetNoneOfTheirOwn() {
        retries.committed(retries.retryFor(listChanged, Duration.ofSeconds(60)).orElseThrow());
        for (int change = 0; change < 100; change++) {
            clock.advance(Duration.ofMillis(300));
            assertEquals(Optional.empty(), retries.retryFor(listChanged, Duration.ofSeconds(60)), "change " + change);
        }
        assertEquals(1, retries.count());
    }

    @Test
    void aRetryNotCommittedDoesNotCount() {
        retries.retryFor(listChanged, Duration.ofSeconds(60)); // its transaction rolled back: the message never left
        assertTrue(retries.retryFor(listChanged, Duration.ofSeconds(60)).isPresent());
    }

    @Test
    void anEarlierRetryOvertakesALaterOneAndTheLaterOnesFailureEndsItsChain() {
        PendingRetries.Scheduled late = retries.retryFor(listChanged, Duration.ofSeconds(60)).orElseThrow();
        retries.committed(late);
        PendingRetries.Scheduled soon = retries.retryFor(listChanged, Duration.ofSeconds(1)).orElseThrow();
        retries.committed(soon);

        clock.advance(Duration.ofSeconds(1));
        retries.takenUp(soon.message());
        PendingRetries.Scheduled next = retries.retryFor(soon.message(), Duration.ofSeconds(2)).orElseThrow();
        retries.committed(next);

        clock.advance(Duration.ofSeconds(59));
        retries.takenUp(late.message()); // not the pending one: changes nothing
        assertEquals(Optional.empty(), retries.retryFor(late.message(), Duration.ofSeconds(60)));
        assertEquals(1, retries.count());
    }

    @Test
    void aRetryTakenUpLetsItsOwnFailureAskForTheNext() {
        PendingRetries.Scheduled first = retries.retryFor(listChanged, Duration.ofSeconds(1)).orElseThrow();
        retries.committed(first);
        clock.advance(Duration.ofSeconds(1));
        retries.takenUp(first.message());
        assertEquals(0, retries.count());
        assertEquals(2, retries.retryFor(first.message(), Duration.ofSeconds(2)).orElseThrow().message().attempt());
    }

    @Test
    void aRetryThatNeverCameStopsCountingAGracePeriodAfterItWasDue() {
        retries.committed(retries.retryFor(listChanged, Duration.ofSeconds(1)).orElseThrow()); // dead-lettered, say
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Optional.empty(), retries.retryFor(listChanged, Duration.ofSeconds(1)), "within the grace");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(retries.retryFor(listChanged, Duration.ofSeconds(1)).isPresent());
        assertEquals(0, retries.count());
    }

    @Test
    void otherAggregatesAreIndependent() {
        retries.committed(retries.retryFor(listChanged, Duration.ofSeconds(60)).orElseThrow());
        assertTrue(retries.retryFor(new SyncMessage(AggregateKind.LIST, 8), Duration.ofSeconds(60)).isPresent());
        assertTrue(retries.retryFor(new SyncMessage(AggregateKind.CONTACT, 7), Duration.ofSeconds(60)).isPresent());
    }
}
