package com.idss.informzsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sees whether two calls naming the same subscriber were ever in progress at once, from the moment
 * a request is read until its answer is sent. The integration promises one writer per contact, on
 * however many server nodes: a second writer shows here, whatever the final state looks like.
 */
final class OverlapWatch {

    /** Subscribers are named by the Email that opens each Subscriber element (Subscribe, Opt-out, Unsubscribe). */
    private static final Pattern SUBSCRIBER_EMAIL = Pattern.compile(
            "<(?:[\\w.-]+:)?Subscriber(?:\\s[^>]*)?>\\s*<(?:[\\w.-]+:)?Email(?:\\s[^>]*)?>([^<]*)<");
    private static final int SAMPLES_KEPT = 100;

    /** Two calls about one subscriber, the second starting while the first was in progress. */
    record Overlap(Instant at, String email, String operation) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("at", at);
            map.put("email", email);
            map.put("operation", operation);
            return map;
        }
    }

    private final Map<String, Integer> inProgress = new HashMap<>();
    private final List<Overlap> samples = new ArrayList<>();
    private long overlaps;

    static Set<String> subscribersNamedIn(String document) {
        Set<String> emails = new TreeSet<>();
        if (document != null) {
            Matcher match = SUBSCRIBER_EMAIL.matcher(document);
            while (match.find()) {
                emails.add(match.group(1).trim().toLowerCase(Locale.ROOT));
            }
        }
        return emails;
    }

    /** A call about these subscribers starts; {@link #ended} must follow. */
    synchronized void started(Set<String> emails, String operation) {
        for (String email : emails) {
            int before = inProgress.merge(email, 1, Integer::sum) - 1;
            if (before > 0) {
                overlaps++;
                if (samples.size() < SAMPLES_KEPT) {
                    samples.add(new Overlap(Instant.now(), email, operation));
                }
            }
        }
    }

    synchronized void ended(Set<String> emails) {
        for (String email : emails) {
            inProgress.computeIfPresent(email, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    synchronized Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("count", overlaps);
        report.put("samples", samples.stream().map(Overlap::toMap).toList());
        return report;
    }

    synchronized void clear() {
        samples.clear();
        overlaps = 0;
    }
}
