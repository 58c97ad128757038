"""Publication dates from metadata strings and parsed times, as ISO YYYY-MM-DD."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: object) -> str | None:
    """Return the ISO date (YYYY-MM-DD) a metadata value states, or None when it is not a readable date."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = ISO_DATE_RE.match(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value.strip()).date().isoformat()  # RFC 822, as in RSS
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return None


def struct_date(value: object) -> str | None:
    """Return the ISO date of a `time.struct_time` (as feedparser gives), or None."""
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    return None
