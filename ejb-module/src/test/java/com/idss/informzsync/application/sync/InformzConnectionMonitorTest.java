package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InformzConnectionMonitorTest {

    private final SyncCoalescerTest.MutableClock clock = new SyncCoalescerTest.MutableClock();
    private final InformzConnectionMonitor monitor = new InformzConnectionMonitor(clock);

    @Test
    void upLetsEveryoneCall() {
        assertTrue(monitor.current().up());
        assertEquals(Optional.empty(), monitor.waitBeforeCalling());
    }

    @Test
    void downPausesCallersUntilOneProbeMayTry() {
        monitor.failed("HTTP 503");
        assertFalse(monitor.current().up());
        assertEquals("HTTP 503", monitor.current().reason());
        assertTrue(monitor.waitBeforeCalling().isPresent(), "paused before the probe time");

        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), monitor.waitBeforeCalling(), "the first caller is the probe");
        assertTrue(monitor.waitBeforeCalling().isPresent(), "only one probe at a time");
    }

    @Test
    void failedProbesWaitLongerUpToTheCap() {
        monitor.failed("timeout");
        Duration previous = Duration.ZERO;
        for (int i = 0; i < 10; i++) {
            clock.advance(InformzConnectionMonitor.MAX_PROBE_INTERVAL);
            assertEquals(Optional.empty(), monitor.waitBeforeCalling());
            monitor.failed("timeout");
            Duration wait = monitor.waitBeforeCalling().orElseThrow();
            assertTrue(wait.compareTo(previous) >= 0, "never shorter");
            assertTrue(wait.compareTo(InformzConnectionMonitor.MAX_PROBE_INTERVAL.plusSeconds(1)) <= 0, "capped");
            previous = wait;
        }
    }

    @Test
    void aSuccessfulProbeBringsItBackUpAndKeepsWhenItWentDown() {
        monitor.failed("NoAvailableIPAddressException");
        var wentDown = monitor.current().since();
        clock.advance(Duration.ofSeconds(5));
        monitor.failed("NoAvailableIPAddressException");
        assertEquals(wentDown, monitor.current().since(), "down since the first failure");
        monitor.succeeded();
        assertTrue(monitor.current().up());
        assertEquals(Optional.empty(), monitor.waitBeforeCalling());
    }

    @Test
    void aProbeThatEndsWithoutAnAnswerLetsTheNextCallerProbe() {
        monitor.failed("HTTP 503");
        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), monitor.waitBeforeCalling(), "the probe");
        assertTrue(monitor.waitBeforeCalling().isPresent(), "paused while the probe is out");

        monitor.probeAbandoned();
        assertEquals(Optional.empty(), monitor.waitBeforeCalling(), "the next caller probes");
        assertFalse(monitor.current().up(), "still down until a probe gets an answer");
    }

    @Test
    void abandoningWhileUpChangesNothing() {
        monitor.probeAbandoned();
        assertTrue(monitor.current().up());
        assertEquals(Optional.empty(), monitor.waitBeforeCalling());
    }
}
