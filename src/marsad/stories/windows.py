"""Stories of a long corpus in bounded memory: publication-time windows clustered one after another.

Articles come a window at a time (WINDOW_DAYS calendar days), in publication order. Each window is
clustered together with the articles of the stories still open (marsad.stories.revise, as `marsad
ingest` revises the stored window): a story goes on, grows, merges or splits as a batch would decide
on those articles. A story whose last article is OPEN_DAYS older than the newest article seen can no
longer gain one (the story score of two articles that far apart is under the threshold,
marsad.stories.cluster.time_factor), so it is closed: handed back with its articles and forgotten.
Memory thus holds the open stories of about OPEN_DAYS of news, however long the corpus. An undated
article's story closes with its dated members, or at the end when it has none. `analyze` and `marsad
bulk` both cluster this way, so they find the same stories.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from marsad.stories.features import TokenCache, day_number
from marsad.stories.revise import revise
from marsad.types import Article, Story, chronological

# Calendar days of articles clustered at a time. A corpus that fits in one window is clustered as one
# batch; each later window re-clusters the open stories with it (revise), so smaller windows cost more.
# All of SaudiNewsNet (22 days): one batch 7.0 s; windows of 14 days 10.8 s, of 7 days 14.2 s, of 3
# days 25.5 s (12.3 s for 7 days once each article is tokenized only once, the TokenCache); their
# B-cubed agreement with the one batch 0.958/0.986, 0.944/0.981, 0.930/0.979 (the batch's candidate
# blocking, cluster.BLOCK_DF, misses pairs a smaller window finds). Memory holds a window and the open
# stories' OPEN_DAYS: 7 keeps that near two weeks of news.
WINDOW_DAYS = 7
# Days after its last article that a story stays open. No two articles more than 9.4 days apart can
# reach the same-story threshold (marsad.stories.cluster: GRACE_DAYS 2 + DECAY_DAYS 5 × ln(1/0.23)),
# so a story whose newest member is older than that cannot grow; 10 rounds it up.
OPEN_DAYS = 10.0


@dataclass
class Windows:
    """The open stories of an archive being read window by window, and the articles they hold."""

    workers: int = 1
    _stories: dict[str, Story] = field(default_factory=dict)  # open stories by id
    _articles: dict[str, Article] = field(default_factory=dict)  # their members by id
    _story_of: dict[str, str] = field(default_factory=dict)  # member id -> open story id
    _tokens: TokenCache = field(default_factory=TokenCache)  # the open articles' tokens: each is tokenized once
    _newest: float = float("-inf")  # the latest publication day seen

    def add(self, articles: Sequence[Article]) -> list[tuple[Story, list[Article]]]:
        """Cluster one window's articles with the open stories; return the stories this closes, with their articles."""
        if not articles:
            return []
        articles = sorted(articles, key=chronological)  # the same window in any input order, the same stories
        days = [d for a in articles if not math.isnan(d := day_number(a.published))]
        starts = {sid: s.start for sid, s in self._stories.items()}
        stories, changes = revise([*self._articles.values(), *articles], dict(self._story_of), starts,
                                  workers=self.workers, cache=self._tokens)
        for change in changes:
            if change.kind == "merged":
                self._stories.pop(change.old, None)
        for story in stories:
            self._stories[story.id] = story
        self._articles.update((a.id, a) for a in articles)
        self._story_of = {aid: s.id for s in self._stories.values() for aid in s.articles}
        self._newest = max([self._newest, *days])
        return self._close(lambda story: self._end(story) < self._newest - OPEN_DAYS)

    def finish(self) -> list[tuple[Story, list[Article]]]:
        """Close every story still open (the archive has ended)."""
        return self._close(lambda _: True)

    @property
    def open_articles(self) -> int:
        """Return how many articles the open stories hold (what memory is spent on)."""
        return len(self._articles)

    def _end(self, story: Story) -> float:
        """Return a story's last publication day (+inf when undated: it never closes before the end)."""
        day = day_number(story.end)
        return float("inf") if math.isnan(day) else day

    def _close(self, done: Callable[[Story], bool]) -> list[tuple[Story, list[Article]]]:
        """Remove the stories `done` accepts; return them with their articles in story order."""
        closed = [s for s in self._stories.values() if done(s)]
        out = []
        for story in sorted(closed, key=lambda s: (s.start or "", s.id)):
            del self._stories[story.id]
            members = sorted((self._articles.pop(aid) for aid in story.articles), key=chronological)
            for aid in story.articles:
                self._story_of.pop(aid, None)
                self._tokens.pop(aid, None)
            out.append((story, members))
        return out


def window_spans(days: Sequence[str]) -> list[tuple[str, str]]:
    """Return the windows of WINDOW_DAYS calendar days that hold the given ISO days, in order: (first, last day)."""
    spans: list[tuple[str, str]] = []
    start = None
    for day in days:
        ordinal = date.fromisoformat(day).toordinal()
        if start is None or ordinal >= start + WINDOW_DAYS:
            start = ordinal
            spans.append((day, day))
        else:
            spans[-1] = (spans[-1][0], day)
    return spans


def stories_in_windows(days: Sequence[str], articles_of: Callable[[tuple[str, str] | None], Sequence[Article]],
                       workers: int = 1) -> Iterator[tuple[Story, list[Article]]]:
    """Yield stories with their articles as they close, window by window of `days` (ISO, in order).

    `articles_of((first, last))` gives a window's articles, `articles_of(None)` the undated ones, which
    come with the first window.
    """
    windows = Windows(workers=workers)
    for n, span in enumerate(window_spans(days) or [None]):
        yield from windows.add([*(articles_of(None) if n == 0 else ()), *(articles_of(span) if span else ())])
    yield from windows.finish()


def cluster_in_windows(articles: Sequence[Article], workers: int = 1) -> list[Story]:
    """Group articles into stories window by window (stories_in_windows); in the order `cluster` gives them."""
    by_day: dict[str, list[Article]] = {}
    undated: list[Article] = []
    for article in articles:
        day = article.published[:10] if article.published and not math.isnan(day_number(article.published)) else None
        (by_day.setdefault(day, []) if day else undated).append(article)
    days = sorted(by_day)

    def articles_of(span: tuple[str, str] | None) -> list[Article]:
        """Return the articles of the days of one window, or the undated ones."""
        if span is None:
            return undated
        return [a for day in days if span[0] <= day <= span[1] for a in by_day[day]]

    closed = stories_in_windows(days, articles_of, workers)
    return sorted((story for story, _ in closed), key=lambda s: (s.start or "", s.id))
