"""The entities and quotes of stored stories, and store-wide entities: one entity across all its stories.

Saving a story's people replaces its rows; each of its entities is matched to a store-wide entity by
name (marsad.entities.resolve decides among the candidates sharing its blocking key) or becomes a new
one. Reading gives back the entities and attributed quotes as the story had them, spans included.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from marsad import arabic
from marsad.doc import StoryDoc
from marsad.entities.resolve import choose, entity_key
from marsad.types import AttributedQuote, Entity, Quote, Span

_LIKE_SPECIAL_RE = re.compile(r"([%_\\])")  # escaped (ESCAPE '\') in a LIKE pattern
# SQLite's default limit on bound parameters is 32766 since 3.32; 900 keeps IN (...) lists portable.
CHUNK = 900


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
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class StoredQuote:
    """A stored quote: its story, the quote as the report has it, and its speaker's store-wide entity id."""

    story: str
    quote: AttributedQuote
    entity: str | None


_INSERT_STORY_ENTITY = (
    "INSERT INTO story_entities (story_id, local_id, position, entity_id, name, type, words, mentions, "
    "n_articles, variants, roles, articles, search) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_QUOTE = (
    'INSERT INTO quotes (story_id, id, position, article_id, start, "end", text, kind, verb, role, '
    "speaker_start, speaker_end, speaker_name, speaker, entity_id, group_id, verb_start, verb_end, role_start, "
    "role_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_QUOTE_COLUMNS = (
    'story_id, id, article_id, start, "end", kind, speaker_start, speaker_end, speaker, entity_id, group_id, '
    "verb_start, verb_end, role_start, role_end"
)


def save_people(conn: sqlite3.Connection, story: StoryDoc) -> None:
    """Replace a story's entity, mention and quote rows (inside a transaction), matching its entities store-wide.

    A story whose entities were not computed (None) keeps none: its rows are dropped. Entities are
    matched most mentioned first; a store entity already taken by another entity of this story is
    not given to a second one (the story keeps the two apart, so must the store). An entity the story
    held before keeps its store entity while that still matches, so saving a story again changes
    nothing even when stories saved since made its name ambiguous.
    """
    story_id = story.id
    before = dict(conn.execute("SELECT local_id, entity_id FROM story_entities WHERE story_id = ?", (story_id,)))
    conn.execute("DELETE FROM quotes WHERE story_id = ?", (story_id,))
    conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))  # mentions cascade
    conn.execute("UPDATE stories SET has_people = ? WHERE id = ?", (int(story.entities is not None), story_id))
    store_id: dict[str, str] = {}
    for position, local in enumerate(story.entities or ()):
        matched = match_entity(conn, local.name, local.type, before.get(local.id))
        if matched is None or matched in store_id.values():
            matched = _new_entity(conn, local)
        store_id[local.id] = matched
        conn.execute(_INSERT_STORY_ENTITY, _story_entity_row(story_id, position, matched, local))
        conn.executemany(
            "INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?, ?)",
            {(key, matched) for text, _ in local.variants if (key := entity_key(text, local.type))},
        )
        conn.executemany(
            'INSERT INTO mentions (story_id, local_id, position, article_id, start, "end", text) '
            "VALUES (?,?,?,?,?,?,?)",
            ((story_id, local.id, i, m.article, m.start, m.end, story.text(m)) for i, m in enumerate(local.mentions)),
        )
    conn.executemany(
        _INSERT_QUOTE,
        (_quote_row(story, i, q, store_id.get(q.speaker) if q.speaker else None)
         for i, q in enumerate(story.quotes or ())),
    )
    _refresh_entities(conn, {*before.values(), *store_id.values()})


def match_entity(conn: sqlite3.Connection, name: str, type: str, prefer: str | None = None) -> str | None:
    """Return the id of the one store entity of this type that `name` names, else None (marsad.entities.resolve)."""
    key = entity_key(name, type)
    if key is None:
        return None
    rows = conn.execute(
        "SELECT e.id, e.name FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = ? ORDER BY e.id",
        (key,),
    ).fetchall()
    return choose(name, type, [(str(eid), str(stored)) for eid, stored in rows], prefer)


