"""Tests for marsad.bulk.run on a real local Dask cluster: bulk equals analyze, reruns skip, lost inputs are named."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest

from marsad.bulk import tables
from marsad.bulk.run import RESULT_TABLES, bulk
from marsad.pipeline import analyze
from marsad.store import Store
from marsad.store.rows import content_key
from tests.conftest import EVENT_A, EVENT_B, EVENT_C, OTHER, ROOT


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A small archive: the bundled sample and a JSONL of four hand-written articles over two days, one repeated."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for path in (ROOT / "examples" / "sample").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    records = [{"title": t.strip().split("\n")[0], "text": t, "url": f"https://example.test/{n}", "published": d}
               for n, (t, d) in enumerate([(EVENT_A, "2025-03-01"), (EVENT_B, "2025-03-02"), (EVENT_C, "2025-03-02"),
                                           (OTHER, "2025-03-01"), (EVENT_A, "2025-03-01")])]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return folder


def table(out: Path, name: str) -> list[dict[str, object]]:
    """Return the rows of one output table."""
    return list(pq.read_table(out / name).to_pylist())


def test_bulk_equals_analyze_and_a_rerun_writes_nothing(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = bulk([archive], out, workers=2)
    assert result.failed == [] and result.inputs == 6
    batch = analyze([archive], workers=1)
    stories = table(out, "stories")
    assert {frozenset(s["articles"]) for s in stories} == {frozenset(s.story.articles) for s in batch.stories}
    assert result.articles == len(batch.docs) and result.stories == len(batch.stories)
    by_members = {frozenset(s.story.articles): s for s in batch.stories}
    entities = table(out, "entities")
    quotes = table(out, "quotes")
    for row in stories:
        story = by_members[frozenset(row["articles"])]
        assert sorted(e["name"] for e in entities if e["story"] == row["id"]) == sorted(
            e.name for e in story.entities or ())
        assert sorted(q["text"] for q in quotes if q["story"] == row["id"]) == sorted(
            story.text(q.quote.span) for q in story.quotes or ())
    assert {c["story"] for c in table(out, "claims")} <= {s["id"] for s in stories}
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = bulk([archive], out, workers=1)
    assert again.skipped_parts == 6 + again.batches and again.failed == []
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == written


def test_the_articles_table_keeps_the_store_columns(archive: Path, tmp_path: Path) -> None:
    """The articles table holds the documented columns, each article's content key the store's (analyze spills none)."""
    out = tmp_path / "out"
    bulk([archive], out, workers=1)
    articles = pq.read_table(out / "articles")
    assert articles.column_names[:3] == ["rid", "content_key", "day"]
    by_id = {d.id: d.article for d in analyze([archive], workers=1).docs}
    assert {r["id"] for r in articles.to_pylist()} == set(by_id)
    assert all(r["content_key"] == content_key(by_id[r["id"]]) for r in articles.to_pylist())


def test_bulk_also_fills_a_store_and_a_rerun_stores_what_it_lacks(archive: Path, tmp_path: Path) -> None:
    """With a store, bulk saves the stories `ingest` would (searchable, with people); a lost store is refilled."""
    out, db = tmp_path / "out", tmp_path / "bulk.db"
    result = bulk([archive], out, workers=1, db=db)
    with Store.open(db) as store:
        stored = {frozenset(a.id for a in store.story_articles(s.id)) for s in store.stories(limit=100)}
        assert stored == {frozenset(s["articles"]) for s in table(out, "stories")}
        assert store.counts()["articles"] == result.articles
        assert store.people_totals()["quotes"] == len(table(out, "quotes")) > 0
        assert store.search("اسطنبول")  # the sample is about talks in Istanbul, spelt إسطنبول
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = bulk([archive], out, workers=1, db=db)  # everything written and stored: nothing done
    assert again.skipped_parts == 6 + again.batches
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == written
    db.unlink()
    refill = bulk([archive], out, workers=1, db=tmp_path / "bulk.db")  # the parts are there, the store is not
    assert refill.skipped_parts == 6 and refill.failed == []
    with Store.open(db) as store:
        assert {frozenset(a.id for a in store.story_articles(s.id)) for s in store.stories(limit=100)} == stored


def test_inputs_that_cannot_be_read_are_named_and_the_rest_goes_on(archive: Path, tmp_path: Path) -> None:
    (archive / "broken.zip").write_bytes(b"PK\x03\x04 not a zip at all")
    out = tmp_path / "out"
    result = bulk([archive, tmp_path / "missing.jsonl"], out, workers=1)
    assert {Path(e.origin).name for e in result.errors} >= {"broken.zip", "missing.jsonl"}
    assert result.stories >= 3 and all((out / name).is_dir() for name in RESULT_TABLES)


def test_the_command_writes_the_tables_and_reports_json(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "marsad", "bulk", str(archive), "--out", str(out), "--workers", "1",
                          "--no-people", "--no-claims", "--json", "--quiet"], capture_output=True, text=True,
                         timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    value = json.loads(run.stdout)
    assert value["stories"] == len(table(out, "stories")) and value["failed"] == []
    assert table(out, "entities") == [] and table(out, "quotes") == []


def test_a_worker_killed_mid_run_loses_nothing(data_dir: Path, tmp_path: Path) -> None:
    """A worker process killed while it reads an input: its task runs again and the tables come out whole."""
    days = sorted((data_dir / "saudinewsnet" / "dataset").glob("*.zip"))[:2]
    out = tmp_path / "out"
    command = [sys.executable, "-m", "marsad", "bulk", *map(str, days), "--out", str(out), "--workers", "2",
               "--no-people", "--no-dates", "--no-claims", "--json"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said: list[str] = []
    listener = threading.Thread(target=lambda: said.extend(iter(run.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
    listener.start()
    victim = None
    deadline = time.monotonic() + 60
    while victim is None and time.monotonic() < deadline and run.poll() is None:
        if not any("cluster ready" in line for line in said):  # a worker killed while starting fails the cluster
            time.sleep(0.05)
            continue
        for child in psutil.Process(run.pid).children(recursive=True):
            try:  # helper processes come and go
                if child.cpu_percent(interval=0.2) > 20 and not list(out.glob("articles/*.parquet")):
                    victim = child
                    child.kill()
                    break
            except psutil.Error:
                continue
    stdout = run.stdout.read() if run.stdout else ""
    run.wait(timeout=600)
    listener.join(timeout=60)
    assert victim is not None, "no worker was caught reading"
    assert run.returncode == 3, "".join(said)  # done; some SaudiNewsNet records have no text (each named on stderr)
    value = json.loads(stdout)
    assert value["failed"] == [] and value["inputs"] == 2 and value["errors"]
    assert len(list((out / "articles").glob("*.parquet"))) == 2
    assert sum(len(s["articles"]) for s in table(out, "stories")) == value["articles"] > 1000


def test_a_batch_without_quotes_keeps_the_tables_readable(tmp_path: Path) -> None:
    """Parts of one table share its schema, so a part with no rows does not hide another's columns."""
    stories = analyze([ROOT / "examples" / "sample"], workers=1).stories
    talking = [s for s in stories if s.quotes]
    silent = copy.copy(talking[0])
    silent.quotes = ()  # a story in which nobody is quoted
    for key, batch in (("a-first", [silent]), ("b-second", talking)):
        tables.write_results(tmp_path, key, batch)
    quotes = table(tmp_path, "quotes")
    assert len(quotes) == sum(len(s.quotes or ()) for s in talking) and all(q["text"] for q in quotes)
    assert {s["id"] for s in table(tmp_path, "stories")} == {s.id for s in stories}
