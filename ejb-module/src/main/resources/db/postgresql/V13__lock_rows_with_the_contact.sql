-- PostgreSQL only (db/postgresql; on H2 the rows are still created on first use).
--
-- A contact's writer lock rows ('c:<id>', 'e:<address>') are created with the contact, and an
-- address's when the contact takes it, whichever way the row is written (the console, the inbox, an
-- import in SQL). A first sync of a list then finds them all: creating them there was the largest
-- statement before its first batch (0.8–1.1 s of execution for a 100,000-contact list), paid while no
-- batch could start. A contact pays it once, at its creation, in its own transaction; rolled back,
-- the rows go with it and nothing is lost, since a holder still creates any key it misses (after a
-- crash this unlogged table comes back empty).
CREATE FUNCTION create_lock_rows_of_new_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sync_writer_lock (lock_key)
    SELECT 'c:' || id FROM created
    UNION ALL
    SELECT 'e:' || email_normalized FROM created WHERE email_normalized IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- One statement per INSERT statement, however many rows it writes (an import's multi-row insert).
CREATE TRIGGER contact_created_with_its_lock_rows AFTER INSERT ON contact
    REFERENCING NEW TABLE AS created FOR EACH STATEMENT EXECUTE FUNCTION create_lock_rows_of_new_contacts();

CREATE FUNCTION create_lock_row_of_new_address() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sync_writer_lock (lock_key) VALUES ('e:' || NEW.email_normalized) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- Only an UPDATE that names the address column, and only for a new address: the subscriber-id
-- write-back, which updates every contact of a first sync, never fires it.
CREATE TRIGGER contact_address_with_its_lock_row AFTER UPDATE OF email_normalized ON contact
    FOR EACH ROW WHEN (NEW.email_normalized IS NOT NULL AND NEW.email_normalized IS DISTINCT FROM OLD.email_normalized)
    EXECUTE FUNCTION create_lock_row_of_new_address();

-- The contacts created before this migration.
INSERT INTO sync_writer_lock (lock_key)
SELECT 'c:' || id FROM contact
UNION ALL
SELECT 'e:' || email_normalized FROM contact WHERE email_normalized IS NOT NULL
ON CONFLICT DO NOTHING;
