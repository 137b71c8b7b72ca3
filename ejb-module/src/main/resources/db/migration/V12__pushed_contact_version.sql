-- The contact's version whose data a SYNCED state's push carried. The nightly check and the start-up
-- catch-up sync again every contact whose version has moved past it: an edit whose sync message was
-- lost. They compared times before (synced_at < contact.updated_at), which missed an edit committed
-- while a sync of the older data was in flight: that sync booked its state after the edit's stamp.
ALTER TABLE contact_list_sync_state ADD COLUMN pushed_contact_version BIGINT;

-- A state synced after the contact's last edit carried that edit; the rest (NULL) sync once more.
UPDATE contact_list_sync_state
   SET pushed_contact_version = (SELECT c.version FROM contact c WHERE c.id = contact_list_sync_state.contact_id)
 WHERE state = 'SYNCED'
   AND synced_at >= (SELECT c.updated_at FROM contact c WHERE c.id = contact_list_sync_state.contact_id);
