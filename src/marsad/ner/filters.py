"""Filters over a document's tags: what the tagger takes for a name and a news reader does not.

Back-references, months, weekdays and formulae standing alone (data/ner_not_names.txt, data/months.tsv,
data/weekdays.tsv), and relational adjectives: "السعودية" in "صادرات الخام السعودية" describes the
crude (it follows a definite noun), in "صادرات السعودية" it names the country (it follows an indefinite
one); "النصراوي" before a player's name is no part of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from marsad.arabic.normalize import normalize
from marsad.datafiles import content_lines, read_text
from marsad.dating.calendar import calendar_names
from marsad.ner import phrases
from marsad.ner.features import Lexicon, key, phrase_key

NOT_NAMES_FILE = "ner_not_names.txt"
DATELINE_TOKENS = 6  # a dateline's city comes within the first tokens of its line: "الرياض - واس:" is 3
DASHES = frozenset("-–—")
ADJECTIVE_ENDINGS = ("ي", "يه")


@cache
def listed_not_names() -> frozenset[str]:
    """Return the normalized words of the not-names file: never a name, alone or opening one."""
    return frozenset(normalize(w.strip()) for w in content_lines(read_text(NOT_NAMES_FILE)))


@cache
def not_names() -> frozenset[str]:
    """Return the normalized words never a name alone: the file's, and month and weekday names."""
    names = calendar_names()
    return listed_not_names() | {w for w in (*names.gregorian, *names.hijri, *names.weekdays) if " " not in w}


def _describes(words: Sequence[str], tags: Sequence[str], i: int) -> bool:
    """Return True when token i, a bare definite adjective, follows a definite noun or a name it describes."""
    if i == 0 or not phrases.nisba(words[i]):
        return False
    before = words[i - 1]
    if tags[i - 1] != "O":
        return True  # "تالجو الأسبانية"
    return before.startswith("ال") and not phrases.stops(before)


def _common(word: str, lexicon: Lexicon) -> bool:
    """Return True for a word common in the tagger's training text outside names, bare or after a preposition."""
    bare = phrases.strip(word)
    return not lexicon.has_word(word) and (lexicon.is_common(key(word)) or lexicon.is_common(key(bare)))


def _person(words: Sequence[str], out: list[str], first: int, lexicon: Lexicon) -> None:
    """Trim what is no part of a person's name from the edges of the mention starting at token `first`.

    Before the name an adjective, a role, a definite word with ل, a common word or a listed not-name, not a
    month (رجب طيب أردوغان): "النصراوي عبدالله الشمري", "العريف أحمد", "للأكراد أردوغان", "فإن كيري".
    After it a common word. An adjective at the end is kept: family names are relational forms (الشمري).
    """
    last = first + 1
    while last < len(out) and out[last] == "I-PER":
        last += 1
    while last - first > 1 and (phrases.nisba(words[first]) or phrases.role(words[first])
                                or words[first].startswith("لل") or _common(words[first], lexicon)
                                or phrases.strip(words[first]) in listed_not_names()):
        out[first], out[first + 1] = "O", "B-PER"
        first += 1
    while last - first > 1 and _common(words[last - 1], lexicon):
        out[last - 1] = "O"
        last -= 1


def _place(words: Sequence[str], tags: Sequence[str], i: int, lexicon: Lexicon) -> bool:
    """Return True when untagged token i is a known place the tagger missed in a telling position.

    Only a word the gazetteer knows as a place and nothing else: after an indefinite noun it is the
    country of a construct ("صادرات السعودية", where after a definite noun it would be an adjective),
    and between a dash and a colon at a sentence's start it is a dateline's city ("سبق- أبها:").
    """
    if i == 0:
        return False
    before = words[i - 1]
    if i < DATELINE_TOKENS and before in DASHES and i + 1 < len(words) and words[i + 1] == ":":
        return _known_place(words[i], lexicon)
    construct = not before.startswith(("ال", "وال", "بال", "لل")) and tags[i - 1] == "O"
    if not construct or not phrases.nisba(words[i]) or phrases.stops(before) or not before.isalpha():
        return False
    return not lexicon.has_word(phrases.strip(before)) and _known_place(words[i], lexicon)  # "لكوريا الشمالية"


def _known_place(word: str, lexicon: Lexicon) -> bool:
    """Return True for a word the gazetteer knows as a place and nothing else."""
    return lexicon.gazetteer_types(phrase_key(word)) == ("LOC",)


def apply(words: Sequence[str], tags: Sequence[str], lexicon: Lexicon, places: bool = True) -> list[str]:
    """Return one sentence's tags (normalized words) with the filtered one-word names and adjectives removed.

    With `places`, known places the tagger missed in a construct or a dateline are tagged too.
    """
    out = list(tags)
    # Only relational forms (…ي، …يه) and words after a dash can be such places: picked out in one pass.
    candidates = [i for i, w in enumerate(words) if i and (w.endswith(ADJECTIVE_ENDINGS) or words[i - 1] in DASHES)
                  ] if places else []
    for i in candidates:
        dateline = words[i - 1] in DASHES and i + 1 < len(tags) and words[i + 1] == ":"  # "سبق- الرياض:"
        if (tags[i] == "O" or (dateline and tags[i] == "B-ORG")) and _place(words, tags, i, lexicon):
            out[i] = "B-LOC"
    for i in [k for k, tag in enumerate(tags) if tag[0] == "B"]:
        tag = tags[i]
        single = i + 1 == len(tags) or not tags[i + 1].startswith("I-")
        if single and (phrases.strip(words[i]) in not_names() or _describes(words, tags, i)):
            out[i] = "O"
        elif tag == "B-PER" and not single:
            _person(words, out, i, lexicon)
    return out
