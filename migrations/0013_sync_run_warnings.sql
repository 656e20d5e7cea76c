-- The warnings of a sync pass (issue #16, the window's sync history): what it reported without
-- doing anything (stores expiring soon, files stuck in progress), as a JSON array in the shape
-- of `errors`: [{action, target, message, tenant_id, store_id, file_id, file}]. Passes recorded
-- before this migration have none.

ALTER TABLE sync_runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
