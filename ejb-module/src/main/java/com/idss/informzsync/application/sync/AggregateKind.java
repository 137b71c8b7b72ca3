package com.idss.informzsync.application.sync;

/** What kind of CRM aggregate a sync request is about; the wire name is part of the JSON contract. */
public enum AggregateKind {
    CONTACT("contact"),
    /** A customer record: its contacts' synced fields (organisation) follow it. */
    ACCOUNT("account"),
    /** A distribution list: reconcile the whole list with its Informz interest. */
    LIST("list");

    private final String wireName;

    AggregateKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AggregateKind fromWireName(String wireName) {
        for (AggregateKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown aggregate kind '" + wireName + "'");
    }
}
