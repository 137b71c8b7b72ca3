package com.idss.informzsync.application.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.sync.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncBacklogTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void theLagIsHowLongTheOldestWaitingChangeHasWaited() {
        SyncBacklog backlog = new SyncBacklog(Map.of(SyncState.PENDING, 3L), NOW.minusSeconds(90), NOW);
        assertEquals(Duration.ofSeconds(90), backlog.lag());
        assertEquals(3, backlog.count(SyncState.PENDING));
        assertEquals(0, backlog.count(SyncState.RETRYING));
    }

    @Test
    void nothingWaitingIsNoLag() {
        assertEquals(Duration.ZERO, new SyncBacklog(Map.of(), null, NOW).lag());
    }

    @Test
    void aMessageStampedByAClockAheadOfOursIsNoLagRatherThanANegativeOne() {
        assertEquals(Duration.ZERO, new SyncBacklog(Map.of(), NOW.plusMillis(5), NOW).lag());
    }

    @Test
    void theOldestOfTheSourcesCountsWhicheverIsUnknown() {
        assertEquals(NOW.minusSeconds(5), SyncBacklog.earlier(NOW, NOW.minusSeconds(5)));
        assertEquals(NOW, SyncBacklog.earlier(null, NOW));
        assertEquals(NOW, SyncBacklog.earlier(NOW, null));
    }

    @Test
    void aReportIsUpOnlyWhenEveryCheckIs() {
        HealthReport.Check up = new HealthReport.Check("a", true, Map.of());
        HealthReport.Check down = new HealthReport.Check("b", false, Map.of());
        assertTrue(new HealthReport(List.of(up, up)).up());
        assertFalse(new HealthReport(List.of(up, down)).up());
    }
}
