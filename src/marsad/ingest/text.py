"""Scraped plain-text articles: one article per file, the decoded text unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from marsad.ingest.base import Item, normalize_newlines
from marsad.ingest.decode import text_or_error
from marsad.types import IngestError, RawDocument


def stem(name: str) -> str:
    """Return the file stem of `name` (last path part, last extension removed)."""
    return PurePosixPath(name.replace("\\", "/")).stem or name


def from_text(
    text: str,
    *,
    id: str,
    origin: str,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> RawDocument:
    """Build a plain-text RawDocument from text already in memory (line ends normalised to LF)."""
    return RawDocument(
        id=id,
        origin=origin,
        text=normalize_newlines(text),
        title=title,
        outlet=outlet,
        published=published,
        published_source="metadata" if published else None,
        kind="text",
    )


def read_text(data: bytes, name: str, origin: str) -> Iterator[Item]:
    """Yield the one article of a plain-text file, or one error saying why it cannot be read."""
    text = text_or_error(data, origin)
    if isinstance(text, IngestError):
        yield text
        return
    yield from_text(text, id=stem(name), origin=origin)
