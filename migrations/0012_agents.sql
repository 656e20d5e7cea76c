-- Agents (docs/agents.md, issue #17): what an agent of a tenant searches, turned by the resolver
-- (core/domain/agentresolver.cpp) into the Responses API's `file_search` tool.
--
-- * agents: one row per agent spec. `binding_mode` `tenant_default` follows the tenant's primary
--   store; `explicit` searches the stores bound in agent_vector_stores. `consumer` is what runs
--   the tool: `openai` (OpenAI's Responses API: reaches OpenAI stores only), `vectordesk` (an
--   application searching through `vectordesk serve`: reaches local stores only) or `any`.
--   `file_search_options` is a JSON object: max_num_results, ranking_options, filters.
--   Names are unique per tenant case-insensitively and never change (bindings name the agent).
-- * agent_vector_stores (0002): from now on holds the explicit bindings only; agent_id is the
--   agent's name. Agents bound before this migration get a spec of their own.

CREATE TABLE agents (
    id                  {{PK}},
    tenant_id           BIGINT  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    description         TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    binding_mode        TEXT    NOT NULL CHECK (binding_mode IN ('tenant_default', 'explicit')),
    consumer            TEXT    NOT NULL DEFAULT 'any' CHECK (consumer IN ('any', 'openai', 'vectordesk')),
    file_search_options TEXT    NOT NULL DEFAULT '{}',
    created_by          TEXT    NOT NULL CHECK (length(created_by) BETWEEN 1 AND 128),
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);

INSERT INTO agents (tenant_id, name, description, binding_mode, consumer, file_search_options, created_by,
                    created_at, updated_at)
SELECT tenant_id, min(agent_id), '',
       CASE WHEN max(CASE WHEN binding_mode = 'tenant_default' THEN 1 ELSE 0 END) = 1
            THEN 'tenant_default' ELSE 'explicit' END,
       'any', '{}', 'migration', min(created_at), max(updated_at)
FROM agent_vector_stores GROUP BY tenant_id, lower(agent_id);

DELETE FROM agent_vector_stores WHERE binding_mode = 'tenant_default';

CREATE UNIQUE INDEX agents_tenant_name_uq ON agents (tenant_id, lower(name));
CREATE INDEX agent_vector_stores_agent_idx ON agent_vector_stores (tenant_id, agent_id);
