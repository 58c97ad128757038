"""Text for the terminal: the lines each command prints without --json, and the progress bars on standard error.

Article text is content from the web: control characters in it are shown escaped (`safe`), never
sent raw to the terminal.
"""

from __future__ import annotations

import heapq
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from tqdm import tqdm

from marsad.doc import StoryDoc, count
from marsad.pipeline import Progress
from marsad.store.people import StoreEntity
from marsad.store.search import SearchHit
from marsad.types import AttributedQuote, Entity, IngestError, Span, TimelineEvent

# C0 and C1 control characters but line breaks and tabs, and DEL: a terminal would act on them.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_STORIES_SHOWN = 20


def safe(text: str) -> str:
    r"""Return text with control characters shown escaped (as \x1b), so content cannot drive the terminal."""
    return _CONTROL_RE.sub(lambda m: repr(m.group())[1:-1], text)


def one_line(text: str) -> str:
    """Return text on one line, whitespace runs folded, control characters escaped."""
    return safe(" ".join(text.split()))


@dataclass
class Tally:
    """What a stream of stories held, counted as it passes: stories, articles, named outlets."""

    stories: int = 0
    articles: int = 0
    outlets: set[str] = field(default_factory=set)

    def through(self, stories: Iterable[StoryDoc]) -> Iterator[StoryDoc]:
        """Yield the stories, counting them."""
        for story in stories:
            self.stories += 1
            self.articles += len(story.docs)
            self.outlets.update(d.article.outlet for d in story.docs if d.article.outlet)
            yield story


def summary(stories: Iterable[StoryDoc], errors: Sequence[IngestError], tally: Tally | None = None) -> list[str]:
    """Return the summary of analysed stories: counts, then the largest stories with who said what in them.

    The stories are read once and only the MAX_STORIES_SHOWN largest are kept (the first of equal size);
    `tally` (a new one when None) counts them on the way, for a caller that needs the counts too.
    """
    tally = tally if tally is not None else Tally()
    shown = heapq.nlargest(MAX_STORIES_SHOWN, tally.through(stories), key=lambda s: len(s.docs))
    failed = f"; {len(errors)} inputs failed" if errors else ""
    counts = (f"{count(tally.articles, 'article')} from {count(len(tally.outlets), 'named outlet')} → "
              f"{count(tally.stories, 'story', 'stories')}")
    lines = [counts + failed]
    for story in shown:
        lines += story_block(story)
        if story.entities or story.quotes:
            lines.append(_people_line(story))
    if tally.stories > len(shown):
        lines.append(f"… and {tally.stories - len(shown)} more stories (see the JSON report)")
    return lines


def _people_line(story: StoryDoc) -> str:
    """Return one line on a story's entities and quotes."""
    entities, quotes = story.entities or (), story.quotes or ()
    people = [one_line(e.name) for e in entities if e.type == "PER"][:5]
    sources: dict[str, set[str]] = {}
    for q in quotes:
        sources.setdefault(q.group, set()).add(q.quote.article)
    shared = sum(1 for arts in sources.values() if len(arts) > 1)
    return (f"    {len(entities)} entities ({'، '.join(people)}…), {len(quotes)} quotes, "
            f"{shared} statements quoted by several articles (marsad entities / marsad quotes)")


def story_block(story: StoryDoc) -> list[str]:
    """Return a story as an indented block: title, dates, one line per article, near-duplicates, lineage."""
    start, end = story.story.start, story.story.end
    span = start if start == end else f"{start or '?'} … {end or '?'}"
    lines = [f"■ {one_line(story.title or '(untitled)')}   [{story.id}]  {span if start or end else ''}"]
    for doc in story.docs:
        a = doc.article
        outlet = one_line(a.outlet or "-")[:24]
        lines.append(f"    {a.published or '          '}  {outlet:<24}  {one_line(a.title or a.id)}")
    if story.near_duplicates:
        lines.append(f"    near-duplicates: {'; '.join(', '.join(g) for g in story.near_duplicates)}")
    if story.lineage:
        best = max(story.lineage, key=lambda p: p.score)
        lines.append(f"    wire lineage: {len(story.lineage)} pairs (strongest {best.a} ~ {best.b}: {best.score:.2f})")
    return lines


def heading(story: StoryDoc) -> str:
    """Return the heading line of a story in listings."""
    return f"■ {one_line(story.title or '(untitled)')}   [{story.id}]"


def entity_lines(entities: Sequence[Entity]) -> list[str]:
    """Return one line per entity of a story: type, display name, article count, spellings and roles."""
    return [f"    {e.type:<4} {one_line(e.name)}  — {len(e.articles)} articles: {spellings(e.variants, e.roles)}"
            for e in entities]


