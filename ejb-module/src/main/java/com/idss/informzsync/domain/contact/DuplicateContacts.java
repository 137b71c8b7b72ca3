package com.idss.informzsync.domain.contact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds active contacts sharing an email. Implemented in the database; see the JPA adapter. */
public interface DuplicateContacts {

    /** Every duplicate group, ordered by normalised email. */
    List<DuplicateGroup> allGroups();

    /** The group the given (typed or normalised) email belongs to, if two or more active contacts share it. */
    Optional<DuplicateGroup> groupFor(String email);

    /** The active contacts' claims on each of these normalised addresses; an address nobody has is absent. */
    Map<String, List<EmailClaim>> claimsOn(Collection<String> normalisedEmails);
}
