"""Tests for marsad.ner.scores: the per-word table of emission scores, bounded, refilled without changing tags."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.ner import scores as ner_scores
from marsad.ner import tagger as ner
from marsad.ner.features import build_lexicon, phrase_features
from tests.ner.helpers import pycrfsuite_tags


def test_a_full_word_table_keeps_its_most_used_words_without_changing_the_tags(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When the per-word table reaches its bound it keeps its most used words, and the tags stay the model's."""
    sentences = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
                 ["وصل", "وزير", "الخارجية", "سامي", "الحداد", "إلى", "عمّان", "أمس"]]
    expected = pycrfsuite_tags(sentences)
    crf, scorer = ner.load_tagger()
    fresh = ner_scores.Scorer(crf, scorer.lexicon)
    monkeypatch.setattr(ner_scores, "MAX_WORDS", 10)
    often, later = ["في", "في", "في", "باريس"], ["وزير", "الدفاع", "الروسي", "أمس"]
    for batch in (often, sentences[1], later):  # 2 + 8 words fill the table; `later` brings 2 more
        assert crf.viterbi(fresh.scores([batch])) == pycrfsuite_tags([batch])
        assert len(fresh._ids) <= 10
    assert "في" in fresh._ids and "سامي" not in fresh._ids  # three tokens against one
    assert crf.viterbi(fresh.scores(sentences)) == expected
    assert len(fresh._norm_ids) == len(scorer._norm_ids)  # words in no bigram of the model are not remembered


def test_phrase_windows_past_their_bound_are_forgotten_without_changing_the_tags(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_WINDOWS the kept phrase windows are dropped before the next batch; the tags stay the model's."""
    first, second = (["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
                     ["وصل", "وزير", "الخارجية", "سامي", "الحداد", "إلى", "عمّان", "أمس"])
    crf, scorer = ner.load_tagger()
    fresh = ner_scores.Scorer(crf, scorer.lexicon)
    monkeypatch.setattr(ner_scores, "MAX_WINDOWS", 1)
    assert crf.viterbi(fresh.scores([first])) == pycrfsuite_tags([first])
    kept = set(fresh._windows)
    assert len(kept) > 1
    assert crf.viterbi(fresh.scores([second])) == pycrfsuite_tags([second])
    assert fresh._windows and kept.isdisjoint(fresh._windows)


def test_a_window_scores_as_its_features_whether_or_not_its_last_keys_end_a_phrase() -> None:
    """Windows share rows only where their extra keys end no phrase; each window's rows are its own features'."""
    crf, _ = ner.load_tagger()
    lexicon = build_lexicon([("LOC", "سوق نهر كبير"), ("ORG", "سوق نهر")], [("PER", "شيخ")])
    scorer = ner_scores.Scorer(crf, lexicon)

    def direct(keys: tuple[str, ...], reach: int) -> list[tuple[int, np.ndarray]]:
        """Return the window's rows computed from its phrase features, with nothing shared."""
        window = [*keys, *[""] * (reach - len(keys))]
        before: list[list[str]] = [[] for _ in window]
        after: list[list[str]] = [[] for _ in window]
        phrase_features(window, 0, lexicon, before, after)
        return [(j, crf.sums([[*before[j], *after[j]]])[0]) for j in range(reach) if before[j] or after[j]]

    windows = [(("سوق", "نهر", "صغير"), 5), (("سوق", "نهر", "كبير"), 5), (("سوق", "نهر", "كبير"), 3),
               (("سوق", "جبل", "صغير"), 4), (("شيخ", "علي", "حسن"), 5), (("سوق", "نهر", "صغير"), 5)]
    for keys, reach in windows:
        rows, expected = scorer._phrase_rows(keys, reach), direct(keys, reach)
        assert [j for j, _ in rows] == [j for j, _ in expected], keys
        assert all(np.allclose(a, b) for (_, a), (_, b) in zip(rows, expected, strict=True)), keys
    assert len(scorer._phrase_rows(("سوق", "نهر", "كبير"), 5)) > len(scorer._phrase_rows(("سوق", "نهر", "صغير"), 5))
