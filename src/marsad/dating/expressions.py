"""Temporal expressions in Arabic news text: spans resolved to calendar values against an anchor date.

Families: absolute dates (via marsad.dating.calendar.find_dates), day-month dates without a year (the day in digits
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
The word tables and patterns are in marsad.dating.grammar, the calendar arithmetic in marsad.dating.periods;
marsad.dating.speech anchors a whole article's expressions, inside quotes on the day of the speech.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Literal

from marsad.arabic.normalize import normalize, normalize_with_offsets
from marsad.dating.calendar import GREGORIAN_YEARS, HIJRI_YEARS, add_window, calendar_names, find_dates
from marsad.dating.grammar import Lexicon, load_grammar, load_lexicon, norm_key
from marsad.dating.periods import (
    SHIFTS,
    Period,
    Resolver,
    calendar_date,
    counted,
    day_of_month,
    day_range,
    fixed,
    hijri_day,
    hijri_month,
    hijri_year,
    iso_duration,
    month_period,
    part_of,
    relative_day,
    relative_period,
    weekday_date,
    weekday_warning,
    year_period,
)
from marsad.types import Article, Span, TimeExpression

# Words before/after a time word read for a tense cue. Measured on eval/data/temporal.tsv (value
# accuracy): before = 2/4/6/8/12 words gave 0.975/0.985/0.995/0.995/0.995, so 8 leaves a margin; after =
# 0 words gave 0.985, 1-6 words 0.995 (a time word opening its clause: الاثنين سيجتمع); 3 reaches a verb
# behind a short subject while a complementizer or punctuation still ends the clause first.
_CUE_WORDS_BEFORE = 8
_CUE_WORDS_AFTER = 3
_BOUNDARY_RE = re.compile(r"[.!?\n;:,\"()]")  # on the normalized view, where ، ؛ ؟ « » are folded
_WORD_RE = re.compile(r"\w+")
# Each family's pattern runs only around the words its matches hold (Grammar.keys), from KEY_BEFORE
# characters before such a word to KEY_AFTER after it, carried on to the end of the word there (a pattern
# stopped inside a word reads its first letters as a word: "اب" of "ابو" as a month). On four dev days
# (2015-07-21/24/26/31) a match reached at most 31 characters before the first such word it holds and 27
# after it, a lookahead a few more: twice that. The same matches as scanning whole texts on every
# SaudiNewsNet article and title (62,060 texts), the patterns ~3.5x faster.
KEY_BEFORE = KEY_AFTER = 64
_KEY_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")  # letters and digits apart: "يوليو2015" holds a month and a year
_WORD_END_RE = re.compile(r"\w*")
_PROCLITICS = "وفبكل"
_YEAR = frozenset({"year"})


TimeKind = Literal["date", "duration"]


@dataclass(frozen=True)
class Found:
    """A matched expression before resolution: span in the original text and how to resolve it."""

    start: int
    end: int
    kind: TimeKind
    relative: bool
    resolve: Resolver
    duration: str | None = None
    daily: bool = False  # a day-level expression a daypart word before it may join (مساء أمس)

def _amount(m: re.Match[str], lex: Lexicon) -> tuple[str | None, float | None]:
    """Return (unit, count) of a quantity match; count None when vague or absent."""
    g = m.groupdict()
    unit_word = g.get("u") or g.get("fu") or g.get("du") or g.get("su") or g.get("u2") or g.get("pl")
    if unit_word is None:
        return None, None
    unit, count = lex.units[norm_key(unit_word)]
    number = g.get("n") or g.get("n2")
    amount: float | None
    if number is not None:
        amount = _number(number, lex)
    elif g.get("frac"):
        amount = float(lex.numbers["fraction"][norm_key(g["frac"])])
    elif count == "n":
        amount = None
    else:
        amount = float(count)
    if amount is not None and g.get("add"):
        amount += float(lex.numbers["fraction"][norm_key(g["add"])])
    return unit, amount


def _number(text: str, lex: Lexicon) -> float | None:
    """Read a count written in digits or words (with or without ال); None for a vague count."""
    key = norm_key(text)
    key = key[2:].strip() if key.startswith("ال") else key
    if key.isdigit():
        return float(key)
    value = lex.numbers["cardinal"].get(key)
    return float(value) if value is not None else None


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
        g = load_grammar()
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

    def future(self, start: int, end: int, lex: Lexicon) -> bool:
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


def _has_future(words: Sequence[str], lex: Lexicon) -> bool:
    """Return True when a future phrase or a سـ-prefixed verb occurs among normalized words."""
    for k, word in enumerate(words):
        bare = word[1:] if word[:1] in "وف" and len(word) > 4 else word
        if bare not in lex.not_future and len(bare) >= 4 and bare.startswith(lex.prefixes):
            return True
        if any(_phrase_at(words, k, p) for p in lex.future):
            return True
    return False


def _direction(text: str | None, lex: Lexicon) -> str | None:
    """Return past/future/current for a matched qualifier (feminine/dual/plural endings stripped)."""
    if text is None:
        return None
    key = norm_key(text)
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
        return "gregorian", names.gregorian[norm_key(m.group("gm"))]
    return "hijri", names.hijri[norm_key(m.group("hm"))]


def _year_value(year: int, cal: str | None, in_month: int | None = None) -> Period | None:
    """Return a written year (or a month of it) as a period; Hijri when marked هـ or the month is Hijri."""
    if cal == "ه" or in_month is not None:
        if not HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
            return None
        return hijri_year(year) if in_month is None else hijri_month(year, in_month)
    return year_period(year) if GREGORIAN_YEARS[0] <= year <= GREGORIAN_YEARS[1] else None


def _daymonth(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build a day-month date (with an optional year, qualifier or weekday), or a day of الشهر."""
    day_text = norm_key(m.group("d"))
    day = int(day_text) if day_text.isdigit() else int(lex.numbers["ordinal"][day_text])
    weekday = calendar_names().weekdays[norm_key(m.group("wd"))] if m.group("wd") else None
    start, end = t.span(m)
    future = t.future(m.start("c"), m.end("c"), lex)
    if m.group("cur"):
        direction = _direction(m.group("mdir"), lex) or "current"
        return Found(start, end, "date", True, partial(day_of_month, day, direction), daily=True)
    cal, month = _month_of(m)
    if m.group("y"):
        year = int(m.group("y"))
        if cal == "hijri":
            period = hijri_day(year, month, day)
        else:
            try:
                period = Period(dt.date(year, month, day), dt.date(year, month, day), "day")
            except ValueError:
                period = None
        warning = weekday_warning(period, weekday) if period else "no such date"
        return Found(start, end, "date", False, partial(fixed, period, warning), daily=True)
    return Found(start, end, "date", True,
                  partial(calendar_date, cal, month, day, _direction(m.group("dir"), lex), future, None, weekday),
                  daily=True)


