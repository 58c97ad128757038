"""A story's timeline: the sentences that carry a resolved date, ordered by date, one entry per event.

An event is the sentence around a date expression (not a duration) resolved to a value. Sentences of
different articles with the same date and granularity are one event when their content words overlap
(containment of the shorter sentence's stems in the longer one's, the date's own words left out), so
two things that happened on one day stay apart. An event is background when its period ends more than
BACKGROUND_DAYS before the story starts (منذ ثلاث سنوات، عام 2022).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marsad import arabic
from marsad.features import term
from marsad.inference import published_day
from marsad.model import Article, Span
from marsad.temporal import TimeExpression

# How long before the story's first day an event counts as background. The seeds' story reports
# events of the previous 9 days (the first round of talks) as its own context, and "years ago"
# mentions as background; a month keeps the former in the story and puts the latter out.
BACKGROUND_DAYS = 30
# Share of the shorter sentence's content stems found in the longer one for two sentences to be one
# event. On the seeds' same-date cross-outlet sentence pairs (printed by hand), pairs reporting one
# event scored 0.33-0.77 and pairs of different events at most 0.29 (a few same-event pairs worded
# apart scored 0.20-0.28 and stay separate), so 0.3.
SAME_EVENT = 0.3
# Shared content stems a pair needs at the least, so two short sentences do not merge on one word.
MIN_SHARED = 2


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event: its sentence (a span of the first source), every source span, background or not."""

    date: str
    granularity: str
    text: str
    articles: tuple[str, ...]
    spans: tuple[tuple[str, int, int], ...]  # (article id, start, end)
    background: bool


@dataclass(frozen=True)
class _Mention:
    """One dated sentence of one article, with its content stems."""

    article: str
    order: int  # position of the article in the story, then of the sentence in it
    start: int
    end: int
    date: str
    granularity: str
    terms: frozenset[str]


def _period_end(value: str, granularity: str) -> dt.date:
    """Return the last day of an ISO day, month, year (any number of digits) or start/end range."""
    if granularity == "year":
        return dt.date(int(value), 12, 31)
    if granularity == "month":
        year, month = (int(x) for x in value.rsplit("-", 1))
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date.fromisoformat(value.split("/")[-1])


def _period_start(value: str) -> str:
    """Return the sort key of a value: its first day, written as an ISO prefix sorts the same."""
    return value.split("/")[0]


def _terms(text: str, skip: Sequence[str]) -> frozenset[str]:
    """Return the content stems of a sentence, without the words of its date expressions."""
    skipped = {term(t) for s in skip for t in arabic.tokens(s)}
    return frozenset(x for t in arabic.tokens(text) if (x := term(t)) and x not in skipped)


def _mentions(articles: Sequence[Article], by_article: Mapping[str, Sequence[TimeExpression]]) -> list[_Mention]:
    """Return one mention per (sentence, resolved date) of every article."""
    out: list[_Mention] = []
    for rank, art in enumerate(articles):
        sentences: Sequence[Span] = art.sentences or arabic.split_sentences(art.body)
        dated = [e for e in by_article.get(art.id, ()) if e.kind == "date" and e.value and e.granularity]
        for k, sentence in enumerate(sentences):
            inside = [e for e in dated if sentence.start <= e.start < sentence.end]
            text = art.text_of(sentence)
            terms = _terms(text, [e.text for e in inside]) if inside else frozenset()
            seen = set()
            for e in inside:
                assert e.value is not None and e.granularity is not None
                if (e.value, e.granularity) not in seen:
                    seen.add((e.value, e.granularity))
                    out.append(_Mention(art.id, rank * 100_000 + k, sentence.start, sentence.end,
                                        e.value, e.granularity, terms))
    return out


def _same_event(a: frozenset[str], b: frozenset[str]) -> bool:
    """Return True when two sentences' stems overlap enough to report one event."""
    shared = len(a & b)
    small = min(len(a), len(b))
    return shared >= MIN_SHARED and shared / small >= SAME_EVENT


def story_timeline(
    articles: Sequence[Article], expressions_by_article: Mapping[str, Sequence[TimeExpression]]
) -> list[TimelineEvent]:
    """Return the story's dated events ordered by date, then by first source position."""
    groups: list[list[_Mention]] = []
    for mention in _mentions(articles, expressions_by_article):
        home = next((g for g in groups if g[0].date == mention.date and g[0].granularity == mention.granularity
                     and all(m.article != mention.article for m in g)
                     and any(_same_event(m.terms, mention.terms) for m in g)), None)
        if home is None:
            groups.append([mention])
        else:
            home.append(mention)
    days = [d for a in articles if (d := published_day(a)) is not None]
    start = min(days) if days else None
    body = {a.id: a.body for a in articles}
    events = []
    for group in sorted(groups, key=lambda g: (_period_start(g[0].date), g[0].order)):
        first = group[0]
        background = start is not None and (start - _period_end(first.date, first.granularity)).days > BACKGROUND_DAYS
        events.append(TimelineEvent(
            first.date, first.granularity, body[first.article][first.start:first.end],
            tuple(dict.fromkeys(m.article for m in group)),
            tuple((m.article, m.start, m.end) for m in group), background))
    return events
