"""WARC web archives (plain or gzipped) through warcio: every HTML response goes through the HTML path."""

from __future__ import annotations

import dataclasses
import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.ingest.base import Item, named
from marsad.ingest.dates import iso_date
from marsad.ingest.html import read_html
from marsad.types import IngestError, RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
RECORD_TYPES = ("response", "resource")


def content_type(record: object) -> tuple[str, str | None]:
    """Return the MIME type and charset of a WARC record's payload (HTTP header, else WARC header)."""
    http = getattr(record, "http_headers", None)
    raw = (http.get_header("Content-Type") if http else None) or getattr(record, "content_type", None) or ""
    mime, _, params = str(raw).partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def read_warc(data: bytes, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield the article of every HTML response record; a cut-short archive ends with one error."""
    records = html_records = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            records += 1
            if record.rec_type not in RECORD_TYPES:
                continue
            mime, charset = content_type(record)
            if mime not in HTML_TYPES:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            payload = record.content_stream().read()
            # warcio stops quietly at the end of a cut-short record: bytes its Content-Length
            # promised but the stream did not hold are the sign of truncation.
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise EOFError("last record is cut short")
            html_records += 1
            fetched = iso_date(record.rec_headers.get_header("WARC-Date"))
            where = f"{origin}#{records}" + (f" ({url})" if url else "")
            for item in read_html(payload, url or origin, url or origin, max_bytes, url=url, charset=charset):
                yield dataclasses.replace(item, fetched=fetched) if isinstance(item, RawDocument) \
                    else named(item, where)
    # warcio raises AttributeError on a header block cut in the middle.
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, zlib.error) as exc:
        message = str(exc).strip()
        reason = "record header cut short" if isinstance(exc, AttributeError) or not message else message
        reason = reason.splitlines()[0]
        yield IngestError(origin, f"truncated or corrupt WARC file: {reason}")
        return
    if not records:
        yield IngestError(origin, "truncated or corrupt WARC file: no complete record")
    elif not html_records:
        yield IngestError(origin, "WARC file has no HTML response records")
