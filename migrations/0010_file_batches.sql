-- File batches of the API (POST /v1/vector_stores/{id}/file_batches, docs/api.md): a group of
-- files attached to one store in one request, which can be followed and cancelled together. The
-- files themselves are ordinary store files; a batch only names them. Its status and counts are
-- derived from its files' statuses, so they cannot disagree.

CREATE TABLE vector_store_file_batches (
    id           {{PK}},
    api_id       TEXT    NOT NULL CHECK (length(api_id) BETWEEN 8 AND 64),
    store_id     BIGINT  NOT NULL,
    tenant_id    BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL CHECK (length(created_by) BETWEEN 1 AND 128),
    created_at   BIGINT  NOT NULL,
    cancelled_at BIGINT  NULL,
    CHECK (cancelled_at IS NULL OR cancelled_at >= created_at),
    FOREIGN KEY (store_id, tenant_id) REFERENCES vector_stores (id, tenant_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX vector_store_file_batches_api_id_uq ON vector_store_file_batches (api_id);
CREATE INDEX vector_store_file_batches_store_idx ON vector_store_file_batches (store_id, created_at);

CREATE TABLE vector_store_file_batch_files (
    batch_id BIGINT NOT NULL REFERENCES vector_store_file_batches (id) ON DELETE CASCADE,
    file_id  BIGINT NOT NULL REFERENCES vector_store_files (id) ON DELETE CASCADE,
    PRIMARY KEY (batch_id, file_id)
);
CREATE INDEX vector_store_file_batch_files_file_idx ON vector_store_file_batch_files (file_id);
