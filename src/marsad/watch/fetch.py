"""Conditional HTTP GET for polling: ETag and Last-Modified sent back, 304 read as "nothing new", bounded size."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from marsad import __version__
from marsad.ingest.base import MAX_CONTAINER_BYTES

TIMEOUT_S = 30.0
USER_AGENT = f"marsad/{__version__} (+news monitoring; polite polling)"


class FetchError(Exception):
    """A URL that could not be fetched: one line naming it and why."""


@dataclass(frozen=True)
class Response:
    """What a GET returned: the body (None when unchanged: 304) and the validators for the next request."""

    body: bytes | None
    etag: str | None
    modified: str | None


def get(url: str, etag: str | None = None, modified: str | None = None, *, limit: int = MAX_CONTAINER_BYTES,
        timeout: float = TIMEOUT_S) -> Response:
    """Fetch `url`, sending the validators of the last answer; a body over `limit` bytes is an error."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read(limit + 1)
            headers = answer.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(None, etag, modified)
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        raise FetchError(f"{url}: {reason}") from None
    if len(body) > limit:
        raise FetchError(f"{url}: answer larger than {limit} bytes")
    return Response(body, headers.get("ETag") or etag, headers.get("Last-Modified") or modified)


def is_url(source: str) -> bool:
    """Tell whether a watched source is a URL (http or https) rather than a folder."""
    return source.startswith(("http://", "https://"))
