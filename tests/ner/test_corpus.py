"""Tests for marsad.ner.corpus: ANERcorp's tags, its training/test split and CoNLL-style scoring.

Also eval.ner's cleaning of AQMAR's tags, the other evaluation corpus.
"""

from __future__ import annotations

import pytest
from eval.ner import aqmar_tag

from marsad.ner import corpus


def test_split_cuts_at_a_sentence_end() -> None:
    """The training part ends with a "." token and the test part starts after it."""
    pairs = [("أ", "O"), ("ب", "O"), (".", "O"), ("ج", "B-LOC"), ("د", "O"), ("ه", "O"), (".", "O"), ("و", "O")]
    train, test = corpus.split_corpus(pairs, share=0.5)
    assert train[-1][0] == "." and train + test == pairs and len(train) == 7


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("B-PERS", "B-PER"), ("I-LOC", "I-LOC"), ("Oالإصابة", "O"), ("O", "O"), ("B-MISC", "B-MISC")],
)
def test_map_tag(tag: str, expected: str) -> None:
    """ANERcorp's PERS becomes PER; malformed tags become O."""
    assert corpus.map_tag(tag) == expected


@pytest.mark.parametrize(("tag", "expected"), [("I--ORG", "I-ORG"), ("B-MIS1`", "O"), ("OO", "O"), ("B-PER", "B-PER")])
def testaqmar_tags_are_cleaned(tag: str, expected: str) -> None:
    """AQMAR's malformed tags are tolerated and its MIS* classes dropped."""
    assert aqmar_tag(tag) == expected


def test_score_matches_exact_span_and_type() -> None:
    """A chunk counts only with the same span and type."""
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    result = corpus.score(gold, pred)
    assert result["LOC"]["f1"] == 1.0 and result["PER"]["f1"] == 0.0 and result["overall"]["precision"] == 0.5
