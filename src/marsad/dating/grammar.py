"""The temporal word tables (data/temporal_words.tsv and friends) and the patterns compiled from them.

One pattern per family of expression (day-month dates, months, relative periods, years, weekdays,
relative days, counted points, ranges, durations), each with a named group `c` for the span; all
run on the normalized view (marsad.arabic.normalize). Compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.datafiles import rows
from marsad.dating.calendar import MONTH_ALIAS, alternation, calendar_names


@dataclass(frozen=True)
class Lexicon:
    """The normalized temporal word tables."""

    words: dict[str, dict[str, str]]  # kind → normalized word → value
    units: dict[str, tuple[str, str]]  # normalized unit word → (unit, count "1"|"2"|"n")
    numbers: dict[str, dict[str, str]]  # kind → normalized word → value
    future: frozenset[tuple[str, ...]]
    prefixes: tuple[str, ...]
    not_future: frozenset[str]
    stops: frozenset[str]


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns, one per family, each with a named group `c` for the span."""

    daymonth: re.Pattern[str]
    month: re.Pattern[str]
    period: re.Pattern[str]
    year: re.Pattern[str]
    weekday: re.Pattern[str]
    day: re.Pattern[str]
    counted: re.Pattern[str]
    span_range: re.Pattern[str]
    duration: re.Pattern[str]
    daypart: re.Pattern[str]  # a daypart word ending right where a search stops (endpos)
    daypart_words: int  # the most words a daypart phrase has
    keys: dict[str, frozenset[str]]  # a word each match of a family holds (its first word) → those families


