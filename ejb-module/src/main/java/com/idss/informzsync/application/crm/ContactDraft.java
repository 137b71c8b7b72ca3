package com.idss.informzsync.application.crm;

import java.util.Set;

/** What a person (or another app) may set on a contact. Nulls mean "empty". */
public record ContactDraft(String firstName, String lastName, String title, String email, String phone,
        String city, String state, String postalCode, Long accountId, Set<String> tags) {

    public ContactDraft {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }
}
