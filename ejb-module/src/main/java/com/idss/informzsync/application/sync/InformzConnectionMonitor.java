package com.idss.informzsync.application.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A circuit breaker around Informz. While the connection is down no sync calls Informz: messages
 * wait on the queue (rescheduled), and one probe at a time tries again, at growing intervals up to
 * {@link #MAX_PROBE_INTERVAL}, so sending resumes by itself soon after Informz is back.
 * <p>
 * The state is shared by the server nodes ({@link SharedInformzConnection}), so every console shows
 * the same and every node pauses: a node records its own changes between up and down, and adopts
 * the recorded state about every second ({@link #adoptShared()}). Callers only ever read this node's
 * copy, never the database. A node paused by another probes on its own schedule: whichever node's
 * probe succeeds first brings them all back. When the shared state cannot be read or written, the
 * node goes on with its own.
 */
@ApplicationScoped
public class InformzConnectionMonitor implements InformzConnection.Monitor {

    static final Duration FIRST_PROBE_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(InformzConnectionMonitor.class.getName());
    /** Before the first read any record is newer than what this node has. */
    private static final long NOTHING_SEEN = -1;

    /**
     * @param prober        the thread whose sync is the probe now, or null: only it may abandon the probe
     * @param sharedChanges the change count of the last shared record this node adopted: an older
     *                      one read later is not adopted
     * @param unrecorded    whether this node changed it since, and the change is not recorded yet
     *                      (its write failed, or is on its way): it is recorded before anything is
     *                      adopted over it
     */
    private record Circuit(InformzConnection connection, Instant nextProbeAt, Duration probeInterval,
            Thread prober, long sharedChanges, boolean unrecorded) {

        static Circuit up(InformzConnection connection, long sharedChanges, boolean unrecorded) {
            return new Circuit(connection, null, FIRST_PROBE_INTERVAL, null, sharedChanges, unrecorded);
        }

        static Circuit wentDown(InformzConnection connection, Instant now, long sharedChanges, boolean unrecorded) {
            return new Circuit(connection, now.plus(FIRST_PROBE_INTERVAL), FIRST_PROBE_INTERVAL, null, sharedChanges,
                    unrecorded);
        }

        boolean probeInFlight() {
            return prober != null;
        }

        Circuit probedBy(Thread thread) {
            return new Circuit(connection, nextProbeAt, probeInterval, thread, sharedChanges, unrecorded);
        }

        Circuit showing(InformzConnection recorded, long changes) {
            return new Circuit(recorded, nextProbeAt, probeInterval, prober, changes, false);
        }
    }

    private final Clock clock;
    private final SharedInformzConnection shared;
    private final AtomicReference<Circuit> circuit;
    private final AtomicBoolean sharedUnavailable = new AtomicBoolean();

    /** For the container's client proxy only. */
    protected InformzConnectionMonitor() {
        this(Clock.systemUTC(), null);
    }

    @Inject
    public InformzConnectionMonitor(SharedInformzConnection shared) {
        this(Clock.systemUTC(), shared);
    }

    InformzConnectionMonitor(Clock clock, SharedInformzConnection shared) {
        this.clock = clock;
        this.shared = shared;
        this.circuit = new AtomicReference<>(Circuit.up(new InformzConnection(true, clock.instant(), null), NOTHING_SEEN,
                false));
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
                if (circuit.compareAndSet(current, current.probedBy(Thread.currentThread()))) {
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
        Instant now = clock.instant();
        Circuit up = Circuit.up(new InformzConnection(true, now, null), current.sharedChanges(), true);
        if (circuit.compareAndSet(current, up)) {
            LOG.info("Informz connection is up again");
            share(() -> shared.recordUp(now), "record in the shared state that Informz is up").ifPresent(this::adopt);
        }
    }

    /**
     * The caller let through ended without telling whether Informz answered (its sync threw something
     * else, such as a database conflict). Were it the probe, no probe would ever be let through again
     * and sending would stay paused for good: the next caller probes instead. A caller let through
     * while the connection was up, ending after it went down, leaves the probe out alone: otherwise
     * a second probe would go while the first is still out. The probe is known by its thread, since
     * a sync is admitted, runs and ends on one.
     */
    public void probeAbandoned() {
        Circuit current = circuit.get();
        if (current.prober() == Thread.currentThread()) {
            circuit.compareAndSet(current, current.probedBy(null));
        }
    }

    public void failed(String reason) {
        while (true) {
            Circuit current = circuit.get();
            Instant now = clock.instant();
            boolean wentDown = current.connection().up();
            // A probe failing again for the same reason changes nothing the other nodes show.
            boolean toRecord = wentDown || !Objects.equals(reason, current.connection().reason());
            Circuit down;
            if (wentDown) {
                down = Circuit.wentDown(new InformzConnection(false, now, reason), now, current.sharedChanges(), true);
            } else {
                Duration longer = current.probeInterval().multipliedBy(2);
                Duration interval = longer.compareTo(MAX_PROBE_INTERVAL) > 0 ? MAX_PROBE_INTERVAL : longer;
                down = new Circuit(new InformzConnection(false, current.connection().since(), reason),
                        now.plus(interval), interval, stillProbing(current), current.sharedChanges(),
                        current.unrecorded() || toRecord);
            }
            if (circuit.compareAndSet(current, down)) {
                if (wentDown) {
                    LOG.warning("Informz connection is down: " + reason + "; sending paused, probing");
                }
                if (toRecord) {
                    Instant since = down.connection().since();
                    share(() -> shared.recordDown(reason, since), "record in the shared state that Informz is down")
                            .ifPresent(this::adopt);
                }
                return;
            }
        }
    }

    /**
     * The probe still out after a failure: none when the failure is the probe's own, the same one when
     * it is a sync's let through before the connection went down.
     */
    private static Thread stillProbing(Circuit current) {
        return current.prober() == Thread.currentThread() ? null : current.prober();
    }

    /**
     * Takes on the state recorded by the nodes (the container calls this about every second): down
     * pauses this node, up resumes it, and the console shows when and why as recorded. A change of
     * this node's own that could not be recorded when it happened is recorded now.
     */
    public void adoptShared() {
        share(shared::read, "read the shared Informz connection state").ifPresent(recorded -> {
            if (!adopt(recorded)) {
                InformzConnection mine = circuit.get().connection();
                share(() -> mine.up() ? shared.recordUp(mine.since()) : shared.recordDown(mine.reason(), mine.since()),
                        "record this node's change in the shared state").ifPresent(this::adopt);
            }
        });
    }

    /** @return false when the record disagrees with a change of this node's own that is not recorded yet */
    private boolean adopt(SharedInformzConnection.Recorded recorded) {
        while (true) {
            Circuit current = circuit.get();
            if (recorded.changes() < current.sharedChanges()) {
                return true; // this node has seen a newer one
            }
            InformzConnection theirs = recorded.connection();
            boolean agree = theirs.up() == current.connection().up();
            if (!agree && current.unrecorded()) {
                return false;
            }
            Circuit adopted;
            if (agree) {
                adopted = current.showing(theirs, recorded.changes());
            } else if (theirs.up()) {
                adopted = Circuit.up(theirs, recorded.changes(), false);
            } else {
                adopted = Circuit.wentDown(theirs, clock.instant(), recorded.changes(), false);
            }
            if (adopted.equals(current)) {
                return true;
            }
            if (circuit.compareAndSet(current, adopted)) {
                if (!agree) {
                    String node = recorded.changedBy() == null ? "another node" : recorded.changedBy();
                    LOG.info(theirs.up()
                            ? "Informz connection is up again, as " + node + " found; sending resumes"
                            : "Informz connection is down, as " + node + " found: " + theirs.reason()
                                    + "; sending paused, probing");
                }
                return true;
            }
        }
    }

    /** The shared state is a convenience for the consoles and the other nodes: no sync fails for it. */
    private Optional<SharedInformzConnection.Recorded> share(Supplier<SharedInformzConnection.Recorded> call, String what) {
        try {
            SharedInformzConnection.Recorded recorded = call.get();
            if (sharedUnavailable.compareAndSet(true, false)) {
                LOG.info("The shared Informz connection state can be read and recorded again");
            }
            return Optional.of(recorded);
        } catch (RuntimeException e) {
            if (sharedUnavailable.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Could not " + what + "; this node goes on with its own until the database "
                        + "answers: " + e, e);
            }
            return Optional.empty();
        }
    }
}
