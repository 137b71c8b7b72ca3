-- The one-writer rule (docs/reliability.md, "Concurrency model"): one row per contact ('c:<id>') and
-- per normalized email address ('e:<address>') that a sync has ever pushed for. A unit of work that
-- decides and pushes what Informz holds for a contact or an address holds its row (SELECT … FOR
-- UPDATE) from before it reads until it has booked what Informz answered. Rows are created on first
-- use and never deleted: they carry no data, only the lock.
CREATE TABLE sync_writer_lock (
    lock_key VARCHAR(300) NOT NULL PRIMARY KEY
);
