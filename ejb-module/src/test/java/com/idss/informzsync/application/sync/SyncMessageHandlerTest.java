package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.domain.sync.ListSyncRun;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * What a sync tells the Informz circuit breaker. Seen in the cluster test: a list run with nothing to
 * send finished just after another sync had found Informz down, and brought the connection back up
 * with no answer from Informz, so the nodes' consoles showed different outages.
 */
class SyncMessageHandlerTest {

    private final SyncCoalescerTest.MutableClock clock = new SyncCoalescerTest.MutableClock();
    private final InformzConnectionMonitor connection = new InformzConnectionMonitor(clock,
            new InMemorySharedInformzConnection().asNode("node-a"));
    private final SyncMessageHandler handler = new SyncMessageHandler();

    SyncMessageHandlerTest() {
        SyncSettings settings = new SyncSettings();
        handler.settings = settings;
        handler.connection = connection;
        handler.coalescer = new SyncCoalescer(clock);
        handler.coalescer.settings = settings;
        handler.retries = new PendingRetries(clock);
        handler.retries.settings = settings;
        handler.scheduler = (message, delay) -> { };
        handler.handled = new NoObservers<>();
        handler.changes = new NoObservers<>();
        handler.retryScheduled = new NoObservers<>();
    }

    @Test
    void aListRunThatCalledNobodyLeavesTheConnectionAsAnotherSyncFoundIt() {
        handler.listSync = listRunMaking(0);
        handler.handle(List.of(delivery(AggregateKind.LIST, 7)));
        assertFalse(connection.current().up(), "down, as the other sync found it while this run went on");
    }

    @Test
    void aListRunThatInformzAnsweredBringsItUp() {
        handler.listSync = listRunMaking(3);
        handler.handle(List.of(delivery(AggregateKind.LIST, 7)));
        assertTrue(connection.current().up());
    }

    @Test
    void aContactSyncWithNothingToSendLeavesTheConnectionDownAndTheNextCallerProbes() {
        handler.contactSync = contactSyncAnswered(false);
        handler.handle(List.of(delivery(AggregateKind.CONTACT, 11)));
        assertFalse(connection.current().up());
        clock.advance(InformzConnectionMonitor.FIRST_PROBE_INTERVAL);
        assertEquals(Optional.empty(), connection.waitBeforeCalling(), "a probe is let through when it is due");
    }

    @Test
    void aContactSyncInformzAnsweredBringsItUp() {
        handler.contactSync = contactSyncAnswered(true);
        handler.handle(List.of(delivery(AggregateKind.CONTACT, 11)));
        assertTrue(connection.current().up());
    }

    private static SyncMessageHandler.Delivery delivery(AggregateKind kind, long id) {
        return new SyncMessageHandler.Delivery(new SyncMessage(kind, id), false);
    }

    /** A run that another sync overtakes: Informz is found down while it goes on. */
    private ListSync listRunMaking(int calls) {
        return new ListSync() {
            @Override
            public int reconcile(long listId, ListSyncRun.Trigger trigger, boolean inDoubt) {
                connection.failed("HTTP 503");
                return calls;
            }
        };
    }

    private ContactSync contactSyncAnswered(boolean answered) {
        return new ContactSync() {
            @Override
            public Outcome sync(Collection<Request> requests) {
                connection.failed("HTTP 503");
                return new Outcome(Set.of(), Optional.empty(), answered);
            }
        };
    }

    private static final class NoObservers<T> implements Event<T> {
        @Override
        public void fire(T event) {
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            return new NoObservers<>();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            return new NoObservers<>();
        }
    }
}
