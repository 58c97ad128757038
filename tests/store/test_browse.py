"""Tests for marsad.store.browse: keyset pages of stories, newest activity first, filters and facet counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.store import Store, StoreError
from marsad.store.browse import Filters
from marsad.store.schema import MIGRATIONS_DIR
from marsad.types import Story
from tests.store.helpers import BODY_A, BODY_B, BODY_C, entity, make, story_doc, with_people

A1 = make("a1", BODY_A, "وصول الرئيس", "2025-02-27T09:00:00", outlet="الأولى")
A2 = make("a2", BODY_A + " وأكد المسؤولون ذلك.", "الرئيس في إسطنبول", "2025-02-28", outlet="الثانية")
B1 = make("b1", BODY_B, "مدرسة جديدة", "2025-03-05", outlet="الأولى")
C1 = make("c1", BODY_C, "أمطار غزيرة", None, outlet="الثالثة")
D1 = make("d1", BODY_B + " وشارك الأهالي.", "افتتاح المدرسة", "2025-03-05", outlet="الثانية")


@pytest.fixture
def browsed(store: Store) -> Store:
    """A store of four stories: two articles of two outlets, two single articles on one day, one undated."""
    person = entity("PER", (A1, "الرئيس"), (A2, "الرئيس"))
    store.save([A1, A2], [with_people(Story("sa", "وصول الرئيس", ("a1", "a2"), A1.published, A2.published),
                                      [A1, A2], (person,))], people_of={"sa"})
    for sid, article in (("sb", B1), ("sc", C1), ("sd", D1)):
        store.save([article], [story_doc(Story(sid, article.title, (article.id,), article.published,
                                               article.published), [article])])
    return store


def ids(store: Store, filters: Filters | None = None, after: str | None = None, limit: int = 10) -> list[str]:
    """Return the ids of one page of stories."""
    return [s.id for s in store.browse(filters or Filters(), after, limit)]


def test_newest_activity_first_undated_last_then_latest_inserted(browsed: Store) -> None:
    assert ids(browsed) == ["sd", "sb", "sa", "sc"]


def test_keyset_pages_continue_where_the_last_ended(browsed: Store) -> None:
    first = browsed.browse(Filters(), None, 2)
    assert [s.id for s in first] == ["sd", "sb"]
    second = browsed.browse(Filters(), first[-1].key, 2)
    assert [s.id for s in second] == ["sa", "sc"]
    assert browsed.browse(Filters(), second[-1].key, 2) == []


def test_a_story_added_between_pages_does_not_shift_them(browsed: Store) -> None:
    first = browsed.browse(Filters(), None, 2)
    late = make("e1", BODY_C + " وتضررت المنازل.", "سيول", "2025-03-09", outlet="الأولى")
    browsed.save([late], [story_doc(Story("se", late.title, ("e1",), late.published, late.published), [late])])
    assert ids(browsed, after=first[-1].key) == ["sa", "sc"]


def test_listed_stories_count_members_per_outlet(browsed: Store) -> None:
    [story] = [s for s in browsed.browse(Filters()) if s.id == "sa"]
    assert story.articles == 2 and dict(story.outlets) == {"الأولى": 1, "الثانية": 1}


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(outlet="الثانية"), ["sd", "sa"]),
    (Filters(q="اسطنبول"), ["sa"]),  # no hamza: the stored text has إسطنبول
    (Filters(q="المدرسه الجديده"), ["sd", "sb"]),
    (Filters(q="؟!"), []),
    (Filters(since="2025-03-01"), ["sd", "sb"]),
    (Filters(until="2025-02-27"), ["sa"]),
    (Filters(outlet="الأولى", since="2025-03-01"), ["sb"]),
])
def test_filters_narrow_the_listing(browsed: Store, filters: Filters, expected: list[str]) -> None:
    assert ids(browsed, filters) == expected
    assert browsed.count_stories(filters) == len(expected)


def test_entity_filter_and_facets(browsed: Store) -> None:
    [(entity_id, name, kind, n)] = browsed.facets(Filters()).entities
    assert (name, kind, n) == ("الرئيس", "PER", 1)
    assert ids(browsed, Filters(entity=entity_id)) == ["sa"]
    assert dict(browsed.facets(Filters()).outlets) == {"الأولى": 2, "الثانية": 2, "الثالثة": 1}
    assert dict(browsed.facets(Filters(since="2025-03-01")).outlets) == {"الأولى": 1, "الثانية": 1}


def test_a_key_not_written_by_browse_is_refused(browsed: Store) -> None:
    with pytest.raises(ValueError):
        browsed.browse(Filters(), "2025-01-01~x", 2)


def test_a_read_only_store_reads_and_refuses_writes(browsed: Store) -> None:
    with Store.open(browsed.path, readonly=True) as reader:
        assert ids(reader) == ids(browsed)
        with pytest.raises(StoreError, match="read-only"):
            reader.save([C1.with_id("c2")], [])


def test_a_read_only_open_refuses_a_store_of_older_migrations(tmp_path: Path) -> None:
    """An old store must be opened for writing once (which migrates it) before it can be served read-only."""
    old = tmp_path / "migrations"
    old.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql"))[:-1]:
        shutil.copy(path, old / path.name)
    with Store.open(tmp_path / "old.db", migrations_dir=old):
        pass
    with pytest.raises(StoreError, match="older marsad"):
        Store.open(tmp_path / "old.db", readonly=True)
    with Store.open(tmp_path / "old.db"), Store.open(tmp_path / "old.db", readonly=True) as reader:
        assert reader.count_stories(Filters()) == 0
