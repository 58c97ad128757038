"""Publication dates from metadata strings and parsed times, as ISO YYYY-MM-DD."""

from __future__ import annotations

import logging
import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# Metadata dates outside these years are placeholders or damage, not publication days (Go's zero time
# "0001-01-01T00:00:00Z", "9999-12-31"), and the date stage counts days back and forth from them: they
# are dropped with a warning and the article kept. Digital news archives start well after 1900.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
log = logging.getLogger(__name__)


def _sane(day: date, value: object) -> str | None:
    """Return a day as ISO when its year is in range, else None with a warning naming the value."""
    if EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return day.isoformat()
    log.warning("metadata date %r is outside %d-%d: dropped, the article kept", value, EARLIEST_YEAR, LATEST_YEAR)
    return None


def iso_date(value: object) -> str | None:
    """Return the ISO date (YYYY-MM-DD) a metadata value states, or None when it is not a readable date."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = ISO_DATE_RE.match(value)
    if match:
        try:
            return _sane(date(int(match[1]), int(match[2]), int(match[3])), value)
        except ValueError:
            return None
    try:
        return _sane(parsedate_to_datetime(value.strip()).date(), value)  # RFC 822, as in RSS
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return _sane(datetime.fromisoformat(value.strip()).date(), value)
    except ValueError:
        return None


def struct_date(value: object) -> str | None:
    """Return the ISO date of a `time.struct_time` (as feedparser gives), or None."""
    if isinstance(value, time.struct_time):
        try:
            return _sane(date(value.tm_year, value.tm_mon, value.tm_mday), time.strftime("%Y-%m-%d", value))
        except (ValueError, OverflowError):
            return None
    return None
