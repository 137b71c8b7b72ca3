package com.idss.informzsync.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running simulator. {@code try (var sim = InformzSimulator.start(0)) { client.endpoint(sim.endpoint()); … }}.
 * Every method is safe to call from any thread while SOAP calls are in flight.
 */
public final class InformzSimulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final SimulatorState state = new SimulatorState();
    private final SeededDrift drift = new SeededDrift(state);
    private final FaultInjector faults = new FaultInjector();
    private final CallLog callLog;
    private final OverlapWatch overlaps = new OverlapWatch();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService uploads;
    private volatile UnknownInterestMode unknownInterestMode;
    private volatile Duration bulkUploadDelay;
    private volatile boolean callerIpAllowed = true;

    private InformzSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.callLog = new CallLog(config.callLogCapacity());
        this.unknownInterestMode = config.unknownInterestMode();
        this.bulkUploadDelay = config.bulkUploadDelay();
        this.workers = Executors.newFixedThreadPool(config.workerThreads(), daemonThreads("informz-sim-http"));
        this.uploads = Executors.newSingleThreadScheduledExecutor(daemonThreads("informz-sim-upload"));
        AapiProcessor processor = new AapiProcessor(config, state, uploads, () -> unknownInterestMode,
                () -> bulkUploadDelay, () -> callerIpAllowed);
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        server.createContext(SoapEndpoint.PATH, new SoapEndpoint(processor, faults, callLog, overlaps, closing));
        server.createContext(AdminEndpoint.PATH, new AdminEndpoint(this));
        server.setExecutor(workers);
        server.start();
    }

    public static InformzSimulator start(int port) {
        return start(SimulatorConfig.defaults().port(port));
    }

    public static InformzSimulator start(SimulatorConfig config) {
        try {
            return new InformzSimulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Informz simulator on port " + config.port(), e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://" + config.host() + ":" + port());
    }

    /** The SOAP endpoint, the counterpart of {@code https://partner.informz.net/aapi/InformzService.svc}. */
    public URI endpoint() {
        return baseUri().resolve(SoapEndpoint.PATH);
    }

    public URI adminUri() {
        return baseUri().resolve(AdminEndpoint.PATH);
    }

    public SimulatorConfig config() {
        return config;
    }

    public void createInterest(String name) {
        synchronized (state) {
            state.changed();
            state.createInterest(name, java.time.Instant.now());
        }
    }

    public void unknownInterestMode(UnknownInterestMode mode) {
        unknownInterestMode = mode;
    }

    public UnknownInterestMode unknownInterestMode() {
        return unknownInterestMode;
    }

    public void bulkUploadDelay(Duration delay) {
        bulkUploadDelay = delay;
    }

    /** Off: every call fails with {@code NoAvailableIPAddressException}, as from an origin not on the allow-list. */
    public void callerIpAllowed(boolean allowed) {
        callerIpAllowed = allowed;
    }

    /** The next {@code calls} SOAP calls fail this way; SOAP faults use {@code SystemException}. */
    public void injectFaults(FaultType type, int calls) {
        faults.plan(injection(type, "SystemException", null), calls);
    }

    public void injectSoapFault(String code, int calls) {
        faults.plan(injection(FaultType.SOAP_FAULT, code, null), calls);
    }

    public void injectSlow(Duration delay, int calls) {
        faults.plan(injection(FaultType.SLOW, null, delay), calls);
    }

    public void injectRandomFaults(double rate, FaultType type, String code) {
        faults.random(rate, injection(type, code == null ? "SystemException" : code, null));
    }

    /** Each call fails with probability {@code rate}, in one of these ways picked at random (noise). */
    public void injectRandomFaultMix(double rate, FaultType... types) {
        faults.random(rate, java.util.Arrays.stream(types).map(type -> injection(type, "SystemException", null)).toList());
    }

    FaultInjector.Injection injection(FaultType type, String code, Duration delay) {
        Duration effective = delay != null ? delay
                : type == FaultType.TIMEOUT ? config.timeoutHold() : config.slowDelay();
        return new FaultInjector.Injection(type, code, effective);
    }

    FaultInjector faults() {
        return faults;
    }

    public List<CallLog.Call> calls() {
        return callLog.snapshot();
    }

    /** Calls about one subscriber that were in progress at the same time, since the start or the last reset. */
    public Map<String, Object> overlaps() {
        return overlaps.report();
    }

    /** Calls received since the start or the last reset. */
    public long callCount() {
        return callLog.recorded();
    }

    public Map<String, Object> state() {
        return state(null, null);
    }

    /** The addresses on the interest now (membership not cancelled), lower-cased and sorted. */
    /** What a subscriber may choose on Informz's own preference page, outside the API. */
    public enum PreferenceChoice {
        /** Leaves one interest: the membership is cancelled. */
        OPT_OUT,
        /** Leaves all mail: the subscriber becomes an unsubscriber. */
        UNSUBSCRIBE,
        /** Takes back an unsubscribe, or rejoins one interest. */
        RESUBSCRIBE
    }

    /**
     * A subscriber's own choice on Informz's preference page, made by every record with the address.
     *
     * @param interest the interest opted out of or rejoined (ignored by UNSUBSCRIBE)
     * @return how many subscriber records the choice changed
     */
    public int preferencePage(String email, String interest, PreferenceChoice choice, String reason) {
        synchronized (state) {
            Instant now = Instant.now();
            SimulatorState.Interest named = interest == null ? null : state.interest(interest);
            if (choice != PreferenceChoice.UNSUBSCRIBE && named == null) {
                throw new IllegalArgumentException("no such interest: " + interest);
            }
            int changed = 0;
            for (SimulatorState.Subscriber subscriber : state.byEmail(email)) {
                boolean did = switch (choice) {
                    case OPT_OUT -> state.cancelMembership(state.membership(subscriber, named), now);
                    case UNSUBSCRIBE -> {
                        state.unsubscribe(subscriber, reason == null ? "Unsubscribed on the preference page" : reason, now);
                        yield true;
                    }
                    case RESUBSCRIBE -> {
                        boolean wasUnsubscribed = subscriber.unsubscribed;
                        if (wasUnsubscribed) {
                            state.resubscribe(subscriber, now);
                        }
                        yield state.addMembership(subscriber, named, now) | wasUnsubscribed;
                    }
                };
                changed += did ? 1 : 0;
            }
            state.changed(); // grid answers derived before this are stale
            return changed;
        }
    }

    public List<String> activeMembersOf(String interest) {
        synchronized (state) {
            return state.activeMembersOf(interest);
        }
    }

    /**
     * Seeds drift for a nightly reconcile to repair: of each interest's active members every
     * (1 / fraction)-th is forgotten, and as many strangers are put on the interest.
     */
    public Map<String, Object> seedDrift(double fraction) {
        synchronized (state) {
            return drift.seed(fraction);
        }
    }

    /** How much of the seeded drift is still there: {@code seeded}, {@code missing}, {@code strangers}. */
    public Map<String, Object> driftRemaining() {
        synchronized (state) {
            return drift.remaining();
        }
    }

    /** The part of the state about one address and/or one interest; null for either means all. */
    public Map<String, Object> state(String email, String interest) {
        synchronized (state) {
            return state.dump(email, interest);
        }
    }

    public String stateJson() {
        return Json.write(state());
    }

    /** Empties the brand, the call log and planned faults; modes go back to the start-up configuration. */
    public void reset() {
        synchronized (state) {
            state.clear();
            drift.clear();
        }
        callLog.clear();
        overlaps.clear();
        faults.clear();
        unknownInterestMode = config.unknownInterestMode();
        bulkUploadDelay = config.bulkUploadDelay();
        callerIpAllowed = true;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        workers.shutdownNow();
        uploads.shutdownNow();
    }
}
