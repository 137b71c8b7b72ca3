package com.idss.informzsync.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The Informz simulator's admin API (docs/informz-simulator.md), for arranging Informz-side facts. */
final class SimulatorAdmin {

    private static final String ADMIN = System.getProperty("informz.simulator.admin", "http://127.0.0.1:18089/admin/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimulatorAdmin() {
    }

    static void createInterest(String name) {
        post("interests?name=" + encoded(name));
    }

    /** The next {@code count} SOAP calls answer with this Informz fault. */
    static void failNextCalls(int count, String faultCode) {
        post("faults?type=soap-fault&count=" + count + "&code=" + encoded(faultCode));
    }

    private static void post(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ADMIN + path))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("simulator admin " + path + ": HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Informz simulator is not reachable at " + ADMIN, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
