-- Plans, tenants, operators and their memberships.
-- Portable SQL for SQLite and PostgreSQL 15. Tokens in {{...}} are replaced per dialect by
-- core/storage/migrator.cpp (see migrations/README.md). Timestamps are unix milliseconds.

CREATE TABLE plans (
    name                TEXT    PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 32),
    display_name        TEXT    NOT NULL,
    max_stores          BIGINT  NOT NULL CHECK (max_stores >= 0),
    max_files_per_store BIGINT  NOT NULL CHECK (max_files_per_store >= 0),
    max_file_bytes      BIGINT  NOT NULL CHECK (max_file_bytes >= 0),
    max_total_bytes     BIGINT  NOT NULL CHECK (max_total_bytes >= 0),
    -- JSON array of allowed file extensions; NULL means OpenAI's file-search list.
    allowed_types       TEXT    NULL,
    sort_order          INTEGER NOT NULL
);

INSERT INTO plans (name, display_name, max_stores, max_files_per_store, max_file_bytes, max_total_bytes, allowed_types, sort_order) VALUES
    ('free',       'Free',       2,    100,     10485760,    104857600,      NULL, 1),
    ('starter',    'Starter',    10,   500,     52428800,    5368709120,     NULL, 2),
    ('pro',        'Pro',        100,  10000,   536870912,   107374182400,   NULL, 3),
    ('enterprise', 'Enterprise', 1000, 1000000, 536870912,   2748779069440,  NULL, 4);

CREATE TABLE tenants (
    id              {{PK}},
    slug            TEXT    NOT NULL CHECK (length(slug) BETWEEN 2 AND 63),
    display_name    TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    plan            TEXT    NOT NULL REFERENCES plans (name),
    -- JSON object with any of the plan's limit columns, overriding the plan for this tenant.
    plan_overrides  TEXT    NOT NULL DEFAULT '{}',
    default_backend TEXT    NOT NULL DEFAULT 'local' CHECK (default_backend IN ('local', 'openai')),
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    deleted_at      BIGINT  NULL
);
-- Slugs are unique case-insensitively among live tenants.
CREATE UNIQUE INDEX tenants_live_slug_uq ON tenants (lower(slug)) WHERE deleted_at IS NULL;
CREATE INDEX tenants_deleted_at_idx ON tenants (deleted_at);

CREATE TABLE operators (
    id                {{PK}},
    name              TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    display_name      TEXT    NOT NULL DEFAULT '',
    is_instance_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_instance_admin IN (0, 1)),
    created_at        BIGINT  NOT NULL
);
CREATE UNIQUE INDEX operators_name_uq ON operators (lower(name));

CREATE TABLE memberships (
    operator_id BIGINT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    tenant_id   BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    role        TEXT   NOT NULL CHECK (role IN ('viewer', 'editor', 'admin', 'owner')),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (operator_id, tenant_id)
);
CREATE INDEX memberships_tenant_idx ON memberships (tenant_id, role);
