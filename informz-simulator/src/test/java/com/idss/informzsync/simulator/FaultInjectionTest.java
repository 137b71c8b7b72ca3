package com.idss.informzsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults the reliability suite relies on: a lost reply, and random faults of mixed kinds. */
class FaultInjectionTest {

    private static InformzSimulator simulator;
    private static RawAapi aapi;

    @BeforeAll
    static void start() {
        simulator = InformzSimulator.start(SimulatorConfig.defaults().bulkUploadDelay(Duration.ZERO)
                .timeoutHold(Duration.ofMillis(50)).slowDelay(Duration.ofMillis(10)));
        aapi = new RawAapi(simulator.endpoint());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
        simulator.createInterest("Members");
    }

    private static String subscribe(String email) {
        return RawAapi.action("<Subscribe><InterestDetails><InterestNames><InterestName>Members</InterestName></InterestNames>"
                + "<InterestAction>AddOrUpdateSubscribers</InterestAction></InterestDetails>"
                + "<SubscriberData><Subscribers><Subscriber><Email>" + email + "</Email></Subscriber></Subscribers>"
                + "</SubscriberData></Subscribe>");
    }

    @Test
    void aLostReplyAppliesTheRequestButTheCallerGetsNoAnswer() {
        simulator.injectFaults(FaultType.LOST_REPLY, 1);
        assertThrows(IOException.class, () -> aapi.post(subscribe("lost@example.org")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> subscribers = (List<Map<String, Object>>) simulator.state().get("subscribers");
        assertEquals(1, subscribers.size(), "the change was applied although no reply came");
        assertTrue(simulator.calls().get(simulator.calls().size() - 1).outcome().startsWith("injected lost reply"));
    }

    @Test
    void randomFaultsFromTheAdminApiMixTheListedKinds() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        simulator.adminUri() + "random-faults?rate=1&type=http-503,malformed,lost-reply,timeout,slow"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 60; i++) {
            try {
                RawAapi.Answer reply = aapi.post(subscribe("mix" + i + "@example.org"));
                seen.add(reply.status() == 503 ? "http-503" : reply.result() == null ? "malformed" : "slow");
            } catch (IOException noAnswer) {
                seen.add("dropped");
            }
        }
        assertEquals(Set.of("http-503", "malformed", "slow", "dropped"), seen);
        simulator.faults().clear();
        assertEquals(200, aapi.post(subscribe("calm@example.org")).status());
    }

    @Test
    void theJavaApiMixesKindsToo() throws Exception {
        simulator.injectRandomFaultMix(1.0, FaultType.HTTP_503, FaultType.MALFORMED);
        EnumSet<FaultType> seen = EnumSet.noneOf(FaultType.class);
        for (int i = 0; i < 40; i++) {
            seen.add(aapi.post(subscribe("java" + i + "@example.org")).status() == 503 ? FaultType.HTTP_503 : FaultType.MALFORMED);
        }
        assertEquals(EnumSet.of(FaultType.HTTP_503, FaultType.MALFORMED), seen);
    }
}
