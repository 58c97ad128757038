"""Tests for marsad.doc: DocCache hands back what was found in an article (bounded, never for changed text); the mention index."""

from __future__ import annotations

import dataclasses

from marsad.doc import Doc, DocCache
from marsad.types import Article, Span


def _doc(aid: str, body: str = "وصل الوفد إلى الرياض") -> Doc:
    """Return a Doc with one mention found in it."""
    return Doc(Article(aid, f"t/{aid}", body=body), mentions=(Span(aid, 14, 20, "LOC"),), quotes=())


def test_a_kept_doc_comes_back_with_its_findings_and_without_its_token_cache() -> None:
    cache = DocCache(limit=10)
    kept = _doc("a")
    assert kept.tokens  # fills the token cache
    cache.keep([kept])
    again = cache.doc(kept.article)
    assert again is not kept and again.mentions == kept.mentions and again.quotes == ()
    assert again._cache == {}


def test_an_article_whose_fields_changed_comes_back_bare() -> None:
    cache = DocCache(limit=10)
    cache.keep([_doc("a")])
    changed = dataclasses.replace(_doc("a").article, published="2025-10-14")
    assert cache.doc(changed).mentions is None


def test_the_least_recently_used_are_forgotten_beyond_the_limit() -> None:
    cache = DocCache(limit=2)
    cache.keep([_doc("a"), _doc("b")])
    assert cache.doc(_doc("a").article).mentions  # "a" is now the most recently used
    cache.keep([_doc("c")])
    assert len(cache) == 2
    assert cache.doc(_doc("b").article).mentions is None and cache.doc(_doc("a").article).mentions


def test_mention_labels_follow_the_mentions_they_index() -> None:
    """Each token gets the labels of the mentions it begins inside; new mentions are indexed afresh."""
    doc = Doc(Article("a", "o", "قال سامي عادل في الرياض"))
    doc.mentions = (Span("a", 4, 13, "PER"), Span("a", 17, 23, "LOC"))
    assert [doc.mention_labels(i) for i in range(5)] == [(), ("PER",), ("PER",), (), ("LOC",)]
    doc.mentions = (Span("a", 17, 23, "ORG"),)
    assert doc.mention_labels(4) == ("ORG",) and doc.mention_labels(1) == ()
