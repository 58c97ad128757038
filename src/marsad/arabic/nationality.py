"""Nationality adjectives (data/nationalities.tsv) and the country each names: "السعودية" → SA."""

from __future__ import annotations

from functools import cache

from marsad.arabic.normalize import normalize
from marsad.datafiles import rows

NATIONALITIES_FILE = "nationalities.tsv"


@cache
def countries() -> dict[str, str]:
    """Return nationality adjective (normalized, no article) → country key."""
    return {normalize(word.strip()): country.strip() for country, word in rows(NATIONALITIES_FILE)}


def country_of(word: str) -> str | None:
    """Return the country a definite nationality adjective names ("السلوفاكي"، "السعودية"), or None."""
    if not word.startswith("ال"):
        return None
    table = countries()
    return table.get(word[2:]) or (table.get(word[2:-1]) if word.endswith("يه") else None)
