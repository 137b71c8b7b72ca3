-- A list reconcile records sync states 500 at a time: hand out their ids in blocks of 500 too,
-- one sequence call per batch instead of ten (the entity's allocationSize matches).
ALTER SEQUENCE contact_list_sync_state_seq INCREMENT BY 500;