def store_entity_lines(entities: Sequence[StoreEntity]) -> list[str]:
    """Return one line per store-wide entity."""
    lines = [f"{e.type:<4} {one_line(e.name)}  — {e.stories} stories, {e.articles} articles: "
             f"{spellings(e.variants, e.roles)}  [{e.id}]" for e in entities]
    return lines or ["no entities found (stores filled with `marsad ingest --no-people` have none)"]


def spellings(variants: Sequence[tuple[str, int]], roles: Sequence[str]) -> str:
    """Return an entity's spellings with counts, then its roles in parentheses."""
    stated = f"   ({'؛ '.join(one_line(r) for r in roles)})" if roles else ""
    return "، ".join(f"{one_line(t)} ×{n}" for t, n in variants) + stated


def quote_lines(quotes: Sequence[AttributedQuote], text: Callable[[Span], str]) -> list[str]:
    """Return each group of quotes (one statement, several articles) under its speaker."""
    groups: dict[str, list[AttributedQuote]] = {}
    for q in quotes:
        groups.setdefault(q.group, []).append(q)
    lines = []
    for members in sorted(groups.values(), key=lambda g: -len({q.quote.article for q in g})):
        first = members[0].quote
        articles = sorted({q.quote.article for q in members})
        speaker = one_line(text(first.speaker)) if first.speaker else "?"
        lines.append(f"    {speaker} ({first.kind}, {len(articles)} articles: {', '.join(articles)})")
        lines += [f"        [{q.quote.article}] {one_line(text(q.quote.span))}" for q in members]
    return lines


def timeline_lines(events: Sequence[TimelineEvent], text: Callable[[Span], str]) -> list[str]:
    """Return each dated event on a line, its sources below it."""
    lines = []
    for event in events:
        mark = "  [background]" if event.background else ""
        lines.append(f"    {event.date:<10}{mark}  {one_line(text(event.spans[0]))}")
        lines.append(f"        sources: {', '.join(event.articles)}")
    return lines


def search_lines(hits: Sequence[SearchHit], query: str) -> list[str]:
    """Return two lines per search hit, then the count."""
    lines = []
    for h in hits:
        lines.append(f"{h.published or '          '}  {one_line(h.outlet or '-')}  "
                     f"{one_line(h.title or h.article_id)}  [{h.article_id}]")
        lines.append(f"    {one_line(h.snippet)}")
    return [*lines, f"{len(hits)} hits for {safe(repr(query))}"]


class Bars:
    """Progress bars on standard error, one per pipeline stage, as the library reports them (a `Progress`)."""

    def __init__(self, enabled: bool) -> None:
        """Draw bars only when enabled and standard error is a terminal."""
        self.enabled = enabled
        self.stage: str | None = None
        self.bar: tqdm[Any] | None = None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        """Show that `done` of `total` units of `stage` are done (a new stage closes the previous bar)."""
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            unit = "file" if stage == "reading" else "article"
            self.bar = tqdm(total=total, desc=stage, unit=unit, file=sys.stderr, disable=None, leave=False)
        if self.bar is not None:
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        """Close the current bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Progress:
        """Return the bars as a progress callback."""
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        """Close the last bar."""
        self.close()


# Single-source claims listed under a brief; --json has them all.
MAX_SINGLE_SOURCE = 10


def brief_lines(story: StoryDoc) -> list[str]:
    """Return a story's brief with numbered citations, its single-source claims and its conflicts."""
    cited: dict[str, int] = {}
    lines = ["    Brief:"]
    for n, sentence in enumerate(story.summary or (), 1):
        refs = [cited.setdefault(a, len(cited) + 1) for a in dict.fromkeys(s.article for s in sentence.sources)]
        mark = "  [single source]" if sentence.single_source else ""
        lines.append(f"    {n}. {one_line(story.text(sentence.span))} {''.join(f'[{r}]' for r in refs)}{mark}")
    outlets = {d.id: d.article.outlet or "-" for d in story.docs}
    lines += ["    Sources:", *(f"      [{r}] {a} ({one_line(outlets.get(a, '-'))})" for a, r in cited.items())]
    single = [c for c in story.claims or () if c.sources == 1 and len(story.docs) > 1]
    if single:
        lines.append(f"    Claims only one source carries ({len(single)}):")
        lines += [f"      - [{c.units[0].article}] {one_line(story.text(c.units[0]))}"
                  for c in single[:MAX_SINGLE_SOURCE]]
        if len(single) > MAX_SINGLE_SOURCE:
            lines.append(f"      ... and {len(single) - MAX_SINGLE_SOURCE} more (--json lists them all)")
    lines.append(f"    Conflicts ({len(story.conflicts or ())}):" if story.conflicts else "    Conflicts: none found")
    for c in story.conflicts or ():
        sides = [f"«{one_line(s.value)}» ({one_line(s.outlet)}"
                 f"{'' if s.outlet == s.span.article else ', ' + s.span.article})" for s in c.sides]
        lines.append(f"      {c.kind}: " + " / ".join(sides))
    return lines
