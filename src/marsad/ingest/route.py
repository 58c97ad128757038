"""Routing: detect each input's format, apply the size limit for its kind and call its reader."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

from marsad.ingest.archive import read_gzip, read_zip
from marsad.ingest.base import MAX_CONTAINER_BYTES, Item
from marsad.ingest.feed import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.jsonarray import read_json
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.sniff import CONTAINERS, FEED, GZIP, HTML, JSON, JSONL, WARC, ZIP, detect
from marsad.ingest.text import read_text
from marsad.ingest.warc import read_warc
from marsad.types import IngestError

SNIFF_BYTES = 4096
log = logging.getLogger(__name__)


def size_limit(kind: str, max_bytes: int) -> int:
    """Return the largest input accepted for `kind`: containers hold many articles, so they get more."""
    return max(max_bytes, MAX_CONTAINER_BYTES) if kind in CONTAINERS else max_bytes


def dispatch(kind: str, data: bytes, name: str, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield the items of `data`, of format `kind`; a reader's failure is one error naming the input.

    The readers turn the failures they know into errors; anything else a damaged input raises ends
    that input only (the items read before it are kept) and never the batch.
    """
    try:
        yield from _read(kind, data, name, origin, max_bytes)
    except Exception as exc:
        log.debug("traceback of reading %s", origin, exc_info=True)
        yield IngestError(origin, f"unreadable {kind} input: {type(exc).__name__}: {exc}")


def _read(kind: str, data: bytes, name: str, origin: str, max_bytes: int) -> Iterator[Item]:
    """Call the reader of format `kind`."""
    if kind == ZIP:
        yield from read_zip(data, origin, max_bytes, read_bytes)
    elif kind == GZIP:
        yield from read_gzip(data, name, origin, max_bytes, read_bytes)
    elif kind == WARC:
        yield from read_warc(data, origin, max_bytes)
    elif kind == FEED:
        yield from read_feed(data, origin, max_bytes)
    elif kind == JSON:
        yield from read_json(data, origin, max_bytes)
    elif kind == JSONL:
        yield from read_jsonl(data, origin, max_bytes)
    elif kind == HTML:
        yield from read_html(data, name, origin, max_bytes)
    else:
        yield from read_text(data, name, origin)


def read_bytes(data: bytes, name: str, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield the items of an in-memory input called `name` (a file or an archive member)."""
    if not data:
        yield IngestError(origin, "empty file")
        return
    kind = detect(name, data[:SNIFF_BYTES])
    limit = size_limit(kind, max_bytes)
    if len(data) > limit:
        yield IngestError(origin, f"file larger than {limit} bytes")
        return
    yield from dispatch(kind, data, name, origin, max_bytes)


def read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Yield the items of one file, checking its size before reading it whole."""
    origin = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # a FIFO, a device or a socket would block or never end (/dev/zero): refused before opening
            yield IngestError(origin, "not a regular file (a pipe, device or socket): refused")
            return
        with path.open("rb") as handle:
            size = info.st_size
            head = handle.read(SNIFF_BYTES)
            if not head:
                yield IngestError(origin, "empty file")
                return
            kind = detect(path.name, head)
            limit = size_limit(kind, max_bytes)
            if size > limit:
                yield IngestError(origin, f"file larger than {limit} bytes")
                return
            data = head + handle.read()
    except FileNotFoundError:
        yield IngestError(origin, "no such file or directory")
        return
    except IsADirectoryError:
        yield IngestError(origin, "is a directory")
        return
    except OSError as exc:
        yield IngestError(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from dispatch(kind, data, path.name, origin, max_bytes)
