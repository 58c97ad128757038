"""A story's timeline: the clauses that carry a resolved date, ordered by date, one entry per event.

An event is the clause around a date expression (not a duration) resolved to a value. A sentence splits
into clauses at the words of clause_openers.txt (أنّ، بعدما، فيما ...) and at quote marks: a date in the
main clause dates the whole sentence ("أعلن الوزير أمس أن ..." is the announcement), a date in a later
clause dates that clause alone ("... أن الاجتماع سيعقد الخميس" is the meeting).

Events of different articles with the same date and granularity are one entry when
- they quote the same statement (their quotes share a cross-outlet quote group), or
- the same speaker speaks in both main clauses, or
- their content words overlap enough (containment of the smaller clause's stems, compared by
  spelling skeleton so أمريكي/أميركي and بوتين/بوتن meet, the dates' own words left out),
and never when two different speakers speak in them, so two things said or done on one day stay apart.
An event is background when its period ends more than BACKGROUND_DAYS before the story starts.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.arabic.spelling import consonants
from marsad.arabic.stem import term
from marsad.datafiles import content_lines, read_text
from marsad.dating.expressions import published_day
from marsad.doc import Doc, StoryDoc
from marsad.memo import WORDS
from marsad.quotes.words import load_lexicon as quotes_lexicon
from marsad.types import AttributedQuote, Granularity, Span, TimelineEvent
from marsad.unionfind import DisjointSets

# How long before the story's first day an event counts as background. The seeds' story reports
# events of the previous 9 days (the first round of talks) as its own context, and "years ago"
# mentions as background; a month keeps the former in the story and puts the latter out.
BACKGROUND_DAYS = 30
# Weighted share of the smaller clause's content keys found in the other (each key weighted by its
# inverse sentence frequency in the story) for two clauses of one date to be one event. On the seeds'
# same-date clause pairs, labelled by hand (49 pairs over 6 dates), pairs reporting one event scored
# 0.11-0.70 (single linkage joins them through their stronger pairs) and pairs of different events at
# most 0.12, so 0.2. No larger labelled set of same-day events exists here: calibrated on one story.
SAME_EVENT = 0.2
# Shared content stems a pair needs at the least, so two short clauses do not merge on one word.
MIN_SHARED = 2
# Words a clause needs before the next cut counts: "مضيفا أن الاجتماع «سيجري غدا»" is one clause,
# not three, and a quote around fewer words is a quoted term. Set on the seeds' sentences read by hand.
MIN_CLAUSE_WORDS = 3
# The main clause may be a verb and its subject alone ("قال الوزير إن ...").
MIN_MAIN_WORDS = 2
QUOTE_MARK_RE = re.compile(r"[«»“”\"]")


@dataclass(frozen=True)
class _Mention:
    """One dated clause of one article: its span, content keys, and who speaks in it."""

    article: str
    order: int  # position of the article in the story, then of the sentence in it
    start: int
    end: int
    date: str
    granularity: Granularity
    keys: frozenset[str]
    statement: bool  # the clause reports speech: a quote's speaker is named in its own words
    speaker: str | None  # that speaker's entity, when the people stage linked one
    groups: frozenset[str]  # cross-outlet groups of the quotes said in the clause


@dataclass(frozen=True)
class _Clause:
    """A clause of a sentence: its span and the token range of its own words (up to the next clause).

    A framing clause (the main one, or one opened by a reporting verb: "، وقالت الوكالة إن ...")
    spans to the next framing clause or the sentence's end, since what it reports belongs to its
    event; another clause spans its own words, its opener left out.
    """

    start: int
    end: int
    words: range


@lru_cache(maxsize=1)
def clause_openers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return the clause-opening words and phrases of clause_openers.txt by first word, longest first."""
    phrases = sorted({tuple(line.split()) for line in content_lines(read_text("clause_openers.txt"))},
                     key=len, reverse=True)
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        by_first[phrase[0]] = (*by_first.get(phrase[0], ()), phrase)
    return by_first


def _period_end(value: str, granularity: str) -> dt.date:
    """Return the last day of an ISO day, month, year (any number of digits) or start/end range."""
    if granularity == "year":
        return dt.date(int(value), 12, 31)
    if granularity == "month":
        year, month = (int(x) for x in value.rsplit("-", 1))
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date.fromisoformat(value.rsplit("/", maxsplit=1)[-1])


def _period_start(value: str) -> str:
    """Return the sort key of a value: its first day, written as an ISO prefix sorts the same."""
    return value.split("/", maxsplit=1)[0]


