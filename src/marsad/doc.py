"""The annotated containers: one `Doc` per article and one `StoryDoc` per story, filled in by the stages.

A Doc holds a cleaned article and what the article-level stages found in it: entity mentions,
quotes, time expressions and the publication-day inference, each computed once and then read by
every later stage. Its tokens and sentences are computed on first use and kept while stages work
on it (`release` drops them; they are never pickled). A StoryDoc holds a story's member Docs and
what the story-level stages found: near-duplicates, wire lineage, entities merged across spellings,
quotes attributed and grouped across outlets, the timeline, and the verification: independent sources,
claims, conflicts and the brief. A field left None was not computed.
An `Analysis` is a batch of them with the inputs that could not be read.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, NamedTuple

from marsad.arabic import split_sentences, token_bounds_normalized
from marsad.types import (
    Article,
    AttributedQuote,
    BriefSentence,
    Claim,
    Conflict,
    Entity,
    Inference,
    IngestError,
    LineagePair,
    Quote,
    Span,
    Story,
    TimeExpression,
    TimelineEvent,
)


def count(n: int, one: str, many: str | None = None) -> str:
    """Return "1 article", "2 articles" (the plural is `many`, else `one` + "s")."""
    return f"{n} {one if n == 1 else many or one + 's'}"


class Tokens(NamedTuple):
    """A body's word and number tokens: start and end offsets and normalized forms, index for index."""

    starts: list[int]
    ends: list[int]
    words: list[str]


class _Results:
    """The fields stages fill in (named in RESULTS), as a forked worker sends them back and the parent takes them in."""

    RESULTS: ClassVar[tuple[str, ...]] = ()

    def results(self) -> dict[str, Any]:
        """Return what the stages filled in (the fields of RESULTS)."""
        return {name: getattr(self, name) for name in self.RESULTS}

    def update(self, results: dict[str, Any]) -> None:
        """Take in results computed elsewhere (a forked worker's `results()`)."""
        for name, value in results.items():
            setattr(self, name, value)


