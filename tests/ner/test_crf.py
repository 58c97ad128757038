"""Tests for marsad.ner.crf: the numpy CRF tags exactly as pycrfsuite does with the shipped model."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from marsad import arabic
from marsad.ner import tagger as ner
from marsad.ner.crf import LinearCRF
from marsad.ner.features import NEWS_CONVENTIONS
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


def test_a_models_convention_copies_are_folded_into_one_row(tmp_path: Path) -> None:
    """Weights of "N|f" add to f's row under news conventions; ANERcorp's copies are dropped."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(5):
        trainer.append([["w=a", "N|w=a"], ["w=b", "N|w=b"]], ["B-PER", "O"])
        trainer.append([["w=a", "A|w=a"], ["w=b", "A|w=b"]], ["O", "O"])
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 50})
    trainer.train(str(tmp_path / "toy.crfsuite"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "toy.crfsuite"))
    crf = LinearCRF.from_tagger(tagger, NEWS_CONVENTIONS)
    assert not any(a.startswith(("N|", "A|")) for a in crf.index)
    weights = tagger.info().state_features
    label = crf.labels.index("B-PER")
    expected = weights.get(("w=a", "B-PER"), 0.0) + weights.get(("N|w=a", "B-PER"), 0.0)
    assert abs(crf.weights[crf.index["w=a"], label] - expected) < 1e-9
    assert crf.viterbi([crf.sums([["w=a"]])]) == [["B-PER"]]
