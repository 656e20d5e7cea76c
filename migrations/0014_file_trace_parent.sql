-- The trace span of the attach or retry that queued a file, as a W3C traceparent
-- ("00-<trace id>-<span id>-01"), so that its ingestion, on whichever worker or machine claims it,
-- is a child of that span (docs/observability.md). NULL when tracing was off.
ALTER TABLE vector_store_files ADD COLUMN trace_parent TEXT NULL;
