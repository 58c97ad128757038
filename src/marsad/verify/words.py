"""The verification word list (data/claim_words.tsv), normalized, and the word keys it is matched on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.datafiles import rows

PROCLITICS = "وف"
NUMBER_PREFIXES = ("و", "ب", "ل", "ف", "وب", "ول", "فب")  # what a number word may carry: وبخمسة، لثلاثة


@dataclass(frozen=True)
class Words:
    """The word lists of claim_words.tsv: phrases (tuples of normalized words) by kind, and number values."""

    phrases: dict[str, dict[str, tuple[tuple[str, ...], ...]]]  # kind → first word → phrases, longest first
    lasts: dict[str, dict[str, tuple[tuple[str, ...], ...]]]  # kind → last word → phrases, longest first
    numbers: dict[str, float]  # number word → value (with the dating tables' cardinals)
    scales: dict[str, float]
    number_heads: frozenset[str]  # the first words of the number words, with the proclitics and article they take

    def starts(self, kind: str, words: Sequence[str], at: int) -> int:
        """Return the length of the longest phrase of `kind` starting at words[at] (0 when none)."""
        if at >= len(words):
            return 0
        first = words[at]
        by_first = self.phrases.get(kind, {})
        # the word as written too: a phrase may begin with و or ف of its own (فاصلة)
        for head in (bare(first), first[1:] if first[:1] in PROCLITICS else None, first):
            for phrase in by_first.get(head or "", ()):
                n = len(phrase)
                if tuple(bare(w) for w in words[at + 1:at + n]) == phrase[1:]:
                    return n
        return 0

    def ends(self, kind: str, words: Sequence[str], at: int) -> int:
        """Return the length of the longest phrase of `kind` ending just before words[at] (0 when none)."""
        if at <= 0:
            return 0
        for phrase in self.lasts.get(kind, {}).get(bare(words[at - 1]), ()):
            n = len(phrase)
            if n <= at and tuple(bare(w) for w in words[at - n:at]) == phrase:
                return n
        return 0


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
    heads = {k.split()[0] for k in numbers}
    heads |= {p + h for h in heads for p in NUMBER_PREFIXES}
    heads |= {p + "ال" + h for h in heads for p in ("", "و", "ب", "ل")}
    heads |= {h + "ا" for h in heads if len(h) > 3}  # the tanween alif values._forms drops: واحدا
    return Words(_index(phrases, 0), _index(phrases, -1), numbers, scales, frozenset(heads))


def _index(phrases: dict[str, set[tuple[str, ...]]], at: int) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """Index each kind's phrases by their first (at=0) or last (at=-1) word, longest first."""
    out: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for kind, found in phrases.items():
        for phrase in sorted(found, key=lambda p: (-len(p), p)):
            out.setdefault(kind, {}).setdefault(phrase[at], []).append(phrase)
    return {k: {w: tuple(v) for w, v in by.items()} for k, by in out.items()}
