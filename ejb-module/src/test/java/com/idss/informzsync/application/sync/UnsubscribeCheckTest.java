package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnsubscribeCheckTest {

    private static final Instant OPTED_OUT = Instant.parse("2026-11-30T08:15:00Z");
    private static final UnsubscribeCheck.Recorded NOTHING_RECORDED = new UnsubscribeCheck.Recorded(Set.of(), Set.of());

    private static InformzPort.InterestMember current(int contactId, String email) {
        return new InformzPort.InterestMember(1000 + contactId, contactId, email, false, null);
    }

    private static InformzPort.InterestMember cancelled(int contactId, String email) {
        return new InformzPort.InterestMember(1000 + contactId, contactId, email, true, OPTED_OUT);
    }

    private static InformzPort.Unsubscriber unsubscriber(int contactId, String email) {
        return new InformzPort.Unsubscriber(1000 + contactId, contactId, email, OPTED_OUT, "Too much mail");
    }

    @Test
    void aCancelledMembershipUnderASyncedStateIsAnOptOutTheSyncDidNotMake() {
        UnsubscribeCheck.Result result = UnsubscribeCheck.decide(Set.of(1, 2), Map.of(1, "ann@example.org", 2, "bob@example.org"),
                List.of(cancelled(1, "Ann@Example.org"), current(2, "bob@example.org")), Map.of(), NOTHING_RECORDED);

        assertEquals(List.of(new UnsubscribeCheck.Found(1, false, "ann@example.org", OPTED_OUT, null)), result.found());
        assertTrue(result.resubscribed().isEmpty());
    }

    @Test
    void theSyncsOwnOptOutsAreNotTheirs() {
        // 3 left the list (not a member), 4's old address was opted out by its email change (4 is
        // synced with another address), 5 is pending (never synced here): none of them opted out.
        UnsubscribeCheck.Result result = UnsubscribeCheck.decide(Set.of(4, 5), Map.of(3, "cy@example.org", 4, "new@example.org"),
                List.of(cancelled(3, "cy@example.org"), cancelled(4, "old@example.org"), cancelled(5, "eve@example.org")),
                Map.of(), NOTHING_RECORDED);

        assertTrue(result.found().isEmpty(), result.toString());
    }

    @Test
    void anOptOutIsFoundBesideAnEarlierAddressTheSyncOptedOut() {
        UnsubscribeCheck.Result result = UnsubscribeCheck.decide(Set.of(1), Map.of(1, "new@example.org"),
                List.of(cancelled(1, "new@example.org"), cancelled(1, "old@example.org")), Map.of(), NOTHING_RECORDED);

        assertEquals(List.of(new UnsubscribeCheck.Found(1, false, "new@example.org", OPTED_OUT, null)), result.found());
    }

    @Test
    void aCurrentMembershipBesideACancelledOneIsNoOptOut() {
        UnsubscribeCheck.Result result = UnsubscribeCheck.decide(Set.of(1), Map.of(1, "ann@example.org"),
                List.of(cancelled(1, "ann@example.org"), current(1, "ann@example.org")), Map.of(), NOTHING_RECORDED);

        assertTrue(result.found().isEmpty());
    }

    @Test
    void aBrandWideUnsubscriberIsFoundWhateverItsMembershipSays() {
        UnsubscribeCheck.Result result = UnsubscribeCheck.decide(Set.of(1, 2), Map.of(1, "ann@example.org"),
                List.of(current(1, "ann@example.org")),
                Map.of(1, unsubscriber(1, "ann@example.org"), 2, unsubscriber(2, "bob@example.org"), 9, unsubscriber(9, "x@example.org")),
                NOTHING_RECORDED);

        assertEquals(List.of(new UnsubscribeCheck.Found(1, true, "ann@example.org", OPTED_OUT, "Too much mail"),
                new UnsubscribeCheck.Found(2, true, "bob@example.org", OPTED_OUT, "Too much mail")),
                result.found().stream().sorted(java.util.Comparator.comparingInt(UnsubscribeCheck.Found::contactId)).toList(),
                "members only: 9 is not on the list");
    }

    @Test
    void aRecordedBrandWideUnsubscriberIsFoundAgainOnlyWhereItsStateStillSaysSynced() {
        UnsubscribeCheck.Recorded recorded = new UnsubscribeCheck.Recorded(Set.of(), Set.of(1, 2));
        UnsubscribeCheck.Result result = UnsubscribeCheck.decide(Set.of(1, 2), Map.of(2, "bob@example.org"), List.of(),
                Map.of(1, unsubscriber(1, "ann@example.org"), 2, unsubscriber(2, "bob@example.org")), recorded);

        assertEquals(List.of(2), result.found().stream().map(UnsubscribeCheck.Found::contactId).toList());
    }

    @Test
    void recordsInformzNoLongerBearsOutAreForgotten() {
        UnsubscribeCheck.Recorded recorded = new UnsubscribeCheck.Recorded(Set.of(1, 2), Set.of(3, 4));
        UnsubscribeCheck.Result result = UnsubscribeCheck.decide(Set.of(1, 2, 3, 4), Map.of(),
                List.of(current(1, "ann@example.org"), cancelled(2, "bob@example.org")),
                Map.of(4, unsubscriber(4, "dan@example.org")), recorded);

        assertEquals(Set.of(new UnsubscribeCheck.Resubscribed(1, false), new UnsubscribeCheck.Resubscribed(3, true)),
                Set.copyOf(result.resubscribed()), "1 is on the interest again, 3 is no longer a brand-wide unsubscriber");
        assertTrue(result.found().isEmpty());
    }
}
