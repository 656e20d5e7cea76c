-- One sync runner at a time, across processes and machines (docs/sync.md).
-- The single row names the runner holding the lease; it renews heartbeat_at and expires_at while
-- it works and deletes the row when it is done. A runner that finds the row expired (or, on the
-- same host, owned by a process that no longer exists) takes it over.

CREATE TABLE sync_lease (
    name         TEXT   PRIMARY KEY CHECK (name = 'sync'),
    host         TEXT   NOT NULL CHECK (length(host) BETWEEN 1 AND 255),
    pid          BIGINT NOT NULL CHECK (pid > 0),
    triggered_by TEXT   NOT NULL CHECK (triggered_by IN ('gui', 'headless', 'manual')),
    acquired_at  BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    CHECK (heartbeat_at >= acquired_at),
    CHECK (expires_at > heartbeat_at)
);

-- Purge asks, for every file it removes, whether any other file still uses the same bytes.
CREATE INDEX vector_store_files_sha_idx ON vector_store_files (sha256);
