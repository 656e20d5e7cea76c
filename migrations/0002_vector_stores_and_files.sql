-- Vector stores, their files and agent bindings.

CREATE TABLE vector_stores (
    id                   {{PK}},
    tenant_id            BIGINT  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                 TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 256),
    backend              TEXT    NOT NULL CHECK (backend IN ('local', 'openai')),
    remote_id            TEXT    NULL,
    status               TEXT    NOT NULL DEFAULT 'completed'
                                 CHECK (status IN ('in_progress', 'completed', 'expired')),
    is_primary           INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    usage_bytes          BIGINT  NOT NULL DEFAULT 0 CHECK (usage_bytes >= 0),
    files_in_progress    BIGINT  NOT NULL DEFAULT 0 CHECK (files_in_progress >= 0),
    files_completed      BIGINT  NOT NULL DEFAULT 0 CHECK (files_completed >= 0),
    files_failed         BIGINT  NOT NULL DEFAULT 0 CHECK (files_failed >= 0),
    files_cancelled      BIGINT  NOT NULL DEFAULT 0 CHECK (files_cancelled >= 0),
    expires_after_anchor TEXT    NULL CHECK (expires_after_anchor IN ('last_active_at')),
    expires_after_days   INTEGER NULL CHECK (expires_after_days BETWEEN 1 AND 365),
    expires_at           BIGINT  NULL,
    last_active_at       BIGINT  NULL,
    metadata             TEXT    NOT NULL DEFAULT '{}',
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL,
    deleted_at           BIGINT  NULL,
    -- An expiry policy has both an anchor and a number of days, or neither.
    CHECK ((expires_after_anchor IS NULL) = (expires_after_days IS NULL)),
    -- A soft-deleted store is never the primary one.
    CHECK (is_primary = 0 OR deleted_at IS NULL),
    -- Lets files and bindings prove they belong to the store's tenant.
    UNIQUE (id, tenant_id)
);
CREATE UNIQUE INDEX vector_stores_live_name_uq ON vector_stores (tenant_id, lower(name)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX vector_stores_primary_uq ON vector_stores (tenant_id) WHERE is_primary = 1 AND deleted_at IS NULL;
CREATE UNIQUE INDEX vector_stores_remote_uq ON vector_stores (backend, remote_id) WHERE remote_id IS NOT NULL;
CREATE INDEX vector_stores_tenant_idx ON vector_stores (tenant_id, deleted_at, name);
CREATE INDEX vector_stores_expires_idx ON vector_stores (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX vector_stores_deleted_idx ON vector_stores (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE vector_store_files (
    id                   {{PK}},
    store_id             BIGINT  NOT NULL,
    tenant_id            BIGINT  NOT NULL,
    filename             TEXT    NOT NULL CHECK (length(filename) BETWEEN 1 AND 1024),
    mime_type            TEXT    NOT NULL CHECK (length(mime_type) BETWEEN 1 AND 255),
    size_bytes           BIGINT  NOT NULL CHECK (size_bytes >= 0),
    sha256               TEXT    NOT NULL CHECK (length(sha256) = 64),
    status               TEXT    NOT NULL DEFAULT 'in_progress'
                                 CHECK (status IN ('in_progress', 'completed', 'cancelled', 'failed')),
    last_error_code      TEXT    NULL CHECK (last_error_code IN ('server_error', 'unsupported_file', 'invalid_file')),
    last_error_message   TEXT    NULL,
    usage_bytes          BIGINT  NOT NULL DEFAULT 0 CHECK (usage_bytes >= 0),
    attributes           TEXT    NOT NULL DEFAULT '{}',
    chunking_type        TEXT    NOT NULL DEFAULT 'auto' CHECK (chunking_type IN ('auto', 'static', 'other')),
    chunk_max_tokens     INTEGER NOT NULL DEFAULT 800 CHECK (chunk_max_tokens BETWEEN 100 AND 4096),
    chunk_overlap_tokens INTEGER NOT NULL DEFAULT 400
                                 CHECK (chunk_overlap_tokens >= 0 AND chunk_overlap_tokens * 2 <= chunk_max_tokens),
    remote_file_id       TEXT    NULL,
    source_path          TEXT    NULL,
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL,
    status_changed_at    BIGINT  NOT NULL,
    deleted_at           BIGINT  NULL,
    -- A failed file always says why; no other status carries an error.
    CHECK ((status = 'failed') = (last_error_code IS NOT NULL)),
    CHECK ((last_error_code IS NULL) = (last_error_message IS NULL)),
    -- The file's tenant is its store's tenant.
    FOREIGN KEY (store_id, tenant_id) REFERENCES vector_stores (id, tenant_id) ON DELETE CASCADE
);
-- The same content is attached to a store once.
CREATE UNIQUE INDEX vector_store_files_live_sha_uq ON vector_store_files (store_id, sha256) WHERE deleted_at IS NULL;
CREATE INDEX vector_store_files_store_name_idx ON vector_store_files (store_id, filename);
CREATE INDEX vector_store_files_store_status_idx ON vector_store_files (store_id, status);
CREATE INDEX vector_store_files_store_updated_idx ON vector_store_files (store_id, updated_at);
CREATE INDEX vector_store_files_tenant_idx ON vector_store_files (tenant_id);
CREATE INDEX vector_store_files_progress_idx ON vector_store_files (status, status_changed_at);
CREATE INDEX vector_store_files_deleted_idx ON vector_store_files (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE UNIQUE INDEX vector_store_files_remote_uq ON vector_store_files (store_id, remote_file_id) WHERE remote_file_id IS NOT NULL;

CREATE TABLE agent_vector_stores (
    id           {{PK}},
    agent_id     TEXT   NOT NULL CHECK (length(agent_id) BETWEEN 1 AND 128),
    tenant_id    BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    store_id     BIGINT NULL,
    binding_mode TEXT   NOT NULL CHECK (binding_mode IN ('tenant_default', 'explicit')),
    options      TEXT   NOT NULL DEFAULT '{}',
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    -- 'tenant_default' follows the tenant's primary store; 'explicit' names one.
    CHECK ((binding_mode = 'explicit') = (store_id IS NOT NULL)),
    FOREIGN KEY (store_id, tenant_id) REFERENCES vector_stores (id, tenant_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX agent_vector_stores_explicit_uq ON agent_vector_stores (tenant_id, agent_id, store_id) WHERE store_id IS NOT NULL;
CREATE UNIQUE INDEX agent_vector_stores_default_uq ON agent_vector_stores (tenant_id, agent_id) WHERE binding_mode = 'tenant_default';
CREATE INDEX agent_vector_stores_store_idx ON agent_vector_stores (store_id);
