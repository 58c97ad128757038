"""Roles stated next to a person's name: "المتحدث باسم الكرملين دميتري بيسكوف", "بيسكوف، المتحدث باسم الكرملين،".

A role is a phrase of data/roles.txt (a leading و/ف allowed) that reaches the name unbroken by
punctuation, or follows it after a comma. It tells two people with one family name apart, and
is listed with the entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from marsad.arabic import STOPWORDS
from marsad.doc import Doc, Tokens
from marsad.entities.names import Lexicon, load_lexicon
from marsad.types import Span

# Words a stated role may span: "المتحدث باسم وزارة الخارجية الروسية" is six, the longest role before
# a name in the seed articles; a longer role after a name is cut there (measured on the seeds and on
# hand-written news sentences). Re-checked on the dev half of the blind quotes set (speaker entities
# across articles, as for names.MIN_FUZZY): 4, 6 and 8 give the same F1 (0.816), so 6 stays.
ROLE_WINDOW = 6
# An apposition after a name runs to the next comma and may be longer: "رئيس قسم أميركا الشمالية في
# وزارة الخارجية الروسية" (eight words) is the longest in the seed articles. 6, 8 and 10 give the same
# speaker-entity F1 on the dev half of the blind quotes set, so 8 stays.
ROLE_AFTER_WINDOW = 8
_GAP_RE = re.compile(r"^\s*$")
_APPOSITION_RE = re.compile(r"^\s*[,،]\s*$")
_CLITICS = "وف"


def stated_role(doc: Doc, mention: Span, lexicon: Lexicon | None = None, floor: int = 0) -> Span | None:
    """Return the role the text states next to a person's mention ("المتحدث باسم الكرملين" before it, or after a comma).

    The role starts at or after `floor` (the end of the previous mention), so it never reaches across
    another name; a name with a conjunction or preposition attached ("ونظيره ... وبوتين") has no role before it.
    """
    lex = lexicon or load_lexicon()
    toks = doc.tokens
    first = bisect_right(toks.starts, mention.start) - 1
    last = bisect_left(toks.starts, mention.end)
    found = None
    if first >= 0 and toks.starts[first] == mention.start:
        lo = bisect_left(toks.starts, floor)
        found = _role_before(doc.body, toks, max(lo, first - ROLE_WINDOW), first, lex)
    found = found or _role_after(doc.body, toks, last, lex)
    return Span(doc.id, *found, "role") if found else None


def _trigger_at(words: Sequence[str], i: int, lex: Lexicon) -> int:
    """Return the length of the longest role phrase starting at word i (a leading و/ف allowed), else 0."""
    best = 0
    first = words[i]
    by_first = _roles_by_first(lex.roles)
    candidates = by_first.get(first, ())
    if first[:1] in _CLITICS:
        candidates = (*candidates, *by_first.get(first[1:], ()))
    for phrase in candidates:
        n = len(phrase)
        if n > best and tuple(words[i + 1 : i + n]) == phrase[1:]:
            best = n
    return best


@lru_cache(maxsize=8)
def _roles_by_first(roles: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return the role phrases indexed by their first word (so each position checks only its candidates)."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in roles:
        out[phrase[0]].append(phrase)
    return {w: tuple(p) for w, p in out.items()}


def _role_before(body: str, toks: Tokens, floor: int, first: int, lex: Lexicon) -> tuple[int, int] | None:
    """Return the role phrase in words floor..first-1, if one reaches word `first` unbroken by punctuation."""
    words = toks.words
    lo = first
    while lo > floor and _GAP_RE.match(body[toks.ends[lo - 1] : toks.starts[lo]]):
        lo -= 1
    start = None
    for i in range(first - 1, lo - 1, -1):
        n = _trigger_at(words, i, lex)
        if n and start is None:
            if any(w in STOPWORDS for w in words[i + n : first]):
                return None  # "التقى الوزير مع ..." : the title belongs to someone else
            start = i
        elif n and start is not None and i + n > start:
            start = i  # a longer phrase covering the one found: "نائب الرئيس" over "الرئيس"
    if start is None:
        return None
    return _role_start(toks.starts[start], words[start], lex), toks.ends[first - 1]


def _role_after(body: str, toks: Tokens, after: int, lex: Lexicon) -> tuple[int, int] | None:
    """Return a role phrase in apposition after a name ("بيسكوف، المتحدث باسم الكرملين،")."""
    starts, ends, words = toks.starts, toks.ends, toks.words
    if after == 0 or after >= len(starts) or not _APPOSITION_RE.match(body[ends[after - 1] : starts[after]]):
        return None
    if not _trigger_at(words, after, lex):
        return None
    end = after
    while (end + 1 < len(starts) and end + 1 - after < ROLE_AFTER_WINDOW
           and _GAP_RE.match(body[ends[end] : starts[end + 1]])):
        end += 1
    while end > after and words[end] in STOPWORDS:
        end -= 1  # a cut phrase must not end on "في" or "من"
    return _role_start(starts[after], words[after], lex), ends[end]


def _role_start(start: int, word: str, lex: Lexicon) -> int:
    """Return where a role starts in the body: past a leading و/ف that is not part of the role word."""
    if any(p[0] == word for p in lex.roles) or word[:1] not in _CLITICS:
        return start
    return start + 1
