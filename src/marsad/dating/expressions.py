"""Temporal expressions in Arabic news text: spans resolved to calendar values against an anchor date.

Families: absolute dates (via marsad.dates.find_dates), day-month dates without a year (the day in digits
or as an ordinal before من: الخامس من أيار، الفاتح من جانفي), month-only and year-only mentions, Hijri
months and years, weekdays (alone or with يوم/اليوم/أمس/غد/الماضي/المقبل), relative days (أمس، غد/غدا،
بعد غد، الليلة = tonight, الليلة الماضية = last night), relative weeks/months/years (الأسبوع الماضي،
العام المقبل), parts of months and years (مطلع/منتصف/أواخر), counted relatives (قبل يومين، الأيام الثلاثة
الماضية) and durations (ست ساعات ونصف). A part of the day (daypart words: صباح، مساء، فجر، ليلة...)
written right before a day-level expression (absolute date, day-month, weekday, relative day) joins its
span without changing its value ("مساء أمس الثلاثاء" is that Tuesday); alone it is no date. All words
are data (temporal_words.tsv, time_units.tsv, number_words.tsv, tense_cues.tsv, months.tsv,
weekdays.tsv); matching runs on the arabic.normalize view.

Resolution rules (documented conventions, not facts of the language):
- A bare weekday, day-month or month resolves to the closest such day/period consistent with tense:
  past narrative (the default in news) → the latest one starting on or before the anchor; a future
  cue in its clause (tense_cues.tsv: سـ verbs, سوف، من المقرر، المقبل) → the earliest one ending on or
  after the anchor.
- With الماضي/المنصرم: the latest one wholly before the anchor (so "الأحد الماضي" on a Sunday is a
  week earlier); with المقبل/القادم: the earliest wholly after it; with الحالي/الجاري: the anchor's year.
- A day-month with a weekday and no year (الجمعة 21 أبريل) and no qualifier: among the years around the
  anchor's (±1, where a date's weekday never repeats), the one whose date falls on that weekday; when
  none does, the rules above, with a weekday-mismatch warning.
- اليوم/أمس/غدا + weekday: the anchor (±1); if that day is not the named weekday, the named weekday
  closest to it, with a warning in `reason` (evidence against the anchor).
- Parts: a month splits in thirds (days 1-10, 11-20, 21-end), a year in thirds (Jan-Apr, May-Aug,
  Sep-Dec), following the Arabic أوائل/أواسط/أواخر division of a month in thirds.
- Weeks are ISO weeks (Monday to Sunday). Counted ranges exclude the anchor day: "الأيام الثلاثة
  الماضية" is the three days before it, "المقبلة" the three days after it; hours count whole days.
- قبل/منذ/بعد + count is a point (N units before or after the anchor), at the granularity of the unit:
  a day, the ISO week containing anchor ± 7N days (a start/end range: "قبل ثلاثة أسابيع"), a month, a
  year; a fractional count falls to the next smaller granularity (أسبوع ونصف: a day). Followed by
  من/على ("قبل يومين من الانتخابات") it is relative to an event, not the anchor, and left unresolved.
Inside a quote, article_expressions re-anchors relative expressions to the time of the speech when the
sentence of the reporting verb states a day outside the quote ("قال أمس الأربعاء: «… غدا»").
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from hijridate import Gregorian, Hijri

from marsad.arabic import normalize, normalize_with_offsets, split_sentences
from marsad.datafiles import rows
from marsad.dating.calendar import GREGORIAN_YEARS, HIJRI_YEARS, alternation, calendar_names, find_dates
from marsad.quotes.extract import Quote, quotes
from marsad.types import Article

# How many years/weeks either side of the anchor a bare date may resolve to: one period back or ahead
# is always enough except for 29 February, which needs up to 8 years (1896→1904 skips a leap year).
_SEARCH_YEARS = 8
_SEARCH_WEEKS = 2
# Years either side of the anchor's where a weekday picks the year of a day-month (الجمعة 21 أبريل): a
# date's weekday moves by 1 or 2 each year, so in three consecutive years it never repeats (at most one
# match); wider would let a weekday pull a date up to 6 years away.
_WEEKDAY_YEARS = 1
# Words before/after a time word read for a tense cue. Measured on eval/data/temporal.tsv (value
# accuracy): before = 2/4/6/8/12 words gave 0.975/0.985/0.995/0.995/0.995, so 8 leaves a margin; after =
# 0 words gave 0.985, 1-6 words 0.995 (a time word opening its clause: الاثنين سيجتمع); 3 reaches a verb
# behind a short subject while a complementizer or punctuation still ends the clause first.
# How many sentences a speaker's stated day of speech carries over to their next quotes: a quote's
# verb is typically one or two sentences after the one that dated the statement (the seeds: one).
SPEECH_CARRY_SENTENCES = 3
_TODAY = "اليوم"
_CUE_WORDS_BEFORE = 8
_CUE_WORDS_AFTER = 3
_BOUNDARY_RE = re.compile(r"[.!?\n;:,\"()]")  # on the normalized view, where ، ؛ ؟ « » are folded
_WORD_RE = re.compile(r"\w+")
NO_ANCHOR = "no anchor: relative expression needs a publication date"
_UNIT_ISO = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M", "second": "S"}
# How many of the next smaller unit one unit holds, to write a fraction (عام ونصف = 1 year 6 months).
_SMALLER = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
            "hour": ("minute", 60), "minute": ("second", 60)}


@dataclass(frozen=True)
class TimeExpression:
    """One temporal expression: span [start, end) of the text, its resolved value, or why it has none.

    kind is "date" or "duration"; value is ISO "YYYY-MM-DD", "YYYY-MM", "YYYY" or "start/end" (None when
    unresolved or a duration); granularity is "day", "month", "year" or "range"; anchor is the ISO date
    a relative expression was resolved against; reason says why it is unresolved, or carries a warning;
    duration is ISO 8601 (PT6H30M, P2Y) for durations.
    """

    start: int
    end: int
    text: str
    kind: str
    value: str | None
    granularity: str | None
    anchor: str | None
    relative: bool
    reason: str | None = None
    duration: str | None = None


@dataclass(frozen=True)
class _Period:
    """A resolved calendar period, inclusive at both ends, with its granularity."""

    start: dt.date
    end: dt.date
    granularity: str

    def value(self) -> str:
        """Return the ISO value: a day, a month, a year or a start/end range."""
        if self.granularity == "day":
            return self.start.isoformat()
        if self.granularity == "month":
            return self.start.isoformat()[:7]
        if self.granularity == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class _Result:
    """The outcome of resolving one expression: a period, or None with a reason (or a warning)."""

    period: _Period | None
    reason: str | None = None


_Resolver = Callable[[dt.date | None], _Result]


@dataclass(frozen=True)
class _Found:
    """A matched expression before resolution: span in the original text and how to resolve it."""

    start: int
    end: int
    kind: str
    relative: bool
    resolve: _Resolver
    duration: str | None = None
    daily: bool = False  # a day-level expression a daypart word before it may join (مساء أمس)


@dataclass(frozen=True)
class _Lexicon:
    """The normalized temporal word tables."""

    words: dict[str, dict[str, str]]  # kind → normalized word → value
    units: dict[str, tuple[str, str]]  # normalized unit word → (unit, count "1"|"2"|"n")
    numbers: dict[str, dict[str, str]]  # kind → normalized word → value
    future: frozenset[tuple[str, ...]]
    prefixes: tuple[str, ...]
    not_future: frozenset[str]
    stops: frozenset[str]


@dataclass(frozen=True)
class _Grammar:
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


def _norm_key(text: str) -> str:
    """Return the lookup key of a matched phrase: normalized, spaces collapsed."""
    return " ".join(normalize(text).split())


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load the temporal word tables once."""
    words: dict[str, dict[str, str]] = {}
    for kind, value, word in rows("temporal_words.tsv"):
        words.setdefault(kind, {})[_norm_key(word)] = value
    units = {_norm_key(word): (unit, count) for unit, count, word in rows("time_units.tsv")}
    numbers: dict[str, dict[str, str]] = {}
    for kind, value, word in rows("number_words.tsv"):
        numbers.setdefault(kind, {})[_norm_key(word)] = value
    cues: dict[str, list[str]] = {}
    for kind, word in rows("tense_cues.tsv"):
        cues.setdefault(kind, []).append(_norm_key(word))
    return _Lexicon(
        words, units, numbers,
        future=frozenset(tuple(w.split()) for w in cues.get("future", [])),
        prefixes=tuple(cues.get("prefix", [])),
        not_future=frozenset(cues.get("not_future", [])),
        stops=frozenset(cues.get("stop", [])),
    )


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Compile the family patterns from the word tables (all on the normalized view)."""
    lex, names = _lexicon(), calendar_names()
    w = lex.words

    def alt(*tables: Iterable[str]) -> str:
        """Return a non-capturing alternation of the words of some tables."""
        return "(?:" + alternation([k for t in tables for k in t]) + ")"

    pre = r"(?<!\w)(?:[وف]?(?:[بك]|ل(?!ل))?)"  # attached proclitics, left out of the span
    end = r"(?!\w)"
    definite = "(?:ال|لل)"
    direction = alt(w["direction"]) + r"(?:ه|ين|ان|ات)?"
    gm = alt(names.gregorian)
    month = (rf"(?:(?:{alt(w['month_word'])})\s+)?(?:(?P<gm>{gm})(?:\s*[/(-]\s*(?P<gm2>{gm})\s*\)?)?"
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
    return _Grammar(
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
    )


# --- calendar arithmetic -----------------------------------------------------------------------

def _month_period(year: int, month: int) -> _Period:
    """Return a Gregorian month as a period."""
    return _Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month")


def _year_period(year: int) -> _Period:
    """Return a Gregorian year as a period."""
    return _Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _hijri_start(year: int, month: int) -> dt.date | None:
    """Return the Gregorian date of the first day of a Hijri month, or None outside hijridate's range."""
    try:
        return Hijri(year, month, 1).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _hijri_month(year: int, month: int) -> _Period | None:
    """Return a Hijri month as a Gregorian range."""
    first = _hijri_start(year, month)
    after = _hijri_start(year + month // 12, month % 12 + 1)
    if first is None or after is None:
        return None
    return _Period(first, after - dt.timedelta(days=1), "range")


def _hijri_year(year: int) -> _Period | None:
    """Return a Hijri year as a Gregorian range."""
    first, after = _hijri_start(year, 1), _hijri_start(year + 1, 1)
    if first is None or after is None:
        return None
    return _Period(first, after - dt.timedelta(days=1), "range")


def _hijri_day(year: int, month: int, day: int) -> _Period | None:
    """Return one Hijri day as a Gregorian day; day 30 of a 29-day month is the day after the 29th."""
    first = _hijri_start(year, month)
    return None if first is None or not 1 <= day <= 30 else _Period(first + dt.timedelta(days=day - 1),
                                                                     first + dt.timedelta(days=day - 1), "day")


def _hijri_year_of(date: dt.date) -> int:
    """Return the Hijri year a Gregorian date falls in."""
    return int(Gregorian(date.year, date.month, date.day).to_hijri().year)


def _add_months(date: dt.date, months: int) -> dt.date:
    """Return the date `months` calendar months away, the day clamped to the month's length."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _part(period: _Period, part: str) -> _Period:
    """Return the early/mid/late third of a month or year as a range."""
    if period.granularity == "year":
        year = period.start.year
        bounds = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return _Period(dt.date(year, bounds[0], 1), _month_period(year, bounds[1]).end, "range")
    first = period.start
    start, stop = {"early": (0, 9), "mid": (10, 19), "late": (20, (period.end - first).days)}[part]
    return _Period(first + dt.timedelta(days=start), first + dt.timedelta(days=stop), "range")


def _pick(candidates: Sequence[_Period], anchor: dt.date, mode: str) -> _Period | None:
    """Choose among ascending candidate periods by mode (see _MODES): the first or second one that fits."""
    skip = 1 if mode.endswith("2") else 0
    if mode.startswith("past"):
        fits = [p for p in candidates if p.start <= anchor][::-1]
    elif mode.startswith("strict_past"):
        fits = [p for p in candidates if p.end < anchor][::-1]
    elif mode.startswith("future"):
        fits = [p for p in candidates if p.end >= anchor]
    else:
        fits = [p for p in candidates if p.start > anchor]
    return fits[skip] if len(fits) > skip else None


# Qualifier → selection mode: الماضي wholly before the anchor, المقبل wholly after, "2" the one beyond.
_MODES = {"past": "strict_past", "future": "strict_future", "current": "current",
          "past2": "strict_past2", "future2": "strict_future2"}
_SHIFTS = {"past": -1, "future": 1, "current": 0, "past2": -2, "future2": 2}


def _mode(direction: str | None, future: bool) -> str:
    """Return the selection mode for a qualifier or, without one, the tense (future or past)."""
    if direction is not None:
        return _MODES[direction]
    return "future" if future else "past"


# --- resolvers (module-level so that a found expression can be re-resolved against another anchor) ---

def _fixed(period: _Period | None, reason: str | None, anchor: dt.date | None) -> _Result:
    """Resolve an absolute expression or a duration: the anchor is not used."""
    return _Result(period, reason)


def _calendar_candidates(cal: str, month: int, day: int | None, anchor: dt.date) -> list[tuple[int, _Period]]:
    """Return (year, period) for the given month (or day of it) in the years around the anchor, ascending."""
    out: list[tuple[int, _Period]] = []
    base = _hijri_year_of(anchor) if cal == "hijri" else anchor.year
    for year in range(base - _SEARCH_YEARS, base + _SEARCH_YEARS + 1):
        found: _Period | None
        if cal == "hijri":
            found = _hijri_month(year, month) if day is None else _hijri_day(year, month, day)
        elif day is None:
            found = _month_period(year, month)
        else:
            found = _Period(dt.date(year, month, day), dt.date(year, month, day), "day") if (
                day <= calendar.monthrange(year, month)[1]) else None
        if found is not None:
            out.append((year, found))
    return out


def _calendar(cal: str, month: int, day: int | None, direction: str | None, future: bool, part: str | None,
              weekday: int | None, anchor: dt.date | None) -> _Result:
    """Resolve a month or day-month without a year, by qualifier or tense, optionally a part of it."""
    if anchor is None:
        return _Result(None, NO_ANCHOR)
    candidates = [(y, _part(p, part) if part else p) for y, p in _calendar_candidates(cal, month, day, anchor)]
    base = _hijri_year_of(anchor) if cal == "hijri" else anchor.year
    if weekday is not None and day is not None and direction is None:
        named = [p for y, p in candidates if abs(y - base) <= _WEEKDAY_YEARS and p.start.weekday() == weekday]
        if len(named) == 1:
            return _Result(named[0])
    mode = _mode(direction, future)
    if mode == "current":
        chosen = next((p for y, p in candidates if y == base), None)
    else:
        chosen = _pick([p for _, p in candidates], anchor, mode)
    if chosen is None:
        return _Result(None, "no such date near the anchor")
    return _Result(chosen, _weekday_warning(chosen, weekday))


def _weekday_warning(period: _Period, weekday: int | None) -> str | None:
    """Return a warning when a stated weekday does not match a resolved day."""
    if weekday is None or period.granularity != "day" or period.start.weekday() == weekday:
        return None
    return f"warning: weekday-mismatch: {period.start.isoformat()} is not the stated weekday"


def _weekday(weekday: int, offset: int | None, direction: str | None, future: bool,
             anchor: dt.date | None) -> _Result:
    """Resolve a weekday: with اليوم/أمس/غدا the anchor-relative day, else the closest by qualifier/tense."""
    if anchor is None:
        return _Result(None, NO_ANCHOR)
    if offset is not None:
        base = anchor + dt.timedelta(days=offset)
        delta = (weekday - base.weekday()) % 7
        if delta == 0:
            return _Result(_Period(base, base, "day"))
        # The closest named weekday: back `7 - delta` days or forward `delta` days (ties go back).
        shift = delta if delta < 7 - delta else delta - 7
        day = base + dt.timedelta(days=shift)
        return _Result(_Period(day, day, "day"),
                       f"warning: weekday-mismatch: the anchor-relative day {base.isoformat()} is not the "
                       f"stated weekday; kept {day.isoformat()}")
    first = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7 + 7 * _SEARCH_WEEKS)
    candidates = [_Period(first + dt.timedelta(weeks=k), first + dt.timedelta(weeks=k), "day")
                  for k in range(2 * _SEARCH_WEEKS + 1)]
    mode = _mode(direction, future)
    chosen = _pick(candidates, anchor, "past" if mode == "current" else mode)
    return _Result(chosen)


def _day(offset: int, anchor: dt.date | None) -> _Result:
    """Resolve أمس/اليوم/غدا: the anchor plus a number of days."""
    if anchor is None:
        return _Result(None, NO_ANCHOR)
    day = anchor + dt.timedelta(days=offset)
    return _Result(_Period(day, day, "day"))


def _relative_period(unit: str, shift: int, part: str | None, anchor: dt.date | None) -> _Result:
    """Resolve the week/month/year `shift` periods from the anchor's one, optionally a part of it."""
    if anchor is None:
        return _Result(None, NO_ANCHOR)
    if unit == "week":
        if part is not None:
            return _Result(None, "part of a week is not resolved")
        return _Result(_iso_week(anchor + dt.timedelta(weeks=shift)))
    if unit == "year":
        period = _year_period(anchor.year + shift)
    else:
        first = _add_months(anchor.replace(day=1), shift)
        period = _month_period(first.year, first.month)
    return _Result(_part(period, part) if part else period)


def _iso_week(day: dt.date) -> _Period:
    """Return the ISO week (Monday to Sunday) containing a day, as a range."""
    monday = day - dt.timedelta(days=day.weekday())
    return _Period(monday, monday + dt.timedelta(days=6), "range")


def _shift(anchor: dt.date, unit: str, amount: float) -> _Period:
    """Return the point `amount` units from the anchor at the unit's granularity (hours count days)."""
    if unit == "week" and amount == int(amount):
        return _iso_week(anchor + dt.timedelta(weeks=int(amount)))
    if unit in ("year", "month"):
        months = amount * (12 if unit == "year" else 1)
        if months == int(months):
            date = _add_months(anchor, int(months))
            if unit == "year" and amount == int(amount):
                return _year_period(date.year)
            return _month_period(date.year, date.month)
        date = anchor + dt.timedelta(days=round(months * 30))
        return _Period(date, date, "day")
    days = {"week": 7 * amount, "day": amount}.get(unit, math.trunc(amount / 24) if unit == "hour" else 0)
    date = anchor + dt.timedelta(days=round(days))
    return _Period(date, date, "day")


def _counted(unit: str, amount: float | None, sign: int, approx: bool, of_event: bool,
             anchor: dt.date | None) -> _Result:
    """Resolve قبل/منذ/بعد + count: the point that many units before or after the anchor."""
    if amount is None:
        return _Result(None, "vague count")
    if of_event:
        return _Result(None, "relative to an event, not to the anchor")
    if anchor is None:
        return _Result(None, NO_ANCHOR)
    try:
        return _Result(_shift(anchor, unit, sign * amount), "approximate" if approx else None)
    except (ValueError, OverflowError):  # beyond the calendar Python can write (قبل 2500 سنة)
        return _Result(None, "outside the supported calendar range")


def _range(unit: str, amount: float | None, direction: str, anchor: dt.date | None) -> _Result:
    """Resolve "the N units past/next": the days before (or after) the anchor, the anchor excluded."""
    if amount is None:
        return _Result(None, "vague count")
    if anchor is None:
        return _Result(None, NO_ANCHOR)
    if direction not in ("past", "future"):
        return _Result(None, "a counted range is only past or next")
    sign = 1 if direction == "future" else -1
    if unit in ("hour", "minute", "second"):
        hours = amount if unit == "hour" else 0
        far = anchor + dt.timedelta(days=sign * math.ceil(hours / 24))
        return _Result(_Period(min(anchor, far), max(anchor, far), "range"))
    far = anchor + dt.timedelta(days=round(sign * amount * (7 if unit == "week" else 1))) if unit in (
        "day", "week") else _add_months(anchor, sign * round(amount * (12 if unit == "year" else 1)))
    near = anchor + dt.timedelta(days=sign)
    return _Result(_Period(min(near, far), max(near, far), "range"))


# --- matching -----------------------------------------------------------------------------------

def _amount(m: re.Match[str], lex: _Lexicon) -> tuple[str | None, float | None]:
    """Return (unit, count) of a quantity match; count None when vague or absent."""
    g = m.groupdict()
    unit_word = g.get("u") or g.get("fu") or g.get("du") or g.get("su") or g.get("u2") or g.get("pl")
    if unit_word is None:
        return None, None
    unit, count = lex.units[_norm_key(unit_word)]
    number = g.get("n") or g.get("n2")
    amount: float | None
    if number is not None:
        amount = _number(number, lex)
    elif g.get("frac"):
        amount = float(lex.numbers["fraction"][_norm_key(g["frac"])])
    elif count == "n":
        amount = None
    else:
        amount = float(count)
    if amount is not None and g.get("add"):
        amount += float(lex.numbers["fraction"][_norm_key(g["add"])])
    return unit, amount


def _number(text: str, lex: _Lexicon) -> float | None:
    """Read a count written in digits or words (with or without ال); None for a vague count."""
    key = _norm_key(text)
    key = key[2:].strip() if key.startswith("ال") else key
    if key.isdigit():
        return float(key)
    value = lex.numbers["cardinal"].get(key)
    return float(value) if value is not None else None


def _iso_duration(unit: str, amount: float) -> str:
    """Write a count of a unit as an ISO 8601 duration, a fraction carried into the smaller unit."""
    parts: dict[str, int] = {}
    whole = math.floor(amount)
    if whole:
        parts[unit] = whole
    rest = amount - whole
    if rest and unit in _SMALLER:
        smaller, factor = _SMALLER[unit]
        parts[smaller] = parts.get(smaller, 0) + round(rest * factor)
    date = "".join(f"{parts[u]}{_UNIT_ISO[u]}" for u in ("year", "month", "week", "day") if u in parts)
    time = "".join(f"{parts[u]}{_UNIT_ISO[u]}" for u in ("hour", "minute", "second") if u in parts)
    return "P" + date + ("T" + time if time else "")


class _Text:
    """A text's normalized view, offsets back to the original and helpers for spans and tense."""

    def __init__(self, text: str) -> None:
        """Normalize once and index the clause boundaries."""
        self.text = text
        self.norm, self.offsets = normalize_with_offsets(text)
        self.words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(self.norm)]
        self.word_starts = [s for s, _, _ in self.words]
        self.boundaries = [m.start() for m in _BOUNDARY_RE.finditer(self.norm)]

    def span(self, m: re.Match[str]) -> tuple[int, int]:
        """Map the `c` group of a match to original offsets, keeping trailing marks normalization dropped."""
        start, end = self.offsets[m.start("c")], self.offsets[m.end("c") - 1] + 1
        while end < len(self.text) and not normalize(self.text[end]):
            end += 1
        return start, end

    def daypart_start(self, start: int) -> int | None:
        """Return where a daypart word right before original offset `start` begins (مساء أمس), if any."""
        g = _grammar()
        pos = bisect.bisect_left(self.offsets, start)
        i = bisect.bisect_left(self.word_starts, pos)
        m = g.daypart.search(self.norm, self.word_starts[max(0, i - g.daypart_words)] if i else 0, pos)
        return self.offsets[m.start("c")] if m else None

    def word_before(self, pos: int) -> str | None:
        """Return the normalized word right before normalized position `pos`, unless punctuation parts them."""
        i = bisect.bisect_left(self.word_starts, pos) - 1
        if i < 0 or _BOUNDARY_RE.search(self.norm, self.words[i][1], pos):
            return None
        return self.words[i][2]

    def future(self, start: int, end: int, lex: _Lexicon) -> bool:
        """Return True when the clause of normalized span [start, end) has a future cue (see module doc)."""
        i = bisect.bisect_left(self.boundaries, start)
        left = self.boundaries[i - 1] + 1 if i > 0 else 0
        right = self.boundaries[i] if i < len(self.boundaries) and self.boundaries[i] >= end else len(self.norm)
        lo, hi = bisect.bisect_left(self.word_starts, left), bisect.bisect_left(self.word_starts, start)
        if lo == hi and i > 1:  # the time word stands alone between commas: read the clause before it
            lo = bisect.bisect_left(self.word_starts, self.boundaries[i - 2] + 1)
        before = [w for _, _, w in self.words[max(lo, hi - _CUE_WORDS_BEFORE):hi]]
        stops = [k for k, word in enumerate(before) if word in lex.stops]
        if stops:
            # A cue right before the complementizer governs the clause after it (من المقرر أن، على أن).
            if any(_phrase_at(before, stops[-1] - len(p), p) for p in lex.future):
                return True
            before = before[stops[-1]:]
        after: list[str] = []
        for s, _, word in self.words[bisect.bisect_left(self.word_starts, end):]:
            if s >= right or word in lex.stops or len(after) == _CUE_WORDS_AFTER:
                break
            after.append(word)
        return _has_future(before, lex) or _has_future(after, lex)


