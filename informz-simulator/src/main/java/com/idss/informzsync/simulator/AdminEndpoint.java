package com.idss.informzsync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON admin API for tests and demos; parameters travel in the query string so no JSON parser is needed. */
final class AdminEndpoint implements HttpHandler {

    static final String PATH = "/admin/";

    private final InformzSimulator simulator;

    AdminEndpoint(InformzSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String route = exchange.getRequestURI().getPath().substring(PATH.length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            boolean post = "POST".equalsIgnoreCase(exchange.getRequestMethod());
            Object answer;
            try {
                answer = route(route, post, query);
            } catch (IllegalArgumentException e) {
                reply(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
                return;
            }
            if (answer == null) {
                reply(exchange, 404, Map.of("error", "no such admin endpoint: " + exchange.getRequestMethod() + " " + route));
            } else {
                reply(exchange, 200, answer);
            }
        }
    }

    private Object route(String route, boolean post, Map<String, String> query) {
        switch (route) {
            case "health" -> {
                return Map.of("status", "up");
            }
            case "state" -> {
                return post ? null : simulator.state(query.get("email"), query.get("interest"));
            }
            case "members" -> {
                if (post) {
                    return null;
                }
                List<String> emails = simulator.activeMembersOf(required(query, "interest"));
                return Map.of("count", emails.size(), "emails", emails);
            }
            case "overlaps" -> {
                return post ? null : simulator.overlaps();
            }
            case "drift" -> {
                return post ? simulator.seedDrift(Double.parseDouble(required(query, "fraction"))) : simulator.driftRemaining();
            }
            case "call-count" -> {
                return post ? null : Map.of("count", simulator.callCount());
            }
            case "calls" -> {
                if (post) {
                    return null;
                }
                String match = query.get("match");
                List<CallLog.Call> calls = match == null ? simulator.calls()
                        : simulator.calls().stream().filter(c -> c.requestDocument() != null && c.requestDocument().contains(match)).toList();
                int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
                List<Object> result = new ArrayList<>();
                for (CallLog.Call call : calls.subList(Math.max(0, calls.size() - limit), calls.size())) {
                    result.add(call.toMap());
                }
                return result;
            }
            default -> {
                if (!post) {
                    return null;
                }
            }
        }
        switch (route) {
            case "reset" -> simulator.reset();
            case "unknown-interest-mode" -> simulator.unknownInterestMode(UnknownInterestMode.parse(required(query, "mode")));
            case "interests" -> simulator.createInterest(required(query, "name"));
            case "bulk-upload-delay" -> simulator.bulkUploadDelay(Duration.ofMillis(Long.parseLong(required(query, "millis"))));
            case "caller-ip" -> simulator.callerIpAllowed(Boolean.parseBoolean(required(query, "allowed")));
            case "faults" -> simulator.faults().plan(injection(query), Integer.parseInt(query.getOrDefault("count", "1")));
            case "random-faults" -> simulator.faults().random(Double.parseDouble(required(query, "rate")), randomInjections(query));
            case "clear-faults" -> simulator.faults().clear();
            case "preference-page" -> {
                InformzSimulator.PreferenceChoice choice = InformzSimulator.PreferenceChoice.valueOf(
                        required(query, "choice").toUpperCase(Locale.ROOT).replace('-', '_'));
                return Map.of("changed", simulator.preferencePage(required(query, "email"), query.get("interest"), choice,
                        query.get("reason")));
            }
            default -> {
                return null;
            }
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("ok", true);
        ok.put("pendingFaults", simulator.faults().pending());
        ok.put("unknownInterestMode", simulator.unknownInterestMode());
        return ok;
    }

    private FaultInjector.Injection injection(Map<String, String> query) {
        FaultType type = FaultType.parse(required(query, "type"));
        String delay = query.get("delayMillis");
        FaultInjector.Injection injection = simulator.injection(type, query.getOrDefault("code", "SystemException"),
                delay == null ? null : Duration.ofMillis(Long.parseLong(delay)));
        String match = query.get("match");
        return match == null ? injection
                : new FaultInjector.Injection(injection.type(), injection.code(), injection.delay(), match);
    }

    /** {@code type} may list several kinds, comma-separated: each random failure picks one of them. */
    private List<FaultInjector.Injection> randomInjections(Map<String, String> query) {
        List<FaultInjector.Injection> injections = new ArrayList<>();
        for (String type : required(query, "type").split(",")) {
            Map<String, String> single = new HashMap<>(query);
            single.put("type", type);
            injections.add(injection(single));
        }
        return injections;
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required");
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        SoapEndpoint.send(exchange, status, "application/json; charset=utf-8", Json.write(body));
    }
}
