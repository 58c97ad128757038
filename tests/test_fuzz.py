"""The fuzz suite in CI: 300 mutated inputs of every kind, in batches, through the whole pipeline in-process.

tests/fuzzing.py builds and checks them (its docstring says the rules); `make fuzz` runs 2,000 through
the command line with a timeout and the peak memory measured. The seed is fixed, so a failure here
replays exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad import pipeline, report
from tests.fuzzing import SEED_KINDS, mutated, problems, write_batch

SEED = 20261204
BATCH = 60


@pytest.mark.parametrize("batch", range(5))
def test_mutated_inputs_lose_nothing_and_name_every_failure(tmp_path: Path, batch: int) -> None:
    """No exception, every error names its file, no file dropped silently, every article read is in the report."""
    inputs = mutated(5 * BATCH, SEED)[batch * BATCH : (batch + 1) * BATCH]
    paths = write_batch(tmp_path, inputs)
    analysis = pipeline.analyze(paths, workers=1)
    assert problems(paths, json.loads(json.dumps(report.build(analysis), ensure_ascii=False))) == []


def test_the_mutations_cover_every_kind_and_are_replayable() -> None:
    """The same seed gives the same inputs; every input kind is drawn; the mutations change the bytes."""
    first, again = mutated(40, SEED), mutated(40, SEED)
    assert first == again
    assert {name.split(".", 1)[1] for name, _ in first} == set(SEED_KINDS)
    assert sum(data != SEED_KINDS[name.split(".", 1)[1]](n) for n, (name, data) in enumerate(first)) >= 36
