package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.ListSyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Consumes sync messages in the MDB's transaction: coalesces bursts, waits while Informz is down,
 * syncs, and turns transient failures into a retry scheduled by the application (not a broker
 * redelivery, whose delay would block the queue: ARTEMIS-2417). Retries never stop; their delay is
 * capped. Only a bug or an infrastructure failure (database down) escapes, to be redelivered.
 */
@ApplicationScoped
public class SyncMessageHandler {

    private static final Logger LOG = Logger.getLogger(SyncMessageHandler.class.getName());

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @Inject
    ContactSync contactSync;

    @Inject
    ListSync listSync;

    @Inject
    SyncCoalescer coalescer;

    @Inject
    InformzConnectionMonitor connection;

    @Inject
    SyncScheduler scheduler;

    @Inject
    SyncSettings settings;

    @Inject
    PendingRetries retries;

    @Inject
    Event<PendingRetries.Scheduled> retryScheduled;

    @Inject
    Event<AggregateChanged> changes;

    @Inject
    Event<SyncMessageHandled> handled;

    /**
     * A sync message as the broker delivered it; {@code redelivered} when the broker delivers it
     * again after a transaction that failed (an earlier attempt may have reached Informz without its
     * outcome being booked).
     */
    public record Delivery(SyncMessage message, boolean redelivered) {

        /** A redelivery repeats an attempt that may have reached Informz. */
        boolean inDoubt() {
            return redelivered || message.inDoubt();
        }
    }

