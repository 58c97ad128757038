"""Tests for marsad.ner.scores: the per-word table of emission scores, bounded, refilled without changing tags."""

from __future__ import annotations

import pytest

from marsad.arabic import normalize
from marsad.ner import scores as ner_scores
from marsad.ner import tagger as ner
from tests.ner.helpers import pycrfsuite_tags


def test_a_full_word_table_is_refilled_without_changing_the_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the per-word table reaches its bound it starts afresh, and the tags stay the model's."""
    sentences = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
                 ["وصل", "وزير", "الخارجية", "سامي", "الحداد", "إلى", "عمّان", "أمس"]]
    expected = pycrfsuite_tags(sentences)
    crf, scorer = ner.load_tagger()
    fresh = ner_scores.Scorer(crf, scorer.lexicon)
    monkeypatch.setattr(ner_scores, "MAX_WORDS", 10)
    for sentence, tags in zip(sentences, expected, strict=True):
        assert crf.viterbi(fresh.scores([sentence])) == [tags]
    assert crf.viterbi(fresh.scores(sentences)) == expected


def test_the_table_gives_the_normalized_tokens_of_the_sentences_just_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each token comes back as normalize() writes it, also after the table was refilled mid-way."""
    sentences = [["وقالَ", "الرئيـس", "إيمانويل", "ماكرون", "«", "نعم", "»"], ["مرحبا", "Paris", "٢٠٢٥"]]
    crf, scorer = ner.load_tagger()
    fresh = ner_scores.Scorer(crf, scorer.lexicon)
    monkeypatch.setattr(ner_scores, "MAX_WORDS", 8)
    fresh.scores(sentences[:1])
    fresh.scores(sentences)  # more words than the bound: the table starts afresh with this call's words
    assert fresh.normalized(sentences) == [[normalize(t) for t in s] for s in sentences]
