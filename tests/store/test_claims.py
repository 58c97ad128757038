"""Tests for marsad.store.claims: a story's sources, claims, conflicts and brief saved, read back, recomputed, dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import marsad
from marsad.doc import StoryDoc
from marsad.store import Store
from tests.verify.helpers import FLOOD_A, FLOOD_C, analyze, fire_records, flood_records, record


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Write records as a JSONL file and return its path."""
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return path


def _has_claims(store: Store, story_id: str) -> int:
    """Return the stored has_claims flag of a story."""
    return int(store._conn.execute("SELECT has_claims FROM stories WHERE id = ?", (story_id,)).fetchone()[0])


def _rows(store: Store, story_id: str) -> dict[str, int]:
    """Return how many verification rows of each table a story has."""
    tables = ("story_sources", "claims", "claim_units", "conflicts", "conflict_sides", "summary")
    return {t: int(store._conn.execute(f"SELECT COUNT(*) FROM {t} WHERE story_id = ?", (story_id,)).fetchone()[0])
            for t in tables}


def _same(loaded: StoryDoc, computed: StoryDoc) -> None:
    """Assert that a story read back holds the computed claims, conflicts and brief, and the same source groups."""
    assert loaded.claims == computed.claims
    assert loaded.conflicts == computed.conflicts
    assert loaded.summary == computed.summary
    assert {frozenset(g) for g in loaded.sources or ()} == {frozenset(g) for g in computed.sources or ()}


@pytest.mark.parametrize("records", [flood_records, fire_records], ids=["flood", "fire"])
def test_a_saved_story_reads_back_its_verification(store: Store, records: Any) -> None:
    """Sources, claims (units, outlets, counts, omissions), conflicts (every side) and the brief come back equal."""
    result = marsad.add_articles(store, analyze(*records(), people=True).articles)
    (computed,) = result.stories
    assert computed.claims and computed.summary
    loaded = store.story(computed.id)
    assert loaded is not None
    _same(loaded, computed)
    assert _has_claims(store, computed.id) == 1
    for claim in loaded.claims or ():
        assert all(loaded.text(u) for u in claim.units)


def test_the_fire_conflicts_survive_the_store(store: Store) -> None:
    """The number and title conflicts of the fire reports are read back with their values and spans."""
    (computed,) = marsad.add_articles(store, analyze(*fire_records()).articles).stories
    loaded = store.story(computed.id)
    assert loaded is not None
    assert sorted(c.kind for c in loaded.conflicts or ()) == ["number", "title"]
    for conflict in loaded.conflicts or ():
        assert all(loaded.text(s.span) == s.value for s in conflict.sides)


def test_a_source_group_reads_back_in_member_order(store: Store) -> None:
    """A group whose members are not in id order (the later id published first) keeps its member order."""
    a_id, c_id = (d.id for d in analyze(record(FLOOD_A, "أ"), record(FLOOD_C, "ج"), people=False).docs)
    first, later = ("2024-11-06", "2024-11-07") if a_id > c_id else ("2024-11-07", "2024-11-06")
    records = [record(FLOOD_A, "صحيفة الفجر", first), record(FLOOD_C, "إذاعة الشرق", later)]
    (computed,) = marsad.add_articles(store, analyze(*records, people=False).articles).stories
    (group,) = computed.sources or ()
    assert list(group) != sorted(group)  # the case this test is about
    loaded = store.story(computed.id)
    assert loaded is not None
    assert loaded.sources == computed.sources


def test_an_ingested_story_reads_no_day_of_the_month_as_a_count(store: Store) -> None:
    """Two outlets giving different days for one opening, ingested, have no number conflict about the month."""
    opening = "افتتح وزير النقل جسر الوادي الكبير في مدينة الريحان يوم {} مارس 2024 بحضور المحافظ."
    records = [record(opening.format(12), "صحيفة الفجر", "2024-03-15"), record(opening.format(14), "موقع النهار", "2024-03-15")]
    analysed = analyze(*records, people=False)
    assert [c.kind for s in analysed.stories for c in s.conflicts or ()] == ["date"]
    (story,) = marsad.add_articles(store, analysed.articles, people=False).stories
    loaded = store.story(story.id)
    assert loaded is not None and loaded.claims
    assert [c.kind for c in loaded.conflicts or () if c.kind == "number"] == []


def test_a_story_that_grows_gets_its_verification_recomputed(store: Store, tmp_path: Path) -> None:
    """Ingesting a third outlet's copy later recomputes the story's claims over all three, as one analysis would."""
    a, b, c = flood_records()
    first = marsad.ingest_into(store, [_jsonl(tmp_path / "first.jsonl", [a, b])], workers=1)
    (before,) = first.stories
    assert _has_claims(store, before.id) == 1
    second = marsad.ingest_into(store, [_jsonl(tmp_path / "second.jsonl", [c])], workers=1)
    (after,) = second.stories
    assert after.id == before.id and len(second.added) == 1
    loaded = store.story(after.id)
    assert loaded is not None
    (new,) = second.added
    assert any(u.article == new for claim in loaded.claims or () for u in claim.units)
    assert loaded.claims != before.claims
    whole = analyze(a, b, c)
    (story,) = whole.stories
    _same(loaded, story)
    assert _has_claims(store, after.id) == 1


def test_growing_without_verification_drops_the_stored_claims(store: Store) -> None:
    """A story that grows with verify=False loses its stale claims: has_claims 0, no rows, none read back."""
    a, b, c = analyze(*flood_records(), people=False).articles
    (story,) = marsad.add_articles(store, [a, b]).stories
    assert _rows(store, story.id)["claims"] > 0
    (grown,) = marsad.add_articles(store, [c], verify=False).stories
    assert grown.id == story.id and grown.claims is None
    assert _has_claims(store, story.id) == 0
    assert set(_rows(store, story.id).values()) == {0}
    loaded = store.story(story.id)
    assert loaded is not None
    assert (loaded.sources, loaded.claims, loaded.conflicts, loaded.summary) == (None, None, None, None)


def test_a_story_stored_without_verification_has_none(store: Store) -> None:
    """Articles ingested with verify=False leave the story unverified: has_claims 0 and no claims read back."""
    (story,) = marsad.add_articles(store, analyze(*flood_records(), people=False).articles, verify=False).stories
    assert _has_claims(store, story.id) == 0
    loaded = store.story(story.id)
    assert loaded is not None and loaded.claims is None
