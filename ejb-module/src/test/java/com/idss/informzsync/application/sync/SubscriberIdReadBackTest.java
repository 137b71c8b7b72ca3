package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriberIdReadBackTest {

    @Test
    void aFewMissingAreAskedForByAddressManyAreReadWithTheWholeInterest() {
        // 100,000 members: 100 pages of the interest, so up to 99 lookups of 500 addresses are cheaper.
        assertEquals(49_500, SubscriberIdReadBack.mostAskedByAddress(100_000));
        // One page holds the whole interest: nothing beats reading it.
        assertEquals(0, SubscriberIdReadBack.mostAskedByAddress(1_000));
        assertEquals(0, SubscriberIdReadBack.mostAskedByAddress(0));
        assertEquals(500, SubscriberIdReadBack.mostAskedByAddress(1_001));
    }

    @Test
    void chunksHoldOneLookupsWorthOfAddresses() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            rows.add(new Object[] {i, "c" + i + "@example.org"});
        }
        List<List<Object[]>> chunks = SubscriberIdReadBack.chunks(rows);
        assertEquals(List.of(500, 500, 201), chunks.stream().map(List::size).toList());
        assertEquals(1_200, chunks.get(2).get(200)[0]);
    }

    @Test
    void idsGoToTheContactWhoseSyncedAddressInformzHasWhateverItsCase() {
        List<Object[]> rows = List.of(new Object[] {1, "Ann@Example.org "}, new Object[] {2, "bob@example.org"},
                new Object[] {3, null});
        Map<Integer, Long> ids = SubscriberIdReadBack.byContact(rows, Map.of("ann@example.org", 71L, "carl@example.org", 9L));
        assertEquals(Map.of(1, 71L), ids);
    }

    @Test
    void pushesWithoutAnIdAreAskedForWhileThatIsWorthIt() {
        SubscriberIdReadBack.PushedWithoutId pushed = new SubscriberIdReadBack.PushedWithoutId();
        pushed.add(rows(0, 600)); // before the plan (the drift repair's pushes): no limit known yet
        pushed.mostWorthAsking(SubscriberIdReadBack.mostAskedByAddress(2_001)); // 1,000
        pushed.add(rows(600, 1_000));
        assertFalse(pushed.tooManyToAskFor());
        assertEquals(1_000, pushed.all().orElseThrow().size());
        assertEquals(999, pushed.all().orElseThrow().get(999)[0]);
        pushed.add(rows(1_000, 1_001));
        assertTrue(pushed.tooManyToAskFor(), "one more than a lookup per page is worth: the interest is read");
    }

    @Test
    void aLimitBelowWhatWasPushedBeforeThePlanMeansReadingTheInterest() {
        SubscriberIdReadBack.PushedWithoutId pushed = new SubscriberIdReadBack.PushedWithoutId();
        pushed.add(rows(0, 1));
        pushed.mostWorthAsking(SubscriberIdReadBack.mostAskedByAddress(1_000)); // 0: one page holds it all
        assertTrue(pushed.tooManyToAskFor());
    }

    @Test
    void beyondTheMostKeptTheyAreOnlyCounted() {
        SubscriberIdReadBack.PushedWithoutId pushed = new SubscriberIdReadBack.PushedWithoutId();
        pushed.mostWorthAsking(SubscriberIdReadBack.mostAskedByAddress(1_000_000)); // 499,500
        int most = SubscriberIdReadBack.PushedWithoutId.MOST_KEPT;
        pushed.add(rows(0, most));
        assertEquals(most, pushed.all().orElseThrow().size());
        pushed.add(rows(most, most + 1));
        assertTrue(pushed.all().isEmpty(), "not all kept: the reconcile looks them up in the database");
        assertFalse(pushed.tooManyToAskFor());
    }

    private static List<Object[]> rows(int from, int to) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(new Object[] {i, "c" + i + "@example.org"});
        }
        return rows;
    }
}
