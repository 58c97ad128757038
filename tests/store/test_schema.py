"""Tests for marsad.store.schema: numbered migration files, statement splitting, and upgrading old stores.

Covers what Store.open does with them (each applied once in its own transaction and recorded), that a
store of version 1 keeps its data through every later migration, and that 0004 (quote verb and role
offsets) applies to a store of version 3 created with the first three migration files only.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from marsad.store import Store, StoreError
from marsad.store.rows import INSERT_ARTICLE, article_row
from marsad.store.schema import MIGRATIONS_DIR, Migration, load_migrations, split_statements
from marsad.types import AttributedQuote, Span, Story
from tests.store.helpers import BODY_A, PUTIN_A, entity, make, said, stored, story_doc, with_people


def test_fresh_store_records_every_migration_and_reopen_applies_nothing(tmp_path: Path) -> None:
    """A new file gets each bundled migration recorded once; opening it again changes nothing."""
    with Store.open(tmp_path / "m.db") as st:
        first = st.migrations()
        assert st.schema_version() == 6
        assert [(v, n) for v, n, _ in first] == [(1, "init"), (2, "people"), (3, "fetched"), (4, "quote_spans"),
                                                 (5, "claims"), (6, "story_changes")]
        assert [(v, n) for v, n, _ in first] == [(m.version, m.name) for m in load_migrations(MIGRATIONS_DIR)]
    with Store.open(tmp_path / "m.db") as st:
        assert st.migrations() == first


def test_bundled_migrations_are_read_in_version_order() -> None:
    """load_migrations gives a Migration per bundled file, numbered 1, 2, ... with the file's SQL."""
    found = load_migrations(MIGRATIONS_DIR)
    assert all(isinstance(m, Migration) for m in found)
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    for m in found:
        path = MIGRATIONS_DIR / f"{m.version:04d}_{m.name}.sql"
        assert m.sql == path.read_text(encoding="utf-8") and split_statements(m.sql)


def test_later_migration_is_applied_once_and_recorded(tmp_path: Path) -> None:
    """A new numbered file in the migrations directory is applied on the next open, and only once."""
    mig = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, mig)
    bundled = [(m.version, m.name) for m in load_migrations(MIGRATIONS_DIR)]
    db = tmp_path / "m.db"
    with Store.open(db, mig) as st:
        st.save([make("a1", BODY_A)], [])
        assert st.schema_version() == len(bundled)
    (mig / f"{len(bundled) + 1:04d}_story_note.sql").write_text(
        "-- test migration: a note column; a ';' inside a comment must not split.\n"
        "ALTER TABLE stories ADD COLUMN note TEXT DEFAULT 'لا; شيء';\n"
        "CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (7);\n",
        encoding="utf-8",
    )
    for _ in range(2):
        with Store.open(db, mig) as st:
            assert [(v, n) for v, n, _ in st.migrations()] == [*bundled, (len(bundled) + 1, "story_note")]
            assert st.schema_version() == len(bundled) + 1
            assert st.counts()["articles"] == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM extra").fetchone()[0] == 1
    conn.close()


