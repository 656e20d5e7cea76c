-- Ingestion bookkeeping: which process works on a file, since when, how often it was tried,
-- and what the index made of it.

ALTER TABLE vector_store_files ADD COLUMN ingest_claimed_by TEXT NULL;
ALTER TABLE vector_store_files ADD COLUMN ingest_claimed_at BIGINT NULL;
ALTER TABLE vector_store_files ADD COLUMN ingest_attempts INTEGER NOT NULL DEFAULT 0 CHECK (ingest_attempts >= 0);
ALTER TABLE vector_store_files ADD COLUMN chunk_count BIGINT NOT NULL DEFAULT 0 CHECK (chunk_count >= 0);
ALTER TABLE vector_store_files ADD COLUMN token_count BIGINT NOT NULL DEFAULT 0 CHECK (token_count >= 0);

-- The queue: live files waiting for ingestion, oldest first.
CREATE INDEX vector_store_files_queue_idx ON vector_store_files (status, id) WHERE deleted_at IS NULL;
