package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyncCoalescerTest {

    private final MutableClock clock = new MutableClock();
    private final SyncCoalescer coalescer = new SyncCoalescer(clock);
    private final SyncMessage changed = new SyncMessage(AggregateKind.CONTACT, 42);

    SyncCoalescerTest() {
        coalescer.settings = new SyncSettings();
    }

    @Test
    void aQuietAggregateSyncsAtOnce() {
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(changed));
    }

    @Test
    void aChangeInsideTheWindowIsDeferredToItsEndAndFurtherOnesAreDropped() {
        coalescer.decide(changed);
        clock.advance(Duration.ofMillis(500));
        SyncCoalescer.Defer defer = assertInstanceOf(SyncCoalescer.Defer.class, coalescer.decide(changed));
        assertEquals(Duration.ofMillis(1500), defer.delay(), "to the end of the 2 s window");
        clock.advance(Duration.ofMillis(100));
        assertInstanceOf(SyncCoalescer.Drop.class, coalescer.decide(changed));
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(changed.asDeferred()), "the follow-up itself runs");
    }

    @Test
    void aSyncOutOfTurnLeavesTheFollowUpToComeInPlaceSoOneChainOfFollowUpsRemains() {
        coalescer.decide(changed);
        clock.advance(Duration.ofMillis(300));
        assertInstanceOf(SyncCoalescer.Defer.class, coalescer.decide(changed), "follow-up at 2.0 s");
        clock.advance(Duration.ofMillis(200));
        // A sync that had waited its turn comes back (deferred) and goes ahead at 0.5 s.
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(changed.waitingTurn(false)));
        clock.advance(Duration.ofMillis(100));
        assertInstanceOf(SyncCoalescer.Drop.class, coalescer.decide(changed), "the follow-up at 2.0 s covers it");
        clock.advance(Duration.ofMillis(1400));
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(changed.asDeferred()), "the follow-up, at 2.0 s");
        clock.advance(Duration.ofMillis(100));
        SyncCoalescer.Defer next = assertInstanceOf(SyncCoalescer.Defer.class, coalescer.decide(changed),
                "the follow-up cleared its slot: the next change gets one follow-up of its own");
        assertEquals(Duration.ofMillis(1900), next.delay());
    }

    @Test
    void afterTheWindowTheNextChangeSyncsAtOnce() {
        coalescer.decide(changed);
        clock.advance(Duration.ofSeconds(2));
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(changed));
    }

    @Test
    void aSyncInDoubtRestartsTheWindowSoAFollowUpItsRolledBackDeliveryDecidedOnCannotSwallowChanges() {
        coalescer.decide(changed);
        clock.advance(Duration.ofMillis(500));
        assertInstanceOf(SyncCoalescer.Defer.class, coalescer.decide(changed));
        // That transaction rolled back: no follow-up was scheduled, and its message comes again, in doubt.
        coalescer.restart(changed);
        clock.advance(Duration.ofMillis(100));
        assertInstanceOf(SyncCoalescer.Defer.class, coalescer.decide(changed), "a new follow-up, not a drop");
    }

    @Test
    void manualMailingAndNightlySyncsAreNeverHeldBack() {
        coalescer.decide(changed);
        coalescer.decide(changed);
        for (SyncTrigger trigger : new SyncTrigger[] {SyncTrigger.MANUAL, SyncTrigger.MAILING_SENT, SyncTrigger.NIGHTLY}) {
            assertInstanceOf(SyncCoalescer.Proceed.class,
                    coalescer.decide(new SyncMessage(AggregateKind.CONTACT, 42, trigger, 0, false)), trigger.name());
        }
    }

    @Test
    void retriesAreNeverHeldBack() {
        coalescer.decide(changed);
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(changed.nextAttempt(1)));
    }

    @Test
    void aggregatesAreCoalescedSeparately() {
        coalescer.decide(changed);
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(new SyncMessage(AggregateKind.CONTACT, 43)));
        assertInstanceOf(SyncCoalescer.Proceed.class, coalescer.decide(new SyncMessage(AggregateKind.LIST, 42)));
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
