package com.idss.informzsync.application.operations;

import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.application.sync.InformzConnectionMonitor;
import com.idss.informzsync.domain.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ready means this node can take work: its database and its broker answer. What needs a person but
 * neither a restart nor taking the node out of rotation is reported up, with the facts in its data:
 * Informz down ("degraded": changes wait and go out once it is back), dead letters waiting, the
 * sync lag.
 */
@ApplicationScoped
public class SyncHealth {

    private final Instant started = Instant.now();

    @Inject
    DatabaseProbe database;

    @Inject
    OperationsView operations;

    @Inject
    InformzConnectionMonitor informz;

    /** Whether a restart could help: nothing the application knows of would be cured by one. */
    public HealthReport liveness() {
        return new HealthReport(List.of(new HealthReport.Check("idss-sync-engine", true, Map.of("started", started.toString()))));
    }

    public HealthReport readiness() {
        List<HealthReport.Check> checks = new ArrayList<>();
        checks.add(new HealthReport.Check("idss-database", database.answers(), Map.of()));
        checks.add(broker());
        checks.add(deadLetters());
        checks.add(informzConnection());
        checks.add(syncLag());
        return new HealthReport(checks);
    }

    private HealthReport.Check broker() {
        Map<String, Object> waiting = new LinkedHashMap<>();
        try {
            for (MessageQueues.QueueName queue : MessageQueues.QueueName.values()) {
                MessageQueues.QueueView view = operations.queue(queue);
                waiting.put(queue.brokerName(), view.atLeast() ? view.waiting() + "+" : view.waiting());
            }
            return new HealthReport.Check("idss-broker", true, waiting);
        } catch (MessageQueues.BrokerUnavailable down) {
            return new HealthReport.Check("idss-broker", false, Map.of("error", down.getMessage()));
        }
    }

    private HealthReport.Check deadLetters() {
        Map<String, Object> data = new LinkedHashMap<>();
        long waiting = 0;
        try {
            for (MessageQueues.QueueName queue : List.of(MessageQueues.QueueName.SYNC_DEAD_LETTERS,
                    MessageQueues.QueueName.INBOX_DEAD_LETTERS)) {
                long count = operations.queue(queue).waiting();
                data.put(queue.brokerName(), count);
                waiting += count;
            }
            data.put("state", waiting == 0 ? "empty" : "messages wait for an operator");
        } catch (MessageQueues.BrokerUnavailable down) {
            data.put("state", "unknown: the broker does not answer");
        }
        return new HealthReport.Check("idss-dead-letters", true, data);
    }

    private HealthReport.Check informzConnection() {
        InformzConnection connection = informz.current();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", connection.up() ? "up" : "degraded");
        data.put("since", connection.since().toString());
        if (!connection.up() && connection.reason() != null) {
            data.put("reason", connection.reason());
        }
        return new HealthReport.Check("idss-informz", true, data);
    }

    private HealthReport.Check syncLag() {
        SyncBacklog backlog = operations.backlog();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lagSeconds", backlog.lag().toSeconds());
        if (backlog.oldestWaitingSince() != null) {
            data.put("oldestWaitingSince", backlog.oldestWaitingSince().toString());
        }
        data.put("pending", backlog.count(SyncState.PENDING));
        data.put("retrying", backlog.count(SyncState.RETRYING));
        data.put("errors", backlog.count(SyncState.ERROR));
        return new HealthReport.Check("idss-sync-lag", true, data);
    }
}
