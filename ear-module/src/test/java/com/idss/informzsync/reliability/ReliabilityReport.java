package com.idss.informzsync.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * One row per scenario in {@code reliability-results.md} (the path is the system property
 * {@code reliability.report}; the build sets it for the server and for the client-side tests), and
 * the same line on standard output. Rows are appended: in-container and client-side scenarios write
 * to one table.
 */
public final class ReliabilityReport {

    static final String HEADER = "| scenario | sent | applied | lost | duplicated effects | time to converge | verdict |\n"
            + "|---|---|---|---|---|---|---|\n";

    private ReliabilityReport() {
    }

    /**
     * @param sent       changes (or messages) the scenario made and had committed or accepted
     * @param applied    of those, how many Informz (or the inbox) shows applied
     * @param duplicated effects that happened twice in a way that matters (two subscriber records for one address, a message applied twice)
     * @param converge   from the end of the fault (or the last change) until everything was in place
     */
    public static synchronized void row(String scenario, long sent, long applied, long duplicated, Duration converge,
            boolean holds) {
        long lost = sent - applied;
        String line = String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %.1f s | %s |%n", scenario, sent, applied,
                lost, duplicated, converge.toMillis() / 1000.0, holds && lost == 0 && duplicated == 0 ? "holds" : "FAILS");
        System.out.print("RELIABILITY " + line);
        String report = System.getProperty("reliability.report");
        if (report == null || report.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(report);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) {
                Files.writeString(file, "# Reliability suite results\n\n" + HEADER, StandardCharsets.UTF_8);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A size or duration of a scenario: short defaults for CI, the build's reliability profile sets the full ones. */
    public static int setting(String name, int shortDefault) {
        return Integer.getInteger("reliability." + name, shortDefault);
    }
}
