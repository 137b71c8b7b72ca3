package com.idss.informzsync.application.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.idss.informzsync.application.sync.SharedAddressOwners.SharerState;
import com.idss.informzsync.domain.contact.EmailClaim;
import com.idss.informzsync.domain.sync.SyncState;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedAddressOwnersTest {

    private static final OffsetDateTime EARLY = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static EmailClaim claim(int contactId, Long subscriberId, int dayCreated) {
        return new EmailClaim(contactId, subscriberId, EARLY.plusDays(dayCreated));
    }

    @Test
    void sharersThatAgreeWithTheOwnerAreLeftAlone() {
        var claims = Map.of("a@x.org", List.of(claim(1, null, 0), claim(2, null, 1)));
        var states = List.of(new SharerState(1, SyncState.SYNCED, null), new SharerState(2, SyncState.DUPLICATE, 1));

        assertEquals(Set.of(), SharedAddressOwners.disagreeing(claims, states, Set.of()));
    }

    @Test
    void aDuplicateOfAContactThatNoLongerSharesTheAddressSyncsAgain() {
        // Contact 1 changed its email: contact 2 is alone with the address and owns it now.
        var claims = Map.of("a@x.org", List.of(claim(2, null, 1)));
        var states = List.of(new SharerState(2, SyncState.DUPLICATE, 1));

        assertEquals(Set.of(2), SharedAddressOwners.disagreeing(claims, states, Set.of(1)));
    }

    @Test
    void aFormerOwnerOvertakenByAContactInformzKnowsSyncsAgain() {
        // Contact 3 took the address with a subscriber ID of its own: it owns it, though it is newer.
        var claims = Map.of("a@x.org", List.of(claim(1, null, 0), claim(2, null, 1), claim(3, 77L, 2)));
        var states = List.of(new SharerState(1, SyncState.SYNCED, null), new SharerState(1, SyncState.RETRYING, null),
                new SharerState(2, SyncState.DUPLICATE, 1), new SharerState(3, SyncState.SYNCED, null));

        assertEquals(Set.of(1, 2), SharedAddressOwners.disagreeing(claims, states, Set.of(3)));
    }

    @Test
    void anOwnerStillMarkedDuplicateSyncsAgainButTheContactJustDecidedIsNeverAsked() {
        var claims = Map.of("a@x.org", List.of(claim(1, null, 0), claim(2, null, 1)),
                "b@x.org", List.of(claim(4, null, 0), claim(5, null, 1)));
        var states = List.of(new SharerState(1, SyncState.DUPLICATE, 2), new SharerState(2, SyncState.ERROR, null),
                new SharerState(4, SyncState.DUPLICATE, 5), new SharerState(5, SyncState.DUPLICATE, 4));

        assertEquals(Set.of(1, 2, 4), SharedAddressOwners.disagreeing(claims, states, Set.of(5)));
    }
}
