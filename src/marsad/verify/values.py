"""Comparable values in a claim unit: quantities (a number, its counted noun, the range it allows) and titles.

A quantity is a number written in digits (either script; "1,700" and "26.3" read as such) or in words
(number_words.tsv cardinals, claim_words.tsv "number" rows, "خمسة وعشرين"; a decimal word between two
parts: "ثلاثة وأربعين فاصلة ثمانية"), times a scale word (ألف، مليون) with a smaller tail after و ("375
مليونا و526 ألف"), plus "ونصف"/"وربع", with the noun it counts: the next word (its light stem, a tanween alif
dropped), or "%" for percentages. Its range allows for rounding (half the place of the last written
nonzero digit, at most ROUNDING of the value and at least half a unit) and for the qualifier before it:
about (± ABOUT), over (a lower bound), under (an upper bound). A toll word near it ("توفي"، "وأصيب")
marks it a count of the dead or the injured, the noun then being whatever follows. Numbers inside date
expressions, years, list numbers, ends of ranges and numbers in a run of slashes (dates) are not quantities.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.arabic.stem import stem, term
from marsad.datafiles import rows
from marsad.dating.calendar import calendar_names
from marsad.doc import Doc
from marsad.types import Span
from marsad.verify.words import NUMBER_PREFIXES, bare, load_words

DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
THOUSANDS_RE = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{0,2}(?:\.\d{3}){2,}")  # 1,700 and 665.932.983
# Thousands points with the cents after a last point: "310.000.000.00" (310 million).
CENTS_RE = re.compile(r"([1-9]\d{0,2}(?:\.\d{3}){2,})\.(\d{2})")
# One mark then three digits: a decimal point or a thousands separator, as outlets write either.
AMBIGUOUS_RE = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")
# An approximate number ("نحو ست ساعات") allows 10% either way: "نحو ست ساعات ونصف" and "أكثر من ست
# ساعات" meet, "نحو ست ساعات" and "ثلاث ساعات" do not. Set by reading, not calibrated.
ABOUT = 0.1
# A round number may be rounded: "600" allows 550-650 and "26 مليون" 25.5-26.5 million, but never more
# than 10% of the value ("10" is not 5-15); it may also be truncated, so up to twice that above it.
ROUNDING = 0.1
# Figures of this many digits or more written alike are one figure, a scale word added or not: three
# outlets' "665,932,983 مليون ريال" and a fourth's "665.932.983 ريالا" (read on a whole dev day).
SAME_DIGITS = 4
# Four-digit numbers in this range are years (Gregorian or Hijri), not counts.
YEARS = range(1300, 2101)
# A rise or a fall is said within this many words before the number ("ارتفع المؤشر بواقع 9 نقاط").
DIRECTION_WORDS = 4
# A toll word ("توفي"، "وأصيب") this many words before a number (its qualifier included) makes it a toll.
TOLL_WORDS = 2
TOLLS = ("dead", "injured")
FRACTIONS = {"ونصف": 0.5, "وربع": 0.25}
PERCENT_SIGNS = "%٪"
DEFINITE = ("ال", "لل", "بال", "كال")


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

    alternative: float | None = None  # the other reading of "236.190": 236190 (a point between thousands) or 236.19

    digits: str = ""  # the digits as written, marks left out
    qualifier: str = ""  # "about", "over", "under" or "over-after" when a word qualifies the number
    bare: tuple[float, float] = (0.0, 0.0)  # the range of the number as written, its qualifier left out
    restated: bool = False  # written as the equivalent of another figure ("أي ما يعادل 22.51 مليار دولار")
    toll: str = ""  # "dead" or "injured" when a word around it makes it a count of the dead or the injured

    def meets(self, other: Quantity) -> bool:
        """Return whether the two ranges overlap (the values can both be true), either reading of either value.

        Two numbers under one qualifier are compared as written: "at least 11" and "at least 13", or
        "about 42" and "about 37", in one sentence of two outlets are two different counts, whereas
        "more than six hours" and "about six and a half hours" can both hold. Two numbers written with
        the same groups of three digits in another order ("886,054" and "054886", groups flipped when a
        number passes through right-to-left text) also meet, and so do two long figures written with the
        same digits (SAME_DIGITS or more), whatever scale word follows one of them.
        """
        (low, high), (other_low, other_high) = ((self.bare, other.bare) if self.qualifier == other.qualifier != ""
                                                else ((self.low, self.high), (other.low, other.high)))
        if low <= other_high and other_low <= high:
            return True
        if len(self.digits) >= SAME_DIGITS and self.digits == other.digits:
            return True  # one long figure with a scale word added or left out ("665,932,983 مليون ريال")
        return bool(self.digits and other.digits and self.digits != other.digits
                    and _groups(self.digits) == _groups(other.digits)) or self._either(other)

    def _either(self, other: Quantity) -> bool:
        """Return whether the other reading of either value falls in the other's range."""
        return any(v is not None and lo <= v <= hi for v, (lo, hi) in (
            (self.alternative, (other.low, other.high)), (other.alternative, (self.low, self.high))))


