-- Which contact a DUPLICATE state deferred to. When that contact's ownership of the address ends
-- (an email change, a deactivation) its sync finds the duplicates that waited for it and asks them
-- to sync again, even when it never pushed the address itself (SharedAddressOwners).
ALTER TABLE contact_list_sync_state ADD COLUMN duplicate_of INTEGER;
CREATE INDEX ix_sync_state_duplicate_of ON contact_list_sync_state (duplicate_of);
