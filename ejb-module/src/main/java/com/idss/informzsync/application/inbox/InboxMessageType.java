package com.idss.informzsync.application.inbox;

import java.util.Arrays;
import java.util.Optional;

/** The message types of the contract, by wire name, with the versions this build understands. */
public enum InboxMessageType {
    CONTACT_UPSERT("contact.upsert"),
    CONTACT_DEACTIVATE("contact.deactivate"),
    CONTACT_REACTIVATE("contact.reactivate"),
    CONTACT_RESYNC("contact.resync"),
    LIST_ADD_CONTACT("list.add-contact"),
    LIST_REMOVE_CONTACT("list.remove-contact"),
    LIST_SYNC_NOW("list.sync-now"),
    LIST_MAILING_SENT("list.mailing-sent");

    /** Every type is at version 1; a version 2 of one type would be added here, next to it. */
    public static final int CURRENT_VERSION = 1;

    private final String wireName;

    InboxMessageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean supports(long version) {
        return version == CURRENT_VERSION;
    }

    public static Optional<InboxMessageType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