def _quoted(doc: Doc, sentence: Span, lo: int, hi: int) -> list[tuple[int, int]]:
    """Return the token ranges [open, close) of quoted speech in tokens [lo, hi) of a sentence.

    Marks are paired in order (an unpaired last one runs to the sentence's end); pairs around fewer
    than MIN_CLAUSE_WORDS words (a quoted term: "سهلة وسريعة") are left out.
    """
    starts = doc.tokens.starts
    at = [bisect.bisect_left(starts, m.start(), lo, hi)
          for m in QUOTE_MARK_RE.finditer(doc.body, sentence.start, sentence.end)]
    pairs = [(at[i], at[i + 1] if i + 1 < len(at) else hi) for i in range(0, len(at), 2)]
    return [(a, b) for a, b in pairs if b - a >= MIN_CLAUSE_WORDS]


def _cuts(doc: Doc, sentence: Span, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Return where clauses open inside tokens [lo, hi): (opening token, first own token, framing).

    Openers of clause_openers.txt and quote marks open a clause; a reporting verb with a leading و/ف
    ("، وقالت الوكالة") opens a framing one, except inside a quote (وأعتقد is the speaker's own word).
    """
    words = doc.tokens.words
    verbs, openers = quotes_lexicon().verb_forms, clause_openers()
    quoted = _quoted(doc, sentence, lo, hi)
    cuts = [(i, i, False) for pair in quoted for i in pair if lo < i < hi]
    k = lo + 1
    while k < hi:
        phrase = next((p for p in openers.get(words[k], ()) if tuple(words[k:k + len(p)]) == p), None)
        verb = verbs.get(words[k])
        if phrase is not None:
            cuts.append((k, k + len(phrase), False))
        elif verb is not None and verb[0] == "verb" and verb[1] > 0 and not any(a < k < b for a, b in quoted):
            cuts.append((k, k, True))
        k += len(phrase) if phrase else 1
    return sorted(set(cuts))


def clauses(doc: Doc, sentence: Span) -> list[_Clause]:
    """Return the clauses of one sentence of an article, the main one first.

    A cut fewer than MIN_CLAUSE_WORDS words after the one before (taken or not) is ignored, so
    "مضيفا أن الاجتماع «سيجري غدا»" stays one clause; so is a last clause that short.
    """
    starts, ends, _ = doc.tokens
    own = doc.token_range(sentence.start, sentence.end)
    lo, hi = own.start, own.stop
    bounds = [(lo, lo, True)]
    last = lo
    for at, first, framing in _cuts(doc, sentence, lo, hi):
        if at - last >= (MIN_MAIN_WORDS if last == lo else MIN_CLAUSE_WORDS) and at > bounds[-1][1]:
            bounds.append((at, first, framing))
        last = at
    if len(bounds) > 1 and hi - bounds[-1][0] < MIN_CLAUSE_WORDS:
        bounds.pop()
    stops = [at for at, _, _ in bounds[1:]] + [hi]
    out = []
    for n, ((_, first, framing), stop) in enumerate(zip(bounds, stops, strict=True)):
        if first < stop:
            start = sentence.start if first == lo else starts[first]
            frame_stop = next((at for at, _, later in bounds[n + 1:] if later), None)
            end = ends[stop - 1] if not framing else ends[frame_stop - 1] if frame_stop else sentence.end
            out.append(_Clause(start, end, range(first, stop)))
    return out


def _keys(words: Iterable[str]) -> frozenset[str]:
    """Return the content keys of normalized words."""
    return frozenset(k for w in words if (k := _key(w)))


@lru_cache(maxsize=WORDS)
def _key(word: str) -> str:
    """Return a word's content key: the consonants of its stem, ج as غ; "" for a stopword.

    أمريكي/أميركي and بوتين/بوتن meet under one key.
    """
    return consonants(term(word)).replace("ج", "غ")


def _mentions(docs: Sequence[Doc], quotes: Sequence[AttributedQuote]) -> list[_Mention]:
    """Return one mention per (sentence, resolved date) of every article, in the clause of its first expression."""
    said: dict[str, list[AttributedQuote]] = {}
    for q in quotes:
        said.setdefault(q.quote.article, []).append(q)
    return [m for rank, doc in enumerate(docs) for m in _doc_mentions(doc, rank, said.get(doc.id, ()))]


def _doc_mentions(doc: Doc, rank: int, said: Sequence[AttributedQuote]) -> list[_Mention]:
    """Return the dated clauses of one article (the `rank`-th of its story) with who speaks in them."""
    found = doc.dates or ()
    dated = [e for e in found if e.kind == "date" and e.value and e.granularity]
    if not dated:
        return []
    starts, ends, words = doc.tokens
    in_dates = {i for x in found for i in doc.token_range(x.span.start, x.span.end)}
    out: list[_Mention] = []
    for k, sentence in enumerate(doc.sentences):
        here = [e for e in dated if sentence.start <= e.span.start < sentence.end]
        parts = clauses(doc, sentence) if here else []
        seen: set[tuple[str, str]] = set()
        for e in here:
            assert e.value is not None and e.granularity is not None
            if (e.value, e.granularity) in seen:
                continue
            seen.add((e.value, e.granularity))
            clause = next(c for c in reversed(parts) if c is parts[0] or starts[c.words[0]] <= e.span.start)
            lo, hi = starts[clause.words[0]], ends[clause.words[-1]]
            keys = _keys(words[i] for i in clause.words if i not in in_dates)
            speaking = [q for q in said if q.quote.speaker is not None and lo <= q.quote.speaker.start < hi
                        and not _sourced(doc, q)]
            speakers = {q.speaker for q in speaking if q.speaker}
            groups = frozenset(q.group for q in said if clause.start <= q.quote.span.start < clause.end)
            out.append(_Mention(doc.id, rank * 100_000 + k, clause.start, clause.end, e.value, e.granularity, keys,
                                bool(speaking), next(iter(speakers)) if len(speakers) == 1 else None, groups))
    return out


def _sourced(doc: Doc, quote: AttributedQuote) -> bool:
    """Return True for a fact credited to a source after it ("…، بحسب تقديرات الأمم المتحدة"): no speech event."""
    verb = quote.quote.verb
    if verb is None or quote.quote.span.end > verb.start:
        return False
    return quotes_lexicon().is_source(normalize(doc.body[verb.start : verb.end]))


def _weights(docs: Sequence[Doc]) -> dict[str, float]:
    """Return each content key's inverse sentence frequency in the story: words every sentence uses weigh little."""
    df: Counter[str] = Counter()
    n = 0
    for doc in docs:
        words = doc.tokens.words
        for sentence in doc.sentences:
            df.update(_keys(words[i] for i in doc.token_range(sentence.start, sentence.end)))
            n += 1
    return {k: math.log((n + 1) / c) for k, c in df.items()}


def _score(a: _Mention, b: _Mention, weights: Mapping[str, float]) -> float:
    """Return how surely two dated clauses report one event: 1 for one statement, else weighted containment."""
    if a.speaker and b.speaker and a.speaker != b.speaker:
        return 0.0
    if a.groups & b.groups or (a.speaker and a.speaker == b.speaker and a.article != b.article):
        return 1.0
    if a.statement != b.statement:
        return 0.0  # what someone said and what happened are two events, unless they quote the same words
    shared = a.keys & b.keys
    if len(shared) < MIN_SHARED:
        return 0.0
    mass = min(sum(weights.get(k, 0.0) for k in a.keys), sum(weights.get(k, 0.0) for k in b.keys))
    return sum(weights.get(k, 0.0) for k in shared) / mass if mass else 0.0


def _events(mentions: Sequence[_Mention], weights: Mapping[str, float]) -> list[list[_Mention]]:
    """Group the mentions of one date into events: strongest links first, never two speakers in one event."""
    sets: DisjointSets[int] = DisjointSets()
    speakers = [{m.speaker} - {None} for m in mentions]  # by set root
    links = sorted(((score, i, j) for i, a in enumerate(mentions) for j in range(i + 1, len(mentions))
                    if (score := _score(a, mentions[j], weights)) >= SAME_EVENT), key=lambda x: (-x[0], x[1], x[2]))
    for _, i, j in links:
        ri, rj = sets.find(i), sets.find(j)
        if ri != rj and (not speakers[ri] or not speakers[rj] or speakers[ri] == speakers[rj]):
            sets.union(ri, rj)
            speakers[min(ri, rj)] |= speakers[max(ri, rj)]
    grouped: dict[int, list[_Mention]] = {}
    for i, m in enumerate(mentions):
        grouped.setdefault(sets.find(i), []).append(m)
    return list(grouped.values())


def story_timeline(docs: Sequence[Doc], quotes: Sequence[AttributedQuote] = ()) -> list[TimelineEvent]:
    """Return the story's dated events (from its members' time expressions) ordered by date, then by first source.

    `quotes` (the story's attributed quotes, when the people stage ran) lets events be matched by
    speaker and by quote group.
    """
    by_date: dict[tuple[str, Granularity], list[_Mention]] = {}
    for mention in _mentions(docs, quotes):
        by_date.setdefault((mention.date, mention.granularity), []).append(mention)
    weights = _weights(docs) if any(len(ms) > 1 for ms in by_date.values()) else {}
    groups = [g for ms in by_date.values() for g in _events(ms, weights)]
    days = [d for doc in docs if (d := published_day(doc.article)) is not None]
    start = min(days) if days else None
    events = []
    for group in sorted(groups, key=lambda g: (_period_start(g[0].date), g[0].order)):
        first = group[0]
        background = start is not None and (start - _period_end(first.date, first.granularity)).days > BACKGROUND_DAYS
        events.append(TimelineEvent(first.date, first.granularity,
                                    tuple(Span(m.article, m.start, m.end, "clause") for m in group), background))
    return events


def build_timelines(stories: Sequence[StoryDoc]) -> None:
    """Fill in each story's timeline from its members' time expressions (and its attributed quotes)."""
    for story in stories:
        if story.timeline is None:
            story.timeline = tuple(story_timeline(story.docs, story.quotes or ()))
