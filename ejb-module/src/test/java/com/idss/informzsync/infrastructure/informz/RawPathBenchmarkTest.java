package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.idss.informzsync.simulator.InformzSimulator;
import com.idss.informzsync.simulator.SimulatorConfig;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The floor under a full list sync: the Informz client and the simulator alone (one JVM, loopback,
 * no server, no database), sending 100,000 subscribers in documents of 500 and reading their ids
 * back a thousand at a time. Opt-in, since it measures rather than checks:
 * {@code mvn -pl ejb-module -am test -Dtest=RawPathBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.raw-path=true}.
 */
@EnabledIfSystemProperty(named = "benchmark.raw-path", matches = "true")
class RawPathBenchmarkTest {

    private static final int SUBSCRIBERS = 100_000;
    private static final int BATCH = 500;
    private static final int ROUNDS = 3; // the first runs cold (class loading, JIT)

    @Test
    void subscribeAndReadBack() {
        try (InformzSimulator simulator = InformzSimulator.start(SimulatorConfig.defaults().password("raw-path")
                .bulkUploadDelay(Duration.ZERO))) {
            InformzClient client = new InformzClient(InformzSettings.builder().endpoint(simulator.endpoint())
                    .brand("4711", "Example Visitors Bureau").user("api_user").password("raw-path")
                    .readTimeout(Duration.ofSeconds(30)).build());
            for (int round = 1; round <= ROUNDS; round++) {
                String interest = "Raw path " + round;
                simulator.createInterest(interest);
                long started = System.nanoTime();
                long cpuAtStart = processCpuNanos();
                for (int from = 0; from < SUBSCRIBERS; from += BATCH) {
                    List<SubscriberRecord> batch = new ArrayList<>(BATCH);
                    for (int i = from; i < from + BATCH; i++) {
                        int id = round * 1_000_000 + i;
                        batch.add(new SubscriberRecord("raw." + id + "@bench.example.org", Integer.toString(id),
                                Map.of("First_Name", "Contact " + i, "Last_Name", "Benchmark")));
                    }
                    client.subscribe(InterestAction.ADD_OR_UPDATE_SUBSCRIBERS, List.of(interest), batch);
                }
                long subscribed = System.nanoTime();
                long cpuSubscribed = processCpuNanos();
                int rows = client.gridAll(GridQuery.of("subscriber_interests").where(GridCondition.eq("interest_name", interest))
                        .returning("subscriber_id", "user_id", "cancellation_date")).size();
                long readBack = System.nanoTime();
                long cpuReadBack = processCpuNanos();
                assertEquals(SUBSCRIBERS, rows);
                System.out.printf("raw path, round %d: %,d subscribers in %d Subscribe calls %,d ms (CPU %,d ms); "
                        + "read back %,d ids %,d ms (CPU %,d ms)%n",
                        round, SUBSCRIBERS, SUBSCRIBERS / BATCH, (subscribed - started) / 1_000_000,
                        (cpuSubscribed - cpuAtStart) / 1_000_000, rows, (readBack - subscribed) / 1_000_000,
                        (cpuReadBack - cpuSubscribed) / 1_000_000);
            }
        }
    }

    /** CPU of the whole JVM (client, simulator, collector, compiler): whether a slow round worked harder or waited. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
