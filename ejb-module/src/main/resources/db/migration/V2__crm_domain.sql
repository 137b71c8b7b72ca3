-- The CRM model: accounts, full contacts, distribution lists with saved queries, per
-- contact-and-list sync state and the Informz call audit.
-- Portable SQL: runs unchanged on H2 2.2 (default mode) and PostgreSQL 15. Keys come from
-- sequences (increment = JPA allocationSize); lengths follow Informz's limits (email 100,
-- interest name 255); times are TIMESTAMP WITH TIME ZONE; documents are VARCHAR(1000000),
-- which both databases accept and EclipseLink maps to a plain String.

CREATE SEQUENCE account_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE account (
    id           BIGINT                   NOT NULL PRIMARY KEY,
    name         VARCHAR(255)             NOT NULL,
    account_type VARCHAR(30)              NOT NULL,
    street       VARCHAR(255),
    city         VARCHAR(100),
    state        VARCHAR(100),
    postal_code  VARCHAR(20),
    country      VARCHAR(100),
    active       BOOLEAN                  DEFAULT TRUE NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    version      BIGINT                   DEFAULT 0 NOT NULL
);
CREATE INDEX ix_account_type ON account (account_type);

ALTER TABLE contact ADD COLUMN first_name VARCHAR(100);
ALTER TABLE contact ADD COLUMN last_name VARCHAR(100);
ALTER TABLE contact ADD COLUMN title VARCHAR(100);
ALTER TABLE contact ADD COLUMN account_id BIGINT;
ALTER TABLE contact ADD COLUMN email_normalized VARCHAR(100);
ALTER TABLE contact ADD COLUMN phone VARCHAR(50);
ALTER TABLE contact ADD COLUMN city VARCHAR(100);
ALTER TABLE contact ADD COLUMN state VARCHAR(100);
ALTER TABLE contact ADD COLUMN postal_code VARCHAR(20);
ALTER TABLE contact ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE contact ADD COLUMN informz_subscriber_id BIGINT;
ALTER TABLE contact ADD COLUMN created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE contact ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE contact ADD CONSTRAINT fk_contact_account FOREIGN KEY (account_id) REFERENCES account (id);
-- Contacts written by the walking skeleton get their normalised form here; the entity keeps it
-- in step from now on.
UPDATE contact SET email_normalized = LOWER(TRIM(email)) WHERE email IS NOT NULL AND TRIM(email) <> '';
UPDATE contact SET email = NULL WHERE email IS NOT NULL AND TRIM(email) = '';
CREATE INDEX ix_contact_email_normalized ON contact (email_normalized);
CREATE INDEX ix_contact_active ON contact (active);
CREATE INDEX ix_contact_account ON contact (account_id);

CREATE TABLE contact_tag (
    contact_id INTEGER     NOT NULL,
    tag        VARCHAR(50) NOT NULL,
    CONSTRAINT pk_contact_tag PRIMARY KEY (contact_id, tag),
    CONSTRAINT fk_contact_tag_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_contact_tag_tag ON contact_tag (tag);

CREATE SEQUENCE distribution_list_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE distribution_list (
    id                    BIGINT                   NOT NULL PRIMARY KEY,
    name                  VARCHAR(255)             NOT NULL,
    description           VARCHAR(2000),
    informz_interest_name VARCHAR(255)             NOT NULL,
    sync_to_informz       BOOLEAN                  DEFAULT TRUE NOT NULL,
    active                BOOLEAN                  DEFAULT TRUE NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    version               BIGINT                   DEFAULT 0 NOT NULL,
    CONSTRAINT uk_distribution_list_interest UNIQUE (informz_interest_name)
);

CREATE TABLE distribution_list_member (
    list_id    BIGINT  NOT NULL,
    contact_id INTEGER NOT NULL,
    CONSTRAINT pk_distribution_list_member PRIMARY KEY (list_id, contact_id),
    CONSTRAINT fk_list_member_list FOREIGN KEY (list_id) REFERENCES distribution_list (id) ON DELETE CASCADE,
    CONSTRAINT fk_list_member_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);
CREATE INDEX ix_list_member_contact ON distribution_list_member (contact_id);

CREATE SEQUENCE saved_query_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE saved_query (
    id            BIGINT         NOT NULL PRIMARY KEY,
    list_id       BIGINT         NOT NULL,
    name          VARCHAR(255)   NOT NULL,
    criteria_json VARCHAR(100000) NOT NULL,
    version       BIGINT         DEFAULT 0 NOT NULL,
    CONSTRAINT fk_saved_query_list FOREIGN KEY (list_id) REFERENCES distribution_list (id) ON DELETE CASCADE
);
CREATE INDEX ix_saved_query_list ON saved_query (list_id);

CREATE SEQUENCE informz_call_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE informz_call (
    id                BIGINT                   NOT NULL PRIMARY KEY,
    called_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    operation         VARCHAR(100)             NOT NULL,
    request_document  VARCHAR(1000000),
    response_document VARCHAR(1000000),
    duration_ms       BIGINT                   NOT NULL,
    outcome           VARCHAR(20)              NOT NULL,
    fault_code        VARCHAR(100),
    -- No foreign keys: the audit outlives the contacts and lists it mentions.
    contact_id        INTEGER,
    list_id           BIGINT
);
CREATE INDEX ix_informz_call_called_at ON informz_call (called_at);
CREATE INDEX ix_informz_call_contact ON informz_call (contact_id);
CREATE INDEX ix_informz_call_list ON informz_call (list_id);

-- A list reconcile records states 500 at a time: their ids come in blocks of 500 (allocationSize).
CREATE SEQUENCE contact_list_sync_state_seq START WITH 500 INCREMENT BY 500;

CREATE TABLE contact_list_sync_state (
    id                BIGINT                   NOT NULL PRIMARY KEY,
    contact_id        INTEGER                  NOT NULL,
    list_id           BIGINT                   NOT NULL,
    state             VARCHAR(20)              NOT NULL,
    message           VARCHAR(1000),
    failed_call_id    BIGINT,
    first_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    synced_at         TIMESTAMP WITH TIME ZONE,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    attempt_count     INTEGER                  DEFAULT 0 NOT NULL,
    last_synced_email VARCHAR(100),
    created_at        TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    version           BIGINT                   DEFAULT 0 NOT NULL,
    -- No foreign keys to contact or list: when either is deleted the engine still needs this
    -- row (and last_synced_email) to take the address off the interest in Informz.
    CONSTRAINT uk_sync_state_contact_list UNIQUE (contact_id, list_id),
    CONSTRAINT fk_sync_state_failed_call FOREIGN KEY (failed_call_id) REFERENCES informz_call (id)
);
-- "Last synced" sets and console filters go by list and state, then contact.
CREATE INDEX ix_sync_state_list_state ON contact_list_sync_state (list_id, state, contact_id);
CREATE INDEX ix_sync_state_next_attempt ON contact_list_sync_state (next_attempt_at);
