package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class InformzConnectionMonitorTest {

    private final SyncCoalescerTest.MutableClock clock = new SyncCoalescerTest.MutableClock();
    private final InMemorySharedInformzConnection sharedRow = new InMemorySharedInformzConnection();
    private final InformzConnectionMonitor monitor = new InformzConnectionMonitor(clock, sharedRow.asNode("node-a"));

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
    void onlyTheProbeItselfCanAbandonIt() throws InterruptedException {
        monitor.failed("HTTP 503");
        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), monitor.waitBeforeCalling(), "the probe");

        // A sync let through while the connection was up ends, after it went down, without an answer.
        onAnotherThread(monitor::probeAbandoned);
        assertTrue(monitor.waitBeforeCalling().isPresent(), "the probe is still out: no second one");

        monitor.probeAbandoned();
        assertEquals(Optional.empty(), monitor.waitBeforeCalling(), "the probe's own end lets the next caller probe");
    }

    @Test
    void aFailureOfASyncLetThroughBeforeTheOutageKeepsTheProbeOut() throws InterruptedException {
        monitor.failed("HTTP 503");
        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), monitor.waitBeforeCalling(), "the probe");

        onAnotherThread(() -> monitor.failed("HTTP 503"));
        clock.advance(InformzConnectionMonitor.MAX_PROBE_INTERVAL);
        assertTrue(monitor.waitBeforeCalling().isPresent(), "one probe at a time, however long it takes");

        monitor.failed("HTTP 503");
        clock.advance(InformzConnectionMonitor.MAX_PROBE_INTERVAL);
        assertEquals(Optional.empty(), monitor.waitBeforeCalling(), "the probe failed: the next one goes when due");
    }

    private static void onAnotherThread(Runnable action) throws InterruptedException {
        Thread other = new Thread(action, "another sync");
        other.start();
        other.join();
    }

    @Test
    void abandoningWhileUpChangesNothing() {
        monitor.probeAbandoned();
        assertTrue(monitor.current().up());
        assertEquals(Optional.empty(), monitor.waitBeforeCalling());
    }

    // Several server nodes: each has its own monitor; they share one row.

    private final InformzConnectionMonitor nodeA = monitor;
    private final InformzConnectionMonitor nodeB = new InformzConnectionMonitor(clock, sharedRow.asNode("node-b"));

    @Test
    void oneNodeFindingInformzDownPausesTheOtherAndEitherMayBringItBack() {
        nodeA.adoptShared();
        nodeB.adoptShared();

        nodeA.failed("HTTP 503");
        assertFalse(sharedRow.connection().up(), "recorded for every node");
        assertEquals("HTTP 503", sharedRow.connection().reason());
        assertEquals("node-a", sharedRow.changedBy());
        assertEquals(Optional.empty(), nodeB.waitBeforeCalling(), "B calls until it adopts the record");

        clock.advance(Duration.ofMillis(400));
        nodeB.adoptShared();
        assertFalse(nodeB.current().up());
        assertEquals(nodeA.current(), nodeB.current(), "both consoles show the same since and reason");
        assertTrue(nodeB.waitBeforeCalling().isPresent(), "B is paused too");

        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), nodeB.waitBeforeCalling(), "B probes on its own schedule");
        nodeB.succeeded();
        assertTrue(sharedRow.connection().up(), "B's probe brings it back for every node");
        assertEquals("node-b", sharedRow.changedBy());
        assertFalse(nodeA.current().up(), "A is paused until it adopts the record");

        nodeA.adoptShared();
        assertTrue(nodeA.current().up());
        assertEquals(Optional.empty(), nodeA.waitBeforeCalling(), "A resumes");
        assertEquals(nodeB.current(), nodeA.current());
    }

    @Test
    void bothConsolesShowWhenItFirstWentDownAndTheLatestReason() {
        nodeA.failed("HTTP 503");
        var wentDown = nodeA.current().since();
        clock.advance(Duration.ofSeconds(3));
        nodeB.failed("Read timed out"); // before B adopted A's record

        assertEquals(wentDown, sharedRow.connection().since(), "down since A found it");
        assertEquals("Read timed out", sharedRow.connection().reason());
        assertEquals(sharedRow.connection(), nodeB.current(), "B shows the record at once");
        nodeA.adoptShared();
        assertEquals(sharedRow.connection(), nodeA.current());
    }

    @Test
    void adoptingTheSameRecordAgainChangesNothing() {
        nodeA.failed("HTTP 503");
        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), nodeA.waitBeforeCalling(), "A's probe is out");

        nodeA.adoptShared();
        assertTrue(nodeA.waitBeforeCalling().isPresent(), "still one probe at a time");
        nodeA.failed("HTTP 503");
        Duration backedOff = nodeA.waitBeforeCalling().orElseThrow();
        nodeA.adoptShared();
        assertEquals(backedOff, nodeA.waitBeforeCalling().orElseThrow(), "adopting keeps the node's probe schedule");
    }

    @Test
    void withoutTheDatabaseANodeGoesOnAloneAndRecordsItsChangeOnceItAnswers() {
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING && record.getMessage().startsWith("Could not")) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(InformzConnectionMonitor.class.getName());
        log.addHandler(handler);
        try {
            sharedRow.unavailable(true);
            nodeA.failed("HTTP 503");
            nodeA.adoptShared();
            nodeA.adoptShared();
            assertFalse(nodeA.current().up(), "A pauses on its own");
            assertTrue(nodeA.waitBeforeCalling().isPresent());
            assertTrue(sharedRow.connection().up(), "nothing recorded");
            assertEquals(1, warnings.size(), "one warning for the outage, not one per attempt");

            sharedRow.unavailable(false);
            nodeA.adoptShared();
            assertFalse(sharedRow.connection().up(), "A's change is recorded once the database answers");
            assertEquals("HTTP 503", sharedRow.connection().reason());
            nodeB.adoptShared();
            assertFalse(nodeB.current().up());
            assertEquals(1, warnings.size());
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void aProbeThatSucceedsWhileTheDatabaseIsDownIsRecordedLater() {
        nodeA.failed("HTTP 503");
        nodeB.adoptShared();
        sharedRow.unavailable(true);
        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), nodeB.waitBeforeCalling());
        nodeB.succeeded();
        assertTrue(nodeB.current().up(), "B resumes on its own");

        sharedRow.unavailable(false);
        nodeB.adoptShared();
        assertTrue(nodeB.current().up(), "the older down record does not pause B again");
        assertTrue(sharedRow.connection().up(), "B's change is recorded");
        nodeA.adoptShared();
        assertTrue(nodeA.current().up());
    }

    @Test
    void aNodeDownByItselfAdoptsANewerUpFromAnother() {
        nodeA.failed("HTTP 503");
        nodeB.adoptShared();
        clock.advance(InformzConnectionMonitor.MAX_PROBE_INTERVAL);
        assertEquals(Optional.empty(), nodeA.waitBeforeCalling(), "A's probe is out");
        assertEquals(Optional.empty(), nodeB.waitBeforeCalling(), "so is B's");
        nodeB.succeeded();
        nodeA.adoptShared();
        assertTrue(nodeA.current().up(), "A resumes before its own probe answers");
        nodeA.succeeded();
        assertTrue(sharedRow.connection().up());
        assertEquals("node-b", sharedRow.changedBy(), "nothing more to record");
    }

    @Test
    void aProbeFailingAgainForTheSameReasonRecordsNothing() {
        nodeA.failed("HTTP 503");
        int calls = sharedRow.calls();
        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        nodeA.waitBeforeCalling();
        nodeA.failed("HTTP 503");
        assertEquals(calls, sharedRow.calls());
    }
}