def _phrase_at(words: Sequence[str], k: int, phrase: tuple[str, ...]) -> bool:
    """Return True when `phrase` occurs at word k, its first word possibly with a و/ف proclitic."""
    if k < 0 or tuple(words[k + 1:k + len(phrase)]) != phrase[1:] or k >= len(words):
        return False
    return words[k] == phrase[0] or (words[k][:1] in "وف" and words[k][1:] == phrase[0])


def _has_future(words: Sequence[str], lex: _Lexicon) -> bool:
    """Return True when a future phrase or a سـ-prefixed verb occurs among normalized words."""
    for k, word in enumerate(words):
        bare = word[1:] if word[:1] in "وف" and len(word) > 4 else word
        if bare not in lex.not_future and len(bare) >= 4 and bare.startswith(lex.prefixes):
            return True
        if any(_phrase_at(words, k, p) for p in lex.future):
            return True
    return False


def _direction(text: str | None, lex: _Lexicon) -> str | None:
    """Return past/future/current for a matched qualifier (feminine/dual/plural endings stripped)."""
    if text is None:
        return None
    key = _norm_key(text)
    table = lex.words["direction"]
    for ending in ("", "ه", "ين", "ان", "ات"):
        if ending and not key.endswith(ending):
            continue
        stem = key[: len(key) - len(ending)] if ending else key
        if stem in table:
            return table[stem]
    return None


