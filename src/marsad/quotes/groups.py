"""The same quote across sources: group quotes that render one statement by one speaker.

Two quotes are compared on their content words (stopwords dropped, light stems via arabic.term,
numbers kept) and on character trigrams of those words, each as the *containment* of the shorter
quote in the longer one, so a partial quote inside a longer one scores as high as a full copy. The
pair score is the mean of the two; translations of one original share most stems and, where the
morphology differs (الآمال/الأمل، اتفاق/اتفاقية), many trigrams. A pair also needs MIN_SHARED_TERMS
shared content words, so a two-word quoted phrase does not join every quote containing one of them.

Quotes are partitioned by speaker key first. Within a key, average linkage merges the closest groups
while their mean pair score is at least THRESHOLD, so a chain of one-off overlaps does not merge
different statements. Quotes without a speaker (key None) are grouped the same way among themselves,
but only at the much stricter NO_SPEAKER_THRESHOLD. Across keys only near copies join: a passage two
outlets carry word for word (a pair at NO_SPEAKER_THRESHOLD) is one statement even when one
article's speaker was read wrong; on the dev half of the blind quotes set (246 quotes) this took
grouping F1 from 0.747 to 0.877 (recall 0.64 → 0.95, precision 0.89 → 0.82).

A quote starting inside a longer quote of its article (a direct quote nested in the indirect clause that
carries it) takes its carrier's group and links nothing itself: its few words, found in another
statement of the speaker, would join the two.

Same-article rule: an article renders a statement once, so two quotes of one article are never
evidence *for* each other, unless one lies inside the other or their texts are equal. They are not
evidence against each other either: outlets split one statement into two quotes («A». وأضاف: «B».),
and both halves belong with another outlet's «A B». Such a pair is left out of the group average, and
a group is only ever formed on evidence pairs, so no group holds two quotes of one article linked by
nothing but each other.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad import arabic
from marsad.arabic import core, skeleton, term
from marsad.datafiles import content_lines, read_text
from marsad.entities.names import name_words
from marsad.memo import WORDS
from marsad.types import Quote, Span
from marsad.unionfind import DisjointSets

# Calibrated on the hand-written fixtures of tests/quotes/test_groups.py (three translations of one
# invented English statement, a partial quote, two other statements of the same speaker on the same
# topic): translation and partial pairs scored 0.53-1.0, same-speaker different statements 0.13-0.36
# (printed by the checks in the test file). On the seed articles,
# the cross-outlet renderings of one statement scored 0.50-0.94 and the closest different statements
# of one speaker 0.38; 0.45 sits between both gaps. Re-checked on the dev half of the blind quotes set
# (eval/data/quotes.tsv, 4 stories): grouping F1 0.314 at 0.5, 0.31 at 0.45-0.4, 0.297 at 0.35-0.3 (precision
# falls, recall stays 0.19: what splits groups there is wrong speakers, not the threshold), so 0.5 stays.
# Again on the dev half with its second draw (12 stories, 246 quotes, copies joined across speakers):
# F1 0.876 at 0.4, 0.873 at 0.45, 0.877 at 0.5-0.6; 0.5 stayed. Re-set with MIN_SHARED_TERMS on the whole
# dev half (five draws, 762 quotes): with 3 shared terms F1 0.805 at 0.35, 0.897 at 0.4 and 0.45 (precision
# 0.936, recall 0.861), 0.878 at 0.5; 0.45 sits inside that plateau, away from the fall below 0.4.
THRESHOLD = 0.45
# Without a speaker nothing but the words says two quotes are one statement: only near copies (a
# partial quote inside a longer one, a lightly edited wire text) score this high; no translation pair
# of the fixtures or the seeds reached it (highest 0.81), and no different statement came near (0.38).
# Re-checked on the whole dev half (with 3 shared terms, THRESHOLD 0.45): F1 0.887 at 0.75, 0.897 at 0.8
# and 0.85, 0.862-0.871 at 0.95; 0.85 stays.
NO_SPEAKER_THRESHOLD = 0.85
# Shared content words a pair needs at the least: the seeds' quoted short phrases ("بعض الأمل") have
# one content word, which the other statements of their speaker also use (so not 1). Re-set on the whole
# dev half of the blind quotes set (762 quotes): grouping F1 0.827 with 2, 0.897 with 3, 0.877 with 4
# (the best THRESHOLD of each): statements of one speaker on one topic share two words more often than
# one statement's renderings share fewer than three.
MIN_SHARED_TERMS = 3
# Character n-gram length. On the fixtures, the gap between the weakest translation pair and the
# strongest different-statement pair was 0.15 for 2-grams, 0.12 for 3 and 0.10 for 4; 2-grams also
# raised the different statements to 0.49, next to the threshold, so 3. Re-checked on the whole dev half:
# 4-grams gave F1 0.873-0.878 against 0.897 for 3 (with 3 shared terms), so 3 stays.
GRAM = 3


@dataclass(frozen=True)
class QuoteGroup:
    """Quotes of one speaker that render one statement; id is a hash of the sorted member positions."""

    id: str
    speaker: str | None
    members: tuple[Quote, ...]


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Read data/quote_synonyms.txt: the term of each listed word -> the term of its group's first word."""
    table: dict[str, str] = {}
    for line in content_lines(read_text("quote_synonyms.txt")):
        words = [term(t) for t in arabic.tokens(line)]
        for word in words[1:]:
            if word:
                table[word] = words[0]
    return table


