-- Per-tenant OpenAI connection settings (the API key itself lives in the OS keychain or a key
-- file, never here). No row: https://api.openai.com/v1 with no organization or project header.

CREATE TABLE tenant_openai_settings (
    tenant_id    BIGINT  NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    base_url     TEXT    NOT NULL CHECK (base_url LIKE 'http://%' OR base_url LIKE 'https://%'),
    organization TEXT    NULL CHECK (organization IS NULL OR length(organization) BETWEEN 1 AND 200),
    project      TEXT    NULL CHECK (project IS NULL OR length(project) BETWEEN 1 AND 200),
    updated_at   BIGINT  NOT NULL
);