def quantities(doc: Doc, unit: Span) -> list[Quantity]:
    """Return the quantities written in one unit of an article, in order."""
    lex = load_words()
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
        value, place, stop, other = read
        if _not_a_count(doc, i, stop, own.start, value, dated):
            i = stop
            continue
        noun, stop, end = _noun(doc, stop, own.stop)
        if noun and stop < own.stop and words[stop] in FRACTIONS:  # "ست ساعات ونصف"
            value, place, stop, end = value + FRACTIONS[words[stop]], FRACTIONS[words[stop]], stop + 1, ends[stop]
        low, high, first, qualifier = _range(words, i, own.start, value, place)
        toll = _toll(words, max(own.start, first - TOLL_WORDS), first, stop, own.stop)
        noun = noun or toll  # "وأصيب 41 آخرون": a toll counts the injured whatever noun follows
        if noun:
            if (n := lex.starts("over-after", words, stop)) and stop + n <= own.stop:
                high, end, qualifier = math.inf, ends[stop + n - 1], "over-after"  # "27 شخصا على الأقل"
            out.append(Quantity(value, low, high, noun, Span(doc.id, starts[first], end, "value"), i,
                                _direction(words, max(own.start, first - DIRECTION_WORDS), first),
                                other, re.sub(r"\D", "", words[i]), qualifier, _written(value, place),
                                bool(lex.ends("restate", words, first)), toll))
        i = stop
    return out


def _toll(words: list[str], lo: int, first: int, stop: int, end: int) -> str:
    """Return "dead" or "injured" for the nearest toll word in tokens [lo, first), else at token `stop`, else ""."""
    lex = load_words()
    for k in [*range(first - 1, lo - 1, -1), *([stop] if stop < end else [])]:
        if kind := next((kind for kind in TOLLS if lex.starts(kind, words, k)), ""):
            return kind
    return ""


def _groups(digits: str) -> list[str]:
    """Return the sorted groups of three digits of a digit string, cut from its end (886054: 054, 886)."""
    return sorted(digits[max(0, k - 3):k] for k in range(len(digits), 0, -3))


def clock_times(doc: Doc, unit: Span) -> frozenset[str]:
    """Return the times of day written in a unit (numbers next to a clock word: "الساعة 1902 بتوقيت جرينتش")."""
    lex = load_words()
    words = doc.tokens.words
    own = doc.token_range(unit.start, unit.end)
    return frozenset(words[k] for k in own if words[k][:1].isdigit()
                     and (lex.ends("clock", words, k) or lex.starts("clock", words, k + 1)))