def _new_entity(conn: sqlite3.Connection, local: Entity) -> str:
    """Insert a store entity for a story entity that matched none; return its new id."""
    base = f"{local.type.lower()}-{hashlib.sha1(arabic.normalize(local.name).encode()).hexdigest()[:12]}"
    eid, n = base, 1
    while conn.execute("SELECT 1 FROM entities WHERE id = ?", (eid,)).fetchone():
        n += 1
        eid = f"{base}-{n}"
    conn.execute("INSERT INTO entities (id, type, name) VALUES (?, ?, ?)", (eid, local.type, local.name))
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


def _quote_row(story: StoryDoc, position: int, a: AttributedQuote, store_id: str | None) -> tuple[object, ...]:
    """Return the quotes row of one attributed quote (column order of _INSERT_QUOTE)."""
    q = a.quote
    verb, role, speaker = q.verb, q.role, q.speaker
    return (
        story.id, a.id, position, q.article, q.span.start, q.span.end, story.text(q.span), q.kind,
        story.text(verb) if verb else None, story.text(role) if role else None,
        speaker.start if speaker else None, speaker.end if speaker else None,
        story.text(speaker) if speaker else None, a.speaker, store_id, a.group,
        verb.start if verb else None, verb.end if verb else None, role.start if role else None,
        role.end if role else None,
    )


def _quote_from_row(row: Sequence[Any]) -> StoredQuote:
    """Rebuild a StoredQuote from a row selected with `_QUOTE_COLUMNS`."""
    (story_id, qid, article, start, end, kind, s_start, s_end, speaker, store_id, group, v_start, v_end,
     r_start, r_end) = row
    quote = Quote(
        Span(article, start, end, "quote"), kind,
        Span(article, v_start, v_end, "verb") if v_start is not None else None,
        Span(article, s_start, s_end, "speaker") if s_start is not None else None,
        Span(article, r_start, r_end, "role") if r_start is not None else None,
    )
    return StoredQuote(story_id, AttributedQuote(qid, quote, speaker, group), store_id)


def _like(text: str) -> str:
    r"""Return a LIKE pattern finding `text` anywhere (its % _ and \ escaped)."""
    return "%" + _LIKE_SPECIAL_RE.sub(r"\\\1", text) + "%"




People = tuple[tuple[Entity, ...], tuple[AttributedQuote, ...]]  # a story's entities and attributed quotes


def story_people(conn: sqlite3.Connection, story_id: str) -> People | None:
    """Return a story's entities and attributed quotes as they were saved, or None when they were not computed."""
    row = conn.execute("SELECT has_people FROM stories WHERE id = ?", (story_id,)).fetchone()
    if not row or not row[0]:
        return None
    mentions: dict[str, list[Span]] = defaultdict(list)
    for local, article, start, end, type in conn.execute(
        'SELECT m.local_id, m.article_id, m.start, m."end", e.type FROM mentions m '
        "JOIN story_entities e ON e.story_id = m.story_id AND e.local_id = m.local_id "
        "WHERE m.story_id = ? ORDER BY m.local_id, m.position",
        (story_id,),
    ):
        mentions[local].append(Span(article, start, end, type))
    found = tuple(
        Entity(local, name, type, tuple((t, n) for t, n in json.loads(variants)), tuple(json.loads(articles)),
               tuple(json.loads(roles)), tuple(mentions[local]))
        for local, name, type, variants, articles, roles in conn.execute(
            "SELECT local_id, name, type, variants, articles, roles FROM story_entities "
            "WHERE story_id = ? ORDER BY position",
            (story_id,),
        )
    )
    return found, tuple(q.quote for q in quotes(conn, story_id=story_id))


def quotes(conn: sqlite3.Connection, story_id: str | None = None, speaker: str | None = None) -> list[StoredQuote]:
    """Return stored quotes, of one story and/or one speaker (a store entity id), in story then text order."""
    rows = conn.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE (?1 IS NULL OR story_id = ?1) AND (?2 IS NULL OR entity_id = ?2) "
        "ORDER BY story_id, position",
        (story_id, speaker),
    )
    return [_quote_from_row(r) for r in rows]


