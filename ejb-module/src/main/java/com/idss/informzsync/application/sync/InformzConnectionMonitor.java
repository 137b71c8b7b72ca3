package com.idss.informzsync.application.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A circuit breaker around Informz. While the connection is down no sync calls Informz: messages
 * wait on the queue (rescheduled), and one probe at a time tries again, at growing intervals up to
 * {@link #MAX_PROBE_INTERVAL}, so sending resumes by itself soon after Informz is back.
 */
@ApplicationScoped
public class InformzConnectionMonitor implements InformzConnection.Monitor {

    static final Duration FIRST_PROBE_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(InformzConnectionMonitor.class.getName());

    private record Circuit(InformzConnection connection, Instant nextProbeAt, Duration probeInterval,
            boolean probeInFlight) {
    }

    private final Clock clock;
    private final AtomicReference<Circuit> circuit;

    public InformzConnectionMonitor() {
        this(Clock.systemUTC());
    }

    InformzConnectionMonitor(Clock clock) {
        this.clock = clock;
        this.circuit = new AtomicReference<>(new Circuit(new InformzConnection(true, clock.instant(), null),
                null, FIRST_PROBE_INTERVAL, false));
    }

    @Override
    public InformzConnection current() {
        return circuit.get().connection();
    }

    /**
     * May this sync call Informz now? When the connection is down, only the first caller after the
     * probe time may (it is the probe); everyone else gets the time to wait.
     *
     * @return empty to go ahead, or how long to wait before trying again
     */
    public Optional<Duration> waitBeforeCalling() {
        while (true) {
            Circuit current = circuit.get();
            if (current.connection().up()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (!current.probeInFlight() && !now.isBefore(current.nextProbeAt())) {
                Circuit probing = new Circuit(current.connection(), current.nextProbeAt(), current.probeInterval(), true);
                if (circuit.compareAndSet(current, probing)) {
                    return Optional.empty();
                }
                continue;
            }
            Instant retryAt = current.probeInFlight() ? now.plus(current.probeInterval()) : current.nextProbeAt();
            return Optional.of(Duration.between(now, retryAt).plusMillis(50));
        }
    }

    public void succeeded() {
        Circuit current = circuit.get();
        if (current.connection().up()) {
            return;
        }
        Circuit up = new Circuit(new InformzConnection(true, clock.instant(), null), null, FIRST_PROBE_INTERVAL, false);
        if (circuit.compareAndSet(current, up)) {
            LOG.info("Informz connection is up again");
        }
    }

    /**
     * The caller let through ended without telling whether Informz answered (its sync threw something
     * else, such as a database conflict). Were it the probe, no probe would ever be let through again
     * and sending would stay paused for good: the next caller probes instead.
     */
    public void probeAbandoned() {
        Circuit current = circuit.get();
        if (current.probeInFlight()) {
            circuit.compareAndSet(current,
                    new Circuit(current.connection(), current.nextProbeAt(), current.probeInterval(), false));
        }
    }

    public void failed(String reason) {
        while (true) {
            Circuit current = circuit.get();
            Instant now = clock.instant();
            Circuit down;
            if (current.connection().up()) {
                down = new Circuit(new InformzConnection(false, now, reason), now.plus(FIRST_PROBE_INTERVAL),
                        FIRST_PROBE_INTERVAL, false);
            } else {
                Duration longer = current.probeInterval().multipliedBy(2);
                Duration interval = longer.compareTo(MAX_PROBE_INTERVAL) > 0 ? MAX_PROBE_INTERVAL : longer;
                down = new Circuit(new InformzConnection(false, current.connection().since(), reason),
                        now.plus(interval), interval, false);
            }
            if (circuit.compareAndSet(current, down)) {
                if (current.connection().up()) {
                    LOG.warning("Informz connection is down: " + reason + "; sending paused, probing");
                }
                return;
            }
        }
    }
}
