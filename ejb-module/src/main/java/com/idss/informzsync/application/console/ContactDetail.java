package com.idss.informzsync.application.console;

import java.time.OffsetDateTime;
import java.util.List;

/** Everything the contact page shows about the record itself. */
public record ContactDetail(int id, String firstName, String lastName, String title, String email, String phone,
        String city, String state, String postalCode, Long accountId, String accountName, List<String> tags,
        boolean active, Long informzCode, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        DuplicateGroupView duplicateGroup, List<UnsubscribeNotice> unsubscribedInInformz) {

    public String displayName() {
        return Names.display(firstName, lastName);
    }

    /** True when another active contact owns this contact's email in Informz. */
    public boolean duplicate() {
        return duplicateGroup != null && duplicateGroup.ownerId() != id;
    }
}
