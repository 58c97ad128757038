"""Tests for marsad.ner.crf: the numpy CRF tags exactly as pycrfsuite does with the shipped model."""

from __future__ import annotations

from pathlib import Path

from marsad import arabic
from marsad.ner import tagger as ner
from tests.ner.helpers import pycrfsuite_tags


def test_numpy_tagging_gives_the_models_own_tags() -> None:
    """tag_many (cached word sums, vectorized Viterbi, known features only) equals pycrfsuite's tagger."""
    sentences = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
                 ["وصل", "وزير", "الخارجية", "سامي", "الحداد", "إلى", "عمّان", "|", "أمس"],
                 ["."], ["المتحدث", "باسم", "وزارة", "الخارجية", "الروسية"]]
    assert ner.tag_many(sentences) == pycrfsuite_tags(sentences)


def test_numpy_tagging_matches_pycrfsuite_on_real_articles(seeds_dir: Path) -> None:
    """On every sentence of the seed articles, the numpy tagger's tags are pycrfsuite's."""
    sentences = []
    for path in sorted(seeds_dir.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        sentences += [ner.TOKEN_RE.findall(body[s:e]) for s, e in arabic.split_sentences(body)]
    sentences = [s for s in sentences if s]
    assert len(sentences) > 100
    assert ner.tag_many(sentences) == pycrfsuite_tags(sentences)
