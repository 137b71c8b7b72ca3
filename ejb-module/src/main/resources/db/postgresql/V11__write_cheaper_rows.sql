-- PostgreSQL only (db/postgresql; H2 has neither storage parameters nor partial indexes).
--
-- Writing a contact's Informz subscriber id back updates a row no index covers the changed column
-- of; with room on its page the new version stays there (a HOT update) and none of the contact's
-- indexes is written. Loaded full (fillfactor 100), 99.98 % of a first sync's write-backs rewrote
-- every index; with 15 % free, about one in five stays on its page (a page's rows are written back
-- in one transaction, so the free room runs out; all would take fillfactor 50). A user's edit of a
-- contact's other fields profits the same way. Pages written from now on keep the room; existing
-- ones get it as they are rewritten (VACUUM FULL, CLUSTER).
ALTER TABLE contact SET (fillfactor = 85);

-- Every query asks for active contacts, nearly all of them: PostgreSQL never reads this index for
-- that, yet every contact written writes it.
DROP INDEX ix_contact_active;

-- Nearly every state is synced: no retry due, no duplicate. Indexing only the rows that have one
-- spares two index writes per state; the queries on these columns ask for rows that have a value
-- (states owned by these contacts, the earliest retry due).
DROP INDEX ix_sync_state_next_attempt;
CREATE INDEX ix_sync_state_next_attempt ON contact_list_sync_state (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
DROP INDEX ix_sync_state_duplicate_of;
CREATE INDEX ix_sync_state_duplicate_of ON contact_list_sync_state (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Lock keys are compared, sorted and inserted by the hundred thousand in a first sync; byte order
-- (collation "C") is memcmp where the database's default collation goes through the locale. It is
-- also the order Java's String.compareTo gives the keys (they are ASCII but for an address's own
-- characters, and UTF-8 byte order is code point order), the order every holder takes them in.
ALTER TABLE sync_writer_lock ALTER COLUMN lock_key TYPE VARCHAR(300) COLLATE "C";

-- A lock row only anchors row locks; it holds no data. Unlogged, creating it and locking it write no
-- WAL. After a crash PostgreSQL empties the table (and a promoted standby starts with it empty): every
-- holder creates the rows it misses before it locks them, as for a key never locked before.
ALTER TABLE sync_writer_lock SET UNLOGGED;
