-- A store's chunking: what files attached without a chunking of their own are split with. It is
-- VectorDesk's setting (OpenAI keeps none per store; the OpenAI backend sends it with each file).
-- Stores made before this migration chunk automatically, as they did.

ALTER TABLE vector_stores ADD COLUMN chunking_type TEXT NOT NULL DEFAULT 'auto'
    CHECK (chunking_type IN ('auto', 'static'));
ALTER TABLE vector_stores ADD COLUMN chunk_max_tokens INTEGER NOT NULL DEFAULT 800
    CHECK (chunk_max_tokens BETWEEN 100 AND 4096);
ALTER TABLE vector_stores ADD COLUMN chunk_overlap_tokens INTEGER NOT NULL DEFAULT 400
    CHECK (chunk_overlap_tokens >= 0 AND chunk_overlap_tokens * 2 <= chunk_max_tokens);
