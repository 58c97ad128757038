-- marsad store schema, version 1: articles, their full-text index, stories and memberships.
-- Format: one migration per file named NNNN_name.sql (NNNN = version, applied in increasing order).
-- Each file runs inside one transaction together with its row in schema_migrations; plain SQL only
-- (no BEGIN/COMMIT, no PRAGMA that cannot run inside a transaction).

-- One row per stored article. `rid` is the rowid shared with articles_fts; list-valued fields
-- (credits, summary, removed lines, spans, warnings) are JSON arrays; `day` is published[:10]
-- when that is an ISO date (YYYY-MM-DD), used for the time-window neighbour lookup.
CREATE TABLE articles (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_key TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    body TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    published TEXT,
    published_source TEXT,
    day TEXT,
    credits TEXT NOT NULL,
    outlet_summary TEXT NOT NULL,
    removed TEXT NOT NULL,
    headings TEXT NOT NULL,
    paragraphs TEXT NOT NULL,
    sentences TEXT NOT NULL,
    warnings TEXT NOT NULL
);
CREATE INDEX articles_day ON articles(day);

-- Contentless full-text index (rowid = articles.rid): `title` and `words` hold the normalized
-- tokens (arabic.tokens) of the title and body, space-joined, `stems` their light stems (arabic.stem).
-- Text and queries are normalized in Python first, so hamza/alef/ya/ta-marbuta spellings already
-- agree; unicode61 only splits and lower-cases. Being contentless, the index can only be rebuilt from
-- Python (re-tokenizing articles.body), never by SQL alone.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, words, stems,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- One row per story; `rid` keeps first-insertion order, near_duplicates and lineage are JSON.
CREATE TABLE stories (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    start TEXT,
    "end" TEXT,
    near_duplicates TEXT NOT NULL,
    lineage TEXT NOT NULL
);
CREATE INDEX stories_order ON stories("end" DESC, rid DESC);

-- An article belongs to at most one story; `position` keeps the story's article order.
CREATE TABLE memberships (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL
);
CREATE INDEX memberships_story ON memberships(story_id, position);