def entities(conn: sqlite3.Connection, limit: int = 50, type: str | None = None,
             name: str | None = None) -> list[StoreEntity]:
    """Return store-wide entities in most articles first, of one type and/or with a spelling containing `name`.

    `name` is normalized like the stored spellings (arabic.normalize), so إسطنبول and اسطنبول find the same.
    """
    pattern = _like(arabic.normalize(name)) if name else None
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, COUNT(*), SUM(s.n_articles) FROM entities e "
        "JOIN story_entities s ON s.entity_id = e.id WHERE (?1 IS NULL OR e.type = ?1) AND (?2 IS NULL OR e.id IN "
        "(SELECT entity_id FROM story_entities WHERE search LIKE ?2 ESCAPE '\\')) "
        "GROUP BY e.id ORDER BY SUM(s.n_articles) DESC, SUM(s.mentions) DESC, e.id LIMIT ?3",
        (type, pattern, limit),
    ).fetchall()
    return [_store_entity(conn, *row) for row in rows]


def _store_entity(conn: sqlite3.Connection, eid: str, name: str, type: str, stories: int, articles: int) -> StoreEntity:
    """Build a StoreEntity, summing the spellings and collecting the roles of its story entities."""
    variants: Counter[str] = Counter()
    roles: dict[str, str] = {}
    for found, stated in conn.execute(
        "SELECT variants, roles FROM story_entities WHERE entity_id = ? ORDER BY story_id", (eid,)
    ):
        variants.update(dict(json.loads(found)))
        for role in json.loads(stated):
            roles.setdefault(arabic.normalize(role), role)
    spellings = tuple(sorted(variants.items(), key=lambda kv: (-kv[1], kv[0])))
    return StoreEntity(eid, name, type, spellings, int(stories), int(articles), tuple(roles.values()))


def entity(conn: sqlite3.Connection, id: str) -> EntityRecord | None:
    """Return a store entity with the ids of its stories and all its mentions, or None."""
    row = conn.execute(
        "SELECT e.id, e.name, e.type, COUNT(*), SUM(s.n_articles) FROM entities e "
        "JOIN story_entities s ON s.entity_id = e.id WHERE e.id = ? GROUP BY e.id",
        (id,),
    ).fetchone()
    if not row:
        return None
    stories = tuple(str(r[0]) for r in conn.execute(
        "SELECT s.story_id FROM story_entities s JOIN stories t ON t.id = s.story_id WHERE s.entity_id = ? "
        'ORDER BY t."end" DESC, t.rid DESC',
        (id,),
    ))
    mentions = tuple(
        Span(article, start, end, type)
        for article, start, end, type in conn.execute(
            'SELECT m.article_id, m.start, m."end", s.type FROM story_entities s JOIN mentions m '
            "ON m.story_id = s.story_id AND m.local_id = s.local_id WHERE s.entity_id = ? "
            "ORDER BY m.article_id, m.start",
            (id,),
        )
    )
    return EntityRecord(_store_entity(conn, *row), stories, mentions)


def entity_ids(conn: sqlite3.Connection, story_id: str) -> dict[str, str]:
    """Return the store-wide entity id of each of a story's entities (story-local id -> store id)."""
    rows = conn.execute("SELECT local_id, entity_id FROM story_entities WHERE story_id = ?", (story_id,))
    return {str(local): str(eid) for local, eid in rows}


def people_counts(conn: sqlite3.Connection, story_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Return (entities, quotes) for each of the given stories whose people were computed."""
    out: dict[str, tuple[int, int]] = {}
    for i in range(0, len(story_ids), CHUNK):
        chunk = story_ids[i : i + CHUNK]
        marks = ",".join("?" * len(chunk))
        for sid, n_entities, n_quotes in conn.execute(
            "SELECT id, (SELECT COUNT(*) FROM story_entities WHERE story_id = stories.id), "
            "(SELECT COUNT(*) FROM quotes WHERE story_id = stories.id) "
            f"FROM stories WHERE has_people AND id IN ({marks})",
            chunk,
        ):
            out[str(sid)] = (int(n_entities), int(n_quotes))
    return out
