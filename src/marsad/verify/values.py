"""Comparable values in a claim unit: quantities (a number, its counted noun, the range it allows) and titles.

A quantity is a number written in digits (either script; "1,700" and "26.3" read as such) or in words
(number_words.tsv cardinals, claim_words.tsv "number" rows, "خمسة وعشرين"), times a scale word (ألف،
مليون), plus "ونصف"/"وربع", with the noun it counts: the next word (its light stem, a tanween alif
dropped), or "%" for percentages. Its range allows for rounding (half the place of the last written
nonzero digit, at most ROUNDING of the value and at least half a unit) and for the qualifier before it:
about (± ABOUT), over (a lower bound), under (an upper bound). Numbers inside date expressions, years,
list numbers and numbers in a run of slashes (dates) are not quantities.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic import stem
from marsad.dating.calendar import calendar_names
from marsad.doc import Doc
from marsad.types import Span
from marsad.verify.words import bare, load_words

DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
# An approximate number ("نحو ست ساعات") allows 10% either way: "نحو ست ساعات ونصف" and "أكثر من ست
# ساعات" meet, "نحو ست ساعات" and "ثلاث ساعات" do not. Set by reading, not calibrated.
ABOUT = 0.1
# A round number may be rounded: "600" allows 550-650 and "26 مليون" 25.5-26.5 million, but never more
# than 10% of the value ("10" is not 5-15); it may also be truncated, so up to twice that above it.
ROUNDING = 0.1
# Four-digit numbers in this range are years (Gregorian or Hijri), not counts.
YEARS = range(1300, 2101)
# A rise or a fall is said within this many words before the number ("ارتفع المؤشر بواقع 9 نقاط").
DIRECTION_WORDS = 4
NUMBER_PREFIXES = "وبلف"
FRACTIONS = {"ونصف": 0.5, "وربع": 0.25}
PERCENT_SIGNS = "%٪"


@dataclass(frozen=True)
class Quantity:
    """A number in a unit: its value, the range it allows, the noun it counts and where it is written."""

    value: float
    low: float
    high: float
    noun: str
    span: Span  # label "value": the number, its qualifier, scale and noun
    first: int  # token index of the number (the qualifier and scale excluded)
    direction: str = ""  # "up" or "down" when a word before it says it is a rise or a fall

    def meets(self, other: Quantity) -> bool:
        """Return whether the two ranges overlap (the values can both be true)."""
        return self.low <= other.high and other.low <= self.high


def quantities(doc: Doc, unit: Span) -> list[Quantity]:
    """Return the quantities written in one unit of an article, in order."""
    starts, ends, words = doc.tokens
    own = doc.token_range(unit.start, unit.end)
    dated = [(d.span.start, d.span.end) for d in doc.dates or ()
             if d.kind == "date" and d.span.start < unit.end and d.span.end > unit.start]
    out = []
    i = own.start
    while i < own.stop:
        read = _number(doc, i, own.stop)
        if read is None:
            i += 1
            continue
        value, place, stop = read
        if _not_a_count(doc, i, stop, own.start, value, dated):
            i = stop
            continue
        noun, stop, end = _noun(doc, stop, own.stop)
        if noun and stop < own.stop and words[stop] in FRACTIONS:  # "ست ساعات ونصف"
            value, place, stop, end = value + FRACTIONS[words[stop]], FRACTIONS[words[stop]], stop + 1, ends[stop]
        if noun:
            low, high, first = _range(words, i, own.start, value, place)
            out.append(Quantity(value, low, high, noun, Span(doc.id, starts[first], end, "value"), i,
                                _direction(words, max(own.start, first - DIRECTION_WORDS), first)))
        i = stop
    return out


def clock_times(doc: Doc, unit: Span) -> frozenset[str]:
    """Return the times of day written in a unit (numbers next to a clock word: "الساعة 1902 بتوقيت جرينتش")."""
    lex = load_words()
    words = doc.tokens.words
    own = doc.token_range(unit.start, unit.end)
    return frozenset(words[k] for k in own if words[k][:1].isdigit()
                     and (lex.ends("clock", words, k) or lex.starts("clock", words, k + 1)))


def _number(doc: Doc, i: int, stop: int) -> tuple[float, float, int] | None:
    """Read a number starting at token i: (value, place of its last written digit, token after it), or None."""
    lex = load_words()
    words = doc.tokens.words
    word = words[i]
    if DIGITS_RE.fullmatch(word):
        text = word.replace(",", "") if THOUSANDS_RE.fullmatch(word) else word.replace(",", ".")
        j = i + 1
        if (after := _reversed_decimal(doc, i, stop)) is not None:
            text, j = f"{after}.{word}", j + (2 if words[j] == "ر" else 1)
        elif "\u200f" in doc.body[doc.tokens.starts[i]:doc.tokens.ends[i]] and text.count(".") == 1:
            whole, fraction = text.split(".")  # "4.10" with a right-to-left mark read as one token: 10.4
            text = f"{fraction}.{whole}"
        try:
            value = float(text)
        except ValueError:
            return None
        place = _place(text)
    else:
        found = _word_number(words, i, stop)
        if found is None:
            return None
        value, j = found
        place = 1.0
    if j < stop and (scale := lex.scales.get(words[j])):
        value, place, j = value * scale, place * scale, j + 1
    if j < stop and words[j] in FRACTIONS:
        add = FRACTIONS[words[j]]
        unit = place if place >= 1 else 1.0
        value, place, j = value + add * unit, add * unit, j + 1
    return value, place, j


def _reversed_decimal(doc: Doc, i: int, stop: int) -> str | None:
    """Return the integer part of a decimal written in reverse after token i ("6ر19" is 19.6), or None.

    Agency wires write decimals right to left with ر as the mark, and a right-to-left mark (U+200F)
    around the point flips a decimal copied from a left-to-right text.
    """
    starts, ends, words = doc.tokens
    k = i + 1
    if k < stop and words[k] == "ر" and starts[k] == ends[i]:
        k += 1
        between = "ر"
    else:
        between = doc.body[ends[i]:starts[k]] if k < stop else ""
    if k >= stop or not words[k].isdigit() or starts[k] - ends[i] > 2:
        return None
    if (between == "ر" and starts[k] == ends[k - 1]) or between in (".\u200f", "\u200f.", ",\u200f", "\u200f,"):
        return words[k]
    return None


def _word_number(words: list[str], i: int, stop: int) -> tuple[float, int] | None:
    """Read a number written in words at token i ("خمسه وعشرين", "ثلاثه عشر"): (value, next token), or None."""
    lex = load_words()
    numbers, word = lex.numbers, words[i]
    if word not in lex.number_heads and word[1:] not in lex.number_heads and word[2:] not in lex.number_heads:
        return None
    for n in (2, 1):
        if i + n > stop:
            continue
        key = " ".join(words[i:i + n])
        found = numbers.get(key)
        if found is None and key[0] in NUMBER_PREFIXES and len(key) > 3:
            found = numbers.get(key[1:])
        if found is None and key[:2] in ("وب", "ول", "فب") and len(key) > 4:
            found = numbers.get(key[2:])
        if found is not None:
            value, j = found, i + n
            tens = numbers.get(words[j][1:], 0.0) if j < stop and words[j].startswith("و") else 0.0
            if 20 <= tens < 100 > value:  # "خمسة وعشرون"
                value, j = value + tens, j + 1
            return value, j
    return None


def _place(text: str) -> float:
    """Return the place value of the last nonzero digit written ("600" → 100, "26.3" → 0.1, "7" → 1)."""
    if "." in text:
        return float(10 ** -len(text.split(".")[1]))
    digits = text.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(10 ** zeros) if digits != "0" else 1.0


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    """Return the normalized Gregorian and Hijri month names."""
    names = calendar_names()
    return frozenset(names.gregorian) | frozenset(names.hijri)


def _not_a_count(doc: Doc, i: int, stop: int, first: int, value: float, dated: list[tuple[int, int]]) -> bool:
    """Return whether the number at tokens [i, stop) is a year, part of a date or a list number, not a count."""
    starts, ends, words = doc.tokens
    start, end = starts[i], ends[stop - 1]
    if any(a <= start < b for a, b in dated):
        return True
    if value in YEARS and stop == i + 1 and words[i].isdigit():
        return True
    body = doc.body
    around = body[max(0, start - 1):start] + body[end:end + 1]
    if any(c in around for c in "/:×xX*") or ("-" in body[end:end + 2] and i == first):
        return True
    lex = load_words()
    if lex.ends("clock", words, i) or lex.starts("clock", words, stop):
        return True
    if stop < len(words) and {words[stop], bare(words[stop]), " ".join(words[stop:stop + 2])} & _months():
        return True  # a day of the month ("12 مارس"), also when the date stage did not run
    return i == first and body[end:end + 3].strip()[:1] in (")", ".", "–", "-", "ـ")


def _noun(doc: Doc, j: int, stop: int) -> tuple[str, int, int]:
    """Return the noun a number (ending at token j - 1) counts, the token after it and where its words end.

    The noun is its key (a light stem), "%" for a percentage, "" when nothing is counted.
    """
    lex = load_words()
    starts, ends, words = doc.tokens
    after = doc.body[ends[j - 1]:ends[j - 1] + 2]
    if after.strip()[:1] in PERCENT_SIGNS:
        return "%", j, ends[j - 1] + after.index(after.strip()[0]) + 1
    if j < stop and (n := lex.starts("percent", words, j)):
        return "%", j + n, ends[j + n - 1]
    if j < stop and words[j] == "من" and j + 1 < stop:
        j += 1  # "ست من الفرق"
    if j >= stop or DIGITS_RE.fullmatch(words[j]) or starts[j] - ends[j - 1] > 2:
        return "", j, ends[j - 1]  # nothing counted, or a mark between the number and the next word
    word = bare(words[j])
    if len(word) > 3 and word.endswith("ا"):
        word = word[:-1]
    return stem(word), j + 1, ends[j]


def _direction(words: list[str], lo: int, hi: int) -> str:
    """Return "up" or "down" when the nearest direction word in tokens [lo, hi) says so, else ""."""
    lex = load_words()
    for k in range(hi - 1, lo - 1, -1):
        for kind in ("up", "down"):
            if lex.starts(kind, words, k):
                return kind
    return ""


def _range(words: list[str], i: int, first: int, value: float, place: float) -> tuple[float, float, int]:
    """Return the range a number allows given its qualifier, and the first token of the qualified number."""
    lex = load_words()
    half = max(0.5, min(place / 2, ROUNDING * value)) if place >= 1 else place / 2
    low, high = value - half, value + 2 * half  # a written number may also be truncated: "19" for 19.6
    for kind in ("about", "over", "under"):
        n = lex.ends(kind, words, i)
        if n and i - n >= first:
            if kind == "about":
                return value * (1 - ABOUT) - half, value * (1 + ABOUT) + half, i - n
            if kind == "over":
                return low, math.inf, i - n
            return 0.0, high, i - n
    return low, high, i
