"""Places named in an article's opening, and whether two openings' places can be one event's.

Reads data/places.tsv (places and what they lie in, by hand). Two openings agree on place when a
place of one is, or lies in, or contains a place of the other ("جدة" and "منطقة مكة المكرمة"), and
disagree when both name places and none of them does ("حريق في تبوك" / "حريق في مكة"): two fires of
one kind in two cities are two events, whatever their shared words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import scipy.sparse as sp

from marsad.arabic.normalize import TOKEN_RE, normalize
from marsad.datafiles import rows

PLACES_FILE = "places.tsv"
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
NOWHERE: frozenset[int] = frozenset()


@cache
def table() -> tuple[dict[str, list[tuple[tuple[str, ...], int]]], tuple[tuple[int, ...], ...]]:
    """Return the place names by first word, and each place's number with its ancestors'.

    First word (with any clitics) → [(the name's other words, place number)], longest names first.
    """
    parent: dict[str, str] = {}
    names: dict[tuple[str, ...], str] = {}
    for key, up, spelled in rows(PLACES_FILE):
        parent[key] = up
        for name in spelled.split("،"):
            names[tuple(normalize(name).split())] = key
    number = {key: n for n, key in enumerate(parent)}
    starts: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for (first, *rest), key in names.items():
        # "بالرياض", "وللإسكندرية" (و + ل + الإسكندرية, the ل taking the article's alef)
        after_l = first[1:] if first.startswith("ال") else first
        for form in dict.fromkeys((first, *(p + first for p in PREPOSITIONS if p != "ل"), "ل" + after_l)):
            for c in ("", *CONJUNCTIONS):
                starts.setdefault(c + form, []).append((tuple(rest), number[key]))
    for entries in starts.values():
        entries.sort(key=lambda e: -len(e[0]))

    def line(key: str) -> tuple[int, ...]:
        """Return a place's number and its ancestors' numbers."""
        up = parent[key]
        return (number[key], *(line(up) if up in parent else ()))

    return starts, tuple(line(key) for key in parent)


def named(text: str) -> frozenset[int]:
    """Return the numbers of the places named in a text, each name read at its longest."""
    return named_in(normalize(text))


def named_in(normalized: str) -> frozenset[int]:
    """Return the numbers of the places named in a text already normalized (`named` for many texts)."""
    starts, _ = table()
    words = TOKEN_RE.findall(normalized)
    if starts.keys().isdisjoint(words):  # most openings of most corpora: one set operation
        return NOWHERE
    found: set[int] = set()
    skip = 0
    for i, word in enumerate(words):
        if skip:
            skip -= 1
        elif (entries := starts.get(word)) is not None:
            for rest, place in entries:
                if tuple(words[i + 1 : i + 1 + len(rest)]) == rest:
                    found.add(place)
                    skip = len(rest)
                    break
    return frozenset(found)


def matrices(places: Sequence[frozenset[int]]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Return the articles × places incidence of the places named, and of every place compatible with them.

    A place is compatible with an article when it is one of the article's places, lies in one, or
    holds one.
    """
    cells = [(r, p) for r, found in enumerate(places) for p in found]
    incidence = _incidence(cells, (len(places), _compatible().shape[0]))
    return incidence, sp.csr_matrix((incidence @ _compatible()) > 0, dtype=np.float32)


@cache
def _compatible() -> sp.csr_matrix:
    """Return the places × places matrix of compatible places: each with itself, its ancestors and descendants."""
    _, lines = table()
    cells = sorted({cell for line in lines for up in line for cell in ((line[0], up), (up, line[0]))})
    return _incidence(cells, (len(lines), len(lines)))


def factors(places: sp.csr_matrix, reach: sp.csr_matrix, apart: float) -> np.ndarray:
    """Return the place multiplier of every pair of rows: `apart` when both name places and none is compatible."""
    placed = places.getnnz(axis=1) > 0
    shared = (places @ reach.T).toarray() > 0
    return np.where(placed[:, np.newaxis] & placed[np.newaxis, :] & ~shared, apart, 1.0)


def pair_factors(places: sp.csr_matrix, reach: sp.csr_matrix, left: np.ndarray, right: np.ndarray,
                 apart: float) -> np.ndarray:
    """Return the place multiplier of the row pairs (left[k], right[k]), as `factors` gives it."""
    placed = places.getnnz(axis=1) > 0
    out = np.ones(len(left))
    both = np.flatnonzero(placed[left] & placed[right])
    shared = places[left[both]].multiply(reach[right[both]]).getnnz(axis=1) > 0
    out[both[~shared]] = apart
    return out


def _incidence(cells: Sequence[tuple[int, int]], shape: tuple[int, int]) -> sp.csr_matrix:
    """Return a 0/1 sparse matrix with ones at `cells`."""
    r = np.array([c[0] for c in cells], dtype=np.int64)
    c = np.array([c[1] for c in cells], dtype=np.int64)
    return sp.csr_matrix((np.ones(len(cells), dtype=np.float32), (r, c)), shape=shape)
