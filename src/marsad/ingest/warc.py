"""WARC web archives (plain or gzipped) through warcio: every HTML response goes through the HTML path."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
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
log = logging.getLogger(__name__)


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


@dataclasses.dataclass(frozen=True)
class _Response:
    """One HTML response record: its position in the archive, URL, payload, charset and capture day."""

    index: int
    url: str | None
    payload: bytes
    charset: str | None
    fetched: str | None


def read_warc(data: bytes, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield the article of every HTML response record; a cut-short archive ends with one error.

    warcio writes its complaints (a record not followed by a newline) straight to standard error:
    they are caught while the records are read and logged as one warning naming the file.
    """
    noise = io.StringIO()
    with contextlib.redirect_stderr(noise):
        responses, records, failure = _responses(data)
    said = [line.strip() for line in noise.getvalue().splitlines() if "WARNING" in line]
    if said:
        log.warning("%s: %s", origin, "; ".join(dict.fromkeys(w.replace("WARNING:", "").strip() for w in said)))
    for r in responses:
        where = f"{origin}#{r.index}" + (f" ({r.url})" if r.url else "")
        for item in read_html(r.payload, r.url or origin, r.url or origin, max_bytes, url=r.url, charset=r.charset):
            yield dataclasses.replace(item, fetched=r.fetched) if isinstance(item, RawDocument) else named(item, where)
    if failure is not None:
        yield IngestError(origin, f"truncated or corrupt WARC file: {failure}")
    elif not records:
        yield IngestError(origin, "truncated or corrupt WARC file: no complete record")
    elif not responses:
        yield IngestError(origin, "WARC file has no HTML response records")


def _responses(data: bytes) -> tuple[list[_Response], int, str | None]:
    """Return the HTML responses of a WARC, how many records it holds and why reading stopped early (or None)."""
    records = 0
    out: list[_Response] = []
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
            out.append(_Response(records, url, payload, charset, iso_date(record.rec_headers.get_header("WARC-Date"))))
    # warcio raises AttributeError on a header block cut in the middle.
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, zlib.error) as exc:
        message = str(exc).strip()
        reason = "record header cut short" if isinstance(exc, AttributeError) or not message else message
        return out, records, reason.splitlines()[0]
    return out, records, None
