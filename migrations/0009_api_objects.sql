-- What `vectordesk serve` (docs/api.md) needs to speak OpenAI's API:
--
-- * Opaque ids. OpenAI's ids are strings ("vs_…", "file-…") and SDKs treat them as such; rows
--   keep their integer keys and get a random public id the first time the API shows them (or when
--   the API creates them). Nothing derives a row from its public id except this column.
-- * Files as OpenAI has them: uploads of a tenant (POST /v1/files) that exist on their own and can
--   be attached to several stores. Their bytes live in the blob store by sha256, as attached files'
--   bytes do; a blob is kept while any live upload or attached file has that sha256.
--   A store file made from an upload names it (upload_id), and its API id is the upload's
--   ("the same value as the File id", as in OpenAI). A store file attached by the CLI or the window
--   gets an upload row of its own the first time the API shows it.

ALTER TABLE vector_stores ADD COLUMN api_id TEXT NULL CHECK (api_id IS NULL OR length(api_id) BETWEEN 8 AND 64);
CREATE UNIQUE INDEX vector_stores_api_id_uq ON vector_stores (api_id) WHERE api_id IS NOT NULL;

CREATE TABLE uploaded_files (
    id          {{PK}},
    api_id      TEXT    NOT NULL CHECK (length(api_id) BETWEEN 8 AND 64),
    tenant_id   BIGINT  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    filename    TEXT    NOT NULL CHECK (length(filename) BETWEEN 1 AND 1024),
    purpose     TEXT    NOT NULL CHECK (purpose IN ('assistants')),
    size_bytes  BIGINT  NOT NULL CHECK (size_bytes >= 0),
    sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_by  TEXT    NOT NULL CHECK (length(created_by) BETWEEN 1 AND 128),
    created_at  BIGINT  NOT NULL,
    UNIQUE (id, tenant_id)
);
CREATE UNIQUE INDEX uploaded_files_api_id_uq ON uploaded_files (api_id);
CREATE INDEX uploaded_files_tenant_idx ON uploaded_files (tenant_id, created_at);
CREATE INDEX uploaded_files_sha_idx ON uploaded_files (sha256);

ALTER TABLE vector_store_files ADD COLUMN upload_id BIGINT NULL REFERENCES uploaded_files (id) ON DELETE SET NULL;
CREATE INDEX vector_store_files_upload_idx ON vector_store_files (upload_id) WHERE upload_id IS NOT NULL;
