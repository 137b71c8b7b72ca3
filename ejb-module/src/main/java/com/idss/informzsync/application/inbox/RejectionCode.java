package com.idss.informzsync.application.inbox;

/** Why a message was refused. Part of the contract: senders may branch on these names. */
public enum RejectionCode {
    /** Not a JMS TextMessage. */
    NOT_TEXT,
    /** Over {@link InboxMessageParser#MAX_PAYLOAD_BYTES} bytes of UTF-8. */
    TOO_LARGE,
    /** Not parseable as JSON. */
    NOT_JSON,
    /** JSON, but not what the schema of its type says: missing, unknown or mistyped fields, bad lengths. */
    SCHEMA_INVALID,
    UNKNOWN_TYPE,
    UNSUPPORTED_VERSION,
    /** Names a contact, external key, list or account that does not exist. */
    UNKNOWN_REFERENCE,
    /** Well-formed, but the CRM refuses the values (the same rules as the console's form). */
    INVALID_INPUT
}
