"""Rows of the articles table: an Article as stored (JSON columns for its lists and spans) and back, its content key.

The content key identifies an article's content whatever its id: the sha1 of its body and title
words (arabic.tokens), so the same text re-cleaned with other spacing or punctuation still counts
as stored.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from typing import Any

from marsad import arabic
from marsad.types import Article, Removed, Span, SpanLabel

_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
ARTICLE_COLUMNS = (
    "id, origin, body, outlet, title, published, published_source, credits, outlet_summary, removed, "
    "headings, paragraphs, sentences, warnings, fetched"
)
INSERT_ARTICLE = (
    "INSERT INTO articles (rid, content_key, day, id, origin, body, outlet, title, published, published_source, "
    "credits, outlet_summary, removed, headings, paragraphs, sentences, warnings, fetched) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
INSERT_INDEX = "INSERT INTO articles_fts (rowid, title, words, stems) VALUES (?,?,?,?)"


def content_key(article: Article) -> str:
    """Return the identity of an article's content: sha1 of its normalized body and title words."""
    return _key(" ".join(arabic.tokens(article.title or "")), " ".join(arabic.tokens(article.body)))


def day_ordinal(published: str | None) -> int | None:
    """Return the proleptic ordinal of an ISO date prefix of `published`, or None when it has none."""
    if not published or not _ISO_DAY_RE.match(published):
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def day_distance(day: int | None, new_days: Sequence[int], days: int) -> int:
    """Return the distance in days to the nearest of the sorted `new_days` (`days` when undated)."""
    if day is None:
        return days
    i = bisect_left(new_days, day)
    near = [abs(new_days[j] - day) for j in (i - 1, i) if 0 <= j < len(new_days)]
    return min(near)


def _spans_json(spans: Sequence[Span]) -> str:
    """Encode spans as a JSON list of [start, end] pairs."""
    return json.dumps([[s.start, s.end] for s in spans])


def _spans(article: str, stored: str, label: SpanLabel) -> tuple[Span, ...]:
    """Decode a JSON list of [start, end] pairs as spans of an article."""
    return tuple(Span(article, s, e, label) for s, e in json.loads(stored))


def article_row(rid: int, a: Article) -> tuple[object, ...]:
    """Return the articles-table row for `a` (column order of INSERT_ARTICLE)."""
    return (rid, content_key(a), *article_fields(a))


def article_fields(a: Article) -> tuple[object, ...]:
    """Return the ISO day and the ARTICLE_COLUMNS values of `a`: its row without the row number and content key."""
    day = a.published[:10] if day_ordinal(a.published) is not None and a.published else None
    return (
        day,
        a.id,
        a.origin,
        a.body,
        a.outlet,
        a.title,
        a.published,
        a.published_source,
        json.dumps(list(a.credits), ensure_ascii=False),
        json.dumps(list(a.outlet_summary), ensure_ascii=False),
        json.dumps([[r.line, r.reason] for r in a.removed], ensure_ascii=False),
        _spans_json(a.headings),
        _spans_json(a.paragraphs),
        _spans_json(a.sentences),
        json.dumps(list(a.warnings), ensure_ascii=False),
        a.fetched,
    )


def _key(title_words: str, body_words: str) -> str:
    """Return the sha1 hex digest of an article's space-joined body and title words (see content_key)."""
    return hashlib.sha1(f"{body_words}\x1f{title_words}".encode()).hexdigest()


def index_row(rid: int, article: Article) -> tuple[object, ...]:
    """Return the full-text index row of an article (column order of INSERT_INDEX)."""
    return (rid, *_terms(article))


def _terms(article: Article) -> tuple[str, str, str]:
    """Return the indexed form of an article: its title words, body words, and the stems of both."""
    title = arabic.tokens(article.title or "")
    body = arabic.tokens(article.body)
    return " ".join(title), " ".join(body), " ".join(map(arabic.stem, title + body))


def article_from_row(row: Sequence[Any]) -> Article:
    """Rebuild an Article from a row selected with ARTICLE_COLUMNS."""
    (aid, origin, body, outlet, title, published, published_source, credits, summary, removed,
     headings, paragraphs, sentences, warnings, fetched) = row
    return Article(
        id=aid,
        origin=origin,
        body=body,
        outlet=outlet,
        title=title,
        published=published,
        published_source=published_source,
        credits=tuple(json.loads(credits)),
        outlet_summary=tuple(json.loads(summary)),
        removed=tuple(Removed(line, reason) for line, reason in json.loads(removed)),
        headings=_spans(aid, headings, "heading"),
        paragraphs=_spans(aid, paragraphs, "paragraph"),
        sentences=_spans(aid, sentences, "sentence"),
        warnings=tuple(json.loads(warnings)),
        fetched=fetched,
    )


