package com.idss.informzsync.infrastructure.metrics;

import com.idss.informzsync.application.operations.MessageQueues;
import com.idss.informzsync.application.operations.OperationsView;
import com.idss.informzsync.application.sync.ListSyncRunFinished;
import com.idss.informzsync.domain.sync.SyncState;
import com.idss.informzsync.infrastructure.informz.InformzCallFinished;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Registers the product's meters. In Prometheus names:
 * <ul>
 * <li>{@code idss_sync_lag_seconds}: how long the oldest change not yet in Informz has waited;</li>
 * <li>{@code idss_sync_states{state}}: contact-list pairs by sync state (a contact on three synced
 * lists counts three times);</li>
 * <li>{@code idss_queue_messages{queue}}: messages waiting on the broker's queues, browsed (at most
 * {@link OperationsView#COUNT_CAP});</li>
 * <li>{@code idss_informz_calls_seconds_count|sum|max{operation,outcome}}: Informz calls by outcome and
 * their time; {@code idss_informz_call_latency_total{operation,le}}: the same calls in cumulative
 * latency buckets, for {@code histogram_quantile};</li>
 * <li>{@code idss_list_reconcile_seconds_*{trigger,status}} and {@code idss_list_reconcile_members_*}:
 * list reconcile durations and list sizes.</li>
 * </ul>
 * WildFly hands a deployment a registry of its own that forwards only the by-name methods
 * ({@code timer(name, tags)}, {@code gauge(…)}, {@code counter(…)}) to the exported one; a meter built
 * with a builder would stay inside the application's copy, unseen, and histogram settings cannot be
 * configured. Hence the latency buckets as counters.
 */
@ApplicationScoped
public class SyncMeters {

    /** Upper bounds in seconds; +Inf closes them. */
    private static final double[] LATENCY_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15};

    @Inject
    MeterRegistry registry;

    @Inject
    OperationsView operations;

    private final List<Meter> registered = new CopyOnWriteArrayList<>();
    /** The by-name lookup searches every meter of the server: done once per operation, not per call. */
    private final Map<String, Counter[]> bucketsByOperation = new ConcurrentHashMap<>();
    /** The calls' timers by operation and outcome, for the same reason. */
    private final Map<String, Timer> timersByCall = new ConcurrentHashMap<>();

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        registry.gauge("idss.sync.lag.seconds", Tags.empty(), operations, view -> view.backlog().lag().toMillis() / 1000.0);
        for (SyncState state : SyncState.values()) {
            registry.gauge("idss.sync.states", Tags.of("state", name(state)), operations, view -> view.backlog().count(state));
        }
        for (MessageQueues.QueueName queue : MessageQueues.QueueName.values()) {
            registry.gauge("idss.queue.messages", Tags.of("queue", queue.brokerName()), operations,
                    view -> view.queue(queue).waiting());
        }
        registered.addAll(registry.find("idss.sync.lag.seconds").meters());
        registered.addAll(registry.find("idss.sync.states").meters());
        registered.addAll(registry.find("idss.queue.messages").meters());
    }

    void onInformzCall(@Observes InformzCallFinished call) {
        timersByCall.computeIfAbsent(call.operation() + '|' + name(call.outcome()), key -> registry.timer("idss.informz.calls",
                        Tags.of("operation", call.operation(), "outcome", name(call.outcome()))))
                .record(call.duration());
        double seconds = call.duration().toNanos() / 1e9;
        Counter[] buckets = bucketsByOperation.computeIfAbsent(call.operation(), this::latencyBuckets);
        for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
            if (seconds <= LATENCY_BUCKETS[i]) {
                buckets[i].increment();
            }
        }
        buckets[LATENCY_BUCKETS.length].increment();
    }

    private Counter[] latencyBuckets(String operation) {
        Counter[] buckets = new Counter[LATENCY_BUCKETS.length + 1];
        for (int i = 0; i <= LATENCY_BUCKETS.length; i++) {
            String le = i < LATENCY_BUCKETS.length ? Double.toString(LATENCY_BUCKETS[i]) : "+Inf";
            buckets[i] = registry.counter("idss.informz.call.latency", Tags.of("operation", operation, "le", le));
            registered.add(buckets[i]);
        }
        return buckets;
    }

    void onReconcile(@Observes(during = TransactionPhase.AFTER_SUCCESS) ListSyncRunFinished run) {
        Tags tags = Tags.of("trigger", name(run.trigger()), "status", name(run.status()));
        registry.timer("idss.list.reconcile", tags).record(run.took());
        registry.summary("idss.list.reconcile.members", tags).record(run.memberCount());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A redeployed application registers its own; the old gauges must not keep reading a dead deployment. */
    @PreDestroy
    void unregister() {
        registered.addAll(registry.find("idss.informz.calls").meters());
        registered.addAll(registry.find("idss.list.reconcile").meters());
        registered.addAll(registry.find("idss.list.reconcile.members").meters());
        registered.forEach(registry::remove);
        registered.clear();
    }
}
