"""Tests for the store's conditions: foreign and newer files refused untouched, locks, read-only and full stores.

Each failure is a StoreError naming the file, raised before the work where it can be, and a batch
that fails while being written leaves nothing of itself behind.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.store import Store, StoreError, db
from marsad.store.schema import MIGRATIONS_DIR, load_migrations
from tests.store.helpers import BODY_A, BODY_B, BODY_C, make

LATEST = load_migrations(MIGRATIONS_DIR)[-1].version


def _tables(path: Path) -> set[str]:
    """Return the table names of an SQLite file, read without marsad."""
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_file_that_is_no_database_is_refused_untouched(tmp_path: Path) -> None:
    """Text given as --db is one error naming it, and the file keeps its bytes."""
    path = tmp_path / "notes.db"
    path.write_text("not a database\n", encoding="utf-8")
    with pytest.raises(StoreError, match=f"^{path}: not a marsad store"):
        Store.open(path)
    assert path.read_text(encoding="utf-8") == "not a database\n"


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    """An SQLite file of another program gets no marsad tables added."""
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (n INTEGER)")
    with pytest.raises(StoreError, match="not a marsad store: left untouched"):
        Store.open(path)
    assert _tables(path) == {"invoices"}


def test_a_store_of_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    """A store written by a newer marsad names both versions and is not migrated or written."""
    path = tmp_path / "m.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (?, 'future', '2030-01-01')", (LATEST + 1,))
    before = _tables(path)
    with pytest.raises(StoreError, match=f"newer marsad \\(schema version {LATEST + 1}, this one knows {LATEST}\\)"):
        Store.open(path)
    assert _tables(path) == before


def test_reading_takes_no_write_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While another process holds the write lock, a store opens, searches and lists without waiting."""
    path = tmp_path / "m.db"
    with Store.open(path) as st:
        st.save([make("a", BODY_A)], [])
    monkeypatch.setattr(db, "BUSY_MS", 100)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(path) as st:
            assert st.counts() == {"articles": 1, "stories": 0}
            assert st.article("a") is not None
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_store_fails_before_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An ingest into a store another process keeps locked is one StoreError, raised before any input is read."""
    path = tmp_path / "m.db"
    Store.open(path).close()
    monkeypatch.setattr(db, "BUSY_MS", 100)
    read: list[Path] = []

    def inputs() -> Iterator[Path]:
        """Yield the input folder, noting that the inputs were asked for."""
        read.append(tmp_path)
        yield tmp_path

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(path) as st, pytest.raises(StoreError, match=f"^{path}: cannot write: locked"):
            pipeline.ingest_into(st, inputs())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert read == []


def test_a_read_only_store_refuses_the_batch_whole(store: Store) -> None:
    """Writes refused by SQLite as read-only are one StoreError; nothing of the batch is stored."""
    store._conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="cannot write: read-only"):
        store.save([make("a", BODY_A)], [])
    store._conn.execute("PRAGMA query_only = OFF")
    assert store.counts() == {"articles": 0, "stories": 0}


def test_a_full_store_rolls_the_batch_back(store: Store) -> None:
    """A store that runs out of room mid-batch (page limit reached) keeps what it had and says the disk is full."""
    store.save([make("a", BODY_A)], [])
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="the disk is full"):
        store.save([make("b", BODY_B * 200), make("c", BODY_C * 200)], [])
    assert store.counts() == {"articles": 1, "stories": 0}


@pytest.mark.parametrize("trial", range(10))
def test_concurrent_ingests_lose_nothing_and_leave_no_orphan(tmp_path: Path, trial: int) -> None:
    """Two ingests started together, each adding an article to one stored story: both stored, both in the story."""
    texts = ["افتتح وزير الصحة مستشفى جديدا في المدينة بسعة مئتي سرير صباح الأحد بحضور المسؤولين.",
             "افتتح وزير الصحة صباح الأحد مستشفى جديدا بسعة مئتي سرير في المدينة بحضور المسؤولين.",
             "بحضور المسؤولين افتتح وزير الصحة مستشفى جديدا في المدينة صباح الأحد بسعة مئتي سرير."]
    for k, text in enumerate(texts):
        (tmp_path / f"a{k}").mkdir()
        (tmp_path / f"a{k}" / f"a{k}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "m.db"
    command = [sys.executable, "-m", "marsad", "ingest", "--db", str(path), "--no-people", "--no-claims", "-q"]
    subprocess.run([*command, str(tmp_path / "a0")], check=True, capture_output=True, timeout=120)
    runs = [subprocess.Popen([*command, str(tmp_path / f"a{k}")], stderr=subprocess.PIPE) for k in (1, 2)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    with Store.open(path) as st:
        ids = sorted(str(r[0]) for r in st._conn.execute("SELECT id FROM articles"))
        assert ids == ["a0", "a1", "a2"]
        assert {st.story_of(i) for i in ids} == {st.story_of("a0")} != {None}
