"""The SQLite store: one file holding articles, stories and an Arabic full-text index, with migrations.

The store is persistence and search only; which articles form a story is decided elsewhere.
Every write runs in one transaction (WAL journal), so a crash leaves a batch either whole or absent.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from marsad import arabic
from marsad.arabic import skeleton
from marsad.entities.names import Entity, name_key, same_entity
from marsad.entities.speakers import AttributedQuote, StoryPeople
from marsad.quotes.extract import Quote
from marsad.types import Article, LineagePair, Mention, Removed, Span, Story

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME_RE = re.compile(r"^(\d{4})_([A-Za-z0-9_]+)\.sql$")
_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LIKE_SPECIAL_RE = re.compile(r"([%_\\])")  # escaped (ESCAPE '\') in a LIKE pattern

# SQLite's default limit on bound parameters is 32766 since 3.32; 900 keeps IN (...) lists portable.
_CHUNK = 900
# At most this many stored articles come back from `neighbours`: SaudiNewsNet, the densest corpus at
# hand, holds ~1,400 articles a day (31,030 over 22 days), so 10k covers about a week of it.
MAX_NEIGHBOURS = 10_000
# Query words beyond this are ignored: a pasted paragraph should not build a huge FTS5 expression.
MAX_QUERY_TOKENS = 32
# bm25 weights for the title, words and stems columns: exact words outrank stem-only matches and a
# title hit outranks a body hit. Chosen, not tuned; tests/test_store.py checks the exact-over-stem order.
_BM25 = "bm25(articles_fts, 3.0, 2.0, 1.0)"
# Snippet window in characters before/after the first match: about one short sentence of context
# either side in the invented and seed articles; a display choice, not a measured threshold.
SNIPPET_BEFORE = 60
SNIPPET_AFTER = 140

_ARTICLE_COLUMNS = (
    "id, origin, body, outlet, title, published, published_source, credits, outlet_summary, removed, "
    "headings, paragraphs, sentences, warnings, fetched"
)
_STORY_COLUMNS = 'id, title, start, "end", near_duplicates, lineage'
_INSERT_ARTICLE = (
    "INSERT INTO articles (rid, content_key, day, id, origin, body, outlet, title, published, published_source, "
    "credits, outlet_summary, removed, headings, paragraphs, sentences, warnings, fetched) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_INDEX = "INSERT INTO articles_fts (rowid, title, words, stems) VALUES (?,?,?,?)"


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result; `snippet` is original body text with matched words in [ ].

    `match` is the span of the first matched word in the article's body (None when only the title matched).
    """

    article_id: str
    story_id: str | None
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float
    match: Span | None = None


@dataclass(frozen=True)
class StoreEntity:
    """A store-wide entity: spellings with counts summed over its stories, story and article counts, roles."""

    id: str
    name: str
    type: str
    variants: tuple[tuple[str, int], ...]
    stories: int
    articles: int
    roles: tuple[str, ...]


@dataclass(frozen=True)
class EntityRecord:
    """One store entity in full: the entity, the ids of its stories and every mention (spans into bodies)."""

    entity: StoreEntity
    stories: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class StoredQuote:
    """A stored quote: its story, the quote as the report has it, and its speaker's store-wide entity id."""

    story: str
    quote: AttributedQuote
    entity: str | None


@dataclass(frozen=True)
class Migration:
    """One numbered schema change read from a `NNNN_name.sql` file."""

    version: int
    name: str
    sql: str


