package com.idss.informzsync.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/** Hands out planned failures to the next calls, and optionally random ones at a configured rate. */
final class FaultInjector {

    /**
     * One planned failure; {@code code} only matters for SOAP faults, {@code delay} for slow answers and
     * holds. With a {@code match}, only a call whose request document contains that text takes it, so a
     * test can aim a fault at one contact while other calls go through.
     */
    record Injection(FaultType type, String code, Duration delay, String match) {

        Injection(FaultType type, String code, Duration delay) {
            this(type, code, delay, null);
        }

        boolean appliesTo(String document) {
            return match == null || (document != null && document.contains(match));
        }
    }

    private final ConcurrentLinkedQueue<Injection> planned = new ConcurrentLinkedQueue<>();
    private volatile double randomRate;
    /** A random failure is one of these, picked uniformly: noise mixes kinds of failure. */
    private volatile List<Injection> randomInjections = List.of();

    void plan(Injection injection, int calls) {
        for (int i = 0; i < calls; i++) {
            planned.add(injection);
        }
    }

    void random(double rate, Injection injection) {
        random(rate, List.of(injection));
    }

    void random(double rate, List<Injection> injections) {
        randomInjections = List.copyOf(injections);
        randomRate = injections.isEmpty() ? 0 : rate;
    }

    Optional<Injection> next(String document) {
        for (Injection injection : planned) {
            if (injection.appliesTo(document) && planned.remove(injection)) {
                return Optional.of(injection);
            }
        }
        double rate = randomRate;
        List<Injection> kinds = randomInjections;
        if (rate > 0 && !kinds.isEmpty() && ThreadLocalRandom.current().nextDouble() < rate) {
            return Optional.of(kinds.get(ThreadLocalRandom.current().nextInt(kinds.size())));
        }
        return Optional.empty();
    }

    int pending() {
        return planned.size();
    }

    void clear() {
        planned.clear();
        randomRate = 0;
        randomInjections = List.of();
    }
}
