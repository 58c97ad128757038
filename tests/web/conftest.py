"""A real desk for the web tests, served by uvicorn on 127.0.0.1, read-write with a token and read-only.

Its store holds the bundled sample, ../shared/seeds when present, and one article written to attack the page.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import uvicorn

from marsad.pipeline import ingest_into
from marsad.store import Store
from marsad.web import create_app
from tests.conftest import ROOT, SEEDS

TOKEN = "test-token-345"
SMALL_BODY = 64 * 1024  # the tests' request size limit, small enough to exceed cheaply
HOSTILE = """<img src=x onerror="document.title='pwned'"> بيان عاجل من الوزارة حول الحادث

قالت الوزارة في بيان <script>document.title='pwned'</script> اليوم إن فرق الإنقاذ وصلت إلى موقع الحادث في الميناء.

وأضاف البيان أن "عمليات البحث مستمرة" حتى مساء اليوم، وأن الميناء سيعاد فتحه غدا <b onmouseover="x()">بعد</b> التحقق.
"""


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, token: str | None) -> Iterator[str]:
    """Run the desk over `db` in a thread until the generator is closed; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, token=token, max_body=SMALL_BODY), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the desk did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled sample, the seeds when present, and one article written to attack the page."""
    folder = tmp_path_factory.mktemp("desk")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = folder / "desk.db"
    inputs = [ROOT / "examples" / "sample", hostile, *([SEEDS] if SEEDS.is_dir() else [])]
    with Store.open(db) as store:
        ingest_into(store, inputs, workers=1)
    return db


@pytest.fixture(scope="session")
def desk(desk_db: Path) -> Iterator[str]:
    """The base URL of a read-write desk (writes need TOKEN)."""
    yield from serve(desk_db, TOKEN)


@pytest.fixture(scope="session")
def readonly_desk(desk_db: Path) -> Iterator[str]:
    """The base URL of a desk started without a token."""
    yield from serve(desk_db, None)


@pytest.fixture
def writable_desk(desk_db: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A read-write desk over a copy of the store (the test may change it), and the copy's path."""
    db = tmp_path / "copy.db"
    with closing(sqlite3.connect(desk_db)) as src, closing(sqlite3.connect(db)) as dst:
        src.backup(dst)
    for url in serve(db, TOKEN):
        yield url, db
