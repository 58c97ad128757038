"""Tests for marsad.store.rows: content keys, and articles as rows of the articles table and back.

An article read back equals the one saved, every field and layout span included; the content key
ignores the id and spelling or spacing variants but not a change of words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import arabic
from marsad.store import Store
from marsad.store.rows import ARTICLE_COLUMNS, article_from_row, article_row, content_key
from marsad.types import Article, Removed, Span
from tests.store.helpers import BODY_A, BODY_B, BODY_C, make

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
    headings=(Span("full", 0, 13, "heading"),),
    warnings=("date inferred",),
    fetched="2025-02-28",
)
ARTICLES = [FULL, make("bare", BODY_C), make("untitled", BODY_B, published="2025-03-01")]


@pytest.mark.parametrize("article", ARTICLES)
def test_article_round_trip_is_equal(store: Store, article: Article) -> None:
    """Every field, spans and removed lines included, comes back equal to the saved dataclass."""
    store.save([article], [])
    assert store.article(article.id) == article
    assert store.articles([article.id, "missing"]) == [article]


@pytest.mark.parametrize("article", ARTICLES)
def test_article_row_read_back_is_the_article(store: Store, article: Article) -> None:
    """article_row writes what article_from_row reads: the content key, the ISO day and every field."""
    row = article_row(7, article)
    assert row[:4] == (7, content_key(article), (article.published or "")[:10] or None, article.id)
    store.save([article], [])
    [stored] = store._conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles").fetchall()
    assert article_from_row(stored) == article
    assert store._conn.execute("SELECT content_key FROM articles").fetchone()[0] == content_key(article)


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
    original = make("orig", BODY_A)
    store.save([original], [])
    candidate = make("copy", body, title=title)
    assert (content_key(candidate) != content_key(original)) == is_new
    assert store.new_articles([candidate]) == ([candidate] if is_new else [])


def test_content_key_ignores_metadata_other_than_the_title() -> None:
    """Id, origin, outlet, dates and layout spans do not change the key; the title and body words do."""
    article = make("a", BODY_A, title="زيارة")
    moved = make("b", BODY_A, title="زيارة", published="2025-01-01", outlet="وكالة", fetched="2025-01-02")
    assert content_key(moved) == content_key(article) == content_key(article.with_id("c"))
    assert content_key(make("a", BODY_A)) != content_key(article)
    assert content_key(make("a", BODY_B, title="زيارة")) != content_key(article)


def test_seed_articles_round_trip_and_are_searchable(store: Store, seeds_dir: Path) -> None:
    """Real scraped articles survive the round trip and each is found by a word of its own body."""
    arts = [make(p.stem, p.read_text(encoding="utf-8").strip()) for p in sorted(seeds_dir.glob("*.txt"))]
    assert arts
    store.save(store.new_articles(arts), [])
    for article in arts:
        assert store.article(article.id) == article
        word = max(arabic.tokens(article.body), key=len)
        assert article.id in {h.article_id for h in store.search(word, limit=50)}