def norm_key(text: str) -> str:
    """Return the lookup key of a matched phrase: normalized, spaces collapsed."""
    return " ".join(normalize(text).split())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the temporal word tables once."""
    words: dict[str, dict[str, str]] = {}
    for kind, value, word in rows("temporal_words.tsv"):
        words.setdefault(kind, {})[norm_key(word)] = value
    units = {norm_key(word): (unit, count) for unit, count, word in rows("time_units.tsv")}
    numbers: dict[str, dict[str, str]] = {}
    for kind, value, word in rows("number_words.tsv"):
        numbers.setdefault(kind, {})[norm_key(word)] = value
    cues: dict[str, list[str]] = {}
    for kind, word in rows("tense_cues.tsv"):
        cues.setdefault(kind, []).append(norm_key(word))
    return Lexicon(
        words, units, numbers,
        future=frozenset(tuple(w.split()) for w in cues.get("future", [])),
        prefixes=tuple(cues.get("prefix", [])),
        not_future=frozenset(cues.get("not_future", [])),
        stops=frozenset(cues.get("stop", [])),
    )


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """Compile the family patterns from the word tables (all on the normalized view)."""
    lex, names = load_lexicon(), calendar_names()
    w = lex.words

    def alt(*tables: Iterable[str]) -> str:
        """Return a non-capturing alternation of the words of some tables."""
        return "(?:" + alternation([k for t in tables for k in t]) + ")"

    pre = r"(?<!\w)(?:[وف]?(?:[بك]|ل(?!ل))?)"  # attached proclitics, left out of the span
    end = r"(?!\w)"
    definite = "(?:ال|لل)"
    direction = alt(w["direction"]) + r"(?:ه|ين|ان|ات)?"
    gm = alt(names.gregorian)
    month = (rf"(?:(?:{alt(w['month_word'])})\s+)?(?:(?P<gm>{gm})(?:{MONTH_ALIAS}(?P<gm2>{gm})\s*\)?)?"
             rf"|(?P<hm>{alt(names.hijri)}))")
    year = rf"(?:\s*,?\s*(?:من\s+)?(?:{alt(w['year_word'])}\s+)?(?P<y>\d{{4}})(?!\d)(?:\s*(?P<cal>[مه])(?!\w))?)"
    weekday = rf"(?P<wd>{alt(names.weekdays)})"
    day_word = alt(w["day_word"])
    part = rf"(?:(?P<part>{alt(w['part'])})\s+)?"
    singular = {k for k, (_, c) in lex.units.items() if c == "1"}
    dual = {k for k, (_, c) in lex.units.items() if c == "2"}
    plural = {k for k, (_, c) in lex.units.items() if c == "n"}
    periods = {k for k in singular if lex.units[k][0] in ("week", "month", "year")}
    # Digits not part of a decimal or a longer number (2.7 ثانية is not 7 seconds).
    number = rf"(?:(?<![\d.,])\d{{1,4}}(?![\d.,]\d)|{alt(lex.numbers['cardinal'], lex.numbers['vague'])})"
    frac = alt(lex.numbers["fraction"])
    acc = "ا?"  # accusative alef (يوماً)
    add = rf"(?:\s+و(?P<add>{frac}){acc})?"
    quantity = (rf"(?:(?P<n>{number})\s+(?P<u>{alt(singular, plural)}){acc}"
                rf"|(?P<frac>{frac})\s+(?P<fu>{alt(singular)}){acc}"
                rf"|(?P<du>{alt(dual)})"
                rf"|(?P<su>{alt(singular)}){acc}(?!\s*\d)(?:\s+(?P<one>واحده?))?){add}")
    approx = rf"(?:(?P<ap>{alt(w['approx'])})\s+)?"
    ordinal = rf"{alt(lex.numbers['ordinal'])}(?=\s+من\s)"
    months = {k.split()[0] for k in names.gregorian} | {k.split()[0] for k in names.hijri}
    units = {k.split()[0] for k in lex.units}
    directions = {k.split()[0] for k in w["direction"]}
    required = {  # the word every match of a family holds, as it is written (the year family's is its digits)
        "daymonth": months | {"الشهر"}, "month": months,
        "period": {d + u.split()[0] for d in ("ال", "لل") for u in periods},
        "weekday": set(names.weekdays), "day": {k.split()[0] for k in w["day"]},
        "counted": {k.split()[0] for k in w["operator"]},
        "span_range": directions | {d + e for d in directions for e in ("ه", "ين", "ان", "ات")},
        "duration": units | {u + "ا" for u in units},  # with the accusative alef (يوماً)
    }
    keys: dict[str, set[str]] = {}
    for family, words in required.items():
        for word in words:
            keys.setdefault(word, set()).add(family)
    return Grammar(
        daymonth=re.compile(
            rf"{pre}(?P<c>(?:{day_word}\s+)?(?:{weekday}\s*,?\s*)?(?:{day_word}\s+)?"
            rf"(?P<d>\d{{1,2}}(?!\d)|{ordinal})\s+(?:من\s+)?(?:{month}(?:{year}|\s+(?P<dir>{direction}))?"
            rf"|(?:هذا\s+)?(?P<cur>الشهر)(?:\s+(?P<mdir>{direction}))?)){end}"),
        month=re.compile(rf"{pre}(?P<c>{part}{month}(?:{year}|\s+(?P<dir>{direction}))?){end}"),
        period=re.compile(
            rf"{pre}(?P<c>{part}(?:(?P<this>{alt(w['this'])})\s+)?(?P<u>{definite}{alt(periods)})"
            rf"(?:\s+(?P<dir>{direction}))?){end}"),
        year=re.compile(rf"{pre}(?P<c>{part}(?:(?P<yw>{alt(w['year_word'])})\s+)?(?P<y>\d{{4}})(?!\d)"
                        rf"(?:\s*(?P<cal>[مه])(?!\w))?){end}"),
        weekday=re.compile(
            rf"{pre}(?P<c>(?:(?P<rel>{alt(w['day'])})(?:\s+|\s*(?P<paren>\()\s*)|{day_word}\s+)?{weekday}"
            rf"(?(paren)\s*\)|(?:\s+(?P<dir>{direction}))?{end}))"),
        day=re.compile(rf"{pre}(?P<c>(?:{day_word}\s+)?(?P<rel>{alt(w['day'])})){end}"
                       rf"(?!\s+{alt(w['not_today'])}{end})"),
        counted=re.compile(
            rf"{pre}(?P<c>(?P<op>{alt(w['operator'])})\s+{approx}(?:{quantity}|(?P<pl>{alt(plural)})))"
            rf"{end}(?P<of>\s+(?:من|على){end})?"),
        span_range=re.compile(
            rf"{pre}(?P<c>(?:{definite}(?P<u>{alt(plural)})\s+(?P<n>{definite}\s*(?:\d{{1,3}}|{number}))"
            rf"|(?P<n2>{definite}\s*(?:\d{{1,3}}|{number}))\s+(?P<u2>{alt(singular, plural)})"
            rf"|{definite}(?P<du>{alt(dual)})|{definite}(?P<pl>{alt(plural)}))\s+(?P<dir>{direction})){end}"),
        duration=re.compile(rf"{pre}(?P<c>{approx}{quantity}){end}"),
        daypart=re.compile(rf"{pre}(?P<c>{alt(w['daypart'])})\s+\Z"),
        daypart_words=max(len(k.split()) for k in w["daypart"]),
        keys={word: frozenset(families) for word, families in keys.items()},
    )


