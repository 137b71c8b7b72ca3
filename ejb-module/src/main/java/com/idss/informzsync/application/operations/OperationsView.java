package com.idss.informzsync.application.operations;

import com.idss.informzsync.domain.sync.SyncState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backlog and the broker's queues, read at most once per {@link #MAX_AGE} however often health
 * checks and metric scrapes ask: counting every state is one pass over the states table, which at a
 * large DMO's size (2,000,000 contacts) is worth sparing a load balancer polling every second.
 */
@ApplicationScoped
public class OperationsView {

    static final Duration MAX_AGE = Duration.ofMillis(Long.getLong("idss.operations.max-age-ms", 5_000));
    /** Browsing further would cost more than knowing the exact figure is worth. */
    public static final int COUNT_CAP = 10_000;

    private record Cached<T>(T value, Instant at) {
    }

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    MessageQueues queues;

    private final Clock clock = Clock.systemUTC();
    private volatile Cached<SyncBacklog> backlog;
    private final Map<MessageQueues.QueueName, Cached<MessageQueues.QueueView>> queueViews =
            new ConcurrentHashMap<>();

    public SyncBacklog backlog() {
        Cached<SyncBacklog> cached = backlog;
        if (cached == null || stale(cached)) {
            cached = new Cached<>(readBacklog(), clock.instant());
            backlog = cached;
        }
        return cached.value();
    }

    /** @throws MessageQueues.BrokerUnavailable when the broker does not answer (never cached) */
    public MessageQueues.QueueView queue(MessageQueues.QueueName queue) {
        Cached<MessageQueues.QueueView> cached = queueViews.get(queue);
        if (cached == null || stale(cached)) {
            cached = new Cached<>(queues.view(queue), clock.instant());
            queueViews.put(queue, cached);
        }
        return cached.value();
    }

    private boolean stale(Cached<?> cached) {
        return cached.at().plus(MAX_AGE).isBefore(clock.instant());
    }

    private SyncBacklog readBacklog() {
        Map<SyncState, Long> states = new EnumMap<>(SyncState.class);
        Instant oldestWaiting = null;
        // One pass: per state its count, the oldest change, the oldest first attempt.
        for (Object[] row : em.createQuery("select s.state, count(s), min(s.updatedAt), "
                + "min(coalesce(s.firstAttemptAt, s.updatedAt)) from ContactListSyncState s group by s.state",
                Object[].class).getResultList()) {
            SyncState state = (SyncState) row[0];
            states.put(state, (Long) row[1]);
            if (state == SyncState.PENDING) {
                oldestWaiting = SyncBacklog.earlier(oldestWaiting, instant(row[2]));
            } else if (state == SyncState.RETRYING) {
                oldestWaiting = SyncBacklog.earlier(oldestWaiting, instant(row[3]));
            }
        }
        try {
            oldestWaiting = SyncBacklog.earlier(oldestWaiting, queue(MessageQueues.QueueName.SYNC).oldestSentAt());
        } catch (MessageQueues.BrokerUnavailable down) {
            // The lag the database shows is still worth reporting; the broker check says it is down.
        }
        return new SyncBacklog(states, oldestWaiting, clock.instant());
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }
}
