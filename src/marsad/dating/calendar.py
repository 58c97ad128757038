"""Date expressions in Arabic news text: absolute Gregorian/Hijri/numeric dates as spans with ISO values.

Month and weekday names are data (`data/months.tsv`, `data/weekdays.tsv`); matching runs on the
`arabic.normalize` view and every mention is mapped back to a span of the original string.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from hijridate import Hijri

from marsad.arabic.normalize import normalize, normalize_with_offsets
from marsad.datafiles import rows

# Hijri and Gregorian calendars in use differ by a day from country to country (moon sighting).
HIJRI_TOLERANCE_DAYS = 1
# Plausible years: newspapers on the web (Gregorian) and the range hijridate converts (Hijri).
GREGORIAN_YEARS = (1900, 2100)
HIJRI_YEARS = (1343, 1500)

# Between a month's name and its other family's name: "فبراير/شباط"، "يونيو (حزيران)" and, in Reuters' Arabic,
# a plain space: "فبراير شباط" (one date, not two).
MONTH_ALIAS = r"(?:\s*[/(-]\s*|\s+)"
_DIGIT_RE = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_WORD_RE = re.compile(r"\w+")
# Every full date holds a year of exactly four digits: the date pattern (slow to try at every position, its
# start being optional) is only run around them, from YEAR_BEFORE characters before a year (the longest
# date before its year, "يوم الأربعاء، الموافق 25 من شهر تشرين الثاني / نوفمبر، 2015", is ~60) to past
# YEAR_AFTER characters after it or 3 past the spaces after it ("-11-25" of an ISO date, a Hijri mark, the
# lookaheads that follow).
# The same dates as the whole text gives on every SaudiNewsNet article and line, ~5x faster on its articles.
_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)\s*")
YEAR_BEFORE = 150
YEAR_AFTER = 12


@dataclass(frozen=True)
class DateMention:
    """One absolute date in a string: span [start, end), its text, ISO Gregorian value and how it was written."""

    start: int
    end: int
    text: str
    value: str
    calendar: str
    weekday: int | None = None
    hijri: str | None = None


@dataclass(frozen=True)
class PublicationDate:
    """The publication date read from a date line: ISO value, evidence ("text"|"hijri"), the line, warnings."""

    value: str
    source: Literal["text", "hijri"]
    line: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Names:
    """Compiled month/weekday tables loaded from the data files."""

    pattern: re.Pattern[str]
    gregorian: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    fillers: frozenset[str]


def alternation(names: Sequence[str]) -> str:
    """Return a regex alternation of names, longest first, spaces matching any run of spaces."""
    ordered = sorted(set(names), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in ordered)


@lru_cache(maxsize=1)
def calendar_names() -> Names:
    """Load and compile the month and weekday tables once."""
    gregorian: dict[str, int] = {}
    hijri: dict[str, int] = {}
    for calendar, number, name in rows("months.tsv"):
        (gregorian if calendar == "gregorian" else hijri)[" ".join(normalize(name).split())] = int(number)
    weekdays = {normalize(name.strip()): int(number) for number, name in rows("weekdays.tsv")}
    fillers = frozenset(w for row in rows("date_fillers.txt") for w in normalize(row[0]).split())
    wd = alternation(list(weekdays))
    gm = alternation(list(gregorian))
    hm = alternation(list(hijri))
    # "يوم الأحد الموافق 10/10/1436ه": a weekday (after يوم, before الموافق) belongs to the date it names.
    weekday = rf"(?:(?:(?<!\w)يوم\s+)?(?P<{{p}}wd>{wd})\s*[,،]?\s*(?:الموافق\s*)?)?"
    # The day must not be glued to a preceding digit; the year must not run on into more digits.
    pattern = re.compile(
        "|".join(
            [
                weekday.format(p="g") + rf"(?<!\d)(?P<gd>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<gm>{gm})"
                rf"(?:{MONTH_ALIAS}(?P<gm2>{gm})\s*\)?)?\s*[,،]?\s*(?P<gy>\d{{4}})(?!\d)(?:\s*م(?!\w))?",
                weekday.format(p="h") + rf"(?<!\d)(?P<hd>\d{{1,2}})\s+(?:من\s+)?(?P<hm>{hm})\s*[,،]?\s*"
                rf"(?P<hy>\d{{4}})(?!\d)(?:\s*ه(?!\w))?",
                weekday.format(p="n") + r"(?<![\d/.-])(?P<nd>\d{1,2})(?P<ns>[/.-]| / )(?P<nm>\d{1,2})(?P=ns)"
                r"(?P<ny>\d{4})(?![\d/-]|\.\d)(?:\s*ه(?!\w))?",
                weekday.format(p="i") + r"(?<![\d/.-])(?P<iy>\d{4})(?P<is>[/-])(?P<im>\d{1,2})(?P=is)"
                r"(?P<id>\d{1,2})(?![\d/-]|\.\d)",
            ]
        )
    )
    return Names(pattern, gregorian, hijri, weekdays, fillers)


def _hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Convert a Hijri date; a day 30 in a 29-day month (a sighting difference) becomes the day after the 29th."""
    try:
        return Hijri(year, month, day).to_gregorian()
    except ValueError:
        if day == 30:
            return Hijri(year, month, 29).to_gregorian() + dt.timedelta(days=1)
        return None
    except OverflowError:
        return None


