package com.idss.informzsync.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The two-node topology as the tests drive it: every start, kill and restart goes through
 * {@code cluster.sh}, so the tests run what operators run. Reads what an operator would check after a
 * crash: each node's transaction log (after asking its recovery manager for a scan) and the broker's
 * prepared transactions.
 */
final class ClusterTopology {

    static final String HOST = "127.0.0.1";
    static final int BROKER_PORT = 61616;
    private static final int PORT_OFFSET_STEP = 100;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Path script;
    private final Path clusterDir;
    private final Map<String, String> environment;
    private final Path wildflyHome;
    private final HttpClient http = HttpClient.newHttpClient();

    ClusterTopology(Path ear) {
        this.script = Path.of(System.getProperty("cluster.script")).toAbsolutePath();
        this.clusterDir = Path.of(System.getProperty("cluster.dir")).toAbsolutePath();
        this.wildflyHome = Path.of(System.getProperty("reliability.wildfly.home")).toAbsolutePath();
        this.environment = Map.of(
                "WILDFLY_HOME", wildflyHome.toString(),
                "ARTEMIS_HOME", System.getProperty("cluster.artemis.home"),
                "IDSS_CLUSTER_DIR", clusterDir.toString(),
                "IDSS_EAR", ear.toString(),
                // The build runs the simulator for all integration tests: the cluster uses it.
                "IDSS_START_SIMULATOR", "false",
                "IDSS_NODE_JVM_ARGS", System.getProperty("cluster.node.jvm.args", ""));
    }

    /** A fresh topology: new broker data, new nodes, an empty schema. */
    void startFresh() {
        run(Map.of("IDSS_FRESH", "true"), "start");
    }

    void stop() {
        run(Map.of(), "stop");
    }

    void killNode(int node) {
        run(Map.of(), "kill-node", String.valueOf(node));
    }

    /** Starts the node again with its identity and waits until the application is deployed. */
    void startNode(int node) {
        run(Map.of(), "start-node", String.valueOf(node));
    }

    void killBroker() {
        run(Map.of(), "kill-broker");
    }

    void startBroker() {
        run(Map.of(), "start-broker");
    }

    static int httpPort(int node) {
        return 8080 + node * PORT_OFFSET_STEP;
    }

    private static int managementPort(int node) {
        return 9990 + node * PORT_OFFSET_STEP;
    }

    private static int recoveryListenerPort(int node) {
        return 4712 + node * PORT_OFFSET_STEP;
    }

    String secret(String name) {
        try {
            return Files.readString(clusterDir.resolve("secrets").resolve(name)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the probe web module on each node --------------------------------------------------------

    JsonObject get(int node, String pathAndQuery) {
        return call(node, HttpRequest.newBuilder(probeUri(node, pathAndQuery)).timeout(Duration.ofMinutes(3)).GET().build());
    }

    JsonObject post(int node, String pathAndQuery) {
        return call(node, HttpRequest.newBuilder(probeUri(node, pathAndQuery)).timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A console save, saved again when it meets a concurrent change (as staff would, on a refusal). */
    JsonObject postAsStaff(int node, String pathAndQuery) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return post(node, pathAndQuery);
            } catch (RuntimeException refused) {
                last = refused;
            }
        }
        throw last;
    }

    private static URI probeUri(int node, String pathAndQuery) {
        return URI.create("http://" + HOST + ":" + httpPort(node) + "/inbox-probe/probe/" + pathAndQuery);
    }

    private JsonObject call(int node, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("node " + node + " " + request.uri() + ": HTTP " + response.statusCode());
            }
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- what is left in doubt -------------------------------------------------------------------

    /**
     * The transactions the node's log still holds, after its recovery manager finished a scan (asked
     * for on the recovery listener, so nobody waits for the next periodic pass).
     */
    List<String> transactionsInLog(int node) {
        try (Socket socket = new Socket(HOST, recoveryListenerPort(node))) {
            socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(2));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("SCAN\n");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("DONE", answer, "node " + node + "'s recovery scan");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String output = run(wildflyHome.resolve("bin/jboss-cli.sh").toString(), Map.of(), "--connect",
                "--controller=remote+http://" + HOST + ":" + managementPort(node),
                "--commands=/subsystem=transactions/log-store=log-store:probe,"
                        + "/subsystem=transactions/log-store=log-store:read-children-names(child-type=transactions)");
        String names = output.substring(output.lastIndexOf("\"result\" =>") + "\"result\" =>".length()).trim();
        List<String> transactions = new ArrayList<>();
        for (String name : names.replaceAll("[\\[\\]{}\"]", " ").split("[,\\s]+")) {
            if (!name.isBlank()) {
                transactions.add(name);
            }
        }
        return transactions;
    }

    /** XA branches the broker holds prepared, waiting for a transaction manager's decision. */
    List<String> brokerPreparedTransactions() {
        List<String> prepared = new ArrayList<>();
        flatten(askBroker(request -> JMSManagementHelper.putOperationInvocation(request, "broker", "listPreparedTransactions")),
                prepared);
        return prepared;
    }

    /** Consumers the broker has on the queue: the nodes' MDB sessions, and any taking waiting messages for a batch. */
    long brokerQueueConsumers(String queue) {
        return ((Number) askBroker(request -> JMSManagementHelper.putAttribute(request, "queue." + queue, "consumerCount")))
                .longValue();
    }

    /** Messages on the queue, waiting or being delivered. */
    long brokerQueueDepth(String queue) {
        return ((Number) askBroker(request -> JMSManagementHelper.putAttribute(request, "queue." + queue, "messageCount")))
                .longValue();
    }

    private interface ManagementRequest {
        void fill(Message request) throws Exception;
    }

    /** One management request to the broker, as an operator's tool would send it. */
    private Object askBroker(ManagementRequest what) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://" + HOST + ":" + BROKER_PORT);
                JMSContext context = factory.createContext("idss-node", secret("broker-password"))) {
            Queue management = context.createQueue("activemq.management");
            TemporaryQueue replies = context.createTemporaryQueue();
            Message request = context.createMessage();
            what.fill(request);
            request.setJMSReplyTo(replies);
            try (JMSConsumer consumer = context.createConsumer(replies)) {
                context.createProducer().send(management, request);
                Message reply = consumer.receive(TimeUnit.SECONDS.toMillis(30));
                if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                    throw new IllegalStateException("the broker refused the management request: " + reply);
                }
                return JMSManagementHelper.getResult(reply);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not ask the broker", e);
        }
    }

    private static void flatten(Object result, List<String> into) {
        if (result instanceof Object[] array) {
            Arrays.stream(array).forEach(element -> flatten(element, into));
        } else if (result != null) {
            into.add(String.valueOf(result));
        }
    }

    // --- processes -----------------------------------------------------------------------------

    private String run(Map<String, String> extraEnvironment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        return run(command.get(0), extraEnvironment, command.subList(1, command.size()).toArray(String[]::new));
    }

    private String run(String executable, Map<String, String> extraEnvironment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