class Store:
    """A marsad database: open it with `Store.open(path)`, preferably as a context manager."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        """Wrap an open connection; use `Store.open` instead of calling this directly."""
        self._conn = conn

    # --- lifecycle ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, migrations_dir: str | Path | None = None) -> Store:
        """Open (creating if needed) the database at `path` in WAL mode and apply pending migrations."""
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # 64 MiB page cache (default 2 MiB): saving 10.9k SaudiNewsNet articles took 9-11 s wall
            # instead of 14-17 s, since the FTS index build no longer spills and re-reads pages.
            conn.execute("PRAGMA cache_size=-65536")
            store = cls(conn)
            store._migrate(load_migrations(Path(migrations_dir) if migrations_dir else MIGRATIONS_DIR))
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        """Close the connection (committed data is already on disk)."""
        self._conn.close()

    def __enter__(self) -> Self:
        """Return the store itself for `with Store.open(...) as st`."""
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close the store when the `with` block ends."""
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction: commit on success, roll back on any error."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- migrations --------------------------------------------------------------------------------

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        """Apply each migration not yet recorded, one transaction each, recording it in the same one."""
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for migration in migrations:
            with self._transaction() as conn:
                # Checked inside the write lock so two processes opening at once apply it only once.
                if conn.execute(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)
                ).fetchone():
                    continue
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
                )

    def schema_version(self) -> int:
        """Return the highest applied migration version (0 for an empty database)."""
        row = self._conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
        return int(row[0])

    def migrations(self) -> list[tuple[int, str, str]]:
        """Return the applied migrations as (version, name, applied_at), oldest first."""
        rows = self._conn.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        return [(int(v), str(n), str(t)) for v, n, t in rows]

    # --- writing -----------------------------------------------------------------------------------

    @staticmethod
    def content_key(article: Article) -> str:
        """Return the identity of an article's content: sha1 of its normalized body and title words.

        Words (arabic.tokens) rather than the whole normalized text, so the same content re-cleaned with
        other spacing or punctuation still counts as stored.
        """
        return _key(" ".join(arabic.tokens(article.title or "")), " ".join(arabic.tokens(article.body)))

    def new_articles(self, articles: Sequence[Article]) -> list[Article]:
        """Return the articles whose id and content are both not stored yet, first of each in the batch."""
        keys = [self.content_key(a) for a in articles]
        stored_ids = self._existing("id", [a.id for a in articles])
        stored_keys = self._existing("content_key", keys)
        seen_ids: set[str] = set()
        seen_keys: set[str] = set()
        out: list[Article] = []
        for article, key in zip(articles, keys):
            if article.id in stored_ids or key in stored_keys or article.id in seen_ids or key in seen_keys:
                continue
            seen_ids.add(article.id)
            seen_keys.add(key)
            out.append(article)
        return out

    def _existing(self, column: str, values: Sequence[str]) -> set[str]:
        """Return which of `values` are already stored in the articles `column` (id or content_key)."""
        found: set[str] = set()
        unique = list(dict.fromkeys(values))
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk)
            found.update(str(r[0]) for r in rows)
        return found

    def save(
        self,
        articles: Sequence[Article],
        stories: Sequence[Story],
        people: Mapping[str, StoryPeople | None] | None = None,
    ) -> None:
        """Insert new articles (with index rows) and upsert stories with their members, all in one transaction.

        Articles must be new (see `new_articles`): a stored id or content raises sqlite3.IntegrityError
        and nothing is written. A saved story replaces its fields and member list; its articles leave any
        other story, and a story left with no members is deleted. `people` (story id -> its entities and
        quotes, computed over all its members) replaces those stories' people rows; None for a story
        drops them (it changed without them). Stories not in `people` keep theirs.
        """
        with self._transaction() as conn:
            rid = int(conn.execute("SELECT COALESCE(MAX(rid), 0) FROM articles").fetchone()[0])
            for article in articles:
                rid += 1
                title, body, stems = _terms(article)
                conn.execute(_INSERT_ARTICLE, _article_row(rid, _key(title, body), article))
                conn.execute(_INSERT_INDEX, (rid, title, body, stems))
            for story in stories:
                self._save_story(conn, story)
            for story_id, found in (people or {}).items():
                _save_people(conn, story_id, found)
            if people:
                # Stories deleted above took their entity rows along (ON DELETE CASCADE).
                conn.execute(
                    "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM story_entities s WHERE s.entity_id = entities.id)"
                )

    @staticmethod
    def _save_story(conn: sqlite3.Connection, story: Story) -> None:
        """Upsert one story and make its member list exactly `story.articles` (inside a transaction)."""
        conn.execute(
            'INSERT INTO stories (id, title, start, "end", near_duplicates, lineage) VALUES (?,?,?,?,?,?) '
            'ON CONFLICT(id) DO UPDATE SET title=excluded.title, start=excluded.start, "end"=excluded."end", '
            "near_duplicates=excluded.near_duplicates, lineage=excluded.lineage",
            (
                story.id,
                story.title,
                story.start,
                story.end,
                json.dumps([list(group) for group in story.near_duplicates], ensure_ascii=False),
                json.dumps([[p.a, p.b, p.score] for p in story.lineage], ensure_ascii=False),
            ),
        )
        conn.execute("DELETE FROM memberships WHERE story_id = ?", (story.id,))
        losers: set[str] = set()
        members = list(dict.fromkeys(story.articles))
        for i in range(0, len(members), _CHUNK):
            chunk = members[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(f"SELECT DISTINCT story_id FROM memberships WHERE article_id IN ({marks})", chunk)
            losers.update(str(r[0]) for r in rows)
            conn.execute(f"DELETE FROM memberships WHERE article_id IN ({marks})", chunk)
        conn.executemany(
            "INSERT INTO memberships (article_id, story_id, position) VALUES (?,?,?)",
            ((aid, story.id, pos) for pos, aid in enumerate(members)),
        )
        conn.executemany(
            "DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM memberships WHERE story_id = ?)",
            ((sid, sid) for sid in losers),
        )

    # --- reading -----------------------------------------------------------------------------------

    def article(self, id: str) -> Article | None:
        """Return the stored article with this id, every field restored, or None."""
        found = self.articles([id])
        return found[0] if found else None

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Return the stored articles among `ids`, in the order asked (unknown ids are left out)."""
        by_id: dict[str, Article] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
                article = _article_from_row(row)
                by_id[article.id] = article
        return [by_id[i] for i in unique if i in by_id]

    def story(self, id: str) -> Story | None:
        """Return the stored story with this id (members, near-duplicates, lineage), or None."""
        row = self._conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (id,)).fetchone()
        return self._stories_from_rows([row])[0] if row else None

    def stories(self, limit: int = 50, offset: int = 0) -> list[Story]:
        """Return stories newest first: latest end date (undated last), then most articles, then latest inserted."""
        rows = self._conn.execute(
            f'SELECT {_STORY_COLUMNS} FROM stories ORDER BY "end" DESC, '
            "(SELECT COUNT(*) FROM memberships m WHERE m.story_id = stories.id) DESC, rid DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return self._stories_from_rows(rows)

    def _stories_from_rows(self, rows: Sequence[Any]) -> list[Story]:
        """Build Story objects from story rows, loading all their member lists in one query per chunk."""
        members: dict[str, list[str]] = {str(r[0]): [] for r in rows}
        ids = list(members)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for sid, aid in self._conn.execute(
                f"SELECT story_id, article_id FROM memberships WHERE story_id IN ({marks}) "
                "ORDER BY story_id, position",
                chunk,
            ):
                members[sid].append(aid)
        return [
            Story(
                id=sid,
                title=title,
                articles=tuple(members[sid]),
                start=start,
                end=end,
                near_duplicates=tuple(tuple(g) for g in json.loads(near)),
                lineage=tuple(LineagePair(a, b, float(s)) for a, b, s in json.loads(lineage)),
            )
            for sid, title, start, end, near, lineage in rows
        ]

    def story_articles(self, id: str) -> list[Article]:
        """Return the articles of a story in member order (empty for an unknown story)."""
        ids = [str(r[0]) for r in self._conn.execute(
            "SELECT article_id FROM memberships WHERE story_id = ? ORDER BY position", (id,)
        )]
        return self.articles(ids)

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story an article belongs to, or None."""
        row = self._conn.execute("SELECT story_id FROM memberships WHERE article_id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        """Return how many articles and stories are stored."""
        articles = int(self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        stories = int(self._conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0])
        return {"articles": articles, "stories": stories}

    def people_totals(self) -> dict[str, int]:
        """Return how many store-wide entities and quotes are stored."""
        entities = int(self._conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0])
        quotes = int(self._conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])
        return {"entities": entities, "quotes": quotes}

    # --- people ------------------------------------------------------------------------------------

    def story_people(self, story_id: str) -> StoryPeople | None:
        """Return a story's entities and quotes as the report has them, or None when they were not computed."""
        row = self._conn.execute("SELECT has_people FROM stories WHERE id = ?", (story_id,)).fetchone()
        if not row or not row[0]:
            return None
        mentions: dict[str, list[Mention]] = defaultdict(list)
        for local, article, start, end, text, type in self._conn.execute(
            'SELECT m.local_id, m.article_id, m.start, m."end", m.text, e.type FROM mentions m '
            "JOIN story_entities e ON e.story_id = m.story_id AND e.local_id = m.local_id "
            "WHERE m.story_id = ? ORDER BY m.local_id, m.position",
            (story_id,),
        ):
            mentions[local].append(Mention(article, start, end, text, type))
        entities = tuple(
            Entity(local, name, type, tuple((t, n) for t, n in json.loads(variants)), tuple(json.loads(articles)),
                   tuple(json.loads(roles)), tuple(mentions[local]))
            for local, name, type, variants, articles, roles in self._conn.execute(
                "SELECT local_id, name, type, variants, articles, roles FROM story_entities "
                "WHERE story_id = ? ORDER BY position",
                (story_id,),
            )
        )
        return StoryPeople(entities, tuple(q.quote for q in self.quotes(story_id=story_id)))

    def entity_ids(self, story_id: str) -> dict[str, str]:
        """Return the store-wide entity id of each of a story's entities (story-local id -> store id)."""
        rows = self._conn.execute("SELECT local_id, entity_id FROM story_entities WHERE story_id = ?", (story_id,))
        return {str(local): str(eid) for local, eid in rows}

    def quotes(self, story_id: str | None = None, speaker: str | None = None) -> list[StoredQuote]:
        """Return stored quotes, of one story and/or one speaker (a store entity id), in story then text order."""
        rows = self._conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE (?1 IS NULL OR story_id = ?1) AND (?2 IS NULL OR entity_id = ?2) "
            "ORDER BY story_id, position",
            (story_id, speaker),
        )
        return [_quote_from_row(r) for r in rows]

    def entities(self, limit: int = 50, type: str | None = None, name: str | None = None) -> list[StoreEntity]:
        """Return store-wide entities in most articles first, of one type and/or with a spelling containing `name`.

        `name` is normalized like the stored spellings (arabic.normalize), so إسطنبول and اسطنبول find the same.
        """
        pattern = _like(arabic.normalize(name)) if name else None
        rows = self._conn.execute(
            "SELECT e.id, e.name, e.type, COUNT(*), SUM(s.n_articles) FROM entities e "
            "JOIN story_entities s ON s.entity_id = e.id WHERE (?1 IS NULL OR e.type = ?1) AND (?2 IS NULL OR e.id IN "
            "(SELECT entity_id FROM story_entities WHERE search LIKE ?2 ESCAPE '\\')) "
            "GROUP BY e.id ORDER BY SUM(s.n_articles) DESC, SUM(s.mentions) DESC, e.id LIMIT ?3",
            (type, pattern, limit),
        ).fetchall()
        return [self._store_entity(*row) for row in rows]

    def _store_entity(self, eid: str, name: str, type: str, stories: int, articles: int) -> StoreEntity:
        """Build a StoreEntity, summing the spellings and collecting the roles of its story entities."""
        variants: Counter[str] = Counter()
        roles: dict[str, str] = {}
        for found, stated in self._conn.execute(
            "SELECT variants, roles FROM story_entities WHERE entity_id = ? ORDER BY story_id", (eid,)
        ):
            variants.update({t: n for t, n in json.loads(found)})
            for role in json.loads(stated):
                roles.setdefault(arabic.normalize(role), role)
        spellings = tuple(sorted(variants.items(), key=lambda kv: (-kv[1], kv[0])))
        return StoreEntity(eid, name, type, spellings, int(stories), int(articles), tuple(roles.values()))

    def entity(self, id: str) -> EntityRecord | None:
        """Return a store entity with the ids of its stories and all its mentions, or None."""
        row = self._conn.execute(
            "SELECT e.id, e.name, e.type, COUNT(*), SUM(s.n_articles) FROM entities e "
            "JOIN story_entities s ON s.entity_id = e.id WHERE e.id = ? GROUP BY e.id",
            (id,),
        ).fetchone()
        if not row:
            return None
        stories = tuple(str(r[0]) for r in self._conn.execute(
            "SELECT s.story_id FROM story_entities s JOIN stories t ON t.id = s.story_id WHERE s.entity_id = ? "
            'ORDER BY t."end" DESC, t.rid DESC',
            (id,),
        ))
        mentions = tuple(
            Mention(article, start, end, text, type)
            for article, start, end, text, type in self._conn.execute(
                'SELECT m.article_id, m.start, m."end", m.text, s.type FROM story_entities s JOIN mentions m '
                "ON m.story_id = s.story_id AND m.local_id = s.local_id WHERE s.entity_id = ? "
                "ORDER BY m.article_id, m.start",
                (id,),
            )
        )
        return EntityRecord(self._store_entity(*row), stories, mentions)

    def people_counts(self, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """Return (entities, quotes) for each of the given stories whose people were computed."""
        out: dict[str, tuple[int, int]] = {}
        for i in range(0, len(story_ids), _CHUNK):
            chunk = story_ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for sid, entities, quotes in self._conn.execute(
                "SELECT id, (SELECT COUNT(*) FROM story_entities WHERE story_id = stories.id), "
                f"(SELECT COUNT(*) FROM quotes WHERE story_id = stories.id) FROM stories WHERE has_people AND id IN ({marks})",
                chunk,
            ):
                out[str(sid)] = (int(entities), int(quotes))
        return out

    def neighbours(self, articles: Sequence[Article], days: int = 7, limit: int = MAX_NEIGHBOURS) -> list[
        tuple[Article, str]
    ]:
        """Return stored articles that belong to a story and may share one with `articles`, with the story id.

        Rule: a stored article is a candidate when its day is within `days` of a dated new article's day,
        or when it is undated; when some new article is undated, every stored article is a candidate.
        Candidates are ranked by distance in days to the nearest new day (undated ones count as `days`
        away, and all count as 0 when a new article is undated), then newest inserted first, and the
        first `limit` are returned. Articles passed in are never returned.
        """
        if not articles:
            return []
        new_days = sorted({d for a in articles if (d := _day_ordinal(a.published)) is not None})
        any_undated = any(_day_ordinal(a.published) is None for a in articles)
        sql = "SELECT a.rid, a.day, a.id FROM articles a JOIN memberships m ON m.article_id = a.id"
        params: tuple[str, ...] = ()
        if not any_undated:
            low = date.fromordinal(new_days[0] - days).isoformat()
            high = date.fromordinal(new_days[-1] + days).isoformat()
            sql += " WHERE a.day IS NULL OR a.day BETWEEN ? AND ?"
            params = (low, high)
        given = {a.id for a in articles}
        ranked: list[tuple[int, int, str]] = []
        for rid, day, aid in self._conn.execute(sql, params):
            if aid in given:
                continue
            distance = 0 if any_undated else _distance(_day_ordinal(day), new_days, days)
            if distance <= days:
                ranked.append((distance, -int(rid), str(aid)))
        ranked.sort()
        chosen = [aid for _, _, aid in ranked[:limit]]
        story_ids = dict(self._story_ids(chosen))
        return [(a, story_ids[a.id]) for a in self.articles(chosen)]

    def _story_ids(self, article_ids: Sequence[str]) -> Iterator[tuple[str, str]]:
        """Yield (article id, story id) for the given article ids that have a story."""
        for i in range(0, len(article_ids), _CHUNK):
            chunk = article_ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for aid, sid in self._conn.execute(
                f"SELECT article_id, story_id FROM memberships WHERE article_id IN ({marks})", chunk
            ):
                yield str(aid), str(sid)

    # --- search ------------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Return the articles matching every word of `query` (spelling-folded, or by stem), best first."""
        words = list(dict.fromkeys(arabic.tokens(query)))[:MAX_QUERY_TOKENS]
        if not words or limit <= 0:
            return []
        stems = {arabic.stem(w) for w in words}
        rows = self._conn.execute(
            "SELECT a.id, m.story_id, a.title, a.outlet, a.published, a.body, hit.score FROM "
            f"(SELECT rowid AS rid, {_BM25} AS score FROM articles_fts WHERE articles_fts MATCH ? "
            "ORDER BY score LIMIT ?) hit "
            "JOIN articles a ON a.rid = hit.rid LEFT JOIN memberships m ON m.article_id = a.id ORDER BY hit.score",
            (fts_query(words), limit),
        ).fetchall()
        hits = []
        for aid, sid, title, outlet, published, body, score in rows:
            text, match = snippet(body, set(words), stems)
            hits.append(SearchHit(aid, sid, title, outlet, published, text, -float(score), match))
        return hits


# --- module helpers ----------------------------------------------------------------------------------


def load_migrations(directory: Path) -> list[Migration]:
    """Read the `NNNN_name.sql` files of `directory` in version order; other .sql names are an error."""
    migrations: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        m = _MIGRATION_NAME_RE.match(path.name)
        if not m:
            raise ValueError(f"{path}: migration files must be named NNNN_name.sql")
        version = int(m.group(1))
        if version in migrations:
            raise ValueError(f"{path}: migration version {version} is used twice")
        migrations[version] = Migration(version, m.group(2), path.read_text(encoding="utf-8"))
    return [migrations[v] for v in sorted(migrations)]


def split_statements(sql: str) -> list[str]:
    """Split an SQL script into complete statements (sqlite3.complete_statement knows strings, triggers)."""
    statements: list[str] = []
    *pieces, rest = sql.split(";")
    buffer = ""
    for piece in pieces:
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _has_code(buffer):
                statements.append(buffer.strip())
            buffer = ""
    if _has_code(buffer + rest):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {(buffer + rest).strip()[:80]!r}")
    return statements


def _has_code(sql: str) -> bool:
    """Return True when `sql` holds anything besides whitespace, `;` and -- comments."""
    return any(line.split("--", 1)[0].strip(" \t;") for line in sql.splitlines())


def fts_query(words: Sequence[str]) -> str:
    """Build a safe FTS5 expression: each normalized word (quoted) matches its word or its stem; all must match."""
    # Tokens come from arabic.TOKEN_RE (letters, digits, '.' and ','), so they never contain a quote.
    return " AND ".join(f'({{title words}} : "{w}" OR stems : "{arabic.stem(w)}")' for w in words)


def snippet(body: str, words: set[str], stems: set[str]) -> tuple[str, Span | None]:
    """Return original text around the first body word matching `words` or `stems` (marked [ ]) and its span."""
    norm = arabic.normalize(body)
    first = next((m.start() for m in arabic.TOKEN_RE.finditer(norm) if _matches(m.group(), words, stems)), None)
    if first is None:
        end = _snap_right(body, SNIPPET_BEFORE + SNIPPET_AFTER)
        return _ellipsis(body, 0, end, body[:end]), None
    at = _original_index(body, first)
    # Snapping never crosses the match itself (a long unbroken run such as a URL next to it).
    start = min(_snap_left(body, at - SNIPPET_BEFORE), at)
    end = _snap_right(body, at + SNIPPET_AFTER)
    if end <= at:
        end = min(len(body), at + SNIPPET_AFTER)
    # Only the window is mapped back to original spans: arabic.token_spans over a whole long body
    # cost ~1.5 ms per hit on SaudiNewsNet, most of a 20-hit search.
    out: list[str] = []
    marked: list[Span] = []
    pos = start
    window = body[start:end]
    for span in arabic.token_spans(window):
        if _matches(arabic.normalize(span.text(window)), words, stems):
            marked.append(Span(start + span.start, start + span.end))
            out += [body[pos : marked[-1].start], "[", marked[-1].text(body), "]"]
            pos = marked[-1].end
    out.append(body[pos:end])
    return _ellipsis(body, start, end, "".join(out)), (marked[0] if marked else None)


def _original_index(text: str, norm_index: int) -> int:
    """Return the index in `text` of the character at `norm_index` in arabic.normalize(text)."""
    # Normalization keeps or drops each character, so the original index is norm_index plus the
    # number of dropped characters before it; grow the prefix until its normalized length reaches it.
    i = norm_index
    while i < len(text) and (short := norm_index - len(arabic.normalize(text[:i]))) > 0:
        i += short
    while i < len(text) and not arabic.normalize(text[i]):  # a dropped mark before the character
        i += 1
    return i


def _matches(token: str, words: set[str], stems: set[str]) -> bool:
    """Return True when a normalized body token is a query word or shares a query word's stem."""
    return token in words or arabic.stem(token) in stems


def _ellipsis(body: str, start: int, end: int, text: str) -> str:
    """Collapse line breaks and mark cut ends of a snippet with '…'."""
    text = " ".join(text.split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")


def _snap_left(body: str, i: int) -> int:
    """Move a start index right to the beginning of a word (0 when before the text)."""
    if i <= 0:
        return 0
    while i < len(body) and not body[i - 1].isspace():
        i += 1
    return i


def _snap_right(body: str, i: int) -> int:
    """Move an end index left to the end of a word (the text length when past it)."""
    if i >= len(body):
        return len(body)
    while i > 0 and not body[i].isspace():
        i -= 1
    return i


def _day_ordinal(published: str | None) -> int | None:
    """Return the proleptic ordinal of an ISO date prefix of `published`, or None when it has none."""
    if not published or not _ISO_DAY_RE.match(published):
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _distance(day: int | None, new_days: Sequence[int], days: int) -> int:
    """Return the distance in days to the nearest of the sorted `new_days` (`days` when undated)."""
    if day is None:
        return days
    i = bisect_left(new_days, day)
    near = [abs(new_days[j] - day) for j in (i - 1, i) if 0 <= j < len(new_days)]
    return min(near)


def _spans_json(spans: Sequence[Span]) -> str:
    """Encode spans as a JSON list of [start, end] pairs."""
    return json.dumps([[s.start, s.end] for s in spans])


def _article_row(rid: int, key: str, a: Article) -> tuple[object, ...]:
    """Return the articles-table row for `a` (column order of the INSERT in `save`)."""
    day = a.published[:10] if _day_ordinal(a.published) is not None and a.published else None
    return (
        rid,
        key,
        day,
        a.id,
        a.origin,
        a.body,
        a.outlet,
        a.title,
        a.published,
        a.published_source,
        json.dumps(list(a.credits), ensure_ascii=False),
        json.dumps(list(a.outlet_summary), ensure_ascii=False),
        json.dumps([[r.line, r.reason] for r in a.removed], ensure_ascii=False),
        _spans_json(a.headings),
        _spans_json(a.paragraphs),
        _spans_json(a.sentences),
        json.dumps(list(a.warnings), ensure_ascii=False),
        a.fetched,
    )


def _key(title_words: str, body_words: str) -> str:
    """Return the sha1 hex digest of an article's space-joined body and title words (see Store.content_key)."""
    return hashlib.sha1(f"{body_words}\x1f{title_words}".encode()).hexdigest()


def _terms(article: Article) -> tuple[str, str, str]:
    """Return the indexed form of an article: its title words, body words, and the stems of both."""
    title = arabic.tokens(article.title or "")
    body = arabic.tokens(article.body)
    return " ".join(title), " ".join(body), " ".join(map(arabic.stem, title + body))


def _article_from_row(row: Sequence[Any]) -> Article:
    """Rebuild an Article from a row selected with `_ARTICLE_COLUMNS`."""
    (aid, origin, body, outlet, title, published, published_source, credits, summary, removed,
     headings, paragraphs, sentences, warnings, fetched) = row
    return Article(
        id=aid,
        origin=origin,
        body=body,
        outlet=outlet,
        title=title,
        published=published,
        published_source=published_source,
        credits=tuple(json.loads(credits)),
        outlet_summary=tuple(json.loads(summary)),
        removed=tuple(Removed(line, reason) for line, reason in json.loads(removed)),
        headings=tuple(Span(s, e) for s, e in json.loads(headings)),
        paragraphs=tuple(Span(s, e) for s, e in json.loads(paragraphs)),
        sentences=tuple(Span(s, e) for s, e in json.loads(sentences)),
        warnings=tuple(json.loads(warnings)),
        fetched=fetched,
    )


# --- people: entities and quotes of stories, store-wide entities -------------------------------------

_INSERT_STORY_ENTITY = (
    "INSERT INTO story_entities (story_id, local_id, position, entity_id, name, type, words, mentions, "
    "n_articles, variants, roles, articles, search) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_QUOTE = (
    'INSERT INTO quotes (story_id, id, position, article_id, start, "end", text, kind, verb, role, '
    "speaker_start, speaker_end, speaker_name, speaker, entity_id, group_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_QUOTE_COLUMNS = (
    'story_id, id, article_id, start, "end", text, kind, verb, role, speaker_start, speaker_end, speaker_name, '
    "speaker, entity_id, group_id"
)


def _save_people(conn: sqlite3.Connection, story_id: str, found: StoryPeople | None) -> None:
    """Replace a story's entity, mention and quote rows (inside a transaction), matching its entities store-wide.

    Entities are matched most mentioned first; a store entity already taken by another entity of
    this story is not given to a second one (the story keeps the two apart, so must the store). An
    entity the story held before keeps its store entity while that still matches, so saving a story
    again changes nothing even when stories saved since made its name ambiguous.
    """
    before = dict(conn.execute("SELECT local_id, entity_id FROM story_entities WHERE story_id = ?", (story_id,)))
    conn.execute("DELETE FROM quotes WHERE story_id = ?", (story_id,))
    conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))  # mentions cascade
    conn.execute("UPDATE stories SET has_people = ? WHERE id = ?", (int(found is not None), story_id))
    store_id: dict[str, str] = {}
    for position, entity in enumerate(found.entities if found else ()):
        matched = match_entity(conn, entity.name, entity.type, before.get(entity.id))
        if matched is None or matched in store_id.values():
            matched = _new_entity(conn, entity)
        store_id[entity.id] = matched
        conn.execute(_INSERT_STORY_ENTITY, _story_entity_row(story_id, position, matched, entity))
        conn.executemany(
            "INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?, ?)",
            {(key, matched) for text, _ in entity.variants if (key := entity_key(text, entity.type))},
        )
        conn.executemany(
            'INSERT INTO mentions (story_id, local_id, position, article_id, start, "end", text) VALUES (?,?,?,?,?,?,?)',
            ((story_id, entity.id, i, m.article, m.start, m.end, m.text) for i, m in enumerate(entity.mentions)),
        )
    conn.executemany(
        _INSERT_QUOTE,
        (_quote_row(story_id, i, q, store_id.get(q.speaker) if q.speaker else None)
         for i, q in enumerate(found.quotes if found else ())),
    )
    _refresh_entities(conn, {*before.values(), *store_id.values()})


def entity_key(text: str, type: str) -> str | None:
    """Return the blocking key of a name: its type and the skeleton of its name key's last word (None if no word)."""
    words = name_key(text, type)
    return f"{type}:{skeleton(words[-1])}" if words else None


def match_entity(conn: sqlite3.Connection, name: str, type: str, prefer: str | None = None) -> str | None:
    """Return the id of the one store entity of this type that `name` names (entities.same_entity), else None.

    `prefer` (the store entity this name had before in the same story) wins when it shares the
    name's blocking key: the display name it is checked against may have grown since. Otherwise
    candidates share the key and are verified against their stored display name. When several
    match ("بوتين" against two stored people of that surname), the one whose name has as many
    words (a full-name match) wins if it is the only such; otherwise none is chosen.
    """
    key = entity_key(name, type)
    if key is None:
        return None
    rows = conn.execute(
        "SELECT e.id, e.name FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = ? ORDER BY e.id",
        (key,),
    ).fetchall()
    if prefer is not None and prefer in {eid for eid, _ in rows}:
        return prefer
    hits = [(str(eid), str(stored)) for eid, stored in rows if same_entity(name, stored, type)]
    if len(hits) == 1:
        return hits[0][0]
    words = len(name_key(name, type))
    full = [eid for eid, stored in hits if len(name_key(stored, type)) == words]
    return full[0] if len(full) == 1 else None


def _new_entity(conn: sqlite3.Connection, entity: Entity) -> str:
    """Insert a store entity for a story entity that matched none; return its new id."""
    base = f"{entity.type.lower()}-{hashlib.sha1(arabic.normalize(entity.name).encode()).hexdigest()[:12]}"
    eid, n = base, 1
    while conn.execute("SELECT 1 FROM entities WHERE id = ?", (eid,)).fetchone():
        n += 1
        eid = f"{base}-{n}"
    conn.execute("INSERT INTO entities (id, type, name) VALUES (?, ?, ?)", (eid, entity.type, entity.name))
    return eid


def _refresh_entities(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Give each store entity the longest display name of its story entities, or delete it when it has none."""
    for eid in sorted(ids):
        row = conn.execute(
            "SELECT name FROM story_entities WHERE entity_id = ? ORDER BY words DESC, mentions DESC, name LIMIT 1",
            (eid,),
        ).fetchone()
        if row:
            conn.execute("UPDATE entities SET name = ? WHERE id = ?", (row[0], eid))
        else:
            conn.execute("DELETE FROM entities WHERE id = ?", (eid,))


def _story_entity_row(story_id: str, position: int, store_id: str, e: Entity) -> tuple[object, ...]:
    """Return the story_entities row of one story entity (column order of _INSERT_STORY_ENTITY)."""
    return (
        story_id, e.id, position, store_id, e.name, e.type, len(arabic.tokens(e.name)), len(e.mentions),
        len(e.articles), json.dumps([list(v) for v in e.variants], ensure_ascii=False),
        json.dumps(list(e.roles), ensure_ascii=False), json.dumps(list(e.articles), ensure_ascii=False),
        "\n".join(arabic.normalize(text) for text, _ in e.variants),
    )


def _quote_row(story_id: str, position: int, a: AttributedQuote, store_id: str | None) -> tuple[object, ...]:
    """Return the quotes row of one attributed quote (column order of _INSERT_QUOTE)."""
    q = a.quote
    return (
        story_id, a.id, position, q.article, q.start, q.end, q.text, q.kind, q.verb, q.role,
        q.speaker_start, q.speaker_end, q.speaker_name, a.speaker, store_id, a.group,
    )


def _quote_from_row(row: Sequence[Any]) -> StoredQuote:
    """Rebuild a StoredQuote from a row selected with `_QUOTE_COLUMNS`."""
    (story_id, qid, article, start, end, text, kind, verb, role, s_start, s_end, s_name, speaker, entity, group) = row
    quote = Quote(article, start, end, text, kind, verb, s_start, s_end, s_name, role)
    return StoredQuote(story_id, AttributedQuote(qid, quote, speaker, group), entity)


def _like(text: str) -> str:
    """Return a LIKE pattern finding `text` anywhere (its % _ and \\ escaped)."""
    return "%" + _LIKE_SPECIAL_RE.sub(r"\\\1", text) + "%"
