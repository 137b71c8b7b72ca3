-- Walking-skeleton schema; the CRM model grows in later versions.
-- EclipseLink reads NEXT VALUE as the top of a preallocated block of 50: start at 50.
CREATE SEQUENCE contact_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE contact (
    id      INTEGER      NOT NULL PRIMARY KEY,
    email   VARCHAR(100),
    version BIGINT       NOT NULL DEFAULT 0
);
