"""The verification word list (data/claim_words.tsv), normalized, and the word keys it is matched on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic import normalize
from marsad.datafiles import rows

PROCLITICS = "وف"


@dataclass(frozen=True)
class Words:
    """The word lists of claim_words.tsv: phrases (tuples of normalized words) by kind, and number values."""

    phrases: dict[str, frozenset[tuple[str, ...]]]
    numbers: dict[str, float]  # number word → value (with the dating tables' cardinals)
    scales: dict[str, float]

    def starts(self, kind: str, words: tuple[str, ...] | list[str], at: int) -> int:
        """Return the length of the longest phrase of `kind` starting at words[at] (0 when none)."""
        best = 0
        for phrase in self.phrases.get(kind, ()):
            n = len(phrase)
            if n > best and tuple(bare(w) for w in words[at:at + n]) == phrase:
                best = n
        return best

    def ends(self, kind: str, words: tuple[str, ...] | list[str], at: int) -> int:
        """Return the length of the longest phrase of `kind` ending just before words[at] (0 when none)."""
        best = 0
        for phrase in self.phrases.get(kind, ()):
            n = len(phrase)
            if best < n <= at and tuple(bare(w) for w in words[at - n:at]) == phrase:
                best = n
        return best


def bare(word: str) -> str:
    """Return a normalized word without a leading و/ف when more than two letters follow it."""
    return word[1:] if len(word) > 3 and word[0] in PROCLITICS else word


@lru_cache(maxsize=1)
def load_words() -> Words:
    """Load claim_words.tsv and the cardinal number words of number_words.tsv."""
    phrases: dict[str, set[tuple[str, ...]]] = {}
    numbers: dict[str, float] = {}
    scales: dict[str, float] = {}
    for kind, value, word in rows("number_words.tsv"):
        if kind == "cardinal":
            numbers[" ".join(normalize(word).split())] = float(value)
    for kind, value, word in rows("claim_words.tsv"):
        key = " ".join(normalize(word).split())
        if kind == "number":
            numbers[key] = float(value)
        elif kind == "scale":
            scales[key] = float(value)
        else:
            phrases.setdefault(kind, set()).add(tuple(key.split()))
    return Words({k: frozenset(v) for k, v in phrases.items()}, numbers, scales)
