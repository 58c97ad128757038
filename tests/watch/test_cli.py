"""`marsad watch` as a user runs it: a process following a local feed that changes, stopped by a signal."""

from __future__ import annotations

import json
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest

from marsad.store import Store
from tests.watch.feeds import json_feed, rss
from tests.watch.server import Site, serving

ROOT = Path(__file__).resolve().parents[2]


def _lines(stream: IO[str], out: queue.Queue[str]) -> None:
    """Copy a stream's lines into a queue (a thread: the test reads them with a timeout)."""
    for line in stream:
        out.put(line)


def _next_event(lines: queue.Queue[str], kind: str, timeout: float = 60) -> dict[str, Any]:
    """Return the next JSON event of `kind` printed by the watcher (failing after `timeout` seconds)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            event = json.loads(lines.get(timeout=max(0.1, end - time.monotonic())))
        except queue.Empty:
            break
        if event["event"] == kind:
            return event
    raise AssertionError(f"no {kind} event within {timeout} s")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_watch_follows_changing_feeds_and_stops_cleanly(tmp_path: Path, stop: signal.Signals) -> None:
    db = tmp_path / "m.db"
    with serving(Site()) as site:
        site.pages["/rss"] = (rss("a", "other"), "application/rss+xml")
        site.pages["/feed.json"] = (json_feed("c"), "application/feed+json")
        site.failing.add("/broken")
        process = subprocess.Popen(
            [sys.executable, "-m", "marsad", "watch", site.url("/rss"), site.url("/feed.json"), site.url("/broken"),
             "--db", str(db), "--interval", "0.5", "--no-people", "--no-claims"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
        try:
            created = _next_event(lines, "created")
            assert created["articles"] >= 1 and created["time"]
            site.pages["/rss"] = (rss("a", "other", "b"), "application/rss+xml")  # a new entry of the same event
            grew = _next_event(lines, "grew")
            assert len(grew["added"]) == 1
            deadline = time.monotonic() + 20  # a loaded machine may poll the other feed after this one
            while site.answered("/feed.json", 304) < 1 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert site.answered("/feed.json", 304) >= 1  # the unchanged feed was asked again, with its ETag
        finally:
            process.send_signal(stop)
            _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert f"{site.url('/broken')}: HTTP 500" in err and "next try in" in err
    with Store.open(db) as store:
        assert store.counts()["articles"] == 4
        assert sorted(a for a, _ in store.memberships()) == sorted(
            str(r[0]) for r in store._conn.execute("SELECT id FROM articles"))
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_watch_once_ingests_a_folder_and_exits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from marsad.cli.main import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("افتتح المعرض الدولي للكتاب أبوابه أمام الزوار في جدة مساء أمس بمشاركة واسعة.",
                                  encoding="utf-8")
    assert main(["watch", str(folder), "--db", str(tmp_path / "m.db"), "--once", "--no-people", "--quiet"]) == 0
    [event] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert event["event"] == "created" and event["articles"] == 1
