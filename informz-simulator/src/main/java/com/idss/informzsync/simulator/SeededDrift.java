package com.idss.informzsync.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift seeded by a test, as a nightly reconcile finds it in a real brand: members Informz no longer
 * has (forgotten, as if they had never been added) and strangers on an interest that no CRM contact
 * on the list accounts for. Remembers what it seeded, so a test can ask how much of it is still there.
 * Guarded by the state lock, like the state it changes.
 */
final class SeededDrift {

    /** A membership forgotten, by its subscriber and interest. */
    private record Forgotten(int subscriberId, int interestId) {
    }

    private final SimulatorState state;
    private final List<Forgotten> forgotten = new ArrayList<>();
    private final List<SimulatorState.Membership> strangers = new ArrayList<>();
    private int nextStranger = 1;

    SeededDrift(SimulatorState state) {
        this.state = state;
    }

    /**
     * Of each interest's active memberships, every n-th (n = 1 / fraction, the first one included) is
     * forgotten, and as many strangers are put on the interest.
     */
    Map<String, Object> seed(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], not " + fraction);
        }
        int every = (int) Math.round(1 / fraction);
        Instant now = Instant.now();
        int forgottenNow = 0;
        for (SimulatorState.Interest interest : List.copyOf(state.interestsByName.values())) {
            List<SimulatorState.Membership> active = state.membershipsOf(interest).stream()
                    .filter(SimulatorState.Membership::active).toList();
            for (int i = 0; i < active.size(); i += every) {
                SimulatorState.Membership membership = active.get(i);
                state.forgetMembership(membership);
                forgotten.add(new Forgotten(membership.subscriberId, membership.interestId));
                SimulatorState.Subscriber stranger = state.createSubscriber(
                        "stranger-" + nextStranger++ + "@drift.example.org", null, now);
                state.addMembership(stranger, interest, now);
                strangers.add(state.membership(stranger, interest));
                forgottenNow++;
            }
        }
        state.changed();
        Map<String, Object> seeded = new LinkedHashMap<>();
        seeded.put("forgotten", forgottenNow);
        seeded.put("strangers", forgottenNow);
        return seeded;
    }

    /** How much of the seeded drift is still there: members still missing, strangers still on. */
    Map<String, Object> remaining() {
        long missing = forgotten.stream().filter(f -> {
            SimulatorState.Membership now = state.membership(state.subscribers.get(f.subscriberId()),
                    state.interestsById.get(f.interestId()));
            return now == null || !now.active();
        }).count();
        long strangersOn = strangers.stream().filter(SimulatorState.Membership::active).count();
        Map<String, Object> remaining = new LinkedHashMap<>();
        remaining.put("seeded", forgotten.size());
        remaining.put("missing", missing);
        remaining.put("strangers", strangersOn);
        return remaining;
    }

    void clear() {
        forgotten.clear();
        strangers.clear();
    }
}
