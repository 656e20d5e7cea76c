-- API tokens for `vectordesk serve` (docs/api.md): each belongs to one tenant and carries one
-- role, like an OpenAI project key. Only the SHA-256 of the secret is kept; the secret itself is
-- shown once, when the token is created. A token is usable while it is neither revoked nor past
-- expires_at; revoked rows stay for the audit trail.

CREATE TABLE api_tokens (
    id           {{PK}},
    tenant_id    BIGINT  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    role         TEXT    NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    -- The first characters of the secret ("vdk_AbCd"), shown in lists so that a person can tell
    -- which token a leaked or configured secret is; too short to help guessing the rest.
    prefix       TEXT    NOT NULL CHECK (length(prefix) BETWEEN 4 AND 16),
    secret_hash  TEXT    NOT NULL CHECK (length(secret_hash) = 64),
    created_by   TEXT    NOT NULL CHECK (length(created_by) BETWEEN 1 AND 128),
    created_at   BIGINT  NOT NULL,
    expires_at   BIGINT  NULL,
    revoked_at   BIGINT  NULL,
    CHECK (expires_at IS NULL OR expires_at > created_at),
    CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);
CREATE UNIQUE INDEX api_tokens_secret_uq ON api_tokens (secret_hash);
-- A live token's name is unique in its tenant (case-insensitive); a revoked name may be reused.
CREATE UNIQUE INDEX api_tokens_live_name_uq ON api_tokens (tenant_id, lower(name)) WHERE revoked_at IS NULL;
CREATE INDEX api_tokens_tenant_idx ON api_tokens (tenant_id, created_at);
