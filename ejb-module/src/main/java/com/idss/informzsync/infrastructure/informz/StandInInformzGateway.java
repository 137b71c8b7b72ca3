package com.idss.informzsync.infrastructure.informz;

import com.idss.informzsync.application.sync.InformzGateway;
import com.idss.informzsync.application.sync.SyncMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Walking-skeleton gateway: posts the sync message to the configured endpoint and insists on a 2xx.
 * Replaced by the AAPI client once it exists.
 */
@ApplicationScoped
public class StandInInformzGateway implements InformzGateway {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void push(SyncMessage message) {
        String endpoint = System.getProperty("idss.informz.endpoint", "http://127.0.0.1:8080/idss-informz-sync/stand-in");
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message.toJson()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("stand-in endpoint answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + endpoint, e);
        }
    }
}
