"""Calendar arithmetic for time expressions: periods (a day, month, year or range) resolved against an anchor.

Each found expression carries a resolver (`Resolver`: anchor day → `Result`) built from these
functions; marsad.dating.expressions documents the conventions they follow (tense, qualifiers,
parts of months and years, ISO weeks, counted points and ranges).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hijridate import Gregorian, Hijri

from marsad.types import Granularity

# How many years/weeks either side of the anchor a bare date may resolve to: one period back or ahead
# is always enough except for 29 February, which needs up to 8 years (1896→1904 skips a leap year).
_SEARCH_YEARS = 8
_SEARCH_WEEKS = 2
# Years either side of the anchor's where a weekday picks the year of a day-month (الجمعة 21 أبريل): a
# date's weekday moves by 1 or 2 each year, so in three consecutive years it never repeats (at most one
# match); wider would let a weekday pull a date up to 6 years away.
_WEEKDAY_YEARS = 1
NO_ANCHOR = "no anchor: relative expression needs a publication date"
_UNIT_ISO = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M", "second": "S"}
# How many of the next smaller unit one unit holds, to write a fraction (عام ونصف = 1 year 6 months).
_SMALLER = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
            "hour": ("minute", 60), "minute": ("second", 60)}


@dataclass(frozen=True)
class Period:
    """A resolved calendar period, inclusive at both ends, with its granularity."""

    start: dt.date
    end: dt.date
    granularity: Granularity

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
class Result:
    """The outcome of resolving one expression: a period, or None with a reason (or a warning)."""

    period: Period | None
    reason: str | None = None
Resolver = Callable[[dt.date | None], Result]


def month_period(year: int, month: int) -> Period:
    """Return a Gregorian month as a period."""
    return Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month")


def year_period(year: int) -> Period:
    """Return a Gregorian year as a period."""
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _hijri_start(year: int, month: int) -> dt.date | None:
    """Return the Gregorian date of the first day of a Hijri month, or None outside hijridate's range."""
    try:
        return Hijri(year, month, 1).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_month(year: int, month: int) -> Period | None:
    """Return a Hijri month as a Gregorian range."""
    first = _hijri_start(year, month)
    after = _hijri_start(year + month // 12, month % 12 + 1)
    if first is None or after is None:
        return None
    return Period(first, after - dt.timedelta(days=1), "range")


def hijri_year(year: int) -> Period | None:
    """Return a Hijri year as a Gregorian range."""
    first, after = _hijri_start(year, 1), _hijri_start(year + 1, 1)
    if first is None or after is None:
        return None
    return Period(first, after - dt.timedelta(days=1), "range")


def hijri_day(year: int, month: int, day: int) -> Period | None:
    """Return one Hijri day as a Gregorian day; day 30 of a 29-day month is the day after the 29th."""
    first = _hijri_start(year, month)
    return None if first is None or not 1 <= day <= 30 else Period(first + dt.timedelta(days=day - 1),
                                                                     first + dt.timedelta(days=day - 1), "day")


def _hijri_year_of(date: dt.date) -> int:
    """Return the Hijri year a Gregorian date falls in."""
    return int(Gregorian(date.year, date.month, date.day).to_hijri().year)


def add_months(date: dt.date, months: int) -> dt.date:
    """Return the date `months` calendar months away, the day clamped to the month's length."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def part_of(period: Period, part: str) -> Period:
    """Return the early/mid/late third of a month or year as a range."""
    if period.granularity == "year":
        year = period.start.year
        bounds = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return Period(dt.date(year, bounds[0], 1), month_period(year, bounds[1]).end, "range")
    first = period.start
    start, stop = {"early": (0, 9), "mid": (10, 19), "late": (20, (period.end - first).days)}[part]
    return Period(first + dt.timedelta(days=start), first + dt.timedelta(days=stop), "range")


def _pick(candidates: Sequence[Period], anchor: dt.date, mode: str) -> Period | None:
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
SHIFTS = {"past": -1, "future": 1, "current": 0, "past2": -2, "future2": 2}


def _mode(direction: str | None, future: bool) -> str:
    """Return the selection mode for a qualifier or, without one, the tense (future or past)."""
    if direction is not None:
        return _MODES[direction]
    return "future" if future else "past"


def fixed(period: Period | None, reason: str | None, _anchor: dt.date | None) -> Result:
    """Resolve an absolute expression or a duration: the anchor is not used."""
    return Result(period, reason)


def _calendar_candidates(cal: str, month: int, day: int | None, anchor: dt.date) -> list[tuple[int, Period]]:
    """Return (year, period) for the given month (or day of it) in the years around the anchor, ascending."""
    out: list[tuple[int, Period]] = []
    base = _hijri_year_of(anchor) if cal == "hijri" else anchor.year
    for year in range(base - _SEARCH_YEARS, base + _SEARCH_YEARS + 1):
        found: Period | None
        if cal == "hijri":
            found = hijri_month(year, month) if day is None else hijri_day(year, month, day)
        elif day is None:
            found = month_period(year, month)
        else:
            found = Period(dt.date(year, month, day), dt.date(year, month, day), "day") if (
                day <= calendar.monthrange(year, month)[1]) else None
        if found is not None:
            out.append((year, found))
    return out


def calendar_date(cal: str, month: int, day: int | None, direction: str | None, future: bool, part: str | None,
              weekday: int | None, anchor: dt.date | None) -> Result:
    """Resolve a month or day-month without a year, by qualifier or tense, optionally a part of it."""
    if anchor is None:
        return Result(None, NO_ANCHOR)
    candidates = [(y, part_of(p, part) if part else p) for y, p in _calendar_candidates(cal, month, day, anchor)]
    base = _hijri_year_of(anchor) if cal == "hijri" else anchor.year
    if weekday is not None and day is not None and direction is None:
        named = [p for y, p in candidates if abs(y - base) <= _WEEKDAY_YEARS and p.start.weekday() == weekday]
        if len(named) == 1:
            return Result(named[0])
    mode = _mode(direction, future)
    if mode == "current":
        chosen = next((p for y, p in candidates if y == base), None)
    else:
        chosen = _pick([p for _, p in candidates], anchor, mode)
    if chosen is None:
        return Result(None, "no such date near the anchor")
    return Result(chosen, weekday_warning(chosen, weekday))


def weekday_warning(period: Period, weekday: int | None) -> str | None:
    """Return a warning when a stated weekday does not match a resolved day."""
    if weekday is None or period.granularity != "day" or period.start.weekday() == weekday:
        return None
    return f"warning: weekday-mismatch: {period.start.isoformat()} is not the stated weekday"


def weekday_date(weekday: int, offset: int | None, direction: str | None, future: bool,
             anchor: dt.date | None) -> Result:
    """Resolve a weekday: with اليوم/أمس/غدا the anchor-relative day, else the closest by qualifier/tense."""
    if anchor is None:
        return Result(None, NO_ANCHOR)
    if offset is not None:
        base = anchor + dt.timedelta(days=offset)
        delta = (weekday - base.weekday()) % 7
        if delta == 0:
            return Result(Period(base, base, "day"))
        # The closest named weekday: back `7 - delta` days or forward `delta` days (ties go back).
        shift = delta if delta < 7 - delta else delta - 7
        day = base + dt.timedelta(days=shift)
        return Result(Period(day, day, "day"),
                       f"warning: weekday-mismatch: the anchor-relative day {base.isoformat()} is not the "
                       f"stated weekday; kept {day.isoformat()}")
    first = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7 + 7 * _SEARCH_WEEKS)
    candidates = [Period(first + dt.timedelta(weeks=k), first + dt.timedelta(weeks=k), "day")
                  for k in range(2 * _SEARCH_WEEKS + 1)]
    mode = _mode(direction, future)
    chosen = _pick(candidates, anchor, "past" if mode == "current" else mode)
    return Result(chosen)


def relative_day(offset: int, anchor: dt.date | None) -> Result:
    """Resolve أمس/اليوم/غدا: the anchor plus a number of days."""
    if anchor is None:
        return Result(None, NO_ANCHOR)
    day = anchor + dt.timedelta(days=offset)
    return Result(Period(day, day, "day"))


def relative_period(unit: str, shift: int, part: str | None, anchor: dt.date | None) -> Result:
    """Resolve the week/month/year `shift` periods from the anchor's one, optionally a part of it."""
    if anchor is None:
        return Result(None, NO_ANCHOR)
    if unit == "week":
        if part is not None:
            return Result(None, "part of a week is not resolved")
        return Result(_iso_week(anchor + dt.timedelta(weeks=shift)))
    if unit == "year":
        period = year_period(anchor.year + shift)
    else:
        first = add_months(anchor.replace(day=1), shift)
        period = month_period(first.year, first.month)
    return Result(part_of(period, part) if part else period)


def _iso_week(day: dt.date) -> Period:
    """Return the ISO week (Monday to Sunday) containing a day, as a range."""
    monday = day - dt.timedelta(days=day.weekday())
    return Period(monday, monday + dt.timedelta(days=6), "range")


def _shift(anchor: dt.date, unit: str, amount: float) -> Period:
    """Return the point `amount` units from the anchor at the unit's granularity (hours count days)."""
    if unit == "week" and amount == int(amount):
        return _iso_week(anchor + dt.timedelta(weeks=int(amount)))
    if unit in ("year", "month"):
        months = amount * (12 if unit == "year" else 1)
        if months == int(months):
            date = add_months(anchor, int(months))
            if unit == "year" and amount == int(amount):
                return year_period(date.year)
            return month_period(date.year, date.month)
        date = anchor + dt.timedelta(days=round(months * 30))
        return Period(date, date, "day")
    days = {"week": 7 * amount, "day": amount}.get(unit, math.trunc(amount / 24) if unit == "hour" else 0)
    date = anchor + dt.timedelta(days=round(days))
    return Period(date, date, "day")


def counted(unit: str, amount: float | None, sign: int, approx: bool, of_event: bool,
             anchor: dt.date | None) -> Result:
    """Resolve قبل/منذ/بعد + count: the point that many units before or after the anchor."""
    if amount is None:
        return Result(None, "vague count")
    if of_event:
        return Result(None, "relative to an event, not to the anchor")
    if anchor is None:
        return Result(None, NO_ANCHOR)
    try:
        return Result(_shift(anchor, unit, sign * amount), "approximate" if approx else None)
    except (ValueError, OverflowError):  # beyond the calendar Python can write (قبل 2500 سنة)
        return Result(None, "outside the supported calendar range")


def day_range(unit: str, amount: float | None, direction: str, anchor: dt.date | None) -> Result:
    """Resolve "the N units past/next": the days before (or after) the anchor, the anchor excluded."""
    if amount is None:
        return Result(None, "vague count")
    if anchor is None:
        return Result(None, NO_ANCHOR)
    if direction not in ("past", "future"):
        return Result(None, "a counted range is only past or next")
    sign = 1 if direction == "future" else -1
    if unit in ("hour", "minute", "second"):
        hours = amount if unit == "hour" else 0
        far = anchor + dt.timedelta(days=sign * math.ceil(hours / 24))
        return Result(Period(min(anchor, far), max(anchor, far), "range"))
    far = anchor + dt.timedelta(days=round(sign * amount * (7 if unit == "week" else 1))) if unit in (
        "day", "week") else add_months(anchor, sign * round(amount * (12 if unit == "year" else 1)))
    near = anchor + dt.timedelta(days=sign)
    return Result(Period(min(near, far), max(near, far), "range"))


def iso_duration(unit: str, amount: float) -> str:
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


def day_of_month(day: int, direction: str, anchor: dt.date | None) -> Result:
    """Resolve "day N of the current/last/next month" (18 من الشهر الجاري)."""
    if anchor is None:
        return Result(None, NO_ANCHOR)
    first = add_months(anchor.replace(day=1), SHIFTS[direction])
    if day > calendar.monthrange(first.year, first.month)[1]:
        return Result(None, "no such date")
    date = first.replace(day=day)
    return Result(Period(date, date, "day"))
