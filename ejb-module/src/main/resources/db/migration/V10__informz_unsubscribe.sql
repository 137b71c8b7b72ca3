-- Who Informz holds as unsubscribed, as the nightly check against Informz found it: brand-wide (the
-- person unsubscribed from all mail; list_id is null) or from one list's interest (an opt-out the
-- sync did not make). The sync never pushes such a contact again (never resubscribes it); the row
-- goes only when Informz no longer holds the contact as unsubscribed. CRM data is never changed.
CREATE TABLE informz_unsubscribe (
    id              BIGINT                   NOT NULL PRIMARY KEY,
    contact_id      INTEGER                  NOT NULL,
    list_id         BIGINT,
    email           VARCHAR(320)             NOT NULL,
    unsubscribed_at TIMESTAMP WITH TIME ZONE,
    reason          VARCHAR(1000),
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_informz_unsubscribe_contact ON informz_unsubscribe (contact_id, list_id);
CREATE INDEX ix_informz_unsubscribe_list ON informz_unsubscribe (list_id);
-- EclipseLink reads NEXT VALUE as the top of a preallocated block of 50 (as contact_seq).
CREATE SEQUENCE informz_unsubscribe_seq START WITH 50 INCREMENT BY 50;

-- A reconcile's count of members it left out because Informz holds them as unsubscribed.
ALTER TABLE list_sync_run ADD COLUMN excluded_unsubscribed INTEGER DEFAULT 0 NOT NULL;
