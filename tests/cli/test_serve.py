"""`marsad serve` as a user runs it: a real process on 127.0.0.1 that answers, stops on SIGINT, refuses a bad store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from marsad.pipeline import ingest_into
from marsad.store import Store
from tests.conftest import ROOT
from tests.web.conftest import free_port


def test_serve_answers_and_stops_on_sigint(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Store.open(db) as store:
        ingest_into(store, [ROOT / "examples" / "sample"], workers=1)
    port = free_port()
    env = {**os.environ, "MARSAD_TOKEN": "from-the-environment"}
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        health = None
        deadline = time.monotonic() + 30
        while health is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json()
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None, proc.stderr.read() if proc.stderr else ""
        assert health["writable"] is True and health["stories"] >= 1
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and 'lang="ar"' in page.text
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert f"serving {db} on http://127.0.0.1:{port} (read-write (bearer token))" in err


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = subprocess.run([sys.executable, "-m", "marsad", "serve", "--db", str(missing), "--port", "1"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and "no such store" in result.stderr and not missing.exists()
