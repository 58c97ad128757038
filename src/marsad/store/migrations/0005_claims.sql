-- marsad store schema, version 5: each story's verification: independent sources, claims, conflicts, brief.
-- Format: one migration per file named NNNN_name.sql (NNNN = version, applied in increasing order).
-- Each file runs inside one transaction together with its row in schema_migrations; plain SQL only.
-- Offsets are Python string indices into articles.body, half-open: body[start:end] is the text.
-- Rows of a story are replaced whenever the story is saved with its verification computed (it grew),
-- and deleted with the story (ON DELETE CASCADE).

-- 1 once a story's claims were computed over all its members (0: never, or it grew without them).
ALTER TABLE stories ADD COLUMN has_claims INTEGER NOT NULL DEFAULT 0;

-- Which independent source (a group number within the story) each member derives from.
CREATE TABLE story_sources (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    source INTEGER NOT NULL,
    PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;

-- One row per claim: its outlets and those omitting it as JSON arrays of names, in story order.
CREATE TABLE claims (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    outlets TEXT NOT NULL,
    independent_sources INTEGER NOT NULL,
    omitted_by TEXT NOT NULL,
    PRIMARY KEY (story_id, id)
) WITHOUT ROWID;

-- The units (spans) that state each claim, in the claim's order.
CREATE TABLE claim_units (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (story_id, claim_id, position)
) WITHOUT ROWID;
CREATE INDEX claim_units_article ON claim_units(article_id);

-- One row per conflict (kind: number, date, title, speaker, occurrence); `claims` is a JSON array of ids.
CREATE TABLE conflicts (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    claims TEXT NOT NULL,
    PRIMARY KEY (story_id, id)
) WITHOUT ROWID;
CREATE INDEX conflicts_kind ON conflicts(kind);

-- Each side of a conflict: the value as read and the span it is written in, with its outlet.
CREATE TABLE conflict_sides (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    conflict_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    PRIMARY KEY (story_id, conflict_id, position)
) WITHOUT ROWID;

-- The brief, sentence by sentence: the claim and the unit chosen to state it (its other units are
-- the claim's, in claim_units).
CREATE TABLE summary (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    claim_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    single_source INTEGER NOT NULL,
    PRIMARY KEY (story_id, position)
) WITHOUT ROWID;