def _number(doc: Doc, i: int, stop: int) -> tuple[float, float, int, float | None] | None:
    """Read a number starting at token i: (value, place of its last written digit, token after it, other reading).

    The other reading is that of a mark read the other way ("236.190": 236190 or 236.19; "6ر75": 75.6 or
    6.75), or None; None for the whole when no number starts at token i.
    """
    lex = load_words()
    words = doc.tokens.words
    word = words[i]
    other: float | None = None
    if DIGITS_RE.fullmatch(word):
        read = _digits(doc, i, stop)
        if read is None:
            return None
        value, place, j, other = read
    else:
        before = words[i - 1].removesuffix("ا") if i > 0 else ""  # مليارا
        if i > 0 and (word in lex.scales or word.startswith("و")) and (
                DIGITS_RE.fullmatch(before) or before in lex.scales or before in ordinal_words()
                or _word_number(words, i - 1, i)):
            # a scale word after digits not read ("665.932.983 مليون"), or the tail of a compound number
            # read in part ("مليار وتسعة وخمسين مليون"): no number of its own
            return None
        found = _word_number(words, i, stop)
        if found is None:
            return None
        value, j = found
        place = 1.0
    if j + 1 < stop and lex.starts("decimal", words, j) and (fraction := _fraction(words, j + 1, stop)):
        value, place, j = value + fraction[0], fraction[1], fraction[2]  # "ثلاثة وأربعين فاصلة ثمانية": 43.8
    if j < stop and (scale := lex.scales.get(words[j])):
        value, place, j = value * scale, place * scale, j + 1
        other = other * scale if other is not None else None
        if j + 1 < stop and words[j] == "و" and words[j + 1].isdigit():
            # "33 ألفا و288", "375 مليونا و526 ألف": the part after و, times its own smaller scale
            sub = lex.scales.get(words[j + 2], 1.0) if j + 2 < stop else 1.0
            if float(words[j + 1]) * sub < scale:
                value, place = value + float(words[j + 1]) * sub, _place(words[j + 1]) * sub
                j += 2 if sub == 1.0 else 3
    if j < stop and words[j] in FRACTIONS:
        add = FRACTIONS[words[j]]
        unit = place if place >= 1 else 1.0
        value, place, j = value + add * unit, add * unit, j + 1
    if j < stop and words[j].startswith("و") and (words[j][1:].isdigit() or _word_number(words, j, j + 1)):
        return None  # a compound number this reading stops short of ("مليار وتسعة وخمسين مليون")
    return value, place, j, other


def _digits(doc: Doc, i: int, stop: int) -> tuple[float, float, int, float | None] | None:
    """Read a number written in digits at token i: (value, place of its last digit, token after it, other reading)."""
    words = doc.tokens.words
    word = words[i]
    other: float | None = None
    if cents := CENTS_RE.fullmatch(word):
        word = cents.group(1)
    text = word.replace(",", "").replace(".", "") if THOUSANDS_RE.fullmatch(word) else word.replace(",", ".")
    j = i + 1
    if (after := _reversed_decimal(doc, i, stop)) is not None:
        # "000ر12" is 12,000 (three digits after the mark), "6ر19" is 19.6 (or, read the other way, 6.19)
        other = float(after + word) if len(word) == 3 else float(f"{word}.{after}")
        text, j = f"{after}.{word}", j + (2 if words[j] == "ر" else 1)
    elif "\u200f" in doc.body[doc.tokens.starts[i]:doc.tokens.ends[i]] and text.count(".") == 1:
        whole, fraction = text.split(".")  # "4.10" with a right-to-left mark read as one token: 10.4
        text, other = f"{fraction}.{whole}", float(text)
    elif AMBIGUOUS_RE.fullmatch(word):
        other = float(word.replace(",", ".")) if THOUSANDS_RE.fullmatch(word) else float(word.replace(".", ""))
    try:
        return float(text), _place(text), j, other
    except ValueError:
        return None


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
    if words[i] not in lex.number_heads:
        return None
    for n in (2, 1):
        if i + n > stop:
            continue
        key = " ".join(words[i:i + n])
        found = next((v for form in _forms(key) if (v := lex.numbers.get(form)) is not None), None)
        if found is not None:
            value, j = found, i + n
            if 100 <= value < 1000 and value % 100 == 0 and (part := _and_number(words, j, stop)) and part < 100:
                value, j = value + part, j + 1  # "مائتين وخمسين"
            tens = _and_number(words, j, stop)
            if 20 <= tens < 100 > value % 100 and value % 100 < 10:  # "خمسة وعشرون", "مائتين وخمسة وعشرين"
                value, j = value + tens, j + 1
            return value, j
    return None


def _fraction(words: list[str], j: int, stop: int) -> tuple[float, float, int] | None:
    """Read the part after the decimal word at token j ("ثمانية" of "فاصلة ثمانية"): (fraction, place, next token)."""
    if words[j].isdigit():
        digits, after = words[j], j + 1
    elif (read := _word_number(words, j, stop)) is not None and read[0] == int(read[0]):
        digits, after = str(int(read[0])), read[1]
    else:
        return None
    place = 10.0 ** -len(digits)
    return int(digits) * place, place, after


