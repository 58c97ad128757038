"""Ingest: every input format (text, HTML, RSS/Atom, JSON, JSONL, zip, gzip, WARC) read into RawDocuments.

In: paths (files, directories, globs), or records already in memory. Out: one `RawDocument` per
article (its text and whatever metadata its container carried: title, URL, outlet, publication and
capture days) or one `IngestError` per input that cannot be read; the rest of the batch goes on and
no exception escapes `read_paths`, `read_file` or `read_records` for a bad input. Modules: `files`
(path expansion), `sniff` (format detection), `route` (size limits, dispatch), `decode` (bytes to
text), one reader per format, `records` (the field names of JSON dumps), `published` (metadata dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest import route
from marsad.ingest.base import MAX_ARTICLE_BYTES, MAX_CONTAINER_BYTES, Item
from marsad.ingest.files import expand, missing_reason, once, safe_expand
from marsad.ingest.records import from_record
from marsad.ingest.text import from_text
from marsad.types import IngestError, RawDocument

__all__ = [
    "MAX_ARTICLE_BYTES", "MAX_CONTAINER_BYTES", "expand", "from_text", "inputs", "read_file", "read_paths",
    "read_records",
]


def read_file(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[RawDocument | IngestError]:
    """Yield the documents of one file (several for containers), or errors for what cannot be read."""
    yield from route.read_file(Path(path), max_bytes=max_bytes)


def inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[IngestError]]:
    """Return the files the paths name (each once) and one error per path naming none or folder it cannot list.

    The readable neighbours of a folder that cannot be listed are still read.
    """
    missing = []
    files = []
    for given in paths:
        found, unreadable = safe_expand(given)
        files.append(found)
        missing += [IngestError(where, why) for where, why in unreadable]
        if not found and not unreadable:
            missing.append(IngestError(str(given), missing_reason(given)))
    return once(files), missing


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[RawDocument | IngestError]:
    """Yield the documents of every file the paths name (each file once); a path naming nothing is one error."""
    files, missing = inputs(paths)
    yield from missing
    for path in files:
        yield from read_file(path, max_bytes=max_bytes)


def read_records(records: Iterable[object], *, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Item]:
    """Yield the document of each record in memory; a record that is no article is one error naming its index.

    A record is a dict with the JSONL fields: text, title, url, outlet, published, fetched.
    """
    for index, record in enumerate(records):
        yield from_record(record, f"<records>[{index}]", max_bytes)
