"""Shared pieces of the ingest readers: size limits, the item type, stable ids and per-article checks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

from marsad.types import IngestError, RawDocument

# 16 MiB: the largest single scraped article page we accept; real news pages are 5-500 KB, so a
# bigger "article" is almost surely a dump or a wrong file.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
# 1 GiB: containers (zip, JSON, JSONL, WARC, feeds) are read into memory whole; the largest
# SaudiNewsNet day file is a few MB, so this only stops runaway inputs (and zip/gzip bombs).
MAX_CONTAINER_BYTES = 1024 * 1024 * 1024

Item = RawDocument | IngestError
# Reads one member of a container: (data, member name, origin, max_bytes) -> items.
MemberReader = Callable[[bytes, str, str, int], Iterator[Item]]


def stable_id(url: str | None, text: str) -> str:
    """Return the first 16 hex digits of the SHA-1 of `url`, or of `text` when there is no URL."""
    return hashlib.sha1((url or text).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def too_large(text: str, max_bytes: int) -> bool:
    """Tell whether `text` takes more than `max_bytes` in UTF-8 (cheap when it clearly fits)."""
    # A character is at most 4 bytes in UTF-8, so short texts skip the encoding entirely.
    return len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes


def checked(doc: RawDocument, max_bytes: int) -> Item:
    """Return `doc`, or an error when its text is empty or larger than `max_bytes`."""
    if not doc.text.strip():
        return IngestError(doc.origin, "article has no text")
    if too_large(doc.text, max_bytes):
        return IngestError(doc.origin, f"article text larger than {max_bytes} bytes")
    return doc


def named(item: Item, where: str) -> Item:
    """Return `item`, or, when it is an error, the same error named by `where` (the file and the record in it)."""
    return IngestError(where, item.message) if isinstance(item, IngestError) else item


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
