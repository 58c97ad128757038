"""RSS and Atom feeds through feedparser: one article per entry."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from marsad.ingest.base import Item, checked, named, normalize_newlines, stable_id
from marsad.ingest.dates import iso_date, struct_date
from marsad.ingest.decode import HEAD_BYTES
from marsad.ingest.html import fragment_text
from marsad.types import IngestError, RawDocument

# A DOCTYPE with an internal subset: what may declare entities (group 1) ends at "]>".
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE[^>\[]*\[(.*?)\]\s*>", re.IGNORECASE | re.DOTALL)
log = logging.getLogger(__name__)


def entry_text(entry: Any) -> str:
    """Return an entry's text: its full content when present, else its summary (HTML made plain)."""
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            return plain(value, part.get("type", ""))
    summary = entry.get("summary_detail") or {}
    return plain(entry.get("summary") or "", summary.get("type", "text/html"))


def plain(value: str, mime: str) -> str:
    """Return `value` as plain text, converting it from HTML unless its type says plain text."""
    return normalize_newlines(value).strip() if mime == "text/plain" else fragment_text(value)


def entry_date(entry: Any) -> str | None:
    """Return an entry's ISO publication date from the parsed times, else from the raw strings."""
    # dict.get: feedparser's own get stands one key in for the other, with a DeprecationWarning
    for key in ("published_parsed", "updated_parsed"):
        found = struct_date(dict.get(entry, key))
        if found:
            return found
    for key in ("published", "updated"):
        found = iso_date(dict.get(entry, key))
        if found:
            return found
    return None


def declares_entities(data: bytes) -> bool:
    """Tell whether an XML document's DOCTYPE declares entities (a "billion laughs" expands them without bound)."""
    doctype = _DOCTYPE_RE.search(data[:HEAD_BYTES])
    return doctype is not None and b"<!entity" in doctype.group(1).lower()


def read_feed(data: bytes, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield one document per feed entry; a feed with no entries is one error naming the file."""
    if declares_entities(data):
        yield IngestError(origin, "XML feed declares entities in its DOCTYPE: refused (their expansion has no bound)")
        return
    import feedparser  # here: ~65 ms that only reading a feed pays, not every command

    try:
        parsed = feedparser.parse(data)
    # feedparser is meant never to raise, but damaged bytes can make it (UnicodeDecodeError).
    except Exception as exc:
        log.debug("traceback of the feed parser on %s", origin, exc_info=True)
        yield IngestError(origin, f"malformed XML feed: {type(exc).__name__}: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "unreadable")).splitlines()[0]
            yield IngestError(origin, f"malformed XML feed: {reason}")
        else:
            yield IngestError(origin, "feed has no entries")
        return
    channel = parsed.get("feed") or {}
    outlet = channel.get("title") or None
    # the channel's last build (else publication) date: when these entries were at the latest fetched
    # (dict.get: feedparser's own get would stand published in for a missing updated, with a warning)
    fetched = struct_date(dict.get(channel, "updated_parsed")) or struct_date(dict.get(channel, "published_parsed"))
    for index, entry in enumerate(entries, 1):
        text = entry_text(entry)
        link = entry.get("link") or None
        published = entry_date(entry)
        where = f"{origin}#{index}" + (f" ({link})" if link else "")
        yield named(checked(
            RawDocument(
                id=stable_id(link, text),
                origin=link or f"{origin}#{index}",
                text=text,
                title=entry.get("title") or None,
                outlet=outlet,
                published=published,
                published_source="feed" if published else None,
                kind="feed",
                fetched=fetched,
            ),
            max_bytes,
        ), where)
