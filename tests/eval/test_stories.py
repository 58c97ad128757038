"""Tests for the blind story set of eval/: well-formed rows, and B-cubed scoring within a bundle."""

from __future__ import annotations

import pytest
from eval.stories import _partition, bcubed, labels
from eval.stories_sample import DRAWS


def test_labels_cover_both_halves_with_events_inside_their_bundle() -> None:
    rows = labels()
    assert len(rows) >= 400
    assert {half for *_, half, _ in rows} == {"dev", "test"}
    for aid, day, index, half, event in rows:
        bundle = aid.split("-A")[0]
        assert day in DRAWS[int(bundle[1:]) // 100] and index >= 0
        assert event.startswith(f"{bundle}-e")
        assert half == ("dev" if int(bundle[1:]) % 2 else "test")


def test_second_annotation_names_the_same_articles_as_the_first() -> None:
    first = {aid: (day, index, half) for aid, day, index, half, _ in labels()}
    second = labels("stories_second.tsv")
    assert len(second) >= 400
    for aid, day, index, half, event in second:
        assert first[aid] == (day, index, half)
        assert event.startswith(aid.split("-A")[0] + "-e")


def test_bcubed_of_a_perfect_grouping_is_one() -> None:
    gold = {"B1-A1": "e1", "B1-A2": "e1", "B1-A3": "e2"}
    found = {"B1-A1": "s9", "B1-A2": "s9", "B1-A3": "s4"}
    precision, recall, n, true_pairs, found_pairs, both = bcubed(gold, found)
    assert (precision / n, recall / n, true_pairs, found_pairs, both) == (1.0, 1.0, 1, 1, 1)


def test_bcubed_of_a_wrong_merge_costs_precision_only() -> None:
    gold = {"B1-A1": "e1", "B1-A2": "e1", "B1-A3": "e2"}
    found = dict.fromkeys(gold, "s1")
    precision, recall, n, _, found_pairs, both = bcubed(gold, found)
    assert recall / n == 1.0
    assert precision / n == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert found_pairs == 3 and both == 1


def test_partition_lists_groups_by_article_number() -> None:
    assert _partition({"B2-A3": "x", "B2-A1": "y", "B2-A10": "x", "B2-A2": "y"}) == "1+2|3+10"