def _and_number(words: list[str], j: int, stop: int) -> float:
    """Return the value of a number word after و at token j ("وعشرين": 20), else 0."""
    if j >= stop or not words[j].startswith("و"):
        return 0.0
    lex = load_words()
    return next((v for form in _forms(words[j]) if (v := lex.numbers.get(form))), 0.0)


def _forms(word: str) -> tuple[str, ...]:
    """Return a number word as written and without its proclitics and article (وبالخمسة: خمسة)."""
    forms = [word]
    forms += [word[len(cut):] for cut in NUMBER_PREFIXES if word.startswith(cut) and len(word) > len(cut) + 2]
    forms += [f[2:] for f in forms if f.startswith("ال") and len(f) > 4]
    forms += [f[:-1] for f in forms if f.endswith("ا") and len(f) > 4]  # واحدا: واحد
    return tuple(forms)


def _place(text: str) -> float:
    """Return the place value of the last nonzero digit written ("600" → 100, "26.3" → 0.1, "7" → 1)."""
    if "." in text:
        return float(10 ** -len(text.split(".")[1]))
    digits = text.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(10 ** zeros) if digits != "0" else 1.0


@lru_cache(maxsize=1)
def ordinal_words() -> frozenset[str]:
    """Return the first words of the ordinals of number_words.tsv (الرابع of الرابع عشر), normalized."""
    first = {normalize(word).split()[0] for kind, _, word in rows("number_words.tsv") if kind == "ordinal"}
    return frozenset(first | {w + "ه" for w in first})  # الخامس and الخامسة


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
    if i > first and words[i - 1][:1].isdigit() and any(c in body[ends[i - 1]:start] for c in "-–"):
        return True  # the end of a range ("بسرعة 20 – 45 كم/ساعة"): its two ends are not one count
    ordinal_word = i > 0 and words[i - 1] in ordinal_words()
    if body[max(0, start - 3):start].replace("ـ", "").endswith("ال") or ordinal_word:
        return True  # an ordinal: "البطولة الـ13", "الرابع عشر"
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
    sign = after.strip()[:1]
    if sign and sign in PERCENT_SIGNS:
        return "%", j, ends[j - 1] + after.index(sign) + 1
    if j < stop and (n := lex.starts("percent", words, j)):
        return "%", j + n, ends[j + n - 1]
    if j < stop and words[j] == "من" and j + 1 < stop:
        j += 1  # "ست من الفرق"
    if j >= stop or DIGITS_RE.fullmatch(words[j]) or doc.body[ends[j - 1]:starts[j]].strip() \
            or _word_number(words, j, j + 1) or words[j] in lex.scales:
        return "", j, ends[j - 1]  # nothing counted: a mark ("(15) خمسة عشر") or a number word follows
    word = bare(words[j])
    if word.startswith(DEFINITE) or not term(word) or lex.starts("vague", words, j):
        # A counted noun is an indefinite content word: "13 للكرة", "عشر بعد", "24 آخرين" count nothing.
        return "", j, ends[j - 1]
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


def _written(value: float, place: float) -> tuple[float, float]:
    """Return the range a number written without a qualifier allows: rounded, or truncated ("19" for 19.6)."""
    half = max(0.5, min(place / 2, ROUNDING * value)) if place >= 1 else place / 2
    return value - half, value + 2 * half


def _range(words: list[str], i: int, first: int, value: float, place: float) -> tuple[float, float, int, str]:
    """Return the range a number allows given its qualifier, the qualified number's first token, and the qualifier."""
    lex = load_words()
    low, high = _written(value, place)
    half = (value - low)
    for kind in ("about", "over", "under"):
        n = lex.ends(kind, words, i)
        if n and i - n >= first:
            if kind == "about":
                return value * (1 - ABOUT) - half, value * (1 + ABOUT) + half, i - n, kind
            if kind == "over":
                return low, math.inf, i - n, kind
            return 0.0, high, i - n, kind
    return low, high, i, ""
