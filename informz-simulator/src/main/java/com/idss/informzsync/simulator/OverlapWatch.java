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
import java.util.regex.Pattern;

/**
 * Sees whether two calls naming the same subscriber were ever in progress at once, from the moment
 * a request is read until its answer is sent. The integration promises one writer per contact, on
 * however many server nodes: a second writer shows here, whatever the final state looks like.
 */
final class OverlapWatch {

    /**
     * Subscribers are named by the Email that opens each Subscriber element (Subscribe, Opt-out,
     * Unsubscribe): the text this expression captures. It is written out as a scanner below, because
     * every request is searched with it (a tenth of the simulator's CPU in a 100,000-contact sync as a
     * regular expression); a test holds the two to the same answers.
     */
    static final Pattern SUBSCRIBER_EMAIL = Pattern.compile(
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
        if (document == null) {
            return emails;
        }
        int from = 0; // where the next match may start: after the '<' that ended the last one
        for (int name = document.indexOf(SUBSCRIBER); name >= 0; name = document.indexOf(SUBSCRIBER, name + 1)) {
            int tagStart = tagStart(document, name);
            if (tagStart < from) {
                continue;
            }
            int afterTag = tagEnd(document, name + SUBSCRIBER.length());
            if (afterTag < 0) {
                continue;
            }
            int emailTag = afterTag;
            while (emailTag < document.length() && isRegexSpace(document.charAt(emailTag))) {
                emailTag++;
            }
            int emailName = emailTag < document.length() && document.charAt(emailTag) == '<'
                    ? elementName(document, emailTag + 1, EMAIL) : -1;
            int textStart = emailName < 0 ? -1 : tagEnd(document, emailName + EMAIL.length());
            int textEnd = textStart < 0 ? -1 : document.indexOf('<', textStart);
            if (textEnd < 0) {
                continue;
            }
            emails.add(document.substring(textStart, textEnd).trim().toLowerCase(Locale.ROOT));
            from = textEnd + 1;
            name = textEnd;
        }
        return emails;
    }

    private static final String SUBSCRIBER = "Subscriber";
    private static final String EMAIL = "Email";

    /** Where the tag naming the element at {@code name} opens: its '<', before an optional prefix; -1 if none. */
    private static int tagStart(String document, int name) {
        int at = name - 1;
        if (at >= 0 && document.charAt(at) == '<') {
            return at;
        }
        if (at < 0 || document.charAt(at) != ':') {
            return -1;
        }
        int prefix = at - 1;
        while (prefix >= 0 && isPrefixChar(document.charAt(prefix))) {
            prefix--;
        }
        return prefix < at - 1 && prefix >= 0 && document.charAt(prefix) == '<' ? prefix : -1;
    }

    /**
     * Where the element's name starts after '<' at {@code from} (an optional prefix before it); -1 if it
     * is not {@code name}. A prefix is tried first, as the expression's greedy group does: with one
     * ({@code <Email:Email>}) the name without it could not end its tag.
     */
    private static int elementName(String document, int from, String name) {
        int colon = from;
        while (colon < document.length() && isPrefixChar(document.charAt(colon))) {
            colon++;
        }
        if (colon > from && colon < document.length() && document.charAt(colon) == ':' && document.startsWith(name, colon + 1)) {
            return colon + 1;
        }
        return document.startsWith(name, from) ? from : -1;
    }

    /** After an element's name: '>' or white space, attributes and '>'; the index after '>', or -1. */
    private static int tagEnd(String document, int afterName) {
        if (afterName >= document.length()) {
            return -1;
        }
        char next = document.charAt(afterName);
        if (next == '>') {
            return afterName + 1;
        }
        if (!isRegexSpace(next)) {
            return -1;
        }
        int close = document.indexOf('>', afterName);
        return close < 0 ? -1 : close + 1;
    }

    /** {@code [\w.-]}. */
    private static boolean isPrefixChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    /** {@code \s}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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
