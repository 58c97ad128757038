"""Ingest: read every input format (text, HTML, feeds, JSON, JSONL, zip, gzip, WARC) into RawDocuments.

A bad input becomes exactly one IngestError and the rest of the batch goes on; no exception
escapes `read_paths` or `read_file` for a bad input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest import route
from marsad.ingest.base import MAX_ARTICLE_BYTES, MAX_CONTAINER_BYTES
from marsad.ingest.files import expand, expand_one, missing_reason
from marsad.ingest.text import from_text
from marsad.types import IngestError, RawDocument

__all__ = ["MAX_ARTICLE_BYTES", "MAX_CONTAINER_BYTES", "expand", "from_text", "read_file", "read_paths"]


def read_file(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[RawDocument | IngestError]:
    """Yield the documents of one file (several for containers), or errors for what cannot be read."""
    yield from route.read_file(Path(path), max_bytes=max_bytes)


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[RawDocument | IngestError]:
    """Yield the documents of every file the paths name; a path naming nothing is one error."""
    seen: set[Path] = set()
    for given in paths:
        files = expand_one(given)
        if not files:
            yield IngestError(str(given), missing_reason(given))
        for path in files:
            if path not in seen:
                seen.add(path)
                yield from read_file(path, max_bytes=max_bytes)
