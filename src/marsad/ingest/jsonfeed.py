"""JSON Feed (jsonfeed.org, versions 1 and 1.1): one article per item."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from marsad.ingest.base import Item, checked, named, normalize_newlines, stable_id
from marsad.ingest.dates import iso_date
from marsad.ingest.html import fragment_text
from marsad.types import IngestError, RawDocument

VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(value: object) -> bool:
    """Tell whether a parsed JSON value is a JSON Feed (its `version` names jsonfeed.org)."""
    return isinstance(value, dict) and str(value.get("version", "")).startswith(VERSION_PREFIX)


def read_json_feed(feed: dict[str, Any], origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield one document per item of a parsed JSON Feed; a feed with no items is one error naming it."""
    items = feed.get("items")
    if not isinstance(items, list) or not items:
        yield IngestError(origin, "JSON Feed has no items")
        return
    outlet = feed.get("title") if isinstance(feed.get("title"), str) else None
    for index, item in enumerate(items, 1):
        where = f"{origin}#{index}"
        if not isinstance(item, dict):
            yield IngestError(where, f"expected a JSON Feed item object, got {type(item).__name__}")
            continue
        text = _text(item)
        if not text:
            yield IngestError(where, "JSON Feed item has no content_text, content_html or summary")
            continue
        url = item.get("url") if isinstance(item.get("url"), str) else None
        published = iso_date(item.get("date_published")) or iso_date(item.get("date_modified"))
        title = item.get("title")
        yield named(checked(RawDocument(
            id=stable_id(url, text), origin=url or where, text=text,
            title=title if isinstance(title, str) and title.strip() else None, outlet=outlet,
            published=published, published_source="feed" if published else None, kind="feed",
        ), max_bytes), where + (f" ({url})" if url else ""))


def _text(item: dict[str, Any]) -> str:
    """Return an item's text: content_text, else content_html made plain, else its summary."""
    for key, html in (("content_text", False), ("content_html", True), ("summary", False)):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return fragment_text(value) if html else normalize_newlines(value).strip()
    return ""
