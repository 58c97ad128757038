"""Claim units: the sentences of an article that state a checkable fact, long ones cut at clause breaks.

A unit is a sentence span of the body (headings are not sentences: clean keeps them apart), or a
piece of a sentence over LONG_WORDS words cut where a new clause is coordinated after a comma or a
semicolon ("، كما ..."، "؛ ..."). Left out: questions, sentences with fewer than MIN_TERMS content stems
(datelines, captions, bylines) and sentences opening with an opinion word of claim_words.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from marsad.arabic import consonants, term
from marsad.doc import Doc, StoryDoc
from marsad.memo import WORDS
from marsad.types import Span
from marsad.verify.words import bare, load_words

# At most this many sentences per article become units: the 99th percentile of sentences per
# SaudiNewsNet article is 60 (as in stories.lineage); the rest of a very long article is background.
MAX_SENTENCES = 60
# A unit needs this many distinct content stems: fewer is a dateline, a caption or a fragment. Same
# bound as a lineage sentence (stories.lineage.SENTENCE_MIN_TERMS).
MIN_TERMS = 5
# Sentences longer than this many words are cut at clause breaks; each piece keeps at least
# MIN_PIECE_WORDS words. SaudiNewsNet's median sentence is about 25 words, and longer ones often chain
# facts with "، كما" or "، فيما". Set with brief.MAX_CHARS on the dev half of the blind reference
# briefs (ROUGE-1 of the brief: 40 words 0.570, 50 0.602, 60 0.611, 80 0.616 with 800 characters),
# keeping whole sentences of up to 60 words, which the annotators chose as they were.
LONG_WORDS = 60
MIN_PIECE_WORDS = 8
# A clause break: a comma or semicolon, then a coordinating opener or a coordinated reporting verb ("، وقالت").
BREAK_RE = re.compile(r"[،,؛;]\s*(?=(?:و|ف)?(?:كما|فيما|بينما|في حين|إلى ذلك|من جهة|من جانب|كذلك|علما)\b)|[؛;]\s*"
                      r"|[،,]\s*(?=و(?:قال|قالت|[أا]ضاف|[أا]ضافت|[أا]شار|[أا]شارت|[أا]وضح|[أا]وضحت|[أا]كد|[أا]كدت|ذكر|ذكرت"
                      r"|[أا]علن|[أا]علنت|تابع|تابعت)\b)")
QUESTION_RE = re.compile(r"[؟?]\s*[»\"”']?\s*$")


@dataclass(frozen=True)
class Unit:
    """One claim unit: its span and its content stems (with numbers), the words it is matched on."""

    span: Span
    terms: frozenset[str]
    position: float  # where it sits in its article: 0 for the first unit, towards 1 for the last


def claim_units(doc: Doc, keys: Sequence[tuple[int, str]] = ()) -> list[Unit]:
    """Return the claim units of one article, in body order, with the story-level `keys` (position, key) inside each."""
    words = load_words()
    spans: list[Span] = []
    for sentence in doc.sentences[:MAX_SENTENCES]:
        text = doc.text(sentence)
        if QUESTION_RE.search(text):
            continue
        for start, end in _pieces(text):
            spans.append(Span(doc.id, sentence.start + start, sentence.start + end, "claim"))
    out = []
    body_words = doc.tokens.words
    for span in spans:
        own = doc.token_range(span.start, span.end)
        norm = body_words[own.start : own.stop]
        if not norm or words.starts("opinion", norm, 0):
            continue
        terms = _terms_of(norm)
        if len(terms) >= MIN_TERMS:
            out.append(Unit(span, terms | keys_in(keys, span), 0.0))
    n = max(len(out) - 1, 1)
    return [Unit(u.span, u.terms, i / n) for i, u in enumerate(out)]


def unit_terms(doc: Doc, span: Span) -> frozenset[str]:
    """Return the content stems (long vowels folded: أمريكي/أميركي meet) and the numbers of a span of an article."""
    own = doc.token_range(span.start, span.end)
    return _terms_of(doc.tokens.words[own.start : own.stop])


def _terms_of(words: Sequence[str]) -> frozenset[str]:
    """Return the matching keys of normalized words (see unit_terms)."""
    return frozenset(t for w in words if (t := _key(w)))


@lru_cache(maxsize=WORDS)
def _key(word: str) -> str:
    """Return the matching key of a normalized word: a number as written, else its stem with long vowels folded."""
    return word if word[:1].isdigit() else consonants(term(bare(word)))


def story_keys(story: StoryDoc) -> dict[str, list[tuple[int, str]]]:
    """Return, per article, the story-level keys of its words, each at its body position.

    Entities ("E:" id: ترامب and ترمب meet), quote groups ("Q:" group: translations of one statement
    meet) and resolved days ("D:" day).
    """
    out: dict[str, list[tuple[int, str]]] = {d.id: [] for d in story.docs}
    for entity in story.entities or ():
        for m in entity.mentions:
            out.setdefault(m.article, []).append((m.start, "E:" + entity.id))
    for q in story.quotes or ():
        out.setdefault(q.quote.span.article, []).append((q.quote.span.start, "Q:" + q.group))
    for doc in story.docs:
        out[doc.id] += [(d.span.start, "D:" + d.value) for d in doc.dates or ()
                        if d.kind == "date" and d.value and d.granularity == "day"]
    return out


def keys_in(keys: Sequence[tuple[int, str]], span: Span) -> frozenset[str]:
    """Return the keys whose position falls inside a span."""
    return frozenset(k for at, k in keys if span.start <= at < span.end)


def _pieces(text: str) -> list[tuple[int, int]]:
    """Return [start, end) of the pieces of one sentence: the whole when short, else cut at clause breaks."""
    if len(text.split()) <= LONG_WORDS:
        return [_trimmed(text, 0, len(text))]
    cuts = [0]
    for m in BREAK_RE.finditer(text):
        if len(text[cuts[-1]:m.start()].split()) >= MIN_PIECE_WORDS and len(text[m.end():].split()) >= MIN_PIECE_WORDS:
            cuts.append(m.end())
    bounds = [*cuts, len(text)]
    return [_trimmed(text, a, b) for a, b in pairwise(bounds)]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Return [start, end) without surrounding spaces and a trailing comma or semicolon."""
    while end > start and text[end - 1] in " \t\n،,؛;":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
