"""The store's verification rows: a story's independent sources, claims, conflicts and brief (migration 0005)."""

from __future__ import annotations

import json
import sqlite3
from typing import cast

from marsad.doc import StoryDoc
from marsad.types import BriefSentence, Claim, Conflict, ConflictKind, ConflictSide, Span

SCHEMA_VERSION = 5  # the migration that adds these tables (0005_claims.sql)
TABLES = ("story_sources", "claims", "claim_units", "conflicts", "conflict_sides", "summary")


def save_claims(conn: sqlite3.Connection, story: StoryDoc) -> None:
    """Replace a story's verification rows by what the StoryDoc holds (none when it was not computed)."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story.id,))
    done = story.claims is not None
    conn.execute("UPDATE stories SET has_claims = ? WHERE id = ?", (int(done), story.id))
    if not done:
        return
    sid = story.id
    conn.executemany("INSERT INTO story_sources VALUES (?,?,?)",
                     ((sid, a, k) for k, group in enumerate(story.sources or ()) for a in group))
    conn.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?)",
                     ((sid, c.id, k, json.dumps(c.outlets, ensure_ascii=False), c.sources,
                       json.dumps(c.omitted_by, ensure_ascii=False)) for k, c in enumerate(story.claims or ())))
    conn.executemany("INSERT INTO claim_units VALUES (?,?,?,?,?,?)",
                     ((sid, c.id, k, u.article, u.start, u.end) for c in story.claims or ()
                      for k, u in enumerate(c.units)))
    conn.executemany("INSERT INTO conflicts VALUES (?,?,?,?,?,?)",
                     ((sid, c.id, k, c.kind, c.description, json.dumps(c.claims))
                      for k, c in enumerate(story.conflicts or ())))
    conn.executemany("INSERT INTO conflict_sides VALUES (?,?,?,?,?,?,?,?)",
                     ((sid, c.id, k, s.value, s.span.article, s.span.start, s.span.end, s.outlet)
                      for c in story.conflicts or () for k, s in enumerate(c.sides)))
    conn.executemany("INSERT INTO summary VALUES (?,?,?,?,?,?,?)",
                     ((sid, k, b.claim, b.span.article, b.span.start, b.span.end, int(b.single_source))
                      for k, b in enumerate(story.summary or ())))


def load_claims(conn: sqlite3.Connection, story: StoryDoc) -> None:
    """Fill a loaded StoryDoc's sources, claims, conflicts and brief from the store, when they were computed."""
    sid = story.id
    row = conn.execute("SELECT has_claims FROM stories WHERE id = ?", (sid,)).fetchone()
    if not row or not row[0]:
        return
    groups: dict[int, list[str]] = {}
    for article, source in conn.execute(
            "SELECT s.article_id, s.source FROM story_sources s JOIN memberships m ON m.article_id = s.article_id "
            "WHERE s.story_id = ? ORDER BY m.position", (sid,)):
        groups.setdefault(int(source), []).append(str(article))
    units: dict[str, list[Span]] = {}
    for cid, article, start, end in conn.execute(
            'SELECT claim_id, article_id, start, "end" FROM claim_units WHERE story_id = ? ORDER BY claim_id, position',
            (sid,)):
        units.setdefault(str(cid), []).append(Span(str(article), int(start), int(end), "claim"))
    claims = tuple(Claim(str(cid), tuple(units.get(str(cid), ())), tuple(json.loads(outlets)), int(n),
                         tuple(json.loads(omitted)))
                   for cid, outlets, n, omitted in conn.execute(
                       "SELECT id, outlets, independent_sources, omitted_by FROM claims WHERE story_id = ? "
                       "ORDER BY position", (sid,)))
    sides: dict[str, list[ConflictSide]] = {}
    for cid, value, article, start, end, outlet in conn.execute(
            'SELECT conflict_id, value, article_id, start, "end", outlet FROM conflict_sides WHERE story_id = ? '
            "ORDER BY conflict_id, position", (sid,)):
        sides.setdefault(str(cid), []).append(
            ConflictSide(str(value), Span(str(article), int(start), int(end), "value"), str(outlet)))
    conflicts = tuple(Conflict(str(cid), cast(ConflictKind, kind), str(description), tuple(sides.get(str(cid), ())),
                               tuple(json.loads(ids)))
                      for cid, kind, description, ids in conn.execute(
                          "SELECT id, kind, description, claims FROM conflicts WHERE story_id = ? ORDER BY position",
                          (sid,)))
    by_id = {c.id: c for c in claims}
    summary = []
    for cid, article, start, end, single in conn.execute(
            'SELECT claim_id, article_id, start, "end", single_source FROM summary WHERE story_id = ? '
            "ORDER BY position", (sid,)):
        chosen = Span(str(article), int(start), int(end), "claim")
        others = tuple(u for u in by_id[str(cid)].units if u != chosen) if str(cid) in by_id else ()
        summary.append(BriefSentence(chosen, str(cid), (chosen, *others), bool(single)))
    story.sources = tuple(tuple(groups[k]) for k in sorted(groups))
    story.claims, story.conflicts, story.summary = claims, conflicts, tuple(summary)
