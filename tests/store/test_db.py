"""Tests for marsad.store: migrations, round trips, idempotence, stories, neighbours, search, crash safety."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad import arabic
from marsad.entities.names import Entity
from marsad.entities.speakers import AttributedQuote, StoryPeople
from marsad.quotes.extract import Quote
from marsad.store.db import (
    _INSERT_ARTICLE,
    MIGRATIONS_DIR,
    Store,
    _article_row,
    load_migrations,
    snippet,
    split_statements,
)
from marsad.types import Article, LineagePair, Mention, Removed, Span, Story

ROOT = Path(__file__).resolve().parents[2]


def make(
    id: str, body: str, title: str | None = None, published: str | None = None, **extra: object
) -> Article:
    """Build an Article whose paragraphs are the body's lines and sentences come from arabic.split_sentences."""
    paragraphs: list[Span] = []
    sentences: list[Span] = []
    pos = 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append(Span(pos, pos + len(line)))
            sentences.extend(arabic.split_sentences(line, offset=pos))
        pos += len(line) + 1
    return Article(
        id=id, origin=f"test/{id}.txt", body=body, title=title, published=published,
        paragraphs=tuple(paragraphs), sentences=tuple(sentences), **extra,  # type: ignore[arg-type]
    )


BODY_A = "وصل الرئيس إلى إسطنبول صباح اليوم.\nوبدأت المحادثات مع الوفد في مستشفى المدينة حول خطة الحكومة."
BODY_B = "أعلنت الوزارة عن افتتاح مدرسة جديدة في القرية. وقال المدير إن الدراسة تبدأ غداً."
BODY_C = "هطلت أمطار غزيرة على المدينة الساحلية وأغلقت الطرق الرئيسية لساعات."


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store in a temporary file."""
    with Store.open(tmp_path / "marsad.db") as st:
        yield st


# --- migrations ----------------------------------------------------------------------------------------


def test_fresh_store_records_every_migration_and_reopen_applies_nothing(tmp_path: Path) -> None:
    """A new file gets each bundled migration recorded once; opening it again changes nothing."""
    with Store.open(tmp_path / "m.db") as st:
        first = st.migrations()
        assert st.schema_version() == 3
        assert [(v, n) for v, n, _ in first] == [(1, "init"), (2, "people"), (3, "fetched")]
        assert [(v, n) for v, n, _ in first] == [(m.version, m.name) for m in load_migrations(MIGRATIONS_DIR)]
    with Store.open(tmp_path / "m.db") as st:
        assert st.migrations() == first


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
    with pytest.raises(sqlite3.OperationalError):
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


# --- articles ------------------------------------------------------------------------------------------


FULL = make(
    "full",
    "## عنوان فرعي\n" + BODY_A,
    title="زيارة الرئيس",
    published="2025-02-27T10:30:00+03:00",
    outlet="وكالة تجريبية",
    published_source="text",
    credits=("كتب: محرر تجريبي",),
    outlet_summary=("ملخص قصير للخبر",),
    removed=(Removed("اقرأ أيضاً: خبر آخر", "related-link"), Removed("شارك", "share")),
    headings=(Span(0, 13),),
    warnings=("date inferred",),
    fetched="2025-02-28",
)


@pytest.mark.parametrize("article", [FULL, make("bare", BODY_C), make("untitled", BODY_B, published="2025-03-01")])
def test_article_round_trip_is_equal(store: Store, article: Article) -> None:
    """Every field, spans and removed lines included, comes back equal to the saved dataclass."""
    store.save([article], [])
    assert store.article(article.id) == article
    assert store.articles([article.id, "missing"]) == [article]


def test_articles_come_back_in_requested_order(store: Store) -> None:
    """articles(ids) follows the order asked and leaves unknown ids out."""
    arts = [make("x", BODY_A), make("y", BODY_B), make("z", BODY_C)]
    store.save(arts, [])
    assert [a.id for a in store.articles(["z", "nope", "x", "y"])] == ["z", "x", "y"]
    assert store.article("nope") is None


def test_new_articles_is_idempotent(store: Store) -> None:
    """Saving what new_articles returned and asking again with the same articles gives nothing new."""
    arts = [make("a", BODY_A), make("b", BODY_B)]
    new = store.new_articles(arts)
    assert new == arts
    store.save(new, [])
    assert store.new_articles(arts) == []
    assert store.counts() == {"articles": 2, "stories": 0}


@pytest.mark.parametrize(
    ("body", "title", "is_new"),
    [
        (BODY_A, None, False),  # same content, new id
        (BODY_A.replace("\n", "  \n "), None, False),  # only spacing differs
        (BODY_A.replace("الرئيس", "الرَّئِيسُ"), None, False),  # only diacritics differ
        (BODY_A.replace("إسطنبول", "اسطنبول"), None, False),  # only hamza spelling differs
        (BODY_A, "عنوان مختلف", True),  # same body, different title
        (BODY_A + " وانتهى اللقاء.", None, True),  # more text
    ],
)
def test_same_content_under_another_id_is_skipped(store: Store, body: str, title: str | None, is_new: bool) -> None:
    """The content key ignores id and spelling/spacing variants but not a change of words."""
    store.save([make("orig", BODY_A)], [])
    candidate = make("copy", body, title=title)
    assert store.new_articles([candidate]) == ([candidate] if is_new else [])


def test_new_articles_dedups_within_batch(store: Store) -> None:
    """Within one batch only the first article of each id and of each content is kept."""
    a, same_id, same_content, b = make("a", BODY_A), make("a", BODY_B), make("a2", BODY_A), make("b", BODY_C)
    assert store.new_articles([a, same_id, same_content, b]) == [a, b]


def test_save_is_all_or_nothing(store: Store) -> None:
    """A batch containing an already stored id raises and writes none of its articles or stories."""
    store.save([make("a", BODY_A)], [Story("s1", "قصة", ("a",))])
    with pytest.raises(sqlite3.IntegrityError):
        store.save([make("b", BODY_B), make("a", BODY_C)], [Story("s2", "أخرى", ("b",))])
    assert store.counts() == {"articles": 1, "stories": 1}
    assert store.article("b") is None and store.story("s2") is None
    assert store.search("مدرسة") == []


def test_story_with_unknown_member_rolls_back_the_batch(store: Store) -> None:
    """A story naming an article that is not stored violates the foreign key and nothing is written."""
    with pytest.raises(sqlite3.IntegrityError):
        store.save([make("a", BODY_A)], [Story("s1", None, ("a", "ghost"))])
    assert store.counts() == {"articles": 0, "stories": 0}


# --- stories -------------------------------------------------------------------------------------------


def test_story_round_trip_with_duplicates_and_lineage(store: Store) -> None:
    """A story comes back with its members in order, near-duplicate groups and lineage pairs."""
    arts = [make("a", BODY_A), make("b", BODY_B), make("c", BODY_C)]
    story = Story(
        "s1", "عنوان القصة", ("c", "a", "b"), "2025-02-26", "2025-02-27",
        near_duplicates=(("a", "b"),), lineage=(LineagePair("a", "c", 0.8125),),
    )
    store.save(arts, [story])
    assert store.story("s1") == story
    assert [a.id for a in store.story_articles("s1")] == ["c", "a", "b"]
    assert store.story_of("a") == "s1"
    assert store.story("nope") is None and store.story_of("nope") is None


def test_story_update_replaces_fields_and_membership(store: Store) -> None:
    """Saving a story again replaces its title, dates and member list."""
    arts = [make("a", BODY_A), make("b", BODY_B), make("c", BODY_C)]
    store.save(arts, [Story("s1", "قديم", ("a", "b"), "2025-01-01", "2025-01-01")])
    store.save([], [Story("s1", "جديد", ("b", "c"), "2025-01-01", "2025-01-02")])
    assert store.story("s1") == Story("s1", "جديد", ("b", "c"), "2025-01-01", "2025-01-02")
    assert store.story_of("a") is None
    assert store.counts() == {"articles": 3, "stories": 1}


def test_article_moving_to_another_story_leaves_the_old_one(store: Store) -> None:
    """An article claimed by another story leaves its old one; an emptied story is deleted."""
    arts = [make("a", BODY_A), make("b", BODY_B), make("c", BODY_C)]
    store.save(arts, [Story("s1", "أ", ("a", "b")), Story("s2", "ب", ("c",))])
    store.save([], [Story("s3", "ج", ("b", "c"))])
    assert store.story("s1") == Story("s1", "أ", ("a",))
    assert store.story("s2") is None
    assert store.story_of("c") == "s3"
    assert store.counts()["stories"] == 2


def test_stories_newest_first_then_latest_inserted(store: Store) -> None:
    """Stories sort by end date descending, ties by size then latest insertion, undated last; limit/offset page."""
    arts = [make(str(i), f"{BODY_C} رقم {i}") for i in range(7)]
    store.save(arts, [
        Story("old", None, ("0",), "2025-01-01", "2025-01-02"),
        Story("undated", None, ("1",)),
        Story("new", None, ("2",), "2025-02-01", "2025-02-03"),
        Story("tie-first", None, ("3",), "2025-01-05", "2025-01-10"),
    ])
    store.save([], [Story("tie-second", None, ("4",), "2025-01-09", "2025-01-10")])
    assert [s.id for s in store.stories()] == ["new", "tie-second", "tie-first", "old", "undated"]
    assert [s.id for s in store.stories(limit=2, offset=1)] == ["tie-second", "tie-first"]
    store.save([], [Story("tie-big", None, ("5", "6"), "2025-01-08", "2025-01-10")])
    assert [s.id for s in store.stories()][1:4] == ["tie-big", "tie-second", "tie-first"]


# --- neighbours ----------------------------------------------------------------------------------------


@pytest.fixture
def dated_store(store: Store) -> Store:
    """A store with stories on several days and one undated article."""
    days = {"d1": "2025-01-01", "d10": "2025-01-10", "d12": "2025-01-12T08:00:00", "d30": "2025-01-30", "u": None}
    arts = [make(k, f"{BODY_B} {k}", published=v) for k, v in days.items()]
    store.save(arts, [Story(f"s-{a.id}", None, (a.id,)) for a in arts])
    return store


@pytest.mark.parametrize(
    ("published", "days", "expected"),
    [
        ("2025-01-11", 7, {"d10", "d12", "u"}),
        ("2025-01-11", 1, {"d10", "d12", "u"}),
        ("2025-01-11", 0, {"u"}),  # undated stored articles count as exactly `days` away
        ("2025-01-03", 2, {"d1", "u"}),
        ("2025-01-03 12:00", 2, {"d1", "u"}),
        (None, 7, {"d1", "d10", "d12", "d30", "u"}),
        ("not a date", 7, {"d1", "d10", "d12", "d30", "u"}),
    ],
)
def test_neighbours_follow_the_time_window_rule(
    dated_store: Store, published: str | None, days: int, expected: set[str]
) -> None:
    """Stored articles within `days` of a new day come back, undated ones always, all when the new one is undated."""
    found = dated_store.neighbours([make("new", BODY_A, published=published)], days=days)
    assert {a.id for a, _ in found} == expected
    assert all(sid == f"s-{a.id}" for a, sid in found)


def test_neighbours_leave_out_articles_without_a_story(store: Store) -> None:
    """Only stored articles that belong to a story are neighbours (they come with its id)."""
    store.save([make("loose", BODY_B, published="2025-01-10"), make("kept", BODY_C, published="2025-01-10")],
               [Story("s", None, ("kept",))])
    found = store.neighbours([make("new", BODY_A, published="2025-01-10")])
    assert [(a.id, sid) for a, sid in found] == [("kept", "s")]


def test_neighbours_are_bounded_and_exclude_the_given_articles(dated_store: Store) -> None:
    """`limit` keeps the nearest in time; articles passed in are never returned."""
    given = [make("new", BODY_A, published="2025-01-11"), dated_store.article("d12")]
    found = dated_store.neighbours([a for a in given if a], days=30, limit=2)
    assert [a.id for a, _ in found] == ["d10", "d1"]
    assert all(a.id != "d12" for a, _ in found)
    assert dated_store.neighbours([]) == []


# --- search --------------------------------------------------------------------------------------------


@pytest.fixture
def search_store(store: Store) -> Store:
    """Three invented articles with one story."""
    store.save(
        [make("a", BODY_A, title="زيارة رسمية"), make("b", BODY_B), make("c", BODY_C)],
        [Story("s1", "زيارة", ("a",))],
    )
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("اسطنبول", ["a"]),  # hamza on alef
        ("مستشفي", ["a"]),  # alef maqsura written as ya
        ("الحكومه", ["a"]),  # ta marbuta written as ha
        ("المَدِينَةِ", ["a", "c"]),  # diacritics
        ("الوفـــد", ["a"]),  # tatweel
        ("محادثات", ["a"]),  # stem: finds المحادثات
        ("أمطار الطرق", ["c"]),  # several words: AND
        ("أمطار إسطنبول", []),
        ("ترمب", []),
        ("مدرسة", ["b"]),
    ],
)
def test_search_matches_spelling_variants(search_store: Store, query: str, expected: list[str]) -> None:
    """Normalized query words find their spelling variants; all words must match."""
    assert sorted(h.article_id for h in search_store.search(query)) == expected


@pytest.mark.parametrize(
    "query",
    ['"', "-", "'", "(", ")", "*", ":", "^", "AND", "OR NOT", "NEAR(", 'إسطنبول" OR "', "-الرئيس", "{title}:x", "", "   "],
)
def test_search_survives_fts_syntax_in_user_input(search_store: Store, query: str) -> None:
    """Quotes, operators and punctuation never raise; punctuation-only queries give nothing."""
    hits = search_store.search(query)
    assert isinstance(hits, list)
    if not arabic.tokens(query):
        assert hits == []


def test_search_hit_fields_and_marked_snippet(search_store: Store) -> None:
    """A hit carries the article's metadata and story; its snippet is original text with the match marked."""
    [hit] = search_store.search("اسطنبول")
    assert (hit.article_id, hit.story_id, hit.title) == ("a", "s1", "زيارة رسمية")
    assert "[إسطنبول]" in hit.snippet
    assert hit.match is not None and hit.match.text(BODY_A) == "إسطنبول"
    assert hit.snippet.replace("[", "").replace("]", "").strip("…") in " ".join(BODY_A.split())
    [other] = search_store.search("مدرسة")
    assert other.story_id is None
    [title_only] = search_store.search("رسمية")
    assert title_only.match is None and "[" not in title_only.snippet


