"""Tests for the evaluation runner: flattening figures, the floor gate and the generated docs section."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval import run


def test_flatten_nests_with_dots() -> None:
    assert run.flatten({"a": {"b": 1, "c": {"d": 0.5}}, "e": "x"}) == {"a.b": 1, "a.c.d": 0.5, "e": "x"}


@pytest.mark.parametrize(
    ("value", "broken"),
    [(1.0, False), (0.5, True), (None, True)],
)
def test_floor_gate(value: float | None, broken: bool) -> None:
    results: dict[str, run.Figures] = {"duplicates": {} if value is None else {"exact_pair_recall": value}}
    failures = [f for f in run.check_floors(results) if f.startswith("duplicates.")]
    assert bool(failures) is broken


def test_write_section_keeps_hand_written_text(tmp_path: Path) -> None:
    doc = tmp_path / "quality.md"
    doc.write_text(f"# Q\n\nintro\n\n{run.BEGIN}\nold\n{run.END}\n\nnotes\n", encoding="utf-8")
    run.write_section(doc, run.render({"suite": {"x": 1}}, "make eval"))
    text = doc.read_text(encoding="utf-8")
    assert "intro" in text and "notes" in text and "old" not in text
    assert "| x | 1 |" in text and text.count(run.BEGIN) == 1