@dataclass(eq=False, repr=False)
class Doc(_Results):
    """One article and what the stages found in it, every result a span of `article.body`."""

    article: Article
    mentions: tuple[Span, ...] | None = None  # named entities (labels PER, LOC, ORG, MISC)
    quotes: tuple[Quote, ...] | None = None
    dates: tuple[TimeExpression, ...] | None = None
    inference: Inference | None = None  # the publication day inferred, or a stated one checked
    _cache: dict[str, Any] = field(default_factory=dict, init=False)  # tokens and layout, computed on first use

    # The fields a stage fills: what a forked worker sends back.
    RESULTS: ClassVar[tuple[str, ...]] = ("article", "mentions", "quotes", "dates", "inference")

    @property
    def id(self) -> str:
        """Return the article's id."""
        return self.article.id

    @property
    def body(self) -> str:
        """Return the article's cleaned body."""
        return self.article.body

    def text(self, span: Span) -> str:
        """Return the body text a span points to."""
        return self.article.body[span.start : span.end]

    @property
    def tokens(self) -> Tokens:
        """Return the body's word and number tokens, computed on first use."""
        found = self._cache.get("tokens")
        if found is None:
            found = self._cache["tokens"] = Tokens(*token_bounds_normalized(self.article.body))
        return found

    @property
    def sentences(self) -> tuple[Span, ...]:
        """Return the sentence spans clean recorded, or the body split into sentences (once) when it has none."""
        if self.article.sentences:
            return self.article.sentences
        found = self._cache.get("sentences")
        if found is None:
            found = self._cache["sentences"] = tuple(
                Span(self.id, s, e, "sentence") for s, e in split_sentences(self.article.body))
        return found

    @property
    def paragraphs(self) -> tuple[Span, ...]:
        """Return the paragraph spans clean recorded, or the body's non-blank lines."""
        if self.article.paragraphs:
            return self.article.paragraphs
        found = self._cache.get("paragraphs")
        if found is None:
            lines, pos = [], 0
            for line in self.article.body.split("\n"):
                if line.strip():
                    lines.append(Span(self.id, pos, pos + len(line), "paragraph"))
                pos += len(line) + 1
            found = self._cache["paragraphs"] = tuple(lines)
        return found

    def token_range(self, start: int, end: int) -> range:
        """Return the indices of the tokens that begin inside [start, end)."""
        starts = self.tokens.starts
        return range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end))

    def mention_labels(self, i: int) -> tuple[str, ...]:
        """Return the labels of the mentions that token i begins inside (indexed once per set of mentions)."""
        mentions = self.mentions or ()
        index = self._cache.get("mention_labels")
        if index is None or index[0] is not mentions:
            labels: list[tuple[str, ...]] = [()] * len(self.tokens.starts)
            for m in mentions:
                for k in self.token_range(m.start, m.end):
                    labels[k] += (m.label,)
            index = self._cache["mention_labels"] = (mentions, labels)
        found: tuple[str, ...] = index[1][i]
        return found

    def sentence_of(self, pos: int) -> Span:
        """Return the sentence holding body position `pos` (or the nearest one before it)."""
        return self._holder("sentences", self.sentences, pos) or Span(self.id, 0, len(self.body), "sentence")

    def paragraph_of(self, pos: int) -> Span:
        """Return the paragraph holding body position `pos`, or the whole body when none does."""
        para = self._holder("paragraphs", self.paragraphs, pos)
        if para is None or not para.start <= pos < para.end:
            return Span(self.id, 0, len(self.body), "paragraph")
        return para

    def _holder(self, kind: str, spans: tuple[Span, ...], pos: int) -> Span | None:
        """Return the last of `spans` (sorted) starting at or before `pos`, or the first one; None when empty."""
        if not spans:
            return None
        starts = self._cache.get(kind + "_starts")
        if starts is None:
            starts = self._cache[kind + "_starts"] = [s.start for s in spans]
        return spans[max(0, bisect.bisect_right(starts, pos) - 1)]

    def release(self) -> None:
        """Drop the tokens and layout kept for the stages (they are recomputed when asked again)."""
        self._cache.clear()

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the article and the results, not the caches."""
        return {**self.__dict__, "_cache": {}}

    def __repr__(self) -> str:
        """Show the article and what was found in it."""
        found = [f"{len(v)} {name}" for name in ("mentions", "quotes", "dates")
                 if (v := getattr(self, name)) is not None]
        title = (self.article.title or "")[:40]
        return f"<Doc {self.id} {self.article.outlet or '-'} {title!r}{': ' if found else ''}{', '.join(found)}>"


class DocCache:
    """Annotated Docs of recent articles by id, the least recently used forgotten beyond `limit`.

    A long-running ingest (`marsad watch`) hands a stored article that comes back in a story the
    mentions, quotes and dates found before, instead of finding them again.
    """

    def __init__(self, limit: int) -> None:
        """Start empty."""
        self._docs: dict[str, Doc] = {}
        self._limit = limit

    def __len__(self) -> int:
        """Return how many Docs are kept."""
        return len(self._docs)

    def doc(self, article: Article) -> Doc:
        """Return a Doc of `article` with what was found in it before (a bare Doc when nothing was kept)."""
        kept = self._docs.pop(article.id, None)
        if kept is None or kept.article != article:
            return Doc(article)
        self._docs[article.id] = kept  # now the most recently used
        return Doc(article, kept.mentions, kept.quotes, kept.dates, kept.inference)

    def keep(self, docs: Iterable[Doc]) -> None:
        """Keep what was found in these Docs (without their token caches), forgetting the oldest beyond the limit."""
        for d in docs:
            self._docs.pop(d.id, None)
            self._docs[d.id] = Doc(d.article, d.mentions, d.quotes, d.dates, d.inference)
        for stale in list(self._docs)[: max(0, len(self._docs) - self._limit)]:
            del self._docs[stale]


@dataclass(eq=False, repr=False)
class StoryDoc(_Results):
    """One story: its member Docs in order and what the story-level stages found across them."""

    story: Story
    docs: tuple[Doc, ...]
    near_duplicates: tuple[tuple[str, ...], ...] = ()
    lineage: tuple[LineagePair, ...] | None = None
    entities: tuple[Entity, ...] | None = None
    quotes: tuple[AttributedQuote, ...] | None = None  # every member's quotes, attributed and grouped
    timeline: tuple[TimelineEvent, ...] | None = None
    sources: tuple[tuple[str, ...], ...] | None = None  # the members grouped by the source text they derive from
    claims: tuple[Claim, ...] | None = None
    conflicts: tuple[Conflict, ...] | None = None
    summary: tuple[BriefSentence, ...] | None = None  # the brief

    RESULTS: ClassVar[tuple[str, ...]] = ("near_duplicates", "lineage", "entities", "quotes", "timeline", "sources",
                                          "claims", "conflicts", "summary")

    @property
    def id(self) -> str:
        """Return the story's id."""
        return self.story.id

    @property
    def title(self) -> str | None:
        """Return the story's title (its most central member's)."""
        return self.story.title

    @property
    def articles(self) -> tuple[Article, ...]:
        """Return the member articles in story order."""
        return tuple(d.article for d in self.docs)

    def doc(self, article_id: str) -> Doc:
        """Return the member Doc of an article id (KeyError when it is not a member)."""
        for d in self.docs:
            if d.id == article_id:
                return d
        raise KeyError(article_id)

    def text(self, span: Span) -> str:
        """Return the text of a span of one of the members."""
        return self.doc(span.article).text(span)

    def __repr__(self) -> str:
        """Show the story's size and title."""
        outlets = {d.article.outlet for d in self.docs if d.article.outlet}
        sizes = f"{count(len(self.docs), 'article')}, {count(len(outlets), 'outlet')}"
        return f"<StoryDoc {self.id} {sizes}: {(self.title or '')[:50]!r}>"


