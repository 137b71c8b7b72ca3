-- Walking-skeleton schema; the CRM model grows in later versions.
CREATE SEQUENCE contact_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE contact (
    id      INTEGER      NOT NULL PRIMARY KEY,
    email   VARCHAR(100),
    version BIGINT       NOT NULL DEFAULT 0
);