@lru_cache(maxsize=WORDS)
def _term(token: str) -> str:
    """Return the comparable term of a normalized token: a number as is, else its stem with synonyms folded."""
    if token.isdigit():
        return token
    stemmed = term(token)
    stemmed = synonyms().get(stemmed, stemmed)
    # The light stemmer strips a leading و from a bare word but not after ال (وزير → زير, الوزير →
    # وزير; واقعية → اقع, الواقعية → واقع), and foreign words spell /g/ ج or غ (براجماتية/براغماتية):
    # compare without either difference.
    if stemmed.startswith("و") and len(stemmed) > 3:
        stemmed = stemmed[1:]
    return stemmed.replace("ج", "غ")


@lru_cache(maxsize=WORDS)
def _grams(word: str) -> frozenset[str]:
    """Return the character GRAM-grams of a normalized word's spelling core, padded with a space at each end."""
    padded = f" {core(word)} "
    return frozenset(padded[i : i + GRAM] for i in range(len(padded) - GRAM + 1))


@dataclass(frozen=True)
class _Profile:
    """The comparable view of one quote: normalized text, content terms and character n-grams."""

    norm: str
    terms: frozenset[str]
    grams: frozenset[str]


def _profile(text: str) -> _Profile:
    """Build the comparison view of a quote's text."""
    tokens = arabic.TOKEN_RE.findall(arabic.normalize(text))
    terms = list(map(_term, tokens))
    grams = frozenset().union(*[_grams(t) for t, c in zip(tokens, terms, strict=True) if c])
    return _Profile(" ".join(tokens), frozenset(terms) - {""}, grams)


def _containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the share of the smaller set found in the larger one (0 when either is empty)."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


def pair_score(a: str, b: str) -> float:
    """Return how strongly two quoted texts render one statement, from 0 to 1, by their words alone."""
    return _score(_profile(a), _profile(b))


def _score(a: _Profile, b: _Profile) -> float:
    """Return the pair score of two quote profiles (see the module docstring)."""
    if a.norm == b.norm and a.norm:
        return 1.0
    if len(a.terms & b.terms) < MIN_SHARED_TERMS:
        return 0.0
    small, large = sorted((a.terms, b.terms), key=len)
    if any(t.isdigit() and t not in large for t in small):
        return 0.0  # a part of a statement gives no figure the whole lacks: "43 مقترحا …" is not "26 قرارا … مقترحين …"
    return (_containment(a.terms, b.terms) + _containment(a.grams, b.grams)) / 2


def _is_evidence(a: Quote, b: Quote, pa: _Profile, pb: _Profile) -> bool:
    """Return True when a pair's score may count: different articles, nested spans or equal texts."""
    if a.article != b.article:
        return True
    return (a.span.start < b.span.end and b.span.start < a.span.end) or pa.norm == pb.norm


def speaker_key(name: str | None) -> str | None:
    """Return a speaker key from a speaker's name as written: the spelling-folded last word of a person's name.

    The last word is reduced to entities.core (normalized, no ال, ج→غ) and its skeleton (no inner long
    vowels or doubled letters), so بوتين/بوتن and سيرجي لافروف/سيرغي لافروف share a key. A name whose
    last word is a feminine relational adjective (وزارة الخارجية الروسية) is an institution, keyed by
    the skeletons of all its words, so the ministries of two countries stay apart.
    """
    if not name:
        return None
    words = name_words(name)
    if not words:
        return None
    if len(words) > 1 and words[-1].endswith("يه"):
        return " ".join(map(skeleton, words))
    return skeleton(words[-1])


def _group_id(members: Sequence[Quote]) -> str:
    """Return a stable id: a hash of the sorted (article, start, end) positions of the members."""
    positions = sorted((q.article, q.span.start, q.span.end) for q in members)
    digest = hashlib.sha1(repr(positions).encode("utf-8")).hexdigest()[:12]
    return f"qg-{digest}"


