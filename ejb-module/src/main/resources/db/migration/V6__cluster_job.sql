-- Jobs that must run once per cluster, not once per server node (the nightly check, the start-up
-- catch-up): a node runs one only if it wins the job's row, by database time (ClusterJobs).
CREATE TABLE cluster_job (
    job             VARCHAR(60)              NOT NULL PRIMARY KEY,
    last_started_at TIMESTAMP WITH TIME ZONE,
    started_by      VARCHAR(200)
);
INSERT INTO cluster_job (job) VALUES ('nightly-reconcile');
INSERT INTO cluster_job (job) VALUES ('startup-catch-up');