@pytest.mark.parametrize("limit", [0, 1, 2, 5])
def test_search_respects_limit(store: Store, limit: int) -> None:
    """At most `limit` hits come back, best first."""
    store.save([make(str(i), f"{BODY_C} رقم {i}") for i in range(4)], [])
    hits = store.search("أمطار", limit=limit)
    assert len(hits) == min(limit, 4)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_exact_word_outranks_stem_only_match(store: Store) -> None:
    """An article with the exact query word ranks above one matching only by stem."""
    store.save([make("stem", "جرت محادثات طويلة بين الطرفين."), make("exact", "انتهت المحادثات بين الطرفين.")], [])
    hits = store.search("المحادثات")
    assert [h.article_id for h in hits] == ["exact", "stem"]
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize(
    ("body", "words", "expected"),
    [
        ("قال الوزير إنَّ المفاوضاتِ مستمرة.", {"المفاوضات"}, "قال الوزير إنَّ [المفاوضاتِ] مستمرة."),
        ("لا شيء هنا.", {"غائب"}, "لا شيء هنا."),
        ("المطر. المطر ثانية.", {"المطر"}, "[المطر]. [المطر] ثانية."),
    ],
)
def test_snippet_marks_original_words(body: str, words: set[str], expected: str) -> None:
    """Matched words are marked in the original spelling (diacritics kept); no match gives the text start."""
    norm = {arabic.normalize(w) for w in words}
    text, match = snippet(body, norm, {arabic.stem(w) for w in norm})
    assert text == expected
    if match is None:
        assert "[" not in expected
    else:
        assert f"[{match.text(body)}]" == expected[expected.index("[") : expected.index("]") + 1]


