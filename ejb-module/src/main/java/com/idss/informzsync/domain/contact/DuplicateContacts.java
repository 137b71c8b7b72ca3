package com.idss.informzsync.domain.contact;

import java.util.List;
import java.util.Optional;

/** Finds active contacts sharing an email. Implemented in the database; see the JPA adapter. */
public interface DuplicateContacts {

    /** Every duplicate group, ordered by normalised email. */
    List<DuplicateGroup> allGroups();

    /** The group the given (typed or normalised) email belongs to, if two or more active contacts share it. */
    Optional<DuplicateGroup> groupFor(String email);
}