def _gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Return the Gregorian date, or None when it does not exist or the year is implausible."""
    if not GREGORIAN_YEARS[0] <= year <= GREGORIAN_YEARS[1]:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _value(m: re.Match[str], names: Names) -> tuple[dt.date | None, str, str | None, str | None]:
    """Return (date, calendar, hijri ISO or None, weekday word or None) for one regex match."""
    g = m.groupdict()
    if g["gd"]:
        month = names.gregorian[" ".join(g["gm"].split())]
        return _gregorian(int(g["gy"]), month, int(g["gd"])), "gregorian", None, g["gwd"]
    if g["hd"]:
        year, month, day = int(g["hy"]), names.hijri[" ".join(g["hm"].split())], int(g["hd"])
        hijri = f"{year:04d}-{month:02d}-{day:02d}"
        return _hijri_to_gregorian(year, month, day), "hijri", hijri, g["hwd"]
    if g["nd"]:
        year, month, day = int(g["ny"]), int(g["nm"]), int(g["nd"])
        wd = g["nwd"]
    else:
        year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        wd = g["iwd"]
    if HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
        hijri = f"{year:04d}-{month:02d}-{day:02d}"
        date = _hijri_to_gregorian(year, month, day) if 1 <= month <= 12 and 1 <= day <= 30 else None
        return date, "hijri", hijri, wd
    return _gregorian(year, month, day), "gregorian", None, wd


def find_dates(text: str, normalized: tuple[str, list[int]] | None = None) -> list[DateMention]:
    """Return every absolute date in `text` (day, month and year all given), in order, as spans with ISO values.

    `normalized`: the text's normalize_with_offsets, when the caller has it.
    """
    if not _DIGIT_RE.search(text):
        return []
    names = calendar_names()
    norm, offsets = normalized if normalized is not None else normalize_with_offsets(text)
    out: list[DateMention] = []
    for m in (m for lo, hi in _year_windows(norm) for m in names.pattern.finditer(norm, lo, hi)):
        date, calendar, hijri, wd = _value(m, names)
        if date is None:
            continue
        start, end = offsets[m.start()], offsets[m.end() - 1] + 1
        while end < len(text) and not normalize(text[end]):
            end += 1  # keep a trailing tatweel or mark that normalization dropped (هـ)
        weekday = names.weekdays[wd] if wd else None
        out.append(DateMention(start, end, text[start:end], date.isoformat(), calendar, weekday, hijri))
    return out


def _year_windows(norm: str) -> list[tuple[int, int]]:
    """Return the stretches of a normalized text around its four-digit numbers (overlapping ones joined)."""
    windows: list[tuple[int, int]] = []
    for m in _YEAR_RE.finditer(norm):
        hi = min(len(norm), max(m.end() + 3, m.start() + 4 + YEAR_AFTER))
        add_window(windows, max(0, m.start() - YEAR_BEFORE), hi)
    return windows


def add_window(windows: list[tuple[int, int]], lo: int, hi: int) -> None:
    """Add the stretch [lo, hi) to windows in text order, joined to the last one when they overlap."""
    if windows and lo <= windows[-1][1]:
        windows[-1] = (windows[-1][0], hi)
    else:
        windows.append((lo, hi))


def is_date_line(line: str, mentions: Sequence[DateMention] | None = None) -> bool:
    """Return True when `line` holds a date and nothing else but stamp words, times and separators."""
    found = find_dates(line) if mentions is None else mentions
    if not found:
        return False
    rest = line
    for d in reversed(found):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = _TIME_RE.sub(" ", normalize(rest))
    fillers = calendar_names().fillers
    return all(w.isdigit() or w in fillers for w in _WORD_RE.findall(rest))


def _warnings(mentions: Sequence[DateMention], value: str) -> list[str]:
    """Return the cross-check warnings for the mentions of one date line against its chosen value."""
    chosen = dt.date.fromisoformat(value)
    out = []
    for d in mentions:
        if d.weekday is not None and dt.date.fromisoformat(d.value).weekday() != d.weekday:
            out.append(f"weekday-mismatch: {d.text!r} does not fall on the named weekday")
        if d.calendar == "hijri" and abs((dt.date.fromisoformat(d.value) - chosen).days) > HIJRI_TOLERANCE_DAYS:
            out.append(f"hijri-mismatch: {d.text!r} is {d.value}, the Gregorian date says {value}")
    return out


def publication_date(lines: Sequence[str]) -> PublicationDate | None:
    """Return the date of the first line that is only a date (Gregorian preferred over Hijri), with cross-checks."""
    for line in lines:
        mentions = find_dates(line)
        if not mentions or not is_date_line(line, mentions):
            continue
        gregorian = [d for d in mentions if d.calendar == "gregorian"]
        first = gregorian[0] if gregorian else mentions[0]
        source: Literal["text", "hijri"] = "text" if gregorian else "hijri"
        return PublicationDate(first.value, source, line, tuple(_warnings(mentions, first.value)))
    return None
