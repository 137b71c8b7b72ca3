-- Whether Informz answers, shared by every server node (InformzConnectionMonitor): a node that finds
-- it down or back records it here, and every node adopts what is recorded, so all consoles show the
-- same state and all nodes pause together. One row. "changes" counts the changes between up and
-- down, so a node can tell a newer record from the one it has seen.
CREATE TABLE informz_connection (
    id         INTEGER                  NOT NULL PRIMARY KEY,
    up         BOOLEAN                  NOT NULL,
    since      TIMESTAMP WITH TIME ZONE NOT NULL,
    reason     VARCHAR(1000),
    changed_by VARCHAR(200),
    changes    BIGINT                   NOT NULL
);
INSERT INTO informz_connection (id, up, since, changes) VALUES (1, TRUE, CURRENT_TIMESTAMP, 0);
