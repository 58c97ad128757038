"""Stories of an archive in bounded memory: publication-time windows clustered one after another.

Articles come a window at a time, in publication order. Each window is clustered together with the
articles of the stories still open (marsad.stories.revise, as `marsad ingest` revises the stored
window): a story goes on, grows, merges or splits as a batch would decide on those articles. A story
whose last article is OPEN_DAYS older than the newest article seen can no longer gain one (the story
score of two articles that far apart is under the threshold, marsad.stories.cluster.time_factor), so
it is closed: handed back with its articles and forgotten. Memory thus holds the open stories of
about OPEN_DAYS of news, however long the archive. An undated article's story closes with its dated
members, or at the end when it has none.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from marsad.stories.features import day_number
from marsad.stories.revise import revise
from marsad.types import Article, Story, StoryChange, chronological

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
    changes: list[StoryChange] = field(default_factory=list)  # merges and splits among open stories so far
    _newest: float = float("-inf")  # the latest publication day seen

    def add(self, articles: Sequence[Article]) -> list[tuple[Story, list[Article]]]:
        """Cluster one window's articles with the open stories; return the stories this closes, with their articles."""
        if not articles:
            return []
        days = [d for a in articles if not math.isnan(d := day_number(a.published))]
        starts = {sid: s.start for sid, s in self._stories.items()}
        stories, changes = revise([*self._articles.values(), *articles], dict(self._story_of), starts,
                                  workers=self.workers)
        self.changes += changes
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
            out.append((story, members))
        return out