    /**
     * Consumes the deliveries in one transaction: contact syncs together (one Subscribe for those
     * going to the same interests), any other message on its own.
     */
    public void handle(List<Delivery> deliveries) {
        List<Delivery> contacts = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.message().kind() == AggregateKind.CONTACT) {
                contacts.add(delivery);
            } else {
                consume(delivery.message(), delivery.redelivered());
            }
        }
        if (!contacts.isEmpty()) {
            syncContacts(contacts);
        }
        deliveries.forEach(delivery -> handled.fire(new SyncMessageHandled(delivery.message())));
    }

    private void consume(SyncMessage message, boolean redelivered) {
        if (message.kind() == AggregateKind.ACCOUNT) {
            fanOutToContacts(message.id());
            return;
        }
        boolean inDoubt = redelivered || message.inDoubt();
        if (!goesAheadNow(message, inDoubt)) {
            return;
        }
        Optional<Duration> informzDown = connection.waitBeforeCalling();
        if (informzDown.isPresent()) {
            scheduler.schedule(message.waitingTurn(redelivered), informzDown.get());
            return;
        }
        retries.takenUp(message);
        boolean connectionTold = false; // whether the breaker heard how the sync went
        try {
            if (listSync.reconcile(message.id(), runTrigger(message), inDoubt) > 0) {
                // Only an answer says Informz is up: a run with nothing to send, finishing after
                // another sync found Informz down, would otherwise bring the connection back up.
                connectionTold = true;
                connection.succeeded();
            }
        } catch (WriterBusy busy) {
            LOG.fine(() -> "Sync of " + message.groupId() + " waits its turn: " + busy.getMessage());
            scheduler.schedule(message.waitingTurn(redelivered), settings.writerBusyDelay());
        } catch (InformzFailure failure) {
            connectionTold = true;
            tell(failure);
            retryLater(message, failure);
        } finally {
            if (!connectionTold) {
                connection.probeAbandoned();
            }
        }
    }

    /** The contacts' syncs in one go; a contact with several messages syncs once, for all of them. */
    private void syncContacts(List<Delivery> deliveries) {
        Map<Integer, List<Delivery>> byContact = new TreeMap<>();
        for (Delivery delivery : deliveries) {
            if (goesAheadNow(delivery.message(), delivery.inDoubt())) {
                byContact.computeIfAbsent(Math.toIntExact(delivery.message().id()), id -> new ArrayList<>()).add(delivery);
            }
        }
        if (byContact.isEmpty()) {
            return;
        }
        Optional<Duration> informzDown = connection.waitBeforeCalling();
        if (informzDown.isPresent()) {
            byContact.values().forEach(its -> scheduler.schedule(waitingTurn(its), informzDown.get()));
            return;
        }
        List<ContactSync.Request> requests = new ArrayList<>();
        byContact.forEach((contactId, its) -> {
            its.forEach(d -> retries.takenUp(d.message()));
            int attempt = its.stream().mapToInt(d -> d.message().attempt()).max().orElseThrow();
            requests.add(new ContactSync.Request(contactId, settings.retryDelay(attempt + 1),
                    its.stream().anyMatch(Delivery::inDoubt)));
        });
        boolean connectionTold = false;
        try {
            ContactSync.Outcome outcome = contactSync.sync(requests);
            for (int busy : outcome.busy()) {
                LOG.fine(() -> "Sync of contact " + busy + " waits its turn: another unit of work holds it or its address");
                scheduler.schedule(waitingTurn(byContact.get(busy)), settings.writerBusyDelay());
            }
            if (outcome.busy().size() == byContact.size()) {
                return; // no call made: the breaker learned nothing
            }
            if (outcome.failure().isEmpty()) {
                if (outcome.answered()) {
                    connectionTold = true;
                    connection.succeeded();
                }
                return;
            }
            connectionTold = true;
            InformzFailure failure = outcome.failure().get();
            tell(failure);
            byContact.forEach((contactId, its) -> {
                if (!outcome.busy().contains(contactId)) {
                    its.forEach(d -> retryLater(d.message(), failure));
                }
            });
        } finally {
            if (!connectionTold) {
                connection.probeAbandoned();
            }
        }
    }

    /**
     * One message that comes back for a contact's messages: the furthest retry among them, in doubt
     * if any of them was.
     */
    private static SyncMessage waitingTurn(List<Delivery> its) {
        Delivery furthest = its.stream().max(Comparator.comparingInt(d -> d.message().attempt())).orElseThrow();
        return furthest.message().waitingTurn(its.stream().anyMatch(Delivery::inDoubt));
    }

    /**
     * Whether the message's sync goes ahead now: bursts are coalesced, except for a message in doubt.
     * A redelivery repeats an attempt that may have reached Informz: coalescing it into a later,
     * ordinary message would lose the doubt it carries.
     */
    private boolean goesAheadNow(SyncMessage message, boolean inDoubt) {
        if (inDoubt) {
            coalescer.restart(message);
            return true;
        }
        SyncCoalescer.Decision decision = coalescer.decide(message);
        if (decision instanceof SyncCoalescer.Defer defer) {
            scheduler.schedule(message.asDeferred(), defer.delay());
            return false;
        }
        return !(decision instanceof SyncCoalescer.Drop);
    }

    private void tell(InformzFailure failure) {
        if (failure.connectionProblem()) {
            connection.failed(failure.getMessage());
        } else {
            connection.succeeded();
        }
    }

    private void retryLater(SyncMessage message, InformzFailure failure) {
        Duration delay = failure.unknownInterest() ? settings.missingInterestRecheck()
                : settings.retryDelay(message.attempt() + 1);
        Optional<PendingRetries.Scheduled> retry = retries.retryFor(message, delay);
        LOG.info(() -> "Sync of " + message.groupId() + " failed (" + failure.kind() + ": " + failure.getMessage() + "); "
                + (retry.isPresent() ? "attempt " + (message.attempt() + 1) + " in " + delay.toMillis() + " ms"
                        : "a retry already pending covers it"));
        if (retry.isPresent()) {
            scheduler.schedule(retry.get().message(), delay);
            retryScheduled.fire(retry.get());
        }
    }

    private static ListSyncRun.Trigger runTrigger(SyncMessage message) {
        if (message.attempt() > 0) {
            return ListSyncRun.Trigger.RETRY;
        }
        return switch (message.trigger()) {
            case CHANGED -> ListSyncRun.Trigger.LIST_SAVED;
            case MANUAL -> ListSyncRun.Trigger.SYNC_NOW;
            case MAILING_SENT -> ListSyncRun.Trigger.MAILING_SENT;
            case NIGHTLY -> ListSyncRun.Trigger.NIGHTLY;
            case STARTUP -> ListSyncRun.Trigger.STARTUP;
        };
    }

    /** A customer record's name and address travel with its contacts: each of them syncs. */
    private void fanOutToContacts(long accountId) {
        em.createQuery("select c.id from Contact c where c.account.id = :id", Integer.class)
                .setParameter("id", accountId)
                .getResultList()
                .forEach(contactId -> changes.fire(new AggregateChanged(AggregateKind.CONTACT, contactId)));
    }
}
