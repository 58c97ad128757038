"""Filters over a document's tags: what the tagger takes for a name and a news reader does not.

Back-references, months, weekdays and formulae standing alone (data/ner_not_names.txt, data/months.tsv,
data/weekdays.tsv), and relational adjectives: "السعودية" in "صادرات الخام السعودية" describes the
crude (it follows a definite noun), in "صادرات السعودية" it names the country (it follows an indefinite
one); "النصراوي" before a player's name is no part of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from marsad.arabic import normalize
from marsad.arabic.stem import is_stopword
from marsad.datafiles import content_lines, read_text, rows
from marsad.ner import phrases

NOT_NAMES_FILE = "ner_not_names.txt"


@cache
def not_names() -> frozenset[str]:
    """Return the normalized words never a name alone: the file's, and month and weekday names."""
    words = {normalize(w.strip()) for w in content_lines(read_text(NOT_NAMES_FILE))}
    words |= {normalize(r[-1].strip()) for r in rows("months.tsv") if " " not in r[-1].strip()}
    words |= {normalize(r[-1].strip()) for r in rows("weekdays.tsv")}
    return frozenset(words)


def _describes(words: Sequence[str], tags: Sequence[str], i: int) -> bool:
    """Return True when token i, a bare definite adjective, follows a definite noun or a name it describes."""
    if i == 0 or not phrases.nisba(words[i]):
        return False
    before = words[i - 1]
    if tags[i - 1] != "O":
        return True  # "تالجو الأسبانية"
    return before.startswith("ال") and not is_stopword(before) and not phrases.stops(before)


def apply(words: Sequence[str], tags: Sequence[str]) -> list[str]:
    """Return one sentence's tags (normalized words) with the filtered one-word names and adjectives removed."""
    out = list(tags)
    for i, tag in enumerate(tags):
        if not tag.startswith("B-"):
            continue
        single = i + 1 == len(tags) or not tags[i + 1].startswith("I-")
        if single and (phrases.strip(words[i]) in not_names() or _describes(words, tags, i)):
            out[i] = "O"
        elif tag == "B-PER" and not single and phrases.nisba(words[i]):
            out[i], out[i + 1] = "O", "B-PER"  # "النصراوي عبدالله الشمري": the adjective is outside
    return out