def test_failing_migration_is_rolled_back_and_not_recorded(tmp_path: Path) -> None:
    """A migration whose second statement fails leaves neither its first statement nor a record behind."""
    mig = tmp_path / "migrations"
    mig.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_init.sql", mig)
    (mig / "0002_broken.sql").write_text("CREATE TABLE half (x);\nINSERT INTO missing VALUES (1);\n")
    with pytest.raises(StoreError, match="no such table: missing"):
        Store.open(tmp_path / "m.db", mig)
    (mig / "0002_broken.sql").unlink()
    with Store.open(tmp_path / "m.db", mig) as st:
        assert st.schema_version() == 1
        tables = {r[0] for r in st._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "half" not in tables


@pytest.mark.parametrize("name", ["2_short.sql", "0002-dash.sql", "0002_.sql", "init.sql"])
def test_badly_named_migration_file_is_an_error(tmp_path: Path, name: str) -> None:
    """Every .sql file must be named NNNN_name.sql, so a typo cannot silently skip a migration."""
    (tmp_path / name).write_text("SELECT 1;")
    with pytest.raises(ValueError, match="NNNN_name"):
        load_migrations(tmp_path)


def test_duplicate_migration_version_is_an_error(tmp_path: Path) -> None:
    """Two files with the same number are refused."""
    (tmp_path / "0003_a.sql").write_text("SELECT 1;")
    (tmp_path / "0003_b.sql").write_text("SELECT 2;")
    with pytest.raises(ValueError, match="twice"):
        load_migrations(tmp_path)


@pytest.mark.parametrize(
    ("sql", "count"),
    [
        ("CREATE TABLE a (x);\nCREATE TABLE b (y);", 2),
        ("-- only a comment; with a semicolon\n", 0),
        ("INSERT INTO a VALUES ('x;y'); INSERT INTO a VALUES (';');", 2),
        ("CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); DELETE FROM b; END;", 1),
    ],
)
def test_split_statements(sql: str, count: int) -> None:
    """Statements split at top-level ';' only, never inside strings, comments or trigger bodies."""
    assert len(split_statements(sql)) == count


def test_split_statements_rejects_unterminated_tail() -> None:
    """A trailing statement without ';' is an error, not silently dropped."""
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE a (x);\nCREATE TABLE b (y)")


def first_migrations(tmp_path: Path, count: int) -> Path:
    """Return a migrations directory holding only the first `count` bundled migration files."""
    old = tmp_path / f"v{count}"
    old.mkdir()
    for m in load_migrations(MIGRATIONS_DIR)[:count]:
        shutil.copy(MIGRATIONS_DIR / f"{m.version:04d}_{m.name}.sql", old)
    return old


def test_version_1_store_migrates_and_keeps_its_data(tmp_path: Path) -> None:
    """A store written with only 0001 opens with all migrations: data kept, no people yet, people then saved."""
    old = first_migrations(tmp_path, 1)
    db = tmp_path / "m.db"
    with Store.open(db, old) as st:
        assert st.schema_version() == 1
    conn = sqlite3.connect(db)  # an article row as version 1 wrote it (no later columns)
    with conn:
        conn.execute(INSERT_ARTICLE.replace(", fetched)", ")").replace(",?)", ")"), article_row(1, PUTIN_A)[:-1])
    conn.close()
    with Store.open(db, old) as st:
        st.save([], [story_doc(Story("s1", "قصة", ("pa",)))])
    with Store.open(db) as st:
        assert st.schema_version() == len(load_migrations(MIGRATIONS_DIR))
        assert st.article("pa") == PUTIN_A and stored(st, "s1") == (Story("s1", "قصة", ("pa",)), (), ())
        assert st.story_people("s1") is None and st.entities() == []
        found = (entity("PER", (PUTIN_A, "بوتين")),)
        st.save([], [with_people(Story("s1", "قصة", ("pa",)), [PUTIN_A], found)], people_of={"s1"})
        assert st.story_people("s1") == (found, ())


def test_quote_spans_migration_applies_to_a_version_3_store(tmp_path: Path) -> None:
    """0004 upgrades a store made with 0001-0003: its quotes keep their texts, gain verb/role spans on re-save."""
    old = first_migrations(tmp_path, 3)
    db = tmp_path / "m.db"
    putin = entity("PER", (PUTIN_A, "بوتين"), roles=("الرئيس",))
    quote = said(PUTIN_A, "المحادثات كانت مفيدة جدا", "بوتين", putin.id)
    q = quote.quote
    assert q.verb is not None and q.speaker is not None
    with Store.open(db, old) as st:
        assert st.schema_version() == 3
        quote_columns = {r[1] for r in st._conn.execute("PRAGMA table_info(quotes)")}
        assert "verb_start" not in quote_columns and {"verb", "role", "speaker_start"} <= quote_columns
        st.save([PUTIN_A], [story_doc(Story("s1", None, ("pa",)), [PUTIN_A])])
    conn = sqlite3.connect(db)  # a story's quote as version 3 wrote it: its verb and role as text only
    with conn:
        conn.execute("UPDATE stories SET has_people = 1 WHERE id = 's1'")
        conn.execute(
            'INSERT INTO quotes (story_id, id, position, article_id, start, "end", text, kind, verb, role, '
            "speaker_start, speaker_end, speaker_name, speaker, entity_id, group_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ("s1", quote.id, 0, "pa", q.span.start, q.span.end, PUTIN_A.text(q.span), "direct",
             PUTIN_A.text(q.verb), "الرئيس", q.speaker.start, q.speaker.end, PUTIN_A.text(q.speaker), None, None,
             quote.group),
        )
    conn.close()
    spans = "SELECT verb, role, verb_start, verb_end, role_start, role_end FROM quotes"
    with Store.open(db) as st:
        assert st.schema_version() == 6
        assert [(v, n) for v, n, _ in st.migrations()][3:] == [(4, "quote_spans"), (5, "claims"), (6, "story_changes")]
        assert st._conn.execute(spans).fetchone() == ("قال", "الرئيس", None, None, None, None)
        [before] = st.quotes(story_id="s1")
        assert before.quote == AttributedQuote(quote.id, replace(q, verb=None), None, quote.group)
        at = PUTIN_A.body.index("الرئيس")
        again = AttributedQuote(quote.id, replace(q, role=Span("pa", at, at + len("الرئيس"), "role")), putin.id,
                                quote.group)
        st.save([], [with_people(Story("s1", None, ("pa",)), [PUTIN_A], (putin,), (again,))], people_of={"s1"})
        assert st.story_people("s1") == ((putin,), (again,))
        assert st._conn.execute(spans).fetchone() == ("قال", "الرئيس", q.verb.start, q.verb.end, at, at + len("الرئيس"))