def _candidates(profiles: Sequence[_Profile]) -> list[tuple[int, int]]:
    """Return the index pairs that can score above 0: equal texts, or MIN_SHARED_TERMS shared terms."""
    shared: dict[tuple[int, int], int] = defaultdict(int)
    by_term: dict[str, list[int]] = defaultdict(list)
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, prof in enumerate(profiles):
        for t in prof.terms:
            for i in by_term[t]:
                shared[i, j] += 1
            by_term[t].append(j)
        for i in by_text[prof.norm]:
            shared[i, j] = MIN_SHARED_TERMS
        by_text[prof.norm].append(j)
    return sorted(pair for pair, n in shared.items() if n >= MIN_SHARED_TERMS)


def _link(quotes: Sequence[Quote], profiles: Sequence[_Profile], threshold: float) -> list[list[int]]:
    """Cluster one speaker's quotes by average linkage over article pairs; return sorted index lists.

    Between two groups, each pair of articles (one quote of the first group from article a, one of
    the second from article b) contributes its best quote pair: an article that split a statement
    into two quotes is scored by the half that matches. The group score is the mean over the article
    pairs that hold an evidence pair (every pair of different articles does); pairs scoring nothing
    count as 0. A mean can only reach the threshold when one pair does, so only groups joined by
    such a pair are candidates. Each merge updates only the scores of the merged group (kept per
    article pair, so a speaker's hundreds of quotes take a heap's time, not the cube of their number).
    """
    if len(quotes) < 2:
        return [list(range(len(quotes)))] if quotes else []
    linkage = _Linkage([q.article for q in quotes])
    strong: list[tuple[int, int]] = []
    for i, j in _candidates(profiles):
        if _is_evidence(quotes[i], quotes[j], profiles[i], profiles[j]):
            score = _score(profiles[i], profiles[j])
            linkage.add(i, j, score)
            if score >= threshold:
                strong.append((i, j))
    return linkage.merge(strong, threshold)


class _Linkage:
    """Average linkage over article pairs, with each group pair's best score per article pair kept and merged."""

    def __init__(self, articles: Sequence[str]) -> None:
        """Start with one group per quote (`articles[i]`: the article of quote i)."""
        self.articles = {i: {a} for i, a in enumerate(articles)}
        self.members = {i: [i] for i in range(len(articles))}
        # (g, h), g < h -> {(article in g, article in h): best quote pair score}; evidence pairs only
        self.best: dict[tuple[int, int], dict[tuple[str, str], float]] = {}
        self.neighbours: dict[int, set[int]] = defaultdict(set)

    def add(self, i: int, j: int, score: float) -> None:
        """Record the evidence pair of quotes i < j."""
        self.best[i, j] = {(next(iter(self.articles[i])), next(iter(self.articles[j]))): score}
        self.neighbours[i].add(j)
        self.neighbours[j].add(i)

    def score(self, g: int, h: int) -> float:
        """Return the mean best score over the article pairs of groups g < h (a pair with no evidence pair counts 0)."""
        best = self.best[g, h]
        ag, ah = self.articles[g], self.articles[h]
        pairs = len(ag) * len(ah) - len(ag & ah) + sum(1 for a, b in best if a == b)
        return sum(best.values()) / pairs

    def merge(self, strong: Sequence[tuple[int, int]], threshold: float) -> list[list[int]]:
        """Merge the best-scoring candidate groups (joined by a `strong` pair) while their score reaches `threshold`."""
        candidates: dict[int, set[int]] = defaultdict(set)
        for i, j in strong:
            candidates[i].add(j)
            candidates[j].add(i)
        heap = [(-self.score(i, j), i, j) for i, j in strong]
        heapq.heapify(heap)
        while heap:
            negative, g, h = heapq.heappop(heap)
            if g not in self.members or h not in self.members or h not in candidates[g] \
                    or -negative != self.score(g, h):
                continue  # a stale entry: a group merged away or its score changed since
            if -negative < threshold:
                break
            self._join(g, h, candidates)
            for k in candidates[g]:
                heapq.heappush(heap, (-self.score(min(g, k), max(g, k)), min(g, k), max(g, k)))
        return sorted(sorted(m) for m in self.members.values())

    def _join(self, keep: int, drop: int, candidates: dict[int, set[int]]) -> None:
        """Merge group `drop` into group `keep`: members, articles, best scores and candidate links."""
        del self.best[keep, drop]
        self.neighbours[keep].discard(drop)
        self.neighbours[drop].discard(keep)
        for k in self.neighbours.pop(drop):
            theirs = self._oriented(drop, k)
            del self.best[min(drop, k), max(drop, k)]
            self.neighbours[k].discard(drop)
            mine = self._oriented(keep, k) if k in self.neighbours[keep] else {}
            for key, value in theirs.items():
                mine[key] = max(mine.get(key, 0.0), value)
            self.best[min(keep, k), max(keep, k)] = mine if keep < k else {(b, a): v for (a, b), v in mine.items()}
            self.neighbours[keep].add(k)
            self.neighbours[k].add(keep)
        for k in candidates.pop(drop):
            candidates[k].discard(drop)
            if k != keep:
                candidates[k].add(keep)
                candidates[keep].add(k)
        candidates[keep].discard(drop)
        self.members[keep] += self.members.pop(drop)
        self.articles[keep] |= self.articles.pop(drop)

    def _oriented(self, g: int, k: int) -> dict[tuple[str, str], float]:
        """Return the best scores of groups g and k keyed (article in g, article in k)."""
        best = self.best[min(g, k), max(g, k)]
        return dict(best) if g < k else {(b, a): v for (a, b), v in best.items()}


