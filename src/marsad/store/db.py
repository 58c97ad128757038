"""The Store: one SQLite file holding articles, stories, their entities and quotes, and an Arabic full-text index.

The store is persistence and search only: which articles form a story, and which stored entity a
story's entity is, are decided elsewhere (marsad.pipeline, marsad.entities.resolve). Every write
runs in one transaction (WAL journal), so a crash leaves a batch either whole or absent.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from marsad.doc import Doc, StoryDoc
from marsad.store import browse as browsing
from marsad.store import claims, people, rows
from marsad.store.browse import Facets, Filters, Listed
from marsad.store.people import CHUNK, EntityRecord, People, StoredQuote, StoreEntity
from marsad.store.schema import MIGRATIONS_DIR, Migration, load_migrations, split_statements
from marsad.store.search import SearchHit, search
from marsad.types import Article, AttributedQuote, LineagePair, Story, StoryChange

# At most this many stored articles come back from `neighbours`: SaudiNewsNet, the densest corpus at
# hand, holds ~1,400 articles a day (31,030 over 22 days), so 10k covers about a week of it.
MAX_NEIGHBOURS = 10_000
# The schema version that added story_changes (migrations/0006_story_changes.sql).
CHANGES_VERSION = 6
_STORY_COLUMNS = 'id, title, start, "end", near_duplicates, lineage'
# How long a statement waits for another connection's lock before failing: a writer's commit of a
# SaudiNewsNet day (the largest batch measured) takes a few seconds; readers in WAL mode never wait.
BUSY_MS = 30_000
log = logging.getLogger(__name__)


class StoreError(Exception):
    """A store that cannot be used as asked (not a store, newer, locked, read-only, full): one line naming it."""


class Store:
    """A marsad database: open it with `Store.open(path)`, preferably as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: str = ":memory:") -> None:
        """Wrap an open connection; use `Store.open` instead of calling this directly."""
        self._conn = conn
        self.path = path
        self._writers = 0  # how deep this process is in `writing` blocks (the lock is taken once)
        self._claims = True  # whether the verification tables exist (set by `open`)
        self._changes = True  # whether the story_changes table exists (set by `open`)

    # --- lifecycle ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, migrations_dir: str | Path | None = None, *, readonly: bool = False) -> Store:
        """Open (creating if needed) the database at `path` in WAL mode and apply pending migrations.

        Nothing is written unless a migration is pending, so reading a store takes no write lock. A
        file that is no SQLite database, an SQLite database of something else, and a store of a newer
        schema are refused untouched; every failure is a StoreError naming the file. A `readonly`
        store is opened by SQLite read-only (it must exist and be up to date) and may be used from
        any one thread at a time (a web server's worker threads).
        """
        migrations = load_migrations(Path(migrations_dir) if migrations_dir else MIGRATIONS_DIR)
        try:
            if readonly:
                conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                       timeout=BUSY_MS / 1000, check_same_thread=False)
            else:
                conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_MS / 1000)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from None
        try:
            store = cls(conn, str(path))
            latest = migrations[-1].version if migrations else 0
            version = store._check(latest)
            if version < latest and readonly:
                raise StoreError(f"{path}: written by an older marsad; open it once for writing "
                                 "(`marsad ingest`) to bring it up to date")
            if version < latest:
                conn.execute("PRAGMA journal_mode=WAL")
                store._migrate(migrations)
            conn.execute("PRAGMA foreign_keys=ON")
            # 64 MiB page cache (default 2 MiB): saving 10.9k SaudiNewsNet articles took 9-11 s wall
            # instead of 14-17 s, since the FTS index build no longer spills and re-reads pages.
            conn.execute("PRAGMA cache_size=-65536")
            # A store opened with older migrations only (an old copy of marsad's files) has no claim tables.
            store._claims = store.schema_version() >= claims.SCHEMA_VERSION
            store._changes = store.schema_version() >= CHANGES_VERSION
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"{path}: {_reason(exc)}") from None
        except BaseException:
            conn.close()
            raise
        return store

    def _check(self, known: int) -> int:
        """Return the schema version (0: a new, empty file); refuse what is not a marsad store of a known schema."""
        try:
            tables = {str(r[0]) for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            raise StoreError(f"{self.path}: not a marsad store (not an SQLite database)") from None
        if not tables:
            return 0
        if "schema_migrations" not in tables:
            raise StoreError(f"{self.path}: an SQLite database that is not a marsad store: left untouched")
        version = self.schema_version()
        if version > known:
            raise StoreError(f"{self.path}: written by a newer marsad (schema version {version}, this one knows "
                             f"{known}): left untouched, upgrade marsad to use it")
        return version

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold this store's writer lock for the block: writers of one store run one after the other.

        An ingest reads the stored stories, computes, then saves: two at once would each save a story
        without the other's new articles (an article left in no story). The lock is an flock on the
        database file, separate from SQLite's own locks, so readers never wait; the write check runs
        first, so a read-only or locked store fails before any work.
        """
        if self.path == ":memory:" or self._writers:
            self._writers += 1
            try:
                yield
            finally:
                self._writers -= 1
            return
        fd = os.open(self.path, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.warning("%s: another marsad is writing to this store; waiting for it", self.path)
                fcntl.flock(fd, fcntl.LOCK_EX)
            with self._transaction():
                pass  # fails now, not after the work, when the store cannot be written
            self._writers = 1
            yield
        finally:
            self._writers = 0
            os.close(fd)  # releases the lock

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
        """Run the block in one write transaction: commit on success, roll back on any error.

        SQLite's own failures (locked past BUSY_MS, read-only, disk full at commit) become a StoreError
        naming the store; the transaction is rolled back, so nothing half-written stays.
        """
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: cannot write: {_reason(exc)}") from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write, nothing of this batch was stored: {_reason(exc)}") from None
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

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
        found = self._conn.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
        return [(int(v), str(n), str(t)) for v, n, t in found]

    # --- writing -----------------------------------------------------------------------------------

    def new_articles(self, articles: Sequence[Article]) -> list[Article]:
        """Return the articles whose content is not stored yet, first of each in the batch.

        Identity is content, never the id alone: an article whose id is taken by other content (two
        sites' "index.html", the stem of both) is new, under its id suffixed -2, -3, ... (the first free).
        """
        keys = [rows.content_key(a) for a in articles]
        stored_keys = self._existing("content_key", keys)
        taken = self._existing("id", [a.id for a in articles])
        seen_keys: set[str] = set()
        out: list[Article] = []
        for article, key in zip(articles, keys, strict=True):
            if key in stored_keys or key in seen_keys:
                continue
            seen_keys.add(key)
            new = article.with_id(self._free_id(article.id, taken)) if article.id in taken else article
            taken.add(new.id)
            out.append(new)
        return out

    def _free_id(self, base: str, taken: set[str]) -> str:
        """Return `base` suffixed -2, -3, ...: the first that is neither in `taken` nor stored."""
        n = 2
        while f"{base}-{n}" in taken or self._existing("id", [f"{base}-{n}"]):
            n += 1
        return f"{base}-{n}"

    def _existing(self, column: str, values: Sequence[str]) -> set[str]:
        """Return which of `values` are already stored in the articles `column` (id or content_key)."""
        found: set[str] = set()
        unique = list(dict.fromkeys(values))
        for i in range(0, len(unique), CHUNK):
            chunk = unique[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            cursor = self._conn.execute(f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk)
            found.update(str(r[0]) for r in cursor)
        return found

    def save(self, new: Sequence[Doc | Article], stories: Sequence[StoryDoc], people_of: Collection[str] = (),
             changes: Sequence[StoryChange] = ()) -> None:
        """Insert new articles (with index rows) and upsert stories with their members, all in one transaction.

        Articles must be new (see `new_articles`): a stored id or content raises sqlite3.IntegrityError
        and nothing is written. A saved story replaces its fields and member list; its articles leave any
        other story, and a story left with no members is deleted. The stories named in `people_of` get
        their entity and quote rows replaced by what the StoryDoc holds (dropped when it holds none:
        it changed without them); the others keep theirs. `changes` (merges and splits) are recorded,
        so that `resolve` finds a merged story's successor. Two stories with one id raise ValueError
        before anything is written (the second would take the first's members out of every story).
        """
        if twice := sorted(sid for sid, n in Counter(s.id for s in stories).items() if n > 1):
            raise ValueError(f"stories saved twice in one call: {', '.join(twice)}")
        with self._transaction() as conn:
            now = datetime.now(UTC).isoformat(timespec="seconds")
            if self._changes:
                conn.executemany("INSERT INTO story_changes (kind, old_id, new_id, changed) VALUES (?,?,?,?)",
                                 [(c.kind, c.old, c.new, now) for c in changes])
            rid = int(conn.execute("SELECT COALESCE(MAX(rid), 0) FROM articles").fetchone()[0])
            for item in new:
                article = item.article if isinstance(item, Doc) else item
                rid += 1
                conn.execute(rows.INSERT_ARTICLE, rows.article_row(rid, article))
                conn.execute(rows.INSERT_INDEX, rows.index_row(rid, article))
            for story in stories:
                self._save_story(conn, story)
            for story in stories:
                if story.id in people_of:
                    people.save_people(conn, story)
                if self._claims:
                    claims.save_claims(conn, story)
            if people_of:
                # Stories deleted above took their entity rows along (ON DELETE CASCADE).
                conn.execute("DELETE FROM entities WHERE NOT EXISTS "
                             "(SELECT 1 FROM story_entities s WHERE s.entity_id = entities.id)")

    @staticmethod
    def _save_story(conn: sqlite3.Connection, story: StoryDoc) -> None:
        """Upsert one story and make its member list exactly the story's articles (inside a transaction)."""
        conn.execute(
            'INSERT INTO stories (id, title, start, "end", near_duplicates, lineage) VALUES (?,?,?,?,?,?) '
            'ON CONFLICT(id) DO UPDATE SET title=excluded.title, start=excluded.start, "end"=excluded."end", '
            "near_duplicates=excluded.near_duplicates, lineage=excluded.lineage",
            (
                story.id, story.title, story.story.start, story.story.end,
                json.dumps([list(group) for group in story.near_duplicates], ensure_ascii=False),
                json.dumps([[p.a, p.b, p.score] for p in story.lineage or ()], ensure_ascii=False),
            ),
        )
        conn.execute("DELETE FROM memberships WHERE story_id = ?", (story.id,))
        losers: set[str] = set()
        members = list(dict.fromkeys(story.story.articles))
        for i in range(0, len(members), CHUNK):
            chunk = members[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            found = conn.execute(f"SELECT DISTINCT story_id FROM memberships WHERE article_id IN ({marks})", chunk)
            losers.update(str(r[0]) for r in found)
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
        for i in range(0, len(unique), CHUNK):
            chunk = unique[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._conn.execute(f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
                article = rows.article_from_row(row)
                by_id[article.id] = article
        return [by_id[i] for i in unique if i in by_id]

    def story(self, id: str, *, with_people: bool = True) -> StoryDoc | None:
        """Return a stored story with its members, near-duplicates, lineage, entities, quotes and claims, or None.

        Its members' Docs hold their quotes as stored (their mentions and dates are not stored).
        Without `with_people` its entities and quotes are not read.
        """
        row = self._conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (id,)).fetchone()
        if not row:
            return None
        (story,) = self._stories_from_rows([row])
        if self._claims:
            claims.load_claims(self._conn, story)
        found = people.story_people(self._conn, id) if with_people else None
        if found is not None:
            story.entities, story.quotes = found
            said: dict[str, list[AttributedQuote]] = {}
            for q in story.quotes:
                said.setdefault(q.quote.article, []).append(q)
            for doc in story.docs:
                doc.quotes = tuple(q.quote for q in said.get(doc.id, ()))
        return story

    def resolve(self, id: str) -> list[str]:
        """Return the stored stories that hold what story `id` held (empty for an id never stored).

        That is the story itself while it exists, else what it was merged into, followed through later merges.
        """
        seen: set[str] = set()
        todo, out = [id], []
        while todo:
            sid = todo.pop()
            if sid in seen:
                continue
            seen.add(sid)
            if self._conn.execute("SELECT 1 FROM stories WHERE id = ?", (sid,)).fetchone():
                out.append(sid)
            elif self._changes:
                todo += [str(r[0]) for r in self._conn.execute(
                    "SELECT new_id FROM story_changes WHERE old_id = ? AND kind = 'merged' ORDER BY id", (sid,))]
        return sorted(out)

    def changes(self, id: str) -> list[StoryChange]:
        """Return the merges and splits a story took part in, oldest first."""
        if not self._changes:
            return []
        return [StoryChange(str(kind), str(old), str(new)) for kind, old, new in self._conn.execute(
            "SELECT kind, old_id, new_id FROM story_changes WHERE old_id = ? OR new_id = ? ORDER BY id", (id, id))]

    def story_starts(self, ids: Collection[str]) -> dict[str, str | None]:
        """Return the start of each stored story of `ids`."""
        out: dict[str, str | None] = {}
        chosen = sorted(ids)
        for i in range(0, len(chosen), CHUNK):
            chunk = chosen[i : i + CHUNK]
            out.update((str(sid), start) for sid, start in self._conn.execute(
                f"SELECT id, start FROM stories WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def stories(self, limit: int = 50, offset: int = 0) -> list[StoryDoc]:
        """Return stories newest first (latest end date, undated last; then most articles, latest inserted).

        Each with its member articles, near-duplicates and lineage; entities and quotes are not loaded.
        """
        found = self._conn.execute(
            f'SELECT {_STORY_COLUMNS} FROM stories ORDER BY "end" DESC, '
            "(SELECT COUNT(*) FROM memberships m WHERE m.story_id = stories.id) DESC, rid DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return self._stories_from_rows(found)

    def _stories_from_rows(self, found: Sequence[Any]) -> list[StoryDoc]:
        """Build StoryDocs from story rows, loading their member lists and articles in one query per chunk."""
        members: dict[str, list[str]] = {str(r[0]): [] for r in found}
        ids = list(members)
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            for sid, aid in self._conn.execute(
                f"SELECT story_id, article_id FROM memberships WHERE story_id IN ({marks}) ORDER BY story_id, position",
                chunk,
            ):
                members[sid].append(aid)
        articles = {a.id: a for a in self.articles([aid for ms in members.values() for aid in ms])}
        return [
            StoryDoc(
                Story(sid, title, tuple(members[sid]), start, end),
                tuple(Doc(articles[aid]) for aid in members[sid] if aid in articles),
                near_duplicates=tuple(tuple(g) for g in json.loads(near)),
                lineage=tuple(LineagePair(a, b, float(s)) for a, b, s in json.loads(lineage)),
            )
            for sid, title, start, end, near, lineage in found
        ]

    def story_articles(self, id: str) -> list[Article]:
        """Return the articles of a story in member order (empty for an unknown story)."""
        ids = [str(r[0]) for r in self._conn.execute(
            "SELECT article_id FROM memberships WHERE story_id = ? ORDER BY position", (id,)
        )]
        return self.articles(ids)

    def memberships(self) -> Iterator[tuple[str, str]]:
        """Yield (article id, story id) for every stored article that belongs to a story."""
        for aid, sid in self._conn.execute("SELECT article_id, story_id FROM memberships ORDER BY story_id, position"):
            yield str(aid), str(sid)

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story an article belongs to, or None."""
        row = self._conn.execute("SELECT story_id FROM memberships WHERE article_id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        """Return how many articles and stories are stored."""
        articles = int(self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        stories = int(self._conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0])
        return {"articles": articles, "stories": stories}

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
        new_days = sorted({d for a in articles if (d := rows.day_ordinal(a.published)) is not None})
        any_undated = any(rows.day_ordinal(a.published) is None for a in articles)
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
            distance = 0 if any_undated else rows.day_distance(rows.day_ordinal(day), new_days, days)
            if distance <= days:
                ranked.append((distance, -int(rid), str(aid)))
        ranked.sort()
        chosen = [aid for _, _, aid in ranked[:limit]]
        story_ids = dict(self._story_ids(chosen))
        return [(a, story_ids[a.id]) for a in self.articles(chosen)]

    def _story_ids(self, article_ids: Sequence[str]) -> Iterator[tuple[str, str]]:
        """Yield (article id, story id) for the given article ids that have a story."""
        for i in range(0, len(article_ids), CHUNK):
            chunk = article_ids[i : i + CHUNK]
            marks = ",".join("?" * len(chunk))
            for aid, sid in self._conn.execute(
                f"SELECT article_id, story_id FROM memberships WHERE article_id IN ({marks})", chunk
            ):
                yield str(aid), str(sid)

    # --- entities, quotes, search (marsad.store.people, marsad.store.search) -------------------------

    def story_people(self, story_id: str) -> People | None:
        """Return a story's entities and attributed quotes as saved, or None when they were not computed."""
        return people.story_people(self._conn, story_id)

    def people_totals(self) -> dict[str, int]:
        """Return how many store-wide entities and quotes are stored."""
        entities = int(self._conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0])
        quotes = int(self._conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])
        return {"entities": entities, "quotes": quotes}

    def people_counts(self, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """Return (entities, quotes) for each of the given stories whose people were computed."""
        return people.people_counts(self._conn, story_ids)

    def entity_ids(self, story_id: str) -> dict[str, str]:
        """Return the store-wide entity id of each of a story's entities (story-local id -> store id)."""
        return people.entity_ids(self._conn, story_id)

    def quotes(self, story_id: str | None = None, speaker: str | None = None) -> list[StoredQuote]:
        """Return stored quotes, of one story and/or one speaker (a store entity id), in story then text order."""
        return people.quotes(self._conn, story_id, speaker)

    def entities(self, limit: int = 50, type: str | None = None, name: str | None = None) -> list[StoreEntity]:
        """Return store-wide entities in most articles first, of one type and/or with a spelling containing `name`."""
        return people.entities(self._conn, limit, type, name)

    def entity(self, id: str) -> EntityRecord | None:
        """Return a store entity with the ids of its stories and all its mentions, or None."""
        return people.entity(self._conn, id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Return the articles matching every word of `query` (spelling-folded, or by stem), best first."""
        return search(self._conn, query, limit)

    def browse(self, filters: Filters, after: str | None = None, limit: int = 50) -> list[Listed]:
        """Return one keyset page of filtered stories, newest activity first (marsad.store.browse)."""
        return browsing.page(self._conn, filters, after, limit)

    def facets(self, filters: Filters) -> Facets:
        """Return the filtered stories counted per outlet and per entity."""
        return browsing.facets(self._conn, filters)

    def count_stories(self, filters: Filters) -> int:
        """Return how many stories the filters keep."""
        return browsing.count(self._conn, filters)

    def stamp(self) -> tuple[int, int]:
        """Return (latest article rowid, latest story rowid): it changes whenever an ingest adds anything."""
        row = self._conn.execute("SELECT (SELECT MAX(rid) FROM articles), (SELECT MAX(rid) FROM stories)").fetchone()
        return int(row[0] or 0), int(row[1] or 0)


def _reason(exc: sqlite3.Error) -> str:
    """Return SQLite's one-line reason, said plainly for the usual store conditions."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    plain = {"database is locked": f"locked by another process for over {BUSY_MS // 1000} s",
             "attempt to write a readonly database": "read-only (the file or its folder)",
             "database or disk is full": "the disk is full"}
    return plain.get(text, text)