def _month_of(m: re.Match[str]) -> tuple[str, int]:
    """Return (calendar, month number) of a month group."""
    names = calendar_names()
    if m.group("gm"):
        return "gregorian", names.gregorian[_norm_key(m.group("gm"))]
    return "hijri", names.hijri[_norm_key(m.group("hm"))]


def _year_value(year: int, cal: str | None, hijri_month: int | None = None) -> _Period | None:
    """Return a written year (or a month of it) as a period; Hijri when marked هـ or the month is Hijri."""
    if cal == "ه" or hijri_month is not None:
        if not HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
            return None
        return _hijri_year(year) if hijri_month is None else _hijri_month(year, hijri_month)
    return _year_period(year) if GREGORIAN_YEARS[0] <= year <= GREGORIAN_YEARS[1] else None


def _daymonth(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build a day-month date (with an optional year, qualifier or weekday), or a day of الشهر."""
    day_text = _norm_key(m.group("d"))
    day = int(day_text) if day_text.isdigit() else int(lex.numbers["ordinal"][day_text])
    weekday = calendar_names().weekdays[_norm_key(m.group("wd"))] if m.group("wd") else None
    start, end = t.span(m)
    future = t.future(m.start("c"), m.end("c"), lex)
    if m.group("cur"):
        direction = _direction(m.group("mdir"), lex) or "current"
        return _Found(start, end, "date", True, partial(_day_of_month, day, direction), daily=True)
    cal, month = _month_of(m)
    if m.group("y"):
        year = int(m.group("y"))
        if cal == "hijri":
            period = _hijri_day(year, month, day)
        else:
            try:
                period = _Period(dt.date(year, month, day), dt.date(year, month, day), "day")
            except ValueError:
                period = None
        warning = _weekday_warning(period, weekday) if period else "no such date"
        return _Found(start, end, "date", False, partial(_fixed, period, warning), daily=True)
    return _Found(start, end, "date", True,
                  partial(_calendar, cal, month, day, _direction(m.group("dir"), lex), future, None, weekday),
                  daily=True)


def _day_of_month(day: int, direction: str, anchor: dt.date | None) -> _Result:
    """Resolve "day N of the current/last/next month" (18 من الشهر الجاري)."""
    if anchor is None:
        return _Result(None, NO_ANCHOR)
    first = _add_months(anchor.replace(day=1), _SHIFTS[direction])
    if day > calendar.monthrange(first.year, first.month)[1]:
        return _Result(None, "no such date")
    date = first.replace(day=day)
    return _Result(_Period(date, date, "day"))


def _month(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build a month-only mention; a bare month name needs شهر, a part, a pair or a preposition before it."""
    cal, month = _month_of(m)
    g = m.groupdict()
    part = lex.words["part"][_norm_key(g["part"])] if g["part"] else None
    start, end = t.span(m)
    if g["y"]:
        period = _year_value(int(g["y"]), g["cal"], month if cal == "hijri" else None)
        if period is not None and cal == "gregorian":
            period = _month_period(period.start.year, month)
        if period is not None and part is not None:
            period = _part(period, part)
        return _Found(start, end, "date", False, partial(_fixed, period, None if period else "no such date"))
    text = _norm_key(m.group("c"))
    named = text.startswith(tuple(lex.words["month_word"])) or part or g["gm2"] or g["dir"]
    if not named and t.word_before(m.start("c")) not in lex.words["year_prep"]:
        return None
    future = t.future(m.start("c"), m.end("c"), lex)
    return _Found(start, end, "date", True,
                  partial(_calendar, cal, month, None, _direction(g["dir"], lex), future, part, None))


def _period(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build a relative week/month/year (الأسبوع الماضي، هذا العام، نهاية الشهر)."""
    g = m.groupdict()
    direction = _direction(g["dir"], lex) or ("current" if g["this"] else None)
    part = lex.words["part"][_norm_key(g["part"])] if g["part"] else None
    if direction is None and part is None:
        return None
    key = _norm_key(g["u"])
    unit = lex.units[key[2:]][0]  # past the ال (or لل after the preposition ل)
    shift = _SHIFTS[direction or "current"]
    start, end = t.span(m)
    return _Found(start, end, "date", True, partial(_relative_period, unit, shift, part))


def _year(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build a year-only mention; a bare 4-digit number needs عام/سنة, a part, م/هـ or a preposition."""
    g = m.groupdict()
    if not (g["yw"] or g["part"] or g["cal"]) and t.word_before(m.start("c")) not in lex.words["year_prep"]:
        return None
    period = _year_value(int(g["y"]), g["cal"])
    if period is None:
        return None
    start, end = t.span(m)
    if g["part"] and period.granularity != "year":
        return _Found(start, end, "date", False, partial(_fixed, None, "part of a Hijri year is not resolved"))
    if g["part"]:
        period = _part(period, lex.words["part"][_norm_key(g["part"])])
    return _Found(start, end, "date", False, partial(_fixed, period, None))


def _weekday_found(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build a weekday mention (alone, or with يوم/اليوم/أمس/غدا/الماضي/المقبل)."""
    weekday = calendar_names().weekdays[_norm_key(m.group("wd"))]
    offset = int(lex.words["day"][_norm_key(m.group("rel"))]) if m.group("rel") else None
    start, end = t.span(m)
    future = t.future(m.start("c"), m.end("c"), lex)
    return _Found(start, end, "date", True,
                  partial(_weekday, weekday, offset, _direction(m.group("dir"), lex), future), daily=True)


def _day_found(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build a relative day (اليوم، أمس، أول أمس، غدا، بعد غد)."""
    start, end = t.span(m)
    return _Found(start, end, "date", True, partial(_day, int(lex.words["day"][_norm_key(m.group("rel"))])),
                  daily=True)


def _counted_found(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build قبل/منذ/بعد + count: a point before or after the anchor."""
    unit, amount = _amount(m, lex)
    if unit is None:
        return None
    sign = 1 if lex.words["operator"][_norm_key(m.group("op"))] == "after" else -1
    start, end = t.span(m)
    return _Found(start, end, "date", True,
                  partial(_counted, unit, amount, sign, bool(m.group("ap")), bool(m.group("of"))))


def _range_found(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build "the N units past/next" (الأيام الثلاثة الماضية، اليومين الماضيين): a range of days."""
    unit, amount = _amount(m, lex)
    direction = _direction(m.group("dir"), lex)
    if unit is None or direction is None:
        return None
    start, end = t.span(m)
    return _Found(start, end, "date", True, partial(_range, unit, amount, direction))


def _duration_found(t: _Text, m: re.Match[str], lex: _Lexicon) -> _Found | None:
    """Build a duration (ست ساعات ونصف، أكثر من عامين); a bare singular unit needs a hedge or a fraction."""
    g = m.groupdict()
    lone = g["su"] and not (g["ap"] or g["add"] or g["one"])
    if lone and t.word_before(m.start("c")) not in lex.words["duration_prep"]:
        return None
    unit, amount = _amount(m, lex)
    if unit is None or amount is None:
        return None
    start, end = t.span(m)
    reason = "approximate" if g["ap"] else None
    return _Found(start, end, "duration", False, partial(_fixed, None, reason), _iso_duration(unit, amount))


_Builder = Callable[[_Text, re.Match[str], _Lexicon], _Found | None]


def _families() -> Iterator[tuple[re.Pattern[str], _Builder]]:
    """Yield each family's pattern with its builder, in priority order for equal spans."""
    g = _grammar()
    yield g.daymonth, _daymonth
    yield g.counted, _counted_found
    yield g.span_range, _range_found
    yield g.month, _month
    yield g.period, _period
    yield g.year, _year
    yield g.weekday, _weekday_found
    yield g.day, _day_found
    yield g.duration, _duration_found


def _absolute(text: str) -> list[_Found]:
    """Return the full dates of marsad.dates (day, month and year) as found expressions."""
    out = []
    for d in find_dates(text):
        day = dt.date.fromisoformat(d.value)
        period = _Period(day, day, "day")
        out.append(_Found(d.start, d.end, "date", False, partial(_fixed, period, _weekday_warning(period, d.weekday)),
                          daily=True))
    return out


def _find(text: str) -> list[_Found]:
    """Return the non-overlapping expressions of a text: longest first, then earliest, then by family."""
    lex, t = _lexicon(), _Text(text)
    found = _absolute(text)
    for pattern, build in _families():
        for m in pattern.finditer(t.norm):
            if m.end("c") > m.start("c"):
                item = build(t, m, lex)
                if item is not None:
                    found.append(item)
    ranked = sorted(enumerate(found), key=lambda p: (-(p[1].end - p[1].start), p[1].start, p[0]))
    kept: list[_Found] = []
    for _, item in ranked:
        if all(item.end <= k.start or k.end <= item.start for k in kept):
            kept.append(item)
    out: list[_Found] = []
    for item in sorted(kept, key=lambda f: f.start):
        start = t.daypart_start(item.start) if item.daily else None
        if start is not None and (not out or out[-1].end <= start):
            item = replace(item, start=start)
        out.append(item)
    return out


def _resolve(text: str, item: _Found, anchor: dt.date | None) -> TimeExpression:
    """Resolve a found expression against an anchor into the public result."""
    result = item.resolve(anchor)
    period = result.period
    return TimeExpression(
        item.start, item.end, text[item.start:item.end], item.kind,
        period.value() if period else None, period.granularity if period else None,
        anchor.isoformat() if item.relative and anchor is not None else None,
        item.relative, result.reason, item.duration)


def expressions(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Return every temporal expression of `text` in order, resolved against `anchor` (None: relative ones unresolved)."""
    return [_resolve(text, item, anchor) for item in _find(text)]


def published_day(article: Article) -> dt.date | None:
    """Return an article's publication day, or None when absent or not an ISO date."""
    try:
        return dt.date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None


def _speech_day(quote: Quote, outside: Sequence[TimeExpression], sentences: Sequence[tuple[int, int]]) -> dt.date | None:
    """Return the day a quote was spoken when the sentence of its reporting verb states one outside quotes."""
    at = quote.speaker_start if quote.speaker_start is not None else quote.start
    sentence = next(((s, e) for s, e in sentences if s <= at < e), None)
    if sentence is None:
        return None
    days = [x for x in outside if x.granularity == "day" and x.value and sentence[0] <= x.start < sentence[1]]
    if not days:
        return None
    nearest = min(days, key=lambda x: abs(x.start - at))
    return dt.date.fromisoformat(nearest.value or "")


def _sentences(article: Article) -> list[tuple[int, int]]:
    """Return the article's sentence spans (split here when clean did not record them)."""
    spans = article.sentences or tuple(split_sentences(article.body))
    return [(s.start, s.end) for s in spans]


def _speech_days(said: Sequence[Quote], outside: Sequence[TimeExpression],
                 sentences: Sequence[tuple[int, int]]) -> dict[Quote, dt.date | None]:
    """Return the day each quote was spoken: stated in its verb's sentence, else carried over.

    A speaker quoted again without a new day ("وأعلن لافروف أمس الأربعاء أن … . وقال لافروف: «…»")
    keeps the day of their last quote up to SPEECH_CARRY_SENTENCES sentences back.
    """
    starts = [s for s, _ in sentences]
    last: dict[str, tuple[int, dt.date]] = {}  # speaker's last word → (sentence index, day)
    days: dict[Quote, dt.date | None] = {}
    for quote in sorted(said, key=lambda q: q.start):
        at = quote.speaker_start if quote.speaker_start is not None else quote.start
        index = bisect.bisect_right(starts, at) - 1
        who = normalize(quote.speaker_name or "").split()[-1:]
        day = _speech_day(quote, outside, sentences)
        if day is None and who and who[0] in last and index - last[who[0]][0] <= SPEECH_CARRY_SENTENCES:
            day = last[who[0]][1]
        if day is not None and who:
            last[who[0]] = (index, day)
        days[quote] = day
    return days


def article_expressions(article: Article, anchor: dt.date | None = None) -> list[TimeExpression]:
    """Return the expressions of an article body, anchored on `anchor` or its publication date; relative
    expressions inside a quote or indirect speech are anchored on the day of the speech when the text
    gives it (in its verb's sentence, or carried over from the speaker's last quote).

    A bare اليوم in indirect speech stays the article's day: a reporter writes the speaker's "today"
    of yesterday as أمس, so the اليوم they write is their own ("وأكد الكرملين أمس أن المباحثات تجرى
    اليوم": the talks are on the article's day).
    """
    body = article.body
    base = anchor if anchor is not None else published_day(article)
    found = _find(body)
    said = quotes(article) if found else []
    inside = [next((q for q in said if q.start <= f.start < q.end
                    and (q.kind == "direct" or normalize(body[f.start : f.end]) != _TODAY)), None) for f in found]
    resolved = [_resolve(body, f, base) for f in found]
    outside = [x for x, f in zip(resolved, found) if not any(q.start <= f.start < q.end for q in said)]
    days = _speech_days(said, outside, _sentences(article)) if any(q is not None for q in inside) else {}
    for k, (item, quote) in enumerate(zip(found, inside)):
        spoken = days.get(quote) if quote is not None and item.relative else None
        if spoken is not None:
            resolved[k] = _resolve(body, item, spoken)
    return resolved


def expressions_all(articles: Sequence[Article]) -> dict[str, list[TimeExpression]]:
    """Return the temporal expressions of each article, keyed by article id."""
    return {article.id: article_expressions(article) for article in articles}
