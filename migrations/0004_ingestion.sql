-- Ingestion bookkeeping: which process works on a file, since when, how often it was tried,
-- and what the index made of it.

ALTER TABLE vector_store_files ADD COLUMN ingest_claimed_by TEXT NULL;
ALTER TABLE vector_store_files ADD COLUMN ingest_claimed_at BIGINT NULL;
ALTER TABLE vector_store_files ADD COLUMN ingest_attempts INTEGER NOT NULL DEFAULT 0 CHECK (ingest_attempts >= 0);
ALTER TABLE vector_store_files ADD COLUMN chunk_count BIGINT NOT NULL DEFAULT 0 CHECK (chunk_count >= 0);
ALTER TABLE vector_store_files ADD COLUMN token_count BIGINT NOT NULL DEFAULT 0 CHECK (token_count >= 0);

-- The queue: live files waiting for ingestion, oldest first.
CREATE INDEX vector_store_files_queue_idx ON vector_store_files (status, id) WHERE deleted_at IS NULL;

-- The sum of the sizes of a store's live files, kept with its file counts, so that quota checks
-- read one row per store instead of summing every file.
ALTER TABLE vector_stores ADD COLUMN files_size_bytes BIGINT NOT NULL DEFAULT 0 CHECK (files_size_bytes >= 0);
UPDATE vector_stores SET files_size_bytes = (SELECT coalesce(sum(f.size_bytes), 0) FROM vector_store_files f
                                             WHERE f.store_id = vector_stores.id AND f.deleted_at IS NULL);

-- File tables sort names regardless of case.
CREATE INDEX vector_store_files_store_lname_idx ON vector_store_files (store_id, lower(filename));
