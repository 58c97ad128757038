"""Tests for eval.ner_news: gold offsets in a raw article found again in its cleaned body."""

from __future__ import annotations

from eval.ner_news import in_body

from marsad.clean.article import clean
from marsad.types import RawDocument

RAW = ("  الرئيسية | أخبار\n"
       "   وصل وزير الخارجية إلى الرياض\u00a0صباح اليوم.\n"
       "وقال إن ﺍﻟﺰﻳﺎﺭﺓ تستمر يومين في جدة.\n")


def test_a_mention_is_found_in_the_body_through_its_line() -> None:
    """Offsets into the raw text map to the body's, across stripped indentation, NBSPs and presentation forms."""
    body = clean(RawDocument("a", "a.txt", RAW)).body
    for word in ("الرياض", "جدة"):
        start = RAW.index(word)
        where = in_body(RAW, body, start, start + len(word))
        assert where is not None and body[where[0] : where[1]] == word


def test_a_mention_on_a_removed_line_is_none() -> None:
    """A name on a line cleaning removed (site furniture) has no place in the body."""
    body = clean(RawDocument("a", "a.txt", RAW)).body
    start = RAW.index("أخبار")
    assert in_body(RAW, body, start, start + len("أخبار")) is None
