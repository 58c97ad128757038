"""Spelling-folded keys of words and names: the forms under which ترامب/ترمب and أمريكي/أميركي meet."""

from __future__ import annotations

from marsad.arabic.normalize import normalize

LONG_VOWELS = "اوي"


def core(word: str) -> str:
    """Return the core form of one word: normalized, without a leading ال, with ج folded into غ."""
    word = normalize(word)
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word.replace("ج", "غ")


def consonants(word: str) -> str:
    """Return a word without its inner long vowels and doubled letters (أمريكي/أميركي, بوتين/بوتن meet)."""
    kept = word[:1] + "".join(c for c in word[1:] if c not in LONG_VOWELS)
    return "".join(c for i, c in enumerate(kept) if i == 0 or c != kept[i - 1])


def skeleton(word: str) -> str:
    """Return the blocking key of a core word: its consonants, sorted (one swap of letters meets too)."""
    return "".join(sorted(consonants(word)))


