"""Tests for the temporal gold sets of eval/: well-formed rows, expressions that are spans of their sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from eval.temporal import BLIND, GOLD, read_gold

VALUE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}-\d{2}-\d{2})?|duration:P\S+|unresolved")


@pytest.mark.parametrize("path", [GOLD, *(path for path, _ in BLIND.values())], ids=lambda p: p.name)
def test_gold_rows_are_spans_of_their_sentence_with_a_well_formed_value(path: Path) -> None:
    gold = read_gold(path)
    assert sum(len(items) for items in gold.values()) >= 150
    for (sentence, _), items in gold.items():
        for text, value in items:
            assert text in sentence and VALUE_RE.fullmatch(value), (sentence, text, value)
