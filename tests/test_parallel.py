"""Tests for running independent work in forked workers."""

from __future__ import annotations

import os

import pytest

from marsad import parallel


def _square_and_pid(x: int) -> tuple[int, int]:
    """Square a number and say which process did it."""
    return x * x, os.getpid()


@pytest.mark.parametrize("min_items", [1, 10_000])
def test_map_items_keeps_order_and_values(min_items: int) -> None:
    items = list(range(1000))
    out = parallel.map_items(_square_and_pid, items, min_items=min_items)
    assert [v for v, _ in out] == [x * x for x in items]
    workers = {pid for _, pid in out}
    if min_items == 1 and parallel.WORKERS > 1:
        assert os.getpid() not in workers  # computed in forked workers
    else:
        assert workers == {os.getpid()}
    assert not parallel._parked  # nothing left behind


def test_map_items_sees_unpicklable_inputs_through_fork() -> None:
    gen_items = [lambda: 3, lambda: 4]  # lambdas cannot be pickled: they must not travel
    assert parallel.map_items(lambda f: f() + 1, gen_items, min_items=1) == [4, 5]


@pytest.mark.parametrize("enabled", [True, False])
def test_background_returns_the_call_result(enabled: bool) -> None:
    job = parallel.Background(sum, list(range(100)), enabled=enabled)
    assert job.result() == 4950
    assert not parallel._parked
