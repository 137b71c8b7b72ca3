package com.idss.informzsync.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The most recent calls, newest last, with passwords already redacted so the log can be shown anywhere. */
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

    private static final Pattern PASSWORD = Pattern.compile(
            "(<(?:[\\w.-]+:)?Password(?:\\s[^>]*)?>)(.*?)(</(?:[\\w.-]+:)?Password\\s*>)", Pattern.DOTALL);
    private static final Pattern ESCAPED_PASSWORD = Pattern.compile(
            "(&lt;(?:[\\w.-]+:)?Password(?:\\s.*?)?&gt;)(.*?)(&lt;/(?:[\\w.-]+:)?Password\\s*&gt;)", Pattern.DOTALL);

    private final int capacity;
    private final ArrayDeque<Call> calls = new ArrayDeque<>();
    private long recorded;

    CallLog(int capacity) {
        this.capacity = capacity;
    }

    /** Replaces the text of every Password element, raw or XML-escaped, by {@code ***}. */
    public static String redact(String document) {
        if (document == null) {
            return null;
        }
        String raw = PASSWORD.matcher(document).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***" + m.group(3)));
        return ESCAPED_PASSWORD.matcher(raw).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***" + m.group(3)));
    }

    synchronized void add(Call call) {
        if (calls.size() >= capacity) {
            calls.removeFirst();
        }
        calls.addLast(call);
        recorded++;
    }

    /** How many calls were recorded since the start or the last reset, including those no longer kept. */
    synchronized long recorded() {
        return recorded;
    }

    public synchronized List<Call> snapshot() {
        return new ArrayList<>(calls);
    }

    synchronized void clear() {
        calls.clear();
        recorded = 0;
    }
}
