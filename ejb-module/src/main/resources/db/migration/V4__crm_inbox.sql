-- The JMS inbox for other enterprise apps (docs/jms-contract.md): which sender key names which
-- contact, which sender messages were applied (idempotency), and which were refused and why.
-- Portable SQL, as in V2: H2 2.2 (default mode) and PostgreSQL 15.

-- A sender's own key for a contact. The key belongs to the sender system: two systems may use
-- the same key for different contacts.
CREATE TABLE external_key (
    sender       VARCHAR(50)              NOT NULL,
    external_key VARCHAR(100)             NOT NULL,
    contact_id   INTEGER                  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT pk_external_key PRIMARY KEY (sender, external_key),
    -- A deleted contact takes its keys along: the next upsert by that key creates a new contact.
    CONSTRAINT fk_external_key_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_external_key_contact ON external_key (contact_id);

-- One row per applied sender message, written in the transaction of the change it caused: the
-- primary key is what makes a resent messageId apply once.
CREATE TABLE processed_message (
    sender       VARCHAR(50)              NOT NULL,
    message_id   VARCHAR(100)             NOT NULL,
    message_type VARCHAR(50)              NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- No foreign keys: the record outlives the contact or list it names.
    contact_id   INTEGER,
    list_id      BIGINT,
    CONSTRAINT pk_processed_message PRIMARY KEY (sender, message_id)
);
CREATE INDEX ix_processed_message_at ON processed_message (processed_at);

-- Messages refused for good (not redelivered), for the console. Envelope fields are what could be
-- read; the payload is cut at 8,000 characters (payload_chars says how long it was).
CREATE SEQUENCE invalid_message_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE invalid_message (
    id                 BIGINT                   NOT NULL PRIMARY KEY,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    code               VARCHAR(30)              NOT NULL,
    reasons            VARCHAR(4000)            NOT NULL,
    sender             VARCHAR(50),
    message_id         VARCHAR(100),
    message_type       VARCHAR(50),
    correlation_id     VARCHAR(100),
    jms_message_id     VARCHAR(100),
    jms_correlation_id VARCHAR(100),
    delivery_count     INTEGER                  DEFAULT 1 NOT NULL,
    payload            VARCHAR(8000),
    payload_chars      INTEGER                  DEFAULT 0 NOT NULL
);
CREATE INDEX ix_invalid_message_received ON invalid_message (received_at);
CREATE INDEX ix_invalid_message_sender ON invalid_message (sender, received_at);
