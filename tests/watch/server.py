"""A local HTTP server for the watch tests: pages that the test changes while marsad polls them."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Site:
    """What the server answers: path → (body, content type); paths that fail; the requests it saw."""

    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, status answered)
    base: str = ""

    def url(self, path: str) -> str:
        """Return the full URL of a path."""
        return self.base + path

    def answered(self, path: str, status: int) -> int:
        """Return how many requests of `path` were answered with `status`."""
        return self.requests.count((path, status))


def _etag(body: bytes) -> str:
    """Return the ETag of a body."""
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    """Serve `site` on 127.0.0.1 (a free port) while the block runs."""

    class Handler(BaseHTTPRequestHandler):
        """Answer from the site: 304 when the ETag matches, 500 for a failing path, 404 for an unknown one."""

        def do_GET(self) -> None:
            """Answer one GET."""
            if self.path in site.failing:
                site.requests.append((self.path, 500))
                self.send_error(500, "broken on purpose")
                return
            if self.path not in site.pages:
                site.requests.append((self.path, 404))
                self.send_error(404)
                return
            body, kind = site.pages[self.path]
            if self.headers.get("If-None-Match") == _etag(body):
                site.requests.append((self.path, 304))
                self.send_response(304)
                self.end_headers()
                return
            site.requests.append((self.path, 200))
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("ETag", _etag(body))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Stay quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
