package com.idss.informzsync.simulator;

import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Rerunnable throughput check: {@code java -cp informz-simulator.jar com.idss.informzsync.simulator.SimulatorBenchmark
 * [threads] [seconds]}. Starts an in-process simulator, seeds 1,000 subscribers, then measures small GridRequests
 * per second, 1,000-subscriber Subscribe documents per second and 1,000-row grid pages per second.
 */
public final class SimulatorBenchmark {

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SimulatorConfig config = SimulatorConfig.defaults().callLogCapacity(1_000);
        try (InformzSimulator simulator = InformzSimulator.start(config)) {
            simulator.createInterest("Bench");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(threads)).build();
            String thousand = envelope(subscribeDocument(config, 1_000, 0));
            check(post(http, simulator.endpoint(), thousand));
            String smallGrid = envelope(gridDocument(config, "Count", null));
            String pageGrid = envelope(gridDocument(config, "email", 1_000));
            // Warm-up so the JIT has compiled the hot paths before anything is measured.
            run(http, simulator.endpoint(), smallGrid, threads, 3);
            report("small GridRequest (Count over 1,000 subscribers)", threads,
                    run(http, simulator.endpoint(), smallGrid, threads, seconds), seconds);
            report("GridRequest returning 1,000 rows", threads,
                    run(http, simulator.endpoint(), pageGrid, threads, seconds), seconds);
            report("Subscribe with 1,000 subscribers", threads,
                    run(http, simulator.endpoint(), thousand, threads, seconds), seconds);
        }
        System.exit(0);
    }

    private static void report(String what, int threads, long calls, int seconds) {
        System.out.printf("%-52s %6d calls in %ds with %d threads = %8.1f calls/s%n", what, calls, seconds, threads,
                calls / (double) seconds);
    }

    private static long run(HttpClient http, URI endpoint, String body, int threads, int seconds) throws Exception {
        AtomicLong calls = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    check(post(http, endpoint, body));
                    calls.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return calls.get();
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI endpoint, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void header(XMLStreamWriter w, SimulatorConfig config) throws XMLStreamException {
        w.writeStartElement("Brand");
        w.writeAttribute("id", config.brandId());
        w.writeCharacters(config.brandName());
        w.writeEndElement();
        element(w, "User", config.user());
        element(w, "Password", config.password());
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static String subscribeDocument(SimulatorConfig config, int subscribers, int offset) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = Xml.writer(out);
        w.writeStartElement("ActionRequest");
        w.writeDefaultNamespace(Xml.AAPI_NS);
        header(w, config);
        w.writeStartElement("Actions");
        w.writeStartElement("Subscribe");
        w.writeStartElement("InterestDetails");
        w.writeStartElement("InterestNames");
        element(w, "InterestName", "Bench");
        w.writeEndElement();
        element(w, "InterestAction", "AddOrUpdateSubscribers");
        w.writeEndElement();
        w.writeStartElement("SubscriberData");
        w.writeStartElement("Subscribers");
        for (int i = 1; i <= subscribers; i++) {
            w.writeStartElement("Subscriber");
            element(w, "Email", "bench" + (offset + i) + "@example.org");
            element(w, "ID", Integer.toString(offset + i));
            w.writeEndElement();
        }
        w.writeEndDocument();
        w.close();
        return out.toString();
    }

    private static String gridDocument(SimulatorConfig config, String field, Integer rows) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = Xml.writer(out);
        w.writeStartElement("GridRequest");
        w.writeDefaultNamespace(Xml.AAPI_NS);
        header(w, config);
        w.writeStartElement("Grids");
        w.writeStartElement("Grid");
        w.writeAttribute("type", "subscriber");
        w.writeStartElement("ReturnFields");
        element(w, "DataElement", field);
        w.writeEndElement();
        if (rows != null) {
            element(w, "NumberOfRows", rows.toString());
        }
        w.writeEndDocument();
        w.close();
        return out.toString();
    }

    private static String envelope(String document) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter w = Xml.writer(out);
        w.writeStartElement("s", "Envelope", Xml.SOAP_NS);
        w.writeNamespace("s", Xml.SOAP_NS);
        w.writeStartElement("s", "Body", Xml.SOAP_NS);
        w.writeStartElement("PostInformzMessage");
        w.writeDefaultNamespace(Xml.AAPI_NS);
        element(w, "x", document);
        w.writeEndDocument();
        w.close();
        return out.toString();
    }
}