def test_snippet_window_never_drops_a_match_next_to_a_long_run() -> None:
    """A match glued to a long unbroken run (a URL) is still inside the snippet."""
    body = "رابط " + "x" * 300 + "/هدف نهاية"
    text, match = snippet(body, {"هدف"}, {arabic.stem("هدف")})
    assert match is not None and match.text(body) == "هدف" and "[هدف]" in text


def test_snippet_window_is_cut_with_ellipses() -> None:
    """A match deep in a long body gives a bounded window with '…' on cut ends."""
    body = " ".join(["كلمة"] * 100) + " هدف " + " ".join(["نص"] * 100)
    result, match = snippet(body, {"هدف"}, {arabic.stem("هدف")})
    assert match is not None and match.text(body) == "هدف"
    assert result.startswith("…") and result.endswith("…") and "[هدف]" in result
    assert len(result) < 260


# --- real text -----------------------------------------------------------------------------------------


def test_seed_articles_round_trip_and_are_searchable(store: Store, seeds_dir: Path) -> None:
    """Real scraped articles survive the round trip and each is found by a word of its own body."""
    arts = [make(p.stem, p.read_text(encoding="utf-8").strip()) for p in sorted(seeds_dir.glob("*.txt"))]
    assert arts
    store.save(store.new_articles(arts), [])
    for article in arts:
        assert store.article(article.id) == article
        word = max(arabic.tokens(article.body), key=len)
        assert article.id in {h.article_id for h in store.search(word, limit=50)}