@dataclass(frozen=True, repr=False)
class Analysis:
    """A batch analysed: every article's Doc, the stories they form (sharing those Docs), the inputs that failed."""

    docs: tuple[Doc, ...]
    stories: tuple[StoryDoc, ...]
    errors: tuple[IngestError, ...] = ()

    @cached_property
    def _by_id(self) -> dict[str, Doc]:
        """Index the Docs by article id."""
        return {d.id: d for d in self.docs}

    @cached_property
    def _story_of(self) -> dict[str, StoryDoc]:
        """Index the stories by member article id."""
        return {d.id: s for s in self.stories for d in s.docs}

    @property
    def articles(self) -> tuple[Article, ...]:
        """Return every cleaned article, in input order."""
        return tuple(d.article for d in self.docs)

    def doc(self, article_id: str) -> Doc:
        """Return the Doc of an article id (KeyError when unknown)."""
        return self._by_id[article_id]

    def story(self, story_id: str) -> StoryDoc:
        """Return the story with this id (KeyError when unknown)."""
        for s in self.stories:
            if s.id == story_id:
                return s
        raise KeyError(story_id)

    def story_of(self, article_id: str) -> StoryDoc:
        """Return the story an article belongs to (KeyError when unknown)."""
        return self._story_of[article_id]

    def text(self, span: Span) -> str:
        """Return the text of a span of any article of the batch."""
        return self._by_id[span.article].text(span)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON report of the batch (docs/report-schema.md)."""
        from marsad import report  # report renders this class: imported when asked, not at load

        return report.build(self)

    def __repr__(self) -> str:
        """Show the batch's size."""
        outlets = {d.article.outlet for d in self.docs if d.article.outlet}
        return (f"<Analysis: {count(len(self.docs), 'article')} from {count(len(outlets), 'outlet')} in "
                f"{count(len(self.stories), 'story', 'stories')}"
                f"{f', {len(self.errors)} inputs failed' if self.errors else ''}>")
