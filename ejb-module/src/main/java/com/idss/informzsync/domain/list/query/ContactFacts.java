package com.idss.informzsync.domain.list.query;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/**
 * What a saved query can test about one contact, read once: its text fields and its account's (a
 * field absent or null when the contact has none), its account type, its normalised tags and when
 * it was created.
 */
public record ContactFacts(Map<ContactField, String> texts, String accountType, Set<String> tags, OffsetDateTime createdAt) {

    public ContactFacts {
        texts = Map.copyOf(texts);
        tags = Set.copyOf(tags);
    }
}
