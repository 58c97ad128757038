"""Article objects from JSON and JSONL: the field names various dumps use, mapped to RawDocument."""

from __future__ import annotations

from typing import Any

from marsad.ingest.base import Item, checked, normalize_newlines, stable_id
from marsad.ingest.dates import iso_date
from marsad.types import IngestError, RawDocument

# First field present wins; SaudiNewsNet uses content, url, date_extracted and source.
TEXT_FIELDS = ("text", "content", "body")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "date_extracted")
# When the record was captured: read as the ingest time, the evidence of last resort for an undated article.
FETCHED_FIELDS = ("fetched", "fetched_at", "crawled_at", "scraped_at", "retrieved")
OUTLET_FIELDS = ("outlet", "source", "site")


def first_string(record: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    """Return the first non-empty string value among `fields` of `record`."""
    for name in fields:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def from_record(record: object, origin: str, max_bytes: int) -> Item:
    """Return the article a JSON object describes; `origin` names it when it has no URL."""
    if not isinstance(record, dict):
        return IngestError(origin, f"expected an article object, got {type(record).__name__}")
    text = first_string(record, TEXT_FIELDS)
    if text is None:
        return IngestError(origin, "article object has no text, content or body")
    text = normalize_newlines(text)
    url = first_string(record, URL_FIELDS)
    published = None
    for name in DATE_FIELDS:
        published = iso_date(record.get(name))
        if published:
            break
    title = record.get("title")
    return checked(
        RawDocument(
            id=stable_id(url, text),
            origin=url or origin,
            text=text,
            title=title if isinstance(title, str) and title.strip() else None,
            outlet=first_string(record, OUTLET_FIELDS),
            published=published,
            published_source="metadata" if published else None,
            kind="json",
            fetched=next((d for name in FETCHED_FIELDS if (d := iso_date(record.get(name)))), None),
        ),
        max_bytes,
    )
