package com.idss.informzsync.domain.contact;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;

/**
 * Who owns an email that several active contacts share. Informz keys subscribers by email, so
 * exactly one contact may speak for it: the one Informz already knows (it holds a subscriber ID),
 * otherwise the oldest record, ties broken by the lower id. Everyone else is a duplicate.
 */
public final class DuplicateOwnership {

    static final Comparator<EmailClaim> OWNER_FIRST = Comparator
            .comparing((EmailClaim claim) -> claim.informzSubscriberId() == null)
            .thenComparing(EmailClaim::createdAt, Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparingInt(EmailClaim::contactId);

    private DuplicateOwnership() {
    }

    /** @throws IllegalArgumentException when there are no claims */
    public static EmailClaim owner(Collection<EmailClaim> claims) {
        return claims.stream().min(OWNER_FIRST)
                .orElseThrow(() -> new IllegalArgumentException("an email with no claims has no owner"));
    }
}
