package com.idss.informzsync.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The most recent calls, newest last. Passwords are redacted before anyone reads a call, so the log
 * can be shown anywhere; each document is redacted once, when the log is first read after it came,
 * rather than on the request's path (two scans of every 100 KB Subscribe, most never read).
 */
public final class CallLog {

    /** One SOAP call as the simulator saw it. */
    public record Call(Instant time, String operation, String requestDocument, String outcome, long durationMicros) {

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("time", time);
            map.put("operation", operation);
            map.put("outcome", outcome);
            map.put("durationMicros", durationMicros);
            map.put("request", requestDocument);
            return map;
        }
    }

    /*
     * Both start with the literal element name, so the regex engine skips ahead to each occurrence
     * (Boyer-Moore) instead of trying every '<' of a 100 KB Subscribe document; whether the name
     * opens a tag is checked afterwards ({@link #opensTag}).
     */
    private static final Pattern PASSWORD = Pattern.compile(
            "Password(?:\\s[^>]*)?>(.*?)</(?:[\\w.-]+:)?Password\\s*>", Pattern.DOTALL);
    private static final Pattern ESCAPED_PASSWORD = Pattern.compile(
            "Password(?:\\s.*?)?&gt;(.*?)&lt;/(?:[\\w.-]+:)?Password\\s*&gt;", Pattern.DOTALL);

    /** A call as kept: its document as sent until the log is read, redacted from then on. */
    private static final class Entry {
        Call call;
        boolean redacted;

        Entry(Call call) {
            this.call = call;
        }

        Call redactedCall() {
            if (!redacted) {
                call = new Call(call.time(), call.operation(), redact(call.requestDocument()), call.outcome(), call.durationMicros());
                redacted = true;
            }
            return call;
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> calls = new ArrayDeque<>();
    private long recorded;

    CallLog(int capacity) {
        this.capacity = capacity;
    }

    /** Replaces the text of every Password element, raw or XML-escaped, by {@code ***}. */
    public static String redact(String document) {
        if (document == null) {
            return null;
        }
        return blankValues(blankValues(document, PASSWORD, "<"), ESCAPED_PASSWORD, "&lt;");
    }

    private static String blankValues(String document, Pattern element, String tagOpener) {
        Matcher match = element.matcher(document);
        StringBuilder redacted = null;
        int copied = 0;
        int from = 0;
        while (match.find(from)) {
            if (!opensTag(document, match.start(), tagOpener)) {
                from = match.start() + 1; // the word in text, or a longer name: look further
                continue;
            }
            if (redacted == null) {
                redacted = new StringBuilder(document.length());
            }
            redacted.append(document, copied, match.start(1)).append("***");
            copied = match.end(1);
            from = match.end();
        }
        return redacted == null ? document : redacted.append(document, copied, document.length()).toString();
    }

    /** Whether the name at {@code at} follows the tag opener, directly or after a namespace prefix. */
    private static boolean opensTag(String document, int at, String tagOpener) {
        int nameStart = at;
        if (nameStart > 0 && document.charAt(nameStart - 1) == ':') {
            nameStart--;
            while (nameStart > 0 && isNameChar(document.charAt(nameStart - 1))) {
                nameStart--;
            }
        }
        return document.startsWith(tagOpener, nameStart - tagOpener.length());
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /** @param call as the simulator saw it, its document not yet redacted */
    synchronized void add(Call call) {
        if (calls.size() >= capacity) {
            calls.removeFirst();
        }
        calls.addLast(new Entry(call));
        recorded++;
    }

    /** How many calls were recorded since the start or the last reset, including those no longer kept. */
    synchronized long recorded() {
        return recorded;
    }

    public synchronized List<Call> snapshot() {
        List<Call> snapshot = new ArrayList<>(calls.size());
        for (Entry entry : calls) {
            snapshot.add(entry.redactedCall());
        }
        return snapshot;
    }

    synchronized void clear() {
        calls.clear();
        recorded = 0;
    }
}
