-- Operators' handles: the dead-letter desk and the dashboard's history.
-- Why a message's last delivery failed, kept outside the delivery's own transaction (which rolls
-- back): the dead-letter page shows it beside the message the broker dead-lettered. Keyed by the JMS
-- message ID, which the broker keeps on the dead-lettered copy. Old rows are pruned as new ones come.
CREATE TABLE delivery_failure (
    message_id     VARCHAR(100)             NOT NULL PRIMARY KEY,
    queue_name     VARCHAR(100)             NOT NULL,
    delivery_count INTEGER                  NOT NULL,
    reason         VARCHAR(2000)            NOT NULL,
    failed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_delivery_failure_failed_at ON delivery_failure (failed_at);

-- Who did what to a dead-lettered message (requeued, deleted), for the operators' audit.
CREATE TABLE operator_action (
    id         BIGINT                   NOT NULL PRIMARY KEY,
    acted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor      VARCHAR(200)             NOT NULL,
    action     VARCHAR(40)              NOT NULL,
    queue_name VARCHAR(100)             NOT NULL,
    message_id VARCHAR(100)             NOT NULL,
    detail     VARCHAR(1000)
);
CREATE INDEX ix_operator_action_acted_at ON operator_action (acted_at);
-- EclipseLink reads NEXT VALUE as the top of a preallocated block of 50 (as contact_seq).
CREATE SEQUENCE operator_action_seq START WITH 50 INCREMENT BY 50;

-- The sync lag as each node saw it once a minute, for the dashboard's 24-hour chart (SyncLagSampler).
-- Kept a week.
CREATE TABLE sync_lag_sample (
    sampled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    node        VARCHAR(200)             NOT NULL,
    lag_seconds BIGINT                   NOT NULL,
    PRIMARY KEY (sampled_at, node)
);