# --- crash safety --------------------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys, time
    from marsad.types import Article, Story
    from marsad.store.db import Store
    words = "قال المسؤول إن الاجتماع ناقش الخطة الجديدة للمدينة والقرية مع الوزارة والوفد".split()
    n = int(sys.argv[2])
    arts = [
        Article(id=f"k{i}", origin="child", body=" ".join(words[(i + j) % len(words)] for j in range(300)) + f" {i}")
        for i in range(n)
    ]
    with Store.open(sys.argv[1]) as st:
        print("ready", flush=True)
        st.save(arts, [Story("big", None, tuple(a.id for a in arts))])
        print("done", flush=True)
        time.sleep(60)
    """
)


# The child's save of 3000 articles took ~1.9 s here: kills after 0-0.8 s land inside it, and
# "done" makes the parent kill only after the commit returned.
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8, "done"])
def test_sigkill_during_save_leaves_all_or_nothing(tmp_path: Path, delay: float | str) -> None:
    """A process killed during a large save leaves an intact database holding the whole batch or none of it."""
    db = tmp_path / "crash.db"
    with Store.open(db) as st:
        st.save([make("before", BODY_A)], [Story("s0", None, ("before",))])
    batch = 3000
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(batch)],
        stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    if delay == "done":
        assert proc.stdout.readline().strip() == "done"
    else:
        time.sleep(float(delay) + random.uniform(0, 0.05))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    finished = "done" in proc.stdout.read() or delay == "done"
    assert proc.returncode == -signal.SIGKILL
    if delay == 0.0:
        assert not finished  # the kill really landed inside save
    with Store.open(db) as st:
        conn = st._conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = st.counts()
        complete = {"articles": 1 + batch, "stories": 2}
        assert counts == complete if finished else counts in ({"articles": 1, "stories": 1}, complete)
        assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == counts["articles"]
        assert conn.execute("SELECT COUNT(*) FROM memberships").fetchone()[0] == counts["articles"]
        assert len(st.search("الاجتماع")) == (0 if counts["articles"] == 1 else 20)
        st.save([make("after", BODY_B)], [])
        assert st.article("after") is not None


# --- people: entities and quotes, store-wide entities ---------------------------------------------------


def entity(type: str, *found: tuple[Article, str], roles: tuple[str, ...] = ()) -> Entity:
    """Build a story entity from (article, mention text) pairs, each at its first place in the body."""
    mentions = tuple(Mention(a.id, a.body.index(t), a.body.index(t) + len(t), t, type) for a, t in found)
    counts = Counter(m.text for m in mentions)
    name = max(counts, key=lambda t: (len(t.split()), counts[t]))
    return Entity(
        id=f"{type.lower()}-{name}", name=name, type=type,
        variants=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        articles=tuple(dict.fromkeys(m.article for m in mentions)), roles=roles, mentions=mentions,
    )


def said(article: Article, text: str, speaker: str | None, entity_id: str | None, group: str = "g1") -> AttributedQuote:
    """Build an attributed direct quote of `text` spoken by the phrase `speaker` of the same article."""
    start = article.body.index(text)
    s_start = article.body.index(speaker) if speaker else None
    quote = Quote(article.id, start, start + len(text), text, "direct", "قال", s_start,
                  s_start + len(speaker) if s_start is not None and speaker else None, speaker, None)
    return AttributedQuote(f"q-{article.id}-{start}", quote, entity_id, group)


PUTIN_A = make("pa", "قال الرئيس بوتين إن «المحادثات كانت مفيدة جدا» ثم غادر إلى موسكو.")
PUTIN_B = make("pb", "وصل الرئيس فلاديمير بوتن إلى إسطنبول مساء الأحد، واستقبله المسؤولون.")
KHATIB_SAMER = make("ks", "قال الوزير سامر الخطيب إن «السد سيكتمل قريبا» في مؤتمر صحفي.")
KHATIB_LAYLA = make("kl", "افتتحت الطبيبة ليلى الخطيب مستشفى جديدا في القرية.")
KHATIB_ONLY = make("ko", "وأكد الخطيب أن العمل مستمر في المشروع.")
BOTH_KHATIB = make("kb", "التقى الخطيب الأسبوع الماضي بالوزير سامر الخطيب في المدينة.")


def person_store(store: Store, *stories: tuple[Article, tuple[Entity, ...]]) -> None:
    """Save each article as a one-article story of its own (story id = "s-" + article id) with its entities."""
    for article, found in stories:
        sid = f"s-{article.id}"
        store.save([article], [Story(sid, None, (article.id,))], {sid: StoryPeople(found, ())})


def store_ids(store: Store, *articles: Article) -> list[set[str]]:
    """Return, for each one-article story, the store-wide ids of its entities."""
    return [set(store.entity_ids(f"s-{a.id}").values()) for a in articles]


def test_spelling_variant_in_another_story_is_one_store_entity(store: Store) -> None:
    """"بوتين" in one story and "فلاديمير بوتن" in another become one store entity holding both stories."""
    person_store(store, (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (PUTIN_B, (entity("PER", (PUTIN_B, "فلاديمير بوتن")), entity("LOC", (PUTIN_B, "إسطنبول")))))
    people = store.entities(type="PER")
    assert len(people) == 1
    putin = people[0]
    assert (putin.name, putin.stories, putin.articles) == ("فلاديمير بوتن", 2, 2)
    assert dict(putin.variants) == {"بوتين": 1, "فلاديمير بوتن": 1}
    record = store.entity(putin.id)
    assert record is not None and set(record.stories) == {"s-pa", "s-pb"}
    bodies = {a.id: a.body for a in (PUTIN_A, PUTIN_B)}
    assert [bodies[m.article][m.start : m.end] for m in record.mentions] == [m.text for m in record.mentions]
    assert {m.text for m in record.mentions} == {"بوتين", "فلاديمير بوتن"}


@pytest.mark.parametrize(
    ("later", "joins"),
    [
        # a surname alone matches both stored people: ambiguous, so it joins neither
        ((KHATIB_ONLY, "الخطيب"), None),
        # the full name matches one of them only
        ((KHATIB_SAMER, "سامر الخطيب"), "سامر الخطيب"),
        ((KHATIB_LAYLA, "ليلى الخطيب"), "ليلى الخطيب"),
    ],
)
def test_people_sharing_a_surname_stay_apart_across_stories(
    tmp_path: Path, later: tuple[Article, str], joins: str | None
) -> None:
    """Two stored people with one surname stay two; a later name joins one only when it names one of them."""
    first = make("k1", "صرح الوزير سامر الخطيب بأن المشروع تأخر.")
    second = make("k2", "قالت ليلى الخطيب إن المستشفى جاهز.")
    with Store.open(tmp_path / "m.db") as store:
        person_store(store, (first, (entity("PER", (first, "سامر الخطيب")),)),
                     (second, (entity("PER", (second, "ليلى الخطيب")),)))
        article, name = later
        person_store(store, (article, (entity("PER", (article, name)),)))
        by_name = {e.name: e for e in store.entities(type="PER")}
        assert {"سامر الخطيب", "ليلى الخطيب"} <= set(by_name)
        joined = [n for n, e in by_name.items() if e.stories == 2]
        assert joined == ([joins] if joins else [])
        assert len(by_name) == (3 if joins is None else 2)


def test_ambiguous_name_joins_the_single_full_name_match(store: Store) -> None:
    """A surname matching a stored full name and a stored lone surname joins the lone surname (same words)."""
    person_store(store, (KHATIB_SAMER, (entity("PER", (KHATIB_SAMER, "سامر الخطيب")),)),
                 (KHATIB_ONLY, (entity("PER", (KHATIB_ONLY, "الخطيب")),)))
    assert store_ids(store, KHATIB_SAMER) == store_ids(store, KHATIB_ONLY)  # the lone surname joined the one name
    person_store(store, (KHATIB_LAYLA, (entity("PER", (KHATIB_LAYLA, "ليلى الخطيب")),)))
    later = make("k4", "ونفى الخطيب صحة هذه الأنباء.")
    person_store(store, (later, (entity("PER", (later, "الخطيب")),)))
    # "الخطيب" now matches سامر الخطيب (holding the earlier lone surname) and ليلى الخطيب: both are
    # longer names, so no full-name match decides it and it stays apart.
    assert store_ids(store, later)[0].isdisjoint(store_ids(store, KHATIB_SAMER)[0] | store_ids(store, KHATIB_LAYLA)[0])


def test_two_entities_of_one_story_never_share_a_store_entity(store: Store) -> None:
    """A story that keeps "سامر الخطيب" and "الخطيب" apart gets two store entities, not one."""
    found = (entity("PER", (BOTH_KHATIB, "سامر الخطيب")), entity("PER", (BOTH_KHATIB, "الخطيب")))
    person_store(store, (BOTH_KHATIB, found))
    assert len(store_ids(store, BOTH_KHATIB)[0]) == 2
    assert sorted(e.name for e in store.entities(type="PER")) == ["الخطيب", "سامر الخطيب"]


def test_resaving_a_story_is_idempotent(store: Store) -> None:
    """Saving the same people again keeps one store entity with one story and the same id."""
    found = (entity("PER", (PUTIN_A, "بوتين")),)
    person_store(store, (PUTIN_A, found))
    before = store.entities()
    store.save([], [Story("s-pa", None, ("pa",))], {"s-pa": StoryPeople(found, ())})
    assert store.entities() == before and len(before) == 1 and before[0].stories == 1


def test_dropping_a_storys_people_deletes_entities_left_without_stories(store: Store) -> None:
    """People saved as None clear the story's rows; an entity no other story holds disappears."""
    person_store(store, (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (PUTIN_B, (entity("PER", (PUTIN_B, "فلاديمير بوتن")), entity("LOC", (PUTIN_B, "إسطنبول")))))
    store.save([], [], {"s-pb": None})
    assert store.story_people("s-pb") is None and store.entity_ids("s-pb") == {}
    assert [(e.name, e.stories) for e in store.entities()] == [("بوتين", 1)]  # name falls back to what is left


def test_story_people_round_trip_with_quotes_whose_spans_reproduce_the_body(store: Store) -> None:
    """A story's entities and quotes come back equal, and every stored quote's span is its text."""
    putin = entity("PER", (PUTIN_A, "بوتين"), roles=("الرئيس",))
    moscow = entity("LOC", (PUTIN_A, "موسكو"))
    quotes = (said(PUTIN_A, "المحادثات كانت مفيدة جدا", "بوتين", putin.id), said(PUTIN_A, "ثم غادر", None, None, "g2"))
    found = StoryPeople((putin, moscow), quotes)
    store.save([PUTIN_A], [Story("s1", None, ("pa",))], {"s1": found})
    assert store.story_people("s1") == found
    stored = store.quotes(story_id="s1")
    assert [q.quote for q in stored] == list(quotes)
    assert all(PUTIN_A.body[q.quote.quote.start : q.quote.quote.end] == q.quote.quote.text for q in stored)
    assert stored[0].entity == store.entity_ids("s1")[putin.id] and stored[1].entity is None
    assert [q.quote.id for q in store.quotes(speaker=stored[0].entity)] == [quotes[0].id]
    assert store.people_counts(["s1", "missing"]) == {"s1": (2, 2)}
    assert store.people_totals() == {"entities": 2, "quotes": 2}


def test_story_without_computed_people_is_none_not_empty(store: Store) -> None:
    """A story saved without people reads as None; one saved with no entities reads as empty."""
    store.save([PUTIN_A, PUTIN_B], [Story("s1", None, ("pa",)), Story("s2", None, ("pb",))], {"s2": StoryPeople((), ())})
    assert store.story_people("s1") is None
    assert store.story_people("s2") == StoryPeople((), ())
    assert store.people_counts(["s1", "s2"]) == {"s2": (0, 0)}


@pytest.mark.parametrize(
    ("query", "type", "expected"),
    [
        ("اسطنبول", None, {"إسطنبول"}),  # the query without hamza finds the hamza spelling
        ("إسطنبول", "LOC", {"إسطنبول"}),
        ("إسطنبول", "PER", set()),
        ("بوتين", None, {"فلاديمير بوتن"}),  # a spelling of the merged entity
        ("فلاديمير", "PER", {"فلاديمير بوتن"}),
        ("100%", None, set()),  # LIKE wildcards in the query are literal
        (None, "LOC", {"إسطنبول"}),
    ],
)
def test_entity_name_query_is_spelling_folded(store: Store, query: str | None, type: str | None,
                                              expected: set[str]) -> None:
    """Name queries match any stored spelling after arabic.normalize; type filters apply."""
    person_store(store, (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (PUTIN_B, (entity("PER", (PUTIN_B, "فلاديمير بوتن")), entity("LOC", (PUTIN_B, "إسطنبول")))))
    assert {e.name for e in store.entities(type=type, name=query)} == expected


def test_people_with_unknown_article_roll_back_the_whole_save(store: Store) -> None:
    """A mention in an article that is not stored violates a foreign key: no article, story or entity is written."""
    ghost = make("ghost", PUTIN_B.body)
    found = StoryPeople((entity("PER", (ghost, "فلاديمير بوتن")),), ())
    with pytest.raises(sqlite3.IntegrityError):
        store.save([PUTIN_A], [Story("s1", None, ("pa",))], {"s1": found})
    assert store.counts() == {"articles": 0, "stories": 0} and store.entities() == []
    assert store.people_totals() == {"entities": 0, "quotes": 0}


def test_version_1_store_migrates_and_keeps_its_data(tmp_path: Path) -> None:
    """A store written with only 0001 opens with all migrations: data kept, no people yet, people then saved."""
    old = tmp_path / "v1"
    old.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_init.sql", old)
    db = tmp_path / "m.db"
    with Store.open(db, old) as st:
        assert st.schema_version() == 1
    conn = sqlite3.connect(db)  # an article row as version 1 wrote it (no later columns)
    with conn:
        conn.execute(_INSERT_ARTICLE.replace(", fetched)", ")").replace(",?)", ")"), _article_row(1, "k", PUTIN_A)[:-1])
    conn.close()
    with Store.open(db, old) as st:
        st.save([], [Story("s1", "قصة", ("pa",))])
    with Store.open(db) as st:
        assert st.schema_version() == len(load_migrations(MIGRATIONS_DIR))
        assert st.article("pa") == PUTIN_A and st.story("s1") == Story("s1", "قصة", ("pa",))
        assert st.story_people("s1") is None and st.entities() == []
        found = StoryPeople((entity("PER", (PUTIN_A, "بوتين")),), ())
        st.save([], [Story("s1", "قصة", ("pa",))], {"s1": found})
        assert st.story_people("s1") == found


def test_resaving_keeps_a_match_that_later_stories_made_ambiguous(store: Store) -> None:
    """"بوتين" joined the one stored Putin; a later "ناتاليا بوتين" makes it ambiguous, yet re-saving keeps it."""
    vladimir = make("v1", "أعلن فلاديمير بوتين عن خطة جديدة.")
    natalia = make("n1", "فازت ناتاليا بوتين بالسباق.")
    person_store(store, (vladimir, (entity("PER", (vladimir, "فلاديمير بوتين")),)),
                 (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (natalia, (entity("PER", (natalia, "ناتاليا بوتين")),)))
    assert store_ids(store, PUTIN_A) == store_ids(store, vladimir) != store_ids(store, natalia)
    before = store.entities()
    store.save([], [Story("s-pa", None, ("pa",))], {"s-pa": StoryPeople((entity("PER", (PUTIN_A, "بوتين")),), ())})
    assert store_ids(store, PUTIN_A) == store_ids(store, vladimir)
    assert store.entities() == before


def test_a_clause_found_twice_is_stored_twice(store: Store) -> None:
    """Quote ids hash the span, so one story may hold two quotes with one id: both are kept, in order."""
    first = said(PUTIN_A, "المحادثات كانت مفيدة جدا", "بوتين", None)
    twice = StoryPeople((), (first, AttributedQuote(first.id, first.quote, None, "g2")))
    store.save([PUTIN_A], [Story("s1", None, ("pa",))], {"s1": twice})
    assert store.story_people("s1") == twice
