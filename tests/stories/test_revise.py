"""Tests for marsad.stories.revise: stored stories re-clustered with new articles, their ids carried over."""

from __future__ import annotations

from marsad.stories.cluster import cluster, new_story_id
from marsad.stories.revise import revise
from marsad.types import StoryChange
from tests.stories.test_cluster import CHESS, DAM, art

ARTICLES = [art(d, "2025-03-01") for d in DAM] + [art(CHESS, "2025-03-01")]


def members(stories: list) -> dict[str, tuple[str, ...]]:  # type: ignore[type-arg]
    """Return story id → its article ids."""
    return {s.id: s.articles for s in stories}


def test_a_new_report_joins_its_stored_story_which_keeps_its_id() -> None:
    stored = {"dam-a": "old-dam", "dam-b": "old-dam", "chess": "old-chess"}
    stories, changes = revise(ARTICLES, stored, {})
    assert members(stories) == {"old-dam": ("dam-a", "dam-b", "dam-c")}  # the chess story is not reached
    assert changes == []


def test_two_stored_stories_merge_into_the_older_one() -> None:
    stored = {"dam-a": "newer", "dam-b": "older"}
    stories, changes = revise(ARTICLES[:3], stored, {"newer": "2025-03-02", "older": "2025-02-28"})
    assert members(stories) == {"older": ("dam-a", "dam-b", "dam-c")}
    assert changes == [StoryChange("merged", "newer", "older")]


def test_a_wrongly_joined_member_splits_off_under_a_new_id() -> None:
    stored = {"dam-a": "mixed", "chess": "mixed"}
    stories, changes = revise([ARTICLES[0], ARTICLES[1], ARTICLES[3]], stored, {})
    assert members(stories) == {"mixed": ("dam-a", "dam-b"), new_story_id("chess"): ("chess",)}
    assert changes == [StoryChange("split", "mixed", new_story_id("chess"))]


def test_a_split_part_never_takes_a_stored_id() -> None:
    """The chess report started the stored story, so its own new id would be the stored one's."""
    stored = {"chess": new_story_id("chess"), "dam-a": new_story_id("chess"), "dam-b": new_story_id("chess")}
    stories, changes = revise(ARTICLES, stored, {})
    ids = [s.id for s in stories]
    assert len(set(ids)) == len(ids) == 2
    assert members(stories)[new_story_id("chess")] == ("dam-a", "dam-b", "dam-c")
    [change] = changes
    assert change.kind == "split" and change.old == new_story_id("chess") and change.new != change.old


def test_a_split_part_whose_members_split_off_before_takes_a_third_id() -> None:
    """A part whose own id and whose id made from its members are both stored takes a third id.

    The chess report split off once (its story got the id made from its members), and that story, grown
    with the dam reports, splits again.
    """
    split_before = new_story_id("split\nchess")
    stored = {"chess": split_before, "dam-a": split_before, "dam-b": split_before, "elsewhere": new_story_id("chess")}
    stories, changes = revise(ARTICLES, stored, {})
    ids = [s.id for s in stories]
    assert len(set(ids)) == len(ids) == 2
    assert members(stories)[split_before] == ("dam-a", "dam-b", "dam-c")
    [change] = changes
    assert change.kind == "split" and change.new not in stored.values()


def test_with_nothing_stored_it_is_the_batch_clustering() -> None:
    stories, changes = revise(ARTICLES, {}, {})
    assert stories == cluster(ARTICLES) and changes == []
