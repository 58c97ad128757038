"""Tests for marsad.store.db (the Store): transactions, saving articles and stories, reading them back, neighbours.

Also crash safety: a process killed during a save leaves the whole batch or none of it.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from marsad.doc import StoryDoc
from marsad.store import Store
from marsad.types import LineagePair, Story, StoryChange
from tests.store.helpers import BODY_A, BODY_B, BODY_C, make, stored, story_doc

ROOT = Path(__file__).resolve().parents[2]


# --- articles ------------------------------------------------------------------------------------------


def test_articles_come_back_in_requested_order(store: Store) -> None:
    """articles(ids) follows the order asked and leaves unknown ids out."""
    arts = [make("x", BODY_A), make("y", BODY_B), make("z", BODY_C)]
    store.save(arts, [])
    assert [a.id for a in store.articles(["z", "nope", "x", "y"])] == ["z", "x", "y"]
    assert store.article("nope") is None


def test_new_articles_is_idempotent(store: Store) -> None:
    """Saving what new_articles returned and asking again with the same articles gives nothing new."""
    arts = [make("a", BODY_A), make("b", BODY_B)]
    new = store.new_articles(arts)
    assert new == arts
    store.save(new, [])
    assert store.new_articles(arts) == []
    assert store.counts() == {"articles": 2, "stories": 0}


def test_new_articles_dedups_within_batch(store: Store) -> None:
    """Within one batch only the first article of each content is kept; other content under a taken id is renamed."""
    a, same_id, same_content, b = make("a", BODY_A), make("a", BODY_B), make("a2", BODY_A), make("b", BODY_C)
    assert store.new_articles([a, same_id, same_content, b]) == [a, same_id.with_id("a-2"), b]


def test_a_stored_id_with_other_content_is_new_under_a_free_id(store: Store) -> None:
    """An id taken in the store by other content (two sites' index.html) gets the first free suffix."""
    store.save([make("index", BODY_A), make("index-2", BODY_B)], [])
    [renamed] = store.new_articles([make("index", BODY_C)])
    assert renamed.id == "index-3" and renamed.body == BODY_C
    assert store.new_articles([make("index", BODY_A)]) == []


def test_save_is_all_or_nothing(store: Store) -> None:
    """A batch containing an already stored id raises and writes none of its articles or stories."""
    a = make("a", BODY_A)
    store.save([a], [story_doc(Story("s1", "قصة", ("a",)), [a])])
    b = make("b", BODY_B)
    with pytest.raises(sqlite3.IntegrityError):
        store.save([b, make("a", BODY_C)], [story_doc(Story("s2", "أخرى", ("b",)), [b])])
    assert store.counts() == {"articles": 1, "stories": 1}
    assert store.article("b") is None and store.story("s2") is None
    assert store.search("مدرسة") == []


def test_two_stories_with_one_id_are_refused_before_anything_is_written(store: Store) -> None:
    """Saved in turn, the second would take the first's members out of every story: nothing is written."""
    a, b = make("a", BODY_A), make("b", BODY_B)
    with pytest.raises(ValueError, match="s1"):
        store.save([a, b], [story_doc(Story("s1", "قصة", ("a",)), [a]), story_doc(Story("s1", "أخرى", ("b",)), [b])])
    assert store.counts() == {"articles": 0, "stories": 0}


def test_save_takes_docs_as_well_as_articles(store: Store) -> None:
    """New articles may be given as the Docs the pipeline holds; the article is what is stored."""
    a, b = make("a", BODY_A), make("b", BODY_B)
    sd = story_doc(Story("s1", "قصة", ("a", "b")), [a, b])
    store.save(list(sd.docs), [sd])
    assert store.articles(["a", "b"]) == [a, b]
    assert store.story_of("b") == "s1"


def test_story_with_unknown_member_rolls_back_the_batch(store: Store) -> None:
    """A story naming an article that is not stored violates the foreign key and nothing is written."""
    a = make("a", BODY_A)
    with pytest.raises(sqlite3.IntegrityError):
        store.save([a], [story_doc(Story("s1", None, ("a", "ghost")), [a])])
    assert store.counts() == {"articles": 0, "stories": 0}


# --- stories -------------------------------------------------------------------------------------------


def test_story_round_trip_with_duplicates_and_lineage(store: Store) -> None:
    """A story comes back with its members in order, near-duplicate groups and lineage pairs."""
    arts = [make("a", BODY_A), make("b", BODY_B), make("c", BODY_C)]
    story = Story("s1", "عنوان القصة", ("c", "a", "b"), "2025-02-26", "2025-02-27")
    lineage = (LineagePair("a", "c", 0.8125),)
    store.save(arts, [story_doc(story, arts, near_duplicates=(("a", "b"),), lineage=lineage)])
    assert stored(store, "s1") == (story, (("a", "b"),), lineage)
    found = store.story("s1")
    assert isinstance(found, StoryDoc) and (found.id, found.title) == ("s1", "عنوان القصة")
    assert [d.article for d in found.docs] == [arts[2], arts[0], arts[1]]
    assert found.entities is None and found.quotes is None  # saved without people
    assert [a.id for a in store.story_articles("s1")] == ["c", "a", "b"]
    assert store.story_of("a") == "s1"
    assert store.story("nope") is None and store.story_of("nope") is None


def test_story_update_replaces_fields_and_membership(store: Store) -> None:
    """Saving a story again replaces its title, dates and member list."""
    arts = [make("a", BODY_A), make("b", BODY_B), make("c", BODY_C)]
    store.save(arts, [story_doc(Story("s1", "قديم", ("a", "b"), "2025-01-01", "2025-01-01"), arts)])
    store.save([], [story_doc(Story("s1", "جديد", ("b", "c"), "2025-01-01", "2025-01-02"), arts)])
    assert stored(store, "s1") == (Story("s1", "جديد", ("b", "c"), "2025-01-01", "2025-01-02"), (), ())
    assert store.story_of("a") is None
    assert store.counts() == {"articles": 3, "stories": 1}


def test_article_moving_to_another_story_leaves_the_old_one(store: Store) -> None:
    """An article claimed by another story leaves its old one; an emptied story is deleted."""
    arts = [make("a", BODY_A), make("b", BODY_B), make("c", BODY_C)]
    store.save(arts, [story_doc(Story("s1", "أ", ("a", "b")), arts), story_doc(Story("s2", "ب", ("c",)), arts)])
    store.save([], [story_doc(Story("s3", "ج", ("b", "c")), arts)])
    assert stored(store, "s1") == (Story("s1", "أ", ("a",)), (), ())
    assert store.story("s2") is None
    assert store.story_of("c") == "s3"
    assert store.counts()["stories"] == 2


def test_a_merged_id_resolves_through_later_merges_and_an_unknown_one_to_nothing(store: Store) -> None:
    """Recorded merges lead from a gone story to the one that holds its members now; splits keep the id."""
    arts = [make("a", BODY_A), make("b", BODY_B), make("c", BODY_C)]
    store.save(arts, [story_doc(Story("s1", "أ", ("a", "b", "c")), arts)],
               changes=[StoryChange("merged", "s0", "s9"), StoryChange("merged", "s9", "s1"),
                        StoryChange("split", "s1", "s7")])
    assert store.resolve("s0") == store.resolve("s9") == store.resolve("s1") == ["s1"]
    assert store.resolve("never") == []
    assert [c.kind for c in store.changes("s1")] == ["merged", "split"]
    assert sorted(store.memberships()) == [("a", "s1"), ("b", "s1"), ("c", "s1")]


def test_stories_newest_first_then_latest_inserted(store: Store) -> None:
    """Stories sort by end date descending, ties by size then latest insertion, undated last; limit/offset page."""
    arts = [make(str(i), f"{BODY_C} رقم {i}") for i in range(7)]
    store.save(arts, [
        story_doc(Story("old", None, ("0",), "2025-01-01", "2025-01-02"), arts),
        story_doc(Story("undated", None, ("1",)), arts),
        story_doc(Story("new", None, ("2",), "2025-02-01", "2025-02-03"), arts),
        story_doc(Story("tie-first", None, ("3",), "2025-01-05", "2025-01-10"), arts),
    ])
    store.save([], [story_doc(Story("tie-second", None, ("4",), "2025-01-09", "2025-01-10"), arts)])
    assert [s.id for s in store.stories()] == ["new", "tie-second", "tie-first", "old", "undated"]
    assert [s.id for s in store.stories(limit=2, offset=1)] == ["tie-second", "tie-first"]
    store.save([], [story_doc(Story("tie-big", None, ("5", "6"), "2025-01-08", "2025-01-10"), arts)])
    assert [s.id for s in store.stories()][1:4] == ["tie-big", "tie-second", "tie-first"]


def test_stories_come_with_their_members_but_not_their_people(store: Store) -> None:
    """Each listed StoryDoc holds its member Docs in order, its near-duplicates and lineage; no entities or quotes."""
    arts = [make("a", BODY_A, published="2025-01-02"), make("b", BODY_B), make("c", BODY_C)]
    lineage = (LineagePair("b", "a", 0.5),)
    store.save(arts, [story_doc(Story("s1", "أ", ("b", "a"), "2025-01-01", "2025-01-02"), arts,
                                near_duplicates=(("a", "b"),), lineage=lineage),
                      story_doc(Story("s2", "ب", ("c",)), arts)])
    first, second = store.stories()
    assert (first.story, first.near_duplicates, first.lineage) == (
        Story("s1", "أ", ("b", "a"), "2025-01-01", "2025-01-02"), (("a", "b"),), lineage)
    assert [d.article for d in first.docs] == [arts[1], arts[0]] and [d.article for d in second.docs] == [arts[2]]
    assert all(s.entities is None and s.quotes is None for s in (first, second))


# --- neighbours ----------------------------------------------------------------------------------------


@pytest.fixture
def dated_store(store: Store) -> Store:
    """A store with stories on several days and one undated article."""
    days = {"d1": "2025-01-01", "d10": "2025-01-10", "d12": "2025-01-12T08:00:00", "d30": "2025-01-30", "u": None}
    arts = [make(k, f"{BODY_B} {k}", published=v) for k, v in days.items()]
    store.save(arts, [story_doc(Story(f"s-{a.id}", None, (a.id,)), arts) for a in arts])
    return store


@pytest.mark.parametrize(
    ("published", "days", "expected"),
    [
        ("2025-01-11", 7, {"d10", "d12", "u"}),
        ("2025-01-11", 1, {"d10", "d12", "u"}),
        ("2025-01-11", 0, {"u"}),  # undated stored articles count as exactly `days` away
        ("2025-01-03", 2, {"d1", "u"}),
        ("2025-01-03 12:00", 2, {"d1", "u"}),
        (None, 7, {"d1", "d10", "d12", "d30", "u"}),
        ("not a date", 7, {"d1", "d10", "d12", "d30", "u"}),
    ],
)
def test_neighbours_follow_the_time_window_rule(
    dated_store: Store, published: str | None, days: int, expected: set[str]
) -> None:
    """Stored articles within `days` of a new day come back, undated ones always, all when the new one is undated."""
    found = dated_store.neighbours([make("new", BODY_A, published=published)], days=days)
    assert {a.id for a, _ in found} == expected
    assert all(sid == f"s-{a.id}" for a, sid in found)


def test_neighbours_leave_out_articles_without_a_story(store: Store) -> None:
    """Only stored articles that belong to a story are neighbours (they come with its id)."""
    kept = make("kept", BODY_C, published="2025-01-10")
    store.save([make("loose", BODY_B, published="2025-01-10"), kept], [story_doc(Story("s", None, ("kept",)), [kept])])
    found = store.neighbours([make("new", BODY_A, published="2025-01-10")])
    assert [(a.id, sid) for a, sid in found] == [("kept", "s")]


def test_neighbours_are_bounded_and_exclude_the_given_articles(dated_store: Store) -> None:
    """`limit` keeps the nearest in time; articles passed in are never returned."""
    given = [make("new", BODY_A, published="2025-01-11"), dated_store.article("d12")]
    found = dated_store.neighbours([a for a in given if a], days=30, limit=2)
    assert [a.id for a, _ in found] == ["d10", "d1"]
    assert all(a.id != "d12" for a, _ in found)
    assert dated_store.neighbours([]) == []


# --- crash safety --------------------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys, time
    from marsad.doc import StoryDoc
    from marsad.types import Article, Story
    from marsad.store import Store
    words = "قال المسؤول إن الاجتماع ناقش الخطة الجديدة للمدينة والقرية مع الوزارة والوفد".split()
    n = int(sys.argv[2])
    arts = [
        Article(id=f"k{i}", origin="child", body=" ".join(words[(i + j) % len(words)] for j in range(300)) + f" {i}")
        for i in range(n)
    ]
    with Store.open(sys.argv[1]) as st:
        print("ready", flush=True)
        st.save(arts, [StoryDoc(Story("big", None, tuple(a.id for a in arts)), ())])
        print("done", flush=True)
        time.sleep(60)
    """
)


# The child's save of 3000 articles took ~1.9 s here: kills after 0-0.8 s land inside it, and
# "done" makes the parent kill only after the commit returned.
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8, "done"])
def test_sigkill_during_save_leaves_all_or_nothing(tmp_path: Path, delay: float | str) -> None:
    """A process killed during a large save leaves an intact database holding the whole batch or none of it."""
    db = tmp_path / "crash.db"
    before = make("before", BODY_A)
    with Store.open(db) as st:
        st.save([before], [story_doc(Story("s0", None, ("before",)), [before])])
    batch = 3000
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(batch)],
        stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    if delay == "done":
        assert proc.stdout.readline().strip() == "done"
    else:
        time.sleep(float(delay) + random.uniform(0, 0.05))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    finished = "done" in proc.stdout.read() or delay == "done"
    assert proc.returncode == -signal.SIGKILL
    if delay == 0.0:
        assert not finished  # the kill really landed inside save
    with Store.open(db) as st:
        conn = st._conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = st.counts()
        complete = {"articles": 1 + batch, "stories": 2}
        assert counts == complete if finished else counts in ({"articles": 1, "stories": 1}, complete)
        assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == counts["articles"]
        assert conn.execute("SELECT COUNT(*) FROM memberships").fetchone()[0] == counts["articles"]
        assert len(st.search("الاجتماع")) == (0 if counts["articles"] == 1 else 20)
        st.save([make("after", BODY_B)], [])
        assert st.article("after") is not None
