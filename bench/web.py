"""The desk under load: latency of the story list, a story page and a search, CLIENTS clients for SECONDS s (wrk).

A store of all of SaudiNewsNet (every default stage) is built once into build/bench-desk.db and reused
while it exists. `marsad serve` serves it on 127.0.0.1 as a user runs it; wrk (Debian's, a real load
tool) drives CLIENTS connections on two threads at each page for SECONDS seconds and reports p50 and p95
latency, requests a second and errors (sockets and non-2xx). The pages: the story list (first page,
unfiltered), the page of the story with the most articles (the heaviest to draw), and a search for a
word found in thousands of articles; each asked again and again, as a desk's front page is, so after
the first they come from the desk's page cache. Then the uncached path: pages of 2,000 stories and
searches for 2,000 title words, drawn at random (most requests read and draw anew). The peer:
datasette serving the same file's stories table sorted by end, the nearest page a general SQLite
browser gives, under the same load; `list_p95_vs_datasette` is marsad's story-list p95 over datasette's.

Run in its own process: python -m bench.web --shared ../shared [--seconds 30 --clients 20]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path
from typing import Any

from marsad.cli.main import EXIT_OK, EXIT_PARTIAL

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "build" / "bench-desk.db"
QUERY = "الرياض"
# Distinct story pages and search words drawn from in the "varied" runs: far more than the desk keeps
# (CACHED_PAGES), so most requests are read and drawn anew.
VARIED = 2000
# wrk's done() hook: p50 and p95 latency (µs), requests, socket errors, non-2xx answers, duration (µs).
REPORT = """done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status, summary.duration))
end
"""


def _port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _store(shared: Path) -> Path:
    """Return the benchmark store, ingesting all of SaudiNewsNet into it first when it is not there."""
    if not DB.exists():
        DB.parent.mkdir(exist_ok=True)
        part = DB.with_suffix(".part.db")
        part.unlink(missing_ok=True)
        command = [sys.executable, "-m", "marsad", "ingest", str(shared / "data/saudinewsnet/dataset"),
                   "--db", str(part), "--quiet"]
        done = subprocess.run(command, check=False)
        if done.returncode not in (EXIT_OK, EXIT_PARTIAL):  # partial: SaudiNewsNet holds articles with no text
            raise subprocess.CalledProcessError(done.returncode, command)
        part.rename(DB)
    return DB


def _serve(command: list[str], url: str) -> subprocess.Popen[bytes]:
    """Start a server and wait until `url` answers."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{command[0]} did not answer at {url}")


def _load(url: str, clients: int, seconds: int, script: Path, paths: list[str] | None = None) -> dict[str, float]:
    """Run wrk against one URL, or against `paths` of its server drawn at random; return p50/p95 in ms, rate, errors."""
    if paths:
        listed = ", ".join(json.dumps(p) for p in paths)  # a JSON string is a valid Lua string here (ASCII)
        script = script.with_name("varied.lua")
        script.write_text(f"local paths = {{{listed}}}\nrequest = function()\n"
                          "  return wrk.format('GET', paths[math.random(#paths)])\nend\n" + REPORT, encoding="utf-8")
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
                         capture_output=True, text=True, check=True).stdout
    found = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    if found is None:
        raise RuntimeError(f"wrk gave no result for {url}: {out[-500:]}")
    p50, p95, requests, broken, status, duration = map(int, found.groups())
    return {"p50_ms": round(p50 / 1000, 1), "p95_ms": round(p95 / 1000, 1),
            "requests_per_s": round(requests / (duration / 1e6), 1), "errors": broken + status}


def _warm(url: str) -> None:
    """Fetch a page once, so that what is computed on first view (a story's timeline) is not timed."""
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()


def run(shared: Path, clients: int, seconds: int) -> dict[str, Any]:
    """Serve the benchmark store with marsad and with datasette and load each page."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: `make bench` installs Debian's wrk package")
    db = _store(shared)
    with closing(sqlite3.connect(db)) as conn:
        articles, stories = (int(n) for n in conn.execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories)").fetchone())
        biggest = str(conn.execute("SELECT story_id FROM memberships GROUP BY story_id ORDER BY COUNT(*) DESC, "
                                   "story_id LIMIT 1").fetchone()[0])
        # Pages asked for once each, mostly: stories of several articles, words of their titles.
        several = [str(r[0]) for r in conn.execute(
            "SELECT story_id FROM memberships GROUP BY story_id HAVING COUNT(*) >= 3 ORDER BY story_id LIMIT ?",
            (VARIED,))]
        words = sorted({w for (title,) in conn.execute("SELECT title FROM stories WHERE title IS NOT NULL")
                        for w in title.split() if len(w) >= 5 and w.isalpha()})[::7][:VARIED]
    port = _port()
    base = f"http://127.0.0.1:{port}"
    pages = {"story_list": f"{base}/", "story_page": f"{base}/stories/{biggest}",
             "search": f"{base}/search?q={urllib.parse.quote(QUERY)}"}
    out: dict[str, Any] = {"articles": articles, "stories": stories, "clients": clients, "seconds": seconds}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(REPORT, encoding="utf-8")
        server = _serve([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
                        f"{base}/api/health")
        try:
            for name, url in pages.items():
                _warm(url)
                out[name] = _load(url, clients, seconds, script)
            out["story_pages_varied"] = _load(base, clients, seconds, script, [f"/stories/{s}" for s in several])
            out["searches_varied"] = _load(base, clients, seconds, script,
                                           [f"/search?q={urllib.parse.quote(w)}" for w in words])
        finally:
            server.terminate()
            server.wait(timeout=30)
        peer_port = _port()
        peer_url = f"http://127.0.0.1:{peer_port}/{db.stem}/stories?_sort_desc=end"
        peer = _serve([sys.executable, "-m", "datasette", "serve", str(db), "--port", str(peer_port),
                       "--setting", "sql_time_limit_ms", "10000"], peer_url)
        try:
            out["datasette_stories_table"] = _load(peer_url, clients, seconds, script)
        finally:
            peer.terminate()
            peer.wait(timeout=30)
    out["list_p95_vs_datasette"] = round(out["story_list"]["p95_ms"] / out["datasette_stories_table"]["p95_ms"], 2)
    return out


def main() -> None:
    """Measure and print the figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.clients, args.seconds), ensure_ascii=False))


if __name__ == "__main__":
    main()
