package com.idss.informzsync.domain.contact;

import java.time.OffsetDateTime;

/** One active contact's claim to a shared email: the facts the ownership rule decides on. */
public record EmailClaim(int contactId, Long informzSubscriberId, OffsetDateTime createdAt) {
}
