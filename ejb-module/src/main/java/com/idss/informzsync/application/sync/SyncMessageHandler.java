package com.idss.informzsync.application.sync;

import com.idss.informzsync.domain.sync.ListSyncRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Consumes one sync message in the MDB's transaction: coalesces bursts, waits while Informz is down,
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
     * @param redelivered whether the broker delivers the message again after a transaction that
     *                    failed: an earlier attempt may have reached Informz without its outcome
     *                    being booked
     */
    public void handle(SyncMessage message, boolean redelivered) {
        consume(message, redelivered);
        handled.fire(new SyncMessageHandled(message));
    }

    private void consume(SyncMessage message, boolean redelivered) {
        if (message.kind() == AggregateKind.ACCOUNT) {
            fanOutToContacts(message.id());
            return;
        }
        // A redelivery repeats an attempt that may have reached Informz: coalescing it into a later,
        // ordinary message would lose the doubt it carries.
        boolean inDoubt = redelivered || message.inDoubt();
        SyncCoalescer.Decision decision;
        if (inDoubt) {
            coalescer.restart(message);
            decision = new SyncCoalescer.Proceed();
        } else {
            decision = coalescer.decide(message);
        }
        if (decision instanceof SyncCoalescer.Defer defer) {
            scheduler.schedule(message.asDeferred(), defer.delay());
            return;
        }
        if (decision instanceof SyncCoalescer.Drop) {
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
            sync(message, inDoubt);
            connectionTold = true;
            connection.succeeded();
        } catch (WriterBusy busy) {
            LOG.fine(() -> "Sync of " + message.groupId() + " waits its turn: " + busy.getMessage());
            scheduler.schedule(message.waitingTurn(redelivered), settings.writerBusyDelay());
        } catch (InformzFailure failure) {
            connectionTold = true;
            if (failure.connectionProblem()) {
                connection.failed(failure.getMessage());
            } else {
                connection.succeeded();
            }
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
        } finally {
            if (!connectionTold) {
                connection.probeAbandoned();
            }
        }
    }

    private void sync(SyncMessage message, boolean inDoubt) {
        switch (message.kind()) {
            case CONTACT -> contactSync.sync(Math.toIntExact(message.id()), settings.retryDelay(message.attempt() + 1),
                    inDoubt);
            case LIST -> listSync.reconcile(message.id(), runTrigger(message), inDoubt);
            case ACCOUNT -> throw new IllegalStateException("accounts fan out, they do not sync");
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
