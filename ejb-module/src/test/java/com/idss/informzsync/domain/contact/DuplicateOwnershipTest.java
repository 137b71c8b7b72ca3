package com.idss.informzsync.domain.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateOwnershipTest {

    private static final OffsetDateTime JAN = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime FEB = JAN.plusMonths(1);

    @Test
    void informzSubscriberBeatsAge() {
        EmailClaim older = new EmailClaim(1, null, JAN);
        EmailClaim known = new EmailClaim(2, 77L, FEB);
        assertEquals(known, DuplicateOwnership.owner(List.of(older, known)));
    }

    @Test
    void otherwiseTheOldestOwns() {
        EmailClaim newer = new EmailClaim(1, null, FEB);
        EmailClaim older = new EmailClaim(9, null, JAN);
        assertEquals(older, DuplicateOwnership.owner(List.of(newer, older)));
    }

    @Test
    void sameAgeGoesToTheLowerId() {
        assertEquals(3, DuplicateOwnership.owner(List.of(new EmailClaim(5, null, JAN), new EmailClaim(3, null, JAN))).contactId());
    }

    @Test
    void twoSubscribersFallBackToAgeThenId() {
        EmailClaim a = new EmailClaim(8, 1L, FEB);
        EmailClaim b = new EmailClaim(4, 2L, JAN);
        EmailClaim c = new EmailClaim(2, null, JAN.minusYears(1));
        assertEquals(b, DuplicateOwnership.owner(List.of(a, b, c)));
    }

    @Test
    void ruleDoesNotDependOnOrder() {
        List<EmailClaim> claims = List.of(new EmailClaim(5, null, FEB), new EmailClaim(6, null, JAN), new EmailClaim(7, null, JAN));
        for (int i = 0; i < claims.size(); i++) {
            List<EmailClaim> rotated = new java.util.ArrayList<>(claims);
            java.util.Collections.rotate(rotated, i);
            assertEquals(6, DuplicateOwnership.owner(rotated).contactId());
        }
    }

    @Test
    void groupNamesTheDuplicates() {
        DuplicateGroup group = new DuplicateGroup("x@example.com",
                List.of(new EmailClaim(1, null, FEB), new EmailClaim(2, null, JAN), new EmailClaim(3, null, FEB)));
        assertEquals(2, group.owner().contactId());
        assertEquals(List.of(1, 3), group.duplicateContactIds());
        assertThrows(IllegalArgumentException.class, () -> new DuplicateGroup("x", List.of(new EmailClaim(1, null, JAN))));
        assertThrows(IllegalArgumentException.class, () -> DuplicateOwnership.owner(List.of()));
    }
}
