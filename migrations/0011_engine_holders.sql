-- Which embedded engine holds a local store's index (docs/teams.md). A local store's chunks live in
-- one engine folder on one machine; on a database shared by a team every other VectorDesk must
-- know where, so that it reaches the store through that machine's API (vectordesk serve) or
-- refuses with a message naming it, never answering from an empty index of its own.
--
-- * engine_holders: one row per engine folder that has held a store. `id` is the random id kept in
--   the folder's `engine-id` file; `host` and `folder` are for people reading messages; `api_url`
--   is where `vectordesk serve` on that machine answers (set by serve --advertise), NULL when
--   it does not serve. No token or key is ever stored here.
-- * vector_stores.engine_holder: the holder of a local store's index; NULL for OpenAI stores, and
--   for local stores made before this migration until their engine claims them (CoreSession).

CREATE TABLE engine_holders (
    id         TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 8 AND 64),
    host       TEXT    NOT NULL CHECK (length(host) BETWEEN 1 AND 255),
    folder     TEXT    NOT NULL CHECK (length(folder) BETWEEN 1 AND 4096),
    api_url    TEXT    NULL CHECK (api_url IS NULL OR length(api_url) BETWEEN 8 AND 2048),
    seen_at    BIGINT  NOT NULL
);

ALTER TABLE vector_stores ADD COLUMN engine_holder TEXT NULL REFERENCES engine_holders (id);
CREATE INDEX vector_stores_engine_holder_idx ON vector_stores (engine_holder) WHERE engine_holder IS NOT NULL;
