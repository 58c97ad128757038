-- marsad store schema, version 6: stories that merged or split when new evidence came.
-- Format: one migration per file named NNNN_name.sql (NNNN = version, applied in increasing order).
-- Each file runs inside one transaction together with its row in schema_migrations; plain SQL only.
-- A stored story merged into another no longer exists: its id resolves to `new_id` (followed until a
-- story that exists). A split story goes on; `new_id` is a story some of its members left for.
CREATE TABLE story_changes (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merged', 'split')),
    old_id TEXT NOT NULL,
    new_id TEXT NOT NULL,
    changed TEXT NOT NULL  -- UTC time of the ingest, ISO 8601
);
CREATE INDEX story_changes_by_old ON story_changes(old_id);
