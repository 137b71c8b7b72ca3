-- One row per reconcile of a list with its Informz interest: what triggered it, how far it got
-- (the console's live progress), what it excluded and why, and a list-level error if it stopped.
CREATE SEQUENCE list_sync_run_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE list_sync_run (
    id                  BIGINT                   NOT NULL PRIMARY KEY,
    list_id             BIGINT                   NOT NULL,
    run_trigger         VARCHAR(30)              NOT NULL,
    status              VARCHAR(20)              NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE,
    member_count        INTEGER                  DEFAULT 0 NOT NULL,
    to_add              INTEGER                  DEFAULT 0 NOT NULL,
    added               INTEGER                  DEFAULT 0 NOT NULL,
    to_remove           INTEGER                  DEFAULT 0 NOT NULL,
    removed             INTEGER                  DEFAULT 0 NOT NULL,
    excluded_duplicate  INTEGER                  DEFAULT 0 NOT NULL,
    excluded_invalid    INTEGER                  DEFAULT 0 NOT NULL,
    excluded_no_email   INTEGER                  DEFAULT 0 NOT NULL,
    failed              INTEGER                  DEFAULT 0 NOT NULL,
    informz_calls       INTEGER                  DEFAULT 0 NOT NULL,
    message             VARCHAR(1000),
    version             BIGINT                   DEFAULT 0 NOT NULL
);
CREATE INDEX ix_list_sync_run_list ON list_sync_run (list_id, started_at);
