package com.idss.informzsync.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MinuteChartTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-12-05T00:00:00Z");

    @Test
    void theAxisEndsAtARoundNumberAtLeastThePeak() {
        assertEquals(1, MinuteChart.roundUp(0));
        assertEquals(1, MinuteChart.roundUp(1));
        assertEquals(5, MinuteChart.roundUp(3));
        assertEquals(10, MinuteChart.roundUp(7));
        assertEquals(200, MinuteChart.roundUp(101));
        assertEquals(5_000, MinuteChart.roundUp(4_999));
    }

    @Test
    void thePeakTouchesTheTopAndZeroTheBottom() {
        String svg = MinuteChart.svg("c", "Calls", "calls", new long[] {0, 10, 5}, MIDNIGHT, "line");
        Matcher points = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
        assertTrue(points.find(), svg);
        String[] xy = points.group(1).split(" ");
        assertEquals(3, xy.length);
        double bottom = y(xy[0]);
        double top = y(xy[1]);
        assertEquals(MinuteChart.HEIGHT - 22, bottom, 0.01, "zero on the x axis");
        assertEquals(8, top, 0.01, "the peak (10, a round top) at the top");
        assertEquals((bottom + top) / 2, y(xy[2]), 0.01, "half the peak half-way");
        assertTrue(svg.contains("aria-label=\"Calls: now 5 calls, peak 10\""), svg);
    }

    @Test
    void minutesWithoutAValueBreakTheLine() {
        String svg = MinuteChart.svg("lag", "Lag", "s", new long[] {1, -1, 2, 3}, MIDNIGHT, "line");
        assertEquals(2, svg.split("<polyline").length - 1, svg);
    }

    @Test
    void hoursAreLabelledEveryThreeHoursInUtc() {
        String svg = MinuteChart.svg("c", "Calls", "calls", new long[24 * 60], MIDNIGHT, "line");
        for (String hour : new String[] {"03:00", "06:00", "12:00", "21:00"}) {
            assertTrue(svg.contains(">" + hour + "<"), hour);
        }
        assertTrue(!svg.contains(">04:00<"), "only every third hour");
    }

    @Test
    void anAxisUpToOneHasNoHalfLabelThatWouldReadZero() {
        String svg = MinuteChart.svg("lag", "Lag", "s", new long[] {0, 1}, MIDNIGHT, "line");
        assertEquals(1, svg.split(">0</text>").length - 1, svg);
        assertTrue(svg.contains(">1</text>"), svg);
    }

    private static double y(String point) {
        return Double.parseDouble(point.split(",")[1]);
    }
}
