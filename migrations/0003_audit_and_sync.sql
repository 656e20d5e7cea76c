-- The audit trail and the record of sync passes.

CREATE TABLE audit_log (
    id         {{PK}},
    at         BIGINT NOT NULL,
    operator   TEXT   NOT NULL,
    -- No foreign key: the trail outlives purged tenants.
    tenant_id  BIGINT NULL,
    action     TEXT   NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    target     TEXT   NOT NULL,
    request_id TEXT   NOT NULL,
    detail     TEXT   NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE TABLE sync_runs (
    id          {{PK}},
    started_at  BIGINT  NOT NULL,
    finished_at BIGINT  NULL,
    host        TEXT    NOT NULL,
    pid         BIGINT  NOT NULL,
    triggered_by TEXT   NOT NULL CHECK (triggered_by IN ('gui', 'headless', 'manual')),
    status      TEXT    NOT NULL DEFAULT 'running'
                        CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    counts      TEXT    NOT NULL DEFAULT '{}',
    errors      TEXT    NOT NULL DEFAULT '[]',
    CHECK (finished_at IS NULL OR finished_at >= started_at),
    CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE INDEX sync_runs_started_idx ON sync_runs (started_at);
