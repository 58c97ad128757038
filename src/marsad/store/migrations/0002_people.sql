-- marsad store schema, version 2: the entities and quotes of each story, and store-wide entities.
-- Format: one migration per file named NNNN_name.sql (NNNN = version, applied in increasing order).
-- Each file runs inside one transaction together with its row in schema_migrations; plain SQL only
-- (no BEGIN/COMMIT, no PRAGMA that cannot run inside a transaction).
-- Offsets are Python string indices into articles.body, half-open: body[start:end] is the text.

-- 1 once a story's entities and quotes were computed over all its members (0: never, or the story
-- grew in an ingest run without them), so "no entities" and "not computed" differ.
ALTER TABLE stories ADD COLUMN has_people INTEGER NOT NULL DEFAULT 0;

-- One row per store-wide entity: a person, place or organisation across stories. `id` is its type
-- in lower case + 12 hex digits of sha1 of the normalized name it was first stored with (-2, -3 on
-- a clash). `name` is the display name with the most words (then most mentions) among its story
-- entities: a new story's entity is matched against it (Store.save, docs/store.md).
CREATE TABLE entities (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL
);

-- Blocking keys of store entities: "TYPE:" + the skeleton of the last word of a spelling's name key
-- (entities.name_key, entities.skeleton). Names that can name one entity share this key, so saving
-- looks up a handful of candidates instead of scanning. Keys of spellings no longer stored may stay
-- (candidates are always verified by name); a key is never missing.
CREATE TABLE entity_keys (
    key TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

-- One row per entity of a story (entities.Entity): `local_id` is Entity.id, unique in the story;
-- `entity_id` the store-wide entity. variants: JSON [[text, count], ...]; roles, articles: JSON
-- arrays; words: words in `name`; mentions: how many mentions; search: the normalized spellings,
-- one per line, for name queries.
CREATE TABLE story_entities (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    words INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    variants TEXT NOT NULL,
    roles TEXT NOT NULL,
    articles TEXT NOT NULL,
    search TEXT NOT NULL,
    PRIMARY KEY (story_id, local_id)
);
CREATE INDEX story_entities_entity ON story_entities(entity_id, words DESC, mentions DESC);

-- One row per mention of a story entity, in the entity's mention order (`position`).
CREATE TABLE mentions (
    story_id TEXT NOT NULL,
    local_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (story_id, local_id, position),
    FOREIGN KEY (story_id, local_id) REFERENCES story_entities(story_id, local_id) ON DELETE CASCADE
);

-- One row per quote of a story (people.AttributedQuote), in story order (`position`): `id` is
-- people.quote_id (a hash of the span, so not unique when one clause is found twice), kind "direct" or
-- "indirect", speaker_start/speaker_end the speaker phrase's span (NULL when none), `speaker` the
-- story-local entity id and `entity_id` the store-wide entity of the speaker (NULL when unnamed),
-- `group_id` the cross-outlet group of the same statement.
CREATE TABLE quotes (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    verb TEXT,
    role TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_name TEXT,
    speaker TEXT,
    entity_id TEXT REFERENCES entities(id),
    group_id TEXT NOT NULL,
    PRIMARY KEY (story_id, position)
);
CREATE INDEX quotes_entity ON quotes(entity_id);
