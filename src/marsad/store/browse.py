"""Browsing stored stories: filtered, newest activity first, one keyset page at a time, with facet counts.

A listing is ordered by the story's last publication ("end", undated last) then insertion (rid), both
descending; a page ends with the key of its last story, and the next page starts after it, so a
page costs the same however deep it is and a story added meanwhile does not shift the pages. Filters
(all optional, all must hold): words found in a member article (the store's full-text search), an
outlet among the members, a store entity among the story's entities, and a day range the story's span
overlaps. Facets count the filtered stories per outlet and per entity.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from marsad import arabic
from marsad.store.people import CHUNK
from marsad.store.search import MAX_QUERY_TOKENS, fts_query

# Facet values shown per facet: a desk's outlets fit (SaudiNewsNet has 14), an entity facet is the head
# of a long tail. A display choice.
FACET_SIZE = 15
# The end written in the page key of an undated story (they come after every dated one).
UNDATED = ""


@dataclass(frozen=True)
class Filters:
    """What a story listing is narrowed to; None means no condition."""

    q: str | None = None
    outlet: str | None = None
    entity: str | None = None
    since: str | None = None  # ISO day: the story's span ends on or after it
    until: str | None = None  # ISO day: the story's span starts on or before it


@dataclass(frozen=True)
class Listed:
    """A story in a listing: its span, its member count and how many members each outlet gave."""

    id: str
    title: str | None
    start: str | None
    end: str | None
    articles: int
    outlets: tuple[tuple[str, int], ...]
    key: str  # the keyset position of this story: pass it as `after` for the page that follows


@dataclass(frozen=True)
class Facets:
    """Filtered stories counted per outlet and per store entity (id, name, type), largest first."""

    outlets: tuple[tuple[str, int], ...]
    entities: tuple[tuple[str, str, str, int], ...]


def _where(filters: Filters) -> tuple[str, list[str]]:
    """Return the SQL condition on `stories` (aliased s) for the filters, and its parameters."""
    parts: list[str] = ["1"]
    params: list[str] = []
    if filters.q and (words := list(dict.fromkeys(arabic.tokens(filters.q)))[:MAX_QUERY_TOKENS]):
        parts.append("s.id IN (SELECT m.story_id FROM articles_fts f JOIN articles a ON a.rid = f.rowid "
                     "JOIN memberships m ON m.article_id = a.id WHERE articles_fts MATCH ?)")
        params.append(fts_query(words))
    elif filters.q:
        parts.append("0")  # only punctuation: nothing can match
    if filters.outlet:
        parts.append("s.id IN (SELECT m.story_id FROM memberships m JOIN articles a ON a.id = m.article_id "
                     "WHERE a.outlet = ?)")
        params.append(filters.outlet)
    if filters.entity:
        parts.append("s.id IN (SELECT story_id FROM story_entities WHERE entity_id = ?)")
        params.append(filters.entity)
    if filters.since:
        parts.append('s."end" >= ?')
        params.append(filters.since)
    if filters.until:
        parts.append("substr(s.start, 1, 10) <= ?")
        params.append(filters.until)
    return " AND ".join(parts), params


def page(conn: sqlite3.Connection, filters: Filters, after: str | None, limit: int) -> list[Listed]:
    """Return up to `limit` filtered stories, newest activity first, after the keyset position `after`."""
    where, params = _where(filters)
    if after is not None:
        end, _, rid = after.rpartition("~")
        rid = str(int(rid))  # ValueError: not a key this module wrote
        if end == UNDATED:
            where += ' AND s."end" IS NULL AND s.rid < ?'
            params += [rid]
        else:
            where += ' AND (s."end" < ? OR (s."end" = ? AND s.rid < ?) OR s."end" IS NULL)'
            params += [end, end, rid]
    # SQLite sorts NULL below every value, so undated stories come last in descending order, and the
    # order is that of the stories_order index: a page reads its rows off the index, with no sort.
    rows = conn.execute(
        f'SELECT s.id, s.title, s.start, s."end", s.rid FROM stories s WHERE {where} '
        'ORDER BY s."end" DESC, s.rid DESC LIMIT ?', [*params, limit]).fetchall()
    counts = _outlet_counts(conn, [str(r[0]) for r in rows])
    return [Listed(str(sid), title, start, end, sum(n for _, n in counts.get(sid, ())),
                   tuple(counts.get(sid, ())), f"{end or UNDATED}~{rid}")
            for sid, title, start, end, rid in rows]


def _outlet_counts(conn: sqlite3.Connection, story_ids: list[str]) -> dict[str, list[tuple[str, int]]]:
    """Return each story's members counted per outlet (an article of no known outlet counts under "")."""
    out: dict[str, list[tuple[str, int]]] = {}
    for i in range(0, len(story_ids), CHUNK):
        chunk = story_ids[i : i + CHUNK]
        for sid, outlet, n in conn.execute(
            "SELECT m.story_id, COALESCE(a.outlet, ''), COUNT(*) FROM memberships m JOIN articles a "
            f"ON a.id = m.article_id WHERE m.story_id IN ({','.join('?' * len(chunk))}) "
            "GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2", chunk):
            out.setdefault(str(sid), []).append((str(outlet), int(n)))
    return out


def facets(conn: sqlite3.Connection, filters: Filters) -> Facets:
    """Return the filtered stories counted per outlet and per entity (FACET_SIZE of each, largest first)."""
    where, params = _where(filters)
    outlets = conn.execute(
        "SELECT a.outlet, COUNT(DISTINCT m.story_id) FROM stories s JOIN memberships m ON m.story_id = s.id "
        f"JOIN articles a ON a.id = m.article_id WHERE {where} AND a.outlet IS NOT NULL "
        "GROUP BY a.outlet ORDER BY 2 DESC, 1 LIMIT ?", [*params, FACET_SIZE]).fetchall()
    entities = conn.execute(
        "SELECT e.id, e.name, e.type, COUNT(*) FROM stories s JOIN story_entities se ON se.story_id = s.id "
        f"JOIN entities e ON e.id = se.entity_id WHERE {where} GROUP BY e.id ORDER BY 4 DESC, 2 LIMIT ?",
        [*params, FACET_SIZE]).fetchall()
    return Facets(tuple((str(o), int(n)) for o, n in outlets),
                  tuple((str(i), str(name), str(t), int(n)) for i, name, t, n in entities))


def count(conn: sqlite3.Connection, filters: Filters) -> int:
    """Return how many stories the filters keep."""
    where, params = _where(filters)
    return int(conn.execute(f"SELECT COUNT(*) FROM stories s WHERE {where}", params).fetchone()[0])
