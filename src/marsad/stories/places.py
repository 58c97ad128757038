"""Places named in an article's opening, and whether two openings' places can be one event's.

Reads data/places.tsv (places and what they lie in, by hand). Two openings agree on place when a
place of one is, or lies in, or contains a place of the other ("جدة" and "منطقة مكة المكرمة"), and
disagree when both name places and none of them does ("حريق في تبوك" / "حريق في مكة"): two fires of
one kind in two cities are two events, whatever their shared words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np
import scipy.sparse as sp

from marsad.arabic import TOKEN_RE, normalize
from marsad.datafiles import rows

PLACES_FILE = "places.tsv"
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")


@cache
def table() -> tuple[dict[tuple[str, ...], int], tuple[tuple[int, ...], ...], int]:
    """Return name words → place number, each place's number with its ancestors', and the longest name in words."""
    parent: dict[str, str] = {}
    names: dict[tuple[str, ...], str] = {}
    for key, up, spelled in rows(PLACES_FILE):
        parent[key] = up
        for name in spelled.split("،"):
            names[tuple(normalize(name).split())] = key
    number = {key: n for n, key in enumerate(parent)}

    def line(key: str) -> tuple[int, ...]:
        """Return a place's number and its ancestors' numbers."""
        up = parent[key]
        return (number[key], *(line(up) if up in parent else ()))

    return ({words: number[key] for words, key in names.items()}, tuple(line(key) for key in parent),
            max(map(len, names)))


def _forms(word: str) -> Iterable[str]:
    """Yield a word and the word without a leading conjunction and preposition ("وبالرياض" → "الرياض")."""
    yield word
    if word[:1] in CONJUNCTIONS and len(word) > 3:
        word = word[1:]
        yield word
    if word.startswith("لل") and len(word) > 4:
        yield "ا" + word[1:]
    elif word[:1] in PREPOSITIONS and len(word) > 3:
        yield word[1:]


def named(text: str) -> frozenset[int]:
    """Return the numbers of the places named in a text, each name read at its longest."""
    names, _, longest = table()
    words = TOKEN_RE.findall(normalize(text))
    found: set[int] = set()
    i = 0
    while i < len(words):
        step = 1
        for size in range(min(longest, len(words) - i), 0, -1):
            rest = tuple(words[i + 1 : i + size])
            hit = next((names[key] for form in _forms(words[i]) if (key := (form, *rest)) in names), None)
            if hit is not None:
                found.add(hit)
                step = size
                break
        i += step
    return frozenset(found)


def matrices(places: Sequence[frozenset[int]]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Return the articles × places incidence of the places named, and of every place compatible with them.

    A place is compatible with an article when it is one of the article's places, lies in one, or
    holds one.
    """
    _, lines, _ = table()
    shape = (len(places), len(lines))
    below: dict[int, set[int]] = {}
    for line in lines:
        for up in line:
            below.setdefault(up, set()).add(line[0])
    named = [(r, p) for r, found in enumerate(places) for p in found]
    reach = sorted({(r, q) for r, p in named for q in (*lines[p], *below[p])})
    return _incidence(named, shape), _incidence(reach, shape)


def factors(named: sp.csr_matrix, reach: sp.csr_matrix, apart: float) -> np.ndarray:
    """Return the place multiplier of every pair of rows: `apart` when both name places and none is compatible."""
    counts = named.getnnz(axis=1) > 0
    shared = (named @ reach.T).toarray() > 0
    return np.where(counts[:, np.newaxis] & counts[np.newaxis, :] & ~shared, apart, 1.0)


def pair_factors(named: sp.csr_matrix, reach: sp.csr_matrix, left: np.ndarray, right: np.ndarray,
                 apart: float) -> np.ndarray:
    """Return the place multiplier of the row pairs (left[k], right[k]), as `factors` gives it."""
    counts = named.getnnz(axis=1) > 0
    shared = named[left].multiply(reach[right]).getnnz(axis=1) > 0
    return np.where(counts[left] & counts[right] & ~shared, apart, 1.0)


def _incidence(cells: Sequence[tuple[int, int]], shape: tuple[int, int]) -> sp.csr_matrix:
    """Return a 0/1 sparse matrix with ones at `cells`."""
    r = np.array([c[0] for c in cells], dtype=np.int64)
    c = np.array([c[1] for c in cells], dtype=np.int64)
    return sp.csr_matrix((np.ones(len(cells), dtype=np.float32), (r, c)), shape=shape)