def group_quotes(quotes: Sequence[Quote], text: Callable[[Span], str],
                 speaker_of: Callable[[Quote], str | None]) -> list[QuoteGroup]:
    """Group quotes rendering one statement by one speaker; every quote is in exactly one group.

    `text` reads a span's text from its article. The result does not depend on the input order:
    groups come sorted by their first member's position (article id, start), members by position.
    """
    texts = {q.span: text(q.span) for q in quotes}
    profiles = {span: _profile(t) for span, t in texts.items()}  # once: the speaker groups and the copies use them
    ordered = sorted(quotes, key=lambda q: (q.article, q.span.start, q.span.end, q.kind, texts[q.span]))
    carrier = _carriers(ordered)
    by_speaker: dict[str | None, list[Quote]] = defaultdict(list)
    for quote in ordered:
        if quote.span not in carrier:
            by_speaker[speaker_of(quote)].append(quote)
    linked: list[list[Quote]] = []
    for speaker, items in by_speaker.items():
        threshold = THRESHOLD if speaker is not None else NO_SPEAKER_THRESHOLD
        linked += [[items[i] for i in idx] for idx in _link(items, [profiles[q.span] for q in items], threshold)]
    groups = []
    for linked_members in _copies_joined(linked, profiles):
        held = {q.span for q in linked_members}
        members = linked_members + [q for q in ordered if carrier.get(q.span) in held]
        keys = [speaker_of(q) for q in members]
        speaker = min(set(keys), key=lambda k: (k is None, -keys.count(k), k or ""))  # the most members' speaker
        ordered_members = tuple(sorted(members, key=lambda q: (q.article, q.span.start, q.span.end)))
        groups.append(QuoteGroup(_group_id(ordered_members), speaker, ordered_members))
    return sorted(groups, key=lambda g: (g.members[0].article, g.members[0].span.start, g.members[0].span.end))


def _carriers(quotes: Sequence[Quote]) -> dict[Span, Span]:
    """Return each quote starting inside a longer quote of its article → the outermost such quote.

    A direct quote nested in the indirect clause that carries it («السابعة عشرة» inside "أن 26 قرارا …
    استنادا للمادة «السابعة عشرة»") is part of that statement: it goes to its carrier's group and
    links nothing itself, or its few words, found in another statement of the speaker, would join the two.
    """
    out: dict[Span, Span] = {}
    outer: Quote | None = None
    for q in sorted(quotes, key=lambda q: (q.article, q.span.start, -q.span.end)):  # outer before what it holds
        if outer is not None and outer.article == q.article and q.span.start < outer.span.end and q.span != outer.span \
                and q.span.end - q.span.start <= outer.span.end - outer.span.start:
            out[q.span] = outer.span
        else:
            outer = q
    return out


def _copies_joined(linked: Sequence[list[Quote]], profile_of: dict[Span, _Profile]) -> list[list[Quote]]:
    """Join the speaker groups that hold near copies (NO_SPEAKER_THRESHOLD) in different articles.

    One statement copied word for word by two outlets is one statement even when the two articles'
    speakers were read differently (a wrong speaker phrase in one of them): the words decide, as they
    do for quotes with no speaker at all.
    """
    quotes = [q for members in linked for q in members]
    group_of = [k for k, members in enumerate(linked) for _ in members]
    profiles = [profile_of[q.span] for q in quotes]
    sets: DisjointSets[int] = DisjointSets()
    for i, j in _candidates(profiles):
        if (quotes[i].article != quotes[j].article and group_of[i] != group_of[j]
                and _score(profiles[i], profiles[j]) >= NO_SPEAKER_THRESHOLD):
            sets.union(group_of[i], group_of[j])
    joined: dict[int, list[Quote]] = defaultdict(list)
    for k, members in enumerate(linked):
        joined[sets.find(k)] += members
    return list(joined.values())
