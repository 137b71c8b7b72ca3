package com.idss.informzsync.domain.contact;

import java.util.List;

/** Two or more active contacts with the same normalised email; the owner is the only one synced. */
public record DuplicateGroup(String emailNormalized, List<EmailClaim> claims) {

    public DuplicateGroup {
        claims = List.copyOf(claims);
        if (claims.size() < 2) {
            throw new IllegalArgumentException("a duplicate group has at least two contacts");
        }
    }

    public EmailClaim owner() {
        return DuplicateOwnership.owner(claims);
    }

    public boolean isOwnedBy(int contactId) {
        return owner().contactId() == contactId;
    }

    /** The contacts flagged Duplicate: never pushed while the owner exists. */
    public List<Integer> duplicateContactIds() {
        int ownerId = owner().contactId();
        return claims.stream().map(EmailClaim::contactId).filter(id -> id != ownerId).toList();
    }
}
