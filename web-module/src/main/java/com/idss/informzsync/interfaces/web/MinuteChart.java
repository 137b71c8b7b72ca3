package com.idss.informzsync.interfaces.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One value per minute as an SVG line chart, drawn on the server: a title with the latest value and
 * the peak, a y axis from 0 to a round maximum, an x axis in hours (UTC). Minutes without a value
 * (negative) break the line. Only numbers and fixed words go into the SVG: nothing to escape.
 */
final class MinuteChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 150;
    private static final int LEFT = 46;
    private static final int RIGHT = 8;
    private static final int TOP = 8;
    private static final int BOTTOM = 22;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MinuteChart() {
    }

    /**
     * @param id        the SVG element's id
     * @param label     what is drawn, for people and screen readers
     * @param unit      after each number ("calls", "s")
     * @param values    oldest first, one per minute from {@code firstMinute}; negative where unknown
     * @param cssClass  the line's colour, from the stylesheet
     */
    static String svg(String id, String label, String unit, long[] values, Instant firstMinute, String cssClass) {
        long peak = 0;
        long latest = -1;
        for (long value : values) {
            peak = Math.max(peak, value);
            latest = value >= 0 ? value : latest;
        }
        long top = roundUp(peak);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(8_192);
        svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" aria-label=\"").append(label).append(": now ").append(Math.max(latest, 0)).append(' ').append(unit)
                .append(", peak ").append(peak).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        // Grid at 0, half and the top; the half labelled only when it is a whole number.
        for (int i = 0; i <= 2; i++) {
            double y = TOP + plotHeight - plotHeight * i / 2;
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    LEFT, y, WIDTH - RIGHT, y));
            if (i != 1 || top % 2 == 0) {
                svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>",
                        LEFT - 6, y + 4, top * i / 2));
            }
        }
        // x labels every 3 hours, on the hour.
        Instant end = firstMinute.plus(Duration.ofMinutes(values.length));
        Instant tick = firstMinute.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        for (; !tick.isAfter(end); tick = tick.plus(Duration.ofHours(1))) {
            if (tick.atOffset(ZoneOffset.UTC).getHour() % 3 != 0) {
                continue;
            }
            double x = LEFT + plotWidth * Duration.between(firstMinute, tick).toMinutes() / values.length;
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x, HEIGHT - 6, HOUR.format(tick)));
        }
        // The line, broken where a minute has no value.
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                flush(svg, points, cssClass);
                continue;
            }
            double x = LEFT + plotWidth * (i + 0.5) / values.length;
            double y = TOP + plotHeight - (top == 0 ? 0 : plotHeight * values[i] / top);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        flush(svg, points, cssClass);
        return svg.append("</svg>").toString();
    }

    private static void flush(StringBuilder svg, StringBuilder points, String cssClass) {
        if (points.length() > 0) {
            svg.append("<polyline class=\"").append(cssClass).append("\" points=\"").append(points.toString().strip()).append("\"/>");
            points.setLength(0);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least the peak (and at least 1, so an idle day has an axis). */
    static long roundUp(long peak) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (factor * step >= peak && factor * step >= 1) {
                    return factor * step;
                }
            }
            step *= 10;
        }
    }
}
