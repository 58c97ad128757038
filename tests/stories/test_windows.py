"""Tests for marsad.stories.windows: stories over windows of publication days, closed when they can no longer grow."""

from __future__ import annotations

import numpy as np

from marsad.stories.cluster import cluster
from marsad.stories.features import TokenCache, featurize
from marsad.stories.windows import OPEN_DAYS, Windows
from marsad.types import Article, Story
from tests.conftest import EVENT_A, EVENT_B, EVENT_C, OTHER
from tests.store.helpers import make


def article(aid: str, text: str, day: str | None) -> Article:
    """Return a hand-written article, its first line as the title, published on `day` (None: undated)."""
    title, _, body = text.strip().partition("\n")
    return make(aid, body.strip(), title, day)


def memberships(closed: list[tuple[Story, list[Article]]]) -> set[frozenset[str]]:
    """Return the closed stories as sets of article ids."""
    return {frozenset(a.id for a in members) for _, members in closed}


def test_a_story_crossing_window_edges_stays_one_story() -> None:
    windows = Windows()
    closed = windows.add([article("a", EVENT_A, "2025-10-14")])
    closed += windows.add([article("b", EVENT_B, "2025-10-15"), article("o", OTHER, "2025-10-15")])
    closed += windows.add([article("c", EVENT_C, "2025-10-16")])
    closed += windows.finish()
    assert memberships(closed) == {frozenset({"a", "b", "c"}), frozenset({"o"})}
    assert windows.open_articles == 0


def test_windows_agree_with_one_batch() -> None:
    articles = [article("a", EVENT_A, "2025-10-14"), article("b", EVENT_B, "2025-10-14"),
                article("c", EVENT_C, "2025-10-15"), article("o", OTHER, "2025-10-15")]
    windows = Windows()
    closed = windows.add(articles[:2]) + windows.add(articles[2:]) + windows.finish()
    assert memberships(closed) == {frozenset(s.articles) for s in cluster(articles)}


def test_a_story_closes_once_it_can_no_longer_grow() -> None:
    windows = Windows()
    assert windows.add([article("a", EVENT_A, "2025-10-14"), article("b", EVENT_B, "2025-10-14")]) == []
    assert windows.open_articles == 2
    # Later news, OPEN_DAYS after the story's last article: the story is closed and forgotten.
    later = f"2025-10-{14 + int(OPEN_DAYS) + 1}"
    closed = windows.add([article("o", OTHER, later)])
    assert memberships(closed) == {frozenset({"a", "b"})}
    assert windows.open_articles == 1
    # The same event reported again now starts a story of its own: the old one cannot take it.
    closed = windows.add([article("c", EVENT_C, later)]) + windows.finish()
    assert memberships(closed) == {frozenset({"c"}), frozenset({"o"})}


def test_an_undated_article_joins_a_dated_story_and_waits_for_it() -> None:
    windows = Windows()
    assert windows.add([article("u", EVENT_C, None), article("a", EVENT_A, "2025-10-14")]) == []
    later = f"2025-10-{14 + int(OPEN_DAYS) + 1}"
    closed = windows.add([article("o", OTHER, later)])
    assert memberships(closed) == {frozenset({"u", "a"})}


def test_tokens_kept_between_windows_give_the_same_scores() -> None:
    """Featurizing with a token cache, filled or not, scores every pair as featurizing afresh does."""
    articles = [article("a", EVENT_A, "2025-10-14"), article("b", EVENT_B, "2025-10-15"),
                article("c", EVENT_C, "2025-10-16"), article("o", OTHER, "2025-10-16")]
    cache = TokenCache()
    featurize(articles[:2], cache=cache)
    assert set(cache) == {"a", "b"}
    fresh, kept = featurize(articles), featurize(articles, cache=cache)
    assert set(cache) == {"a", "b", "c", "o"}
    assert np.allclose((fresh.matrix @ fresh.matrix.T).toarray(), (kept.matrix @ kept.matrix.T).toarray())
    assert np.array_equal(fresh.df[np.argsort(fresh.df)], kept.df[np.argsort(kept.df)])