def _month(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build a month-only mention; a bare month name needs شهر, a part, a pair or a preposition before it."""
    cal, month = _month_of(m)
    g = m.groupdict()
    part = lex.words["part"][norm_key(g["part"])] if g["part"] else None
    start, end = t.span(m)
    if g["y"]:
        period = _year_value(int(g["y"]), g["cal"], month if cal == "hijri" else None)
        if period is not None and cal == "gregorian":
            period = month_period(period.start.year, month)
        if period is not None and part is not None:
            period = part_of(period, part)
        return Found(start, end, "date", False, partial(fixed, period, None if period else "no such date"))
    text = norm_key(m.group("c"))
    named = text.startswith(tuple(lex.words["month_word"])) or part or g["gm2"] or g["dir"]
    if not named and t.word_before(m.start("c")) not in lex.words["year_prep"]:
        return None
    future = t.future(m.start("c"), m.end("c"), lex)
    return Found(start, end, "date", True,
                  partial(calendar_date, cal, month, None, _direction(g["dir"], lex), future, part, None))


def _period(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build a relative week/month/year (الأسبوع الماضي، هذا العام، نهاية الشهر)."""
    g = m.groupdict()
    direction = _direction(g["dir"], lex) or ("current" if g["this"] else None)
    part = lex.words["part"][norm_key(g["part"])] if g["part"] else None
    if direction is None and part is None:
        return None
    key = norm_key(g["u"])
    unit = lex.units[key[2:]][0]  # past the ال (or لل after the preposition ل)
    shift = SHIFTS[direction or "current"]
    start, end = t.span(m)
    return Found(start, end, "date", True, partial(relative_period, unit, shift, part))


def _year(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build a year-only mention; a bare 4-digit number needs عام/سنة, a part, م/هـ or a preposition."""
    g = m.groupdict()
    if not (g["yw"] or g["part"] or g["cal"]) and t.word_before(m.start("c")) not in lex.words["year_prep"]:
        return None
    period = _year_value(int(g["y"]), g["cal"])
    if period is None:
        return None
    start, end = t.span(m)
    if g["part"] and period.granularity != "year":
        return Found(start, end, "date", False, partial(fixed, None, "part of a Hijri year is not resolved"))
    if g["part"]:
        period = part_of(period, lex.words["part"][norm_key(g["part"])])
    return Found(start, end, "date", False, partial(fixed, period, None))


def _weekday_found(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build a weekday mention (alone, or with يوم/اليوم/أمس/غدا/الماضي/المقبل)."""
    weekday = calendar_names().weekdays[norm_key(m.group("wd"))]
    offset = int(lex.words["day"][norm_key(m.group("rel"))]) if m.group("rel") else None
    start, end = t.span(m)
    future = t.future(m.start("c"), m.end("c"), lex)
    return Found(start, end, "date", True,
                  partial(weekday_date, weekday, offset, _direction(m.group("dir"), lex), future), daily=True)


def _day_found(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build a relative day (اليوم، أمس، أول أمس، غدا، بعد غد)."""
    start, end = t.span(m)
    return Found(start, end, "date", True, partial(relative_day, int(lex.words["day"][norm_key(m.group("rel"))])),
                  daily=True)


def _counted_found(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build قبل/منذ/بعد + count: a point before or after the anchor."""
    unit, amount = _amount(m, lex)
    if unit is None:
        return None
    sign = 1 if lex.words["operator"][norm_key(m.group("op"))] == "after" else -1
    start, end = t.span(m)
    return Found(start, end, "date", True,
                  partial(counted, unit, amount, sign, bool(m.group("ap")), bool(m.group("of"))))


def _range_found(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
    """Build "the N units past/next" (الأيام الثلاثة الماضية، اليومين الماضيين): a range of days."""
    unit, amount = _amount(m, lex)
    direction = _direction(m.group("dir"), lex)
    if unit is None or direction is None:
        return None
    start, end = t.span(m)
    return Found(start, end, "date", True, partial(day_range, unit, amount, direction))


def _duration_found(t: _Text, m: re.Match[str], lex: Lexicon) -> Found | None:
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
    return Found(start, end, "duration", False, partial(fixed, None, reason), iso_duration(unit, amount))


_Builder = Callable[[_Text, re.Match[str], Lexicon], Found | None]


def _families() -> Iterator[tuple[str, re.Pattern[str], _Builder]]:
    """Yield each family's name, pattern and builder, in priority order for equal spans."""
    g = load_grammar()
    yield "daymonth", g.daymonth, _daymonth
    yield "counted", g.counted, _counted_found
    yield "span_range", g.span_range, _range_found
    yield "month", g.month, _month
    yield "period", g.period, _period
    yield "year", g.year, _year
    yield "weekday", g.weekday, _weekday_found
    yield "day", g.day, _day_found
    yield "duration", g.duration, _duration_found


def _windows(norm: str) -> dict[str, list[tuple[int, int]]]:
    """Return, per family, the stretches of a normalized text around the words its matches hold (see KEY_BEFORE)."""
    keys = load_grammar().keys
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _KEY_TOKEN_RE.finditer(norm):
        word = m.group()
        if word[0].isdigit():
            families = _YEAR if len(word) >= 4 else None
        else:
            families = keys.get(word)
            for cut in (1, 2):  # up to two attached proclitics (وبالأمس)
                if len(word) <= cut or word[cut - 1] not in _PROCLITICS:
                    break
                if more := keys.get(word[cut:]):
                    families = families | more if families else more
        if not families:
            continue
        lo, hi = max(0, m.start() - KEY_BEFORE), min(len(norm), m.end() + KEY_AFTER)
        hi = tail.end() if (tail := _WORD_END_RE.match(norm, hi)) else hi
        for family in families:
            add_window(out.setdefault(family, []), lo, hi)
    return out


def _absolute(t: _Text) -> list[Found]:
    """Return the full dates of marsad.dating.calendar (day, month and year) as found expressions."""
    out = []
    for d in find_dates(t.text, (t.norm, t.offsets)):
        day = dt.date.fromisoformat(d.value)
        period = Period(day, day, "day")
        out.append(Found(d.start, d.end, "date", False, partial(fixed, period, weekday_warning(period, d.weekday)),
                          daily=True))
    return out


def find(text: str) -> list[Found]:
    """Return the non-overlapping expressions of a text: longest first, then earliest, then by family."""
    lex, t = load_lexicon(), _Text(text)
    found = _absolute(t)
    windows = _windows(t.norm)
    for family, pattern, build in _families():
        for m in (m for lo, hi in windows.get(family, ()) for m in pattern.finditer(t.norm, lo, hi)):
            if m.end("c") > m.start("c"):
                item = build(t, m, lex)
                if item is not None:
                    found.append(item)
    ranked = sorted(enumerate(found), key=lambda p: (-(p[1].end - p[1].start), p[1].start, p[0]))
    kept: list[Found] = []
    for _, item in ranked:
        if all(item.end <= k.start or k.end <= item.start for k in kept):
            kept.append(item)
    out: list[Found] = []
    for item in sorted(kept, key=lambda f: f.start):
        start = t.daypart_start(item.start) if item.daily else None
        if start is not None and (not out or out[-1].end <= start):
            out.append(replace(item, start=start))  # a daypart word before it joins the span (مساء أمس)
        else:
            out.append(item)
    return out


def resolve(item: Found, anchor: dt.date | None, article: str = "") -> TimeExpression:
    """Resolve a found expression (of the body of `article`) against an anchor into the public result."""
    result = item.resolve(anchor)
    period = result.period
    return TimeExpression(
        Span(article, item.start, item.end, item.kind),
        period.value() if period else None, period.granularity if period else None,
        anchor.isoformat() if item.relative and anchor is not None else None,
        item.relative, result.reason, item.duration)


def expressions(text: str, anchor: dt.date | None, article: str = "") -> list[TimeExpression]:
    """Return every temporal expression of `text` in order, resolved against `anchor` (None: relative ones unresolved).

    The spans point into `text`, the body of `article` when given.
    """
    return [resolve(item, anchor, article) for item in find(text)]


def published_day(article: Article) -> dt.date | None:
    """Return an article's publication day, or None when absent or not an ISO date."""
    try:
        return dt.date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None


