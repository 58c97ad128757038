"""Tests for running independent work in forked workers."""

from __future__ import annotations

import gc
import os
import threading
import time
from pathlib import Path

import pytest

from marsad import parallel


def _square_and_pid(x: int) -> tuple[int, int]:
    """Square a number and say which process did it."""
    return x * x, os.getpid()


@pytest.mark.parametrize(("min_items", "workers"), [(1, 2), (10_000, 2), (1, 1)])
def test_map_items_keeps_order_and_values(min_items: int, workers: int) -> None:
    """Results come back in input order, from forked workers only when asked for and the input is large enough."""
    items = list(range(1000))
    out = parallel.map_items(_square_and_pid, items, workers=workers, min_items=min_items)
    assert [v for v, _ in out] == [x * x for x in items]
    pids = {pid for _, pid in out}
    if min_items == 1 and workers > 1:
        assert os.getpid() not in pids  # computed in forked workers
    else:
        assert pids == {os.getpid()}
    assert not parallel._parked  # nothing left behind


def test_map_items_sees_unpicklable_inputs_through_fork() -> None:
    """Inputs reach the workers by fork, not by pickling."""
    gen_items = [lambda: 3, lambda: 4]  # lambdas cannot be pickled: they must not travel
    assert parallel.map_items(lambda f: f() + 1, gen_items, workers=2, min_items=1) == [4, 5]


@pytest.mark.parametrize("workers", [1, 2])
def test_map_items_reports_progress_by_weight(workers: int) -> None:
    """Progress adds up to the total weight of the items, in one process and in workers alike."""
    done: list[int] = []
    items = [[1, 2], [3], [4, 5, 6]] * 10
    parallel.map_items(sum, items, workers=workers, min_items=1, progress=done.append, weight=len)
    assert sum(done) == sum(len(i) for i in items)


def test_workers_freeze_what_they_inherit_and_collect_less_often() -> None:
    """A worker starts with the parent's objects frozen, its collector on with the worker GC thresholds; the parent keeps its own."""
    before = gc.get_threshold()
    out = parallel.map_items(lambda _: (gc.get_threshold(), gc.get_freeze_count() > 0, gc.isenabled()), list(range(40)),
                             workers=2, min_items=1)
    assert out == [(parallel.WORKER_GC_THRESHOLD, True, True)] * 40
    assert gc.get_threshold() == before
    assert gc.isenabled()  # paused only while the results came in


def test_fewer_collections_inside_the_block_and_the_caller_threshold_after_it_even_on_error() -> None:
    """Inside the block young objects are collected at the worker threshold; after it, at the caller's again."""
    before = gc.get_threshold()
    gc.set_threshold(900, 9, 9)
    try:
        with pytest.raises(KeyError), parallel.fewer_collections():
            assert gc.get_threshold() == parallel.WORKER_GC_THRESHOLD
            raise KeyError("stop")
        assert gc.get_threshold() == (900, 9, 9)
    finally:
        gc.set_threshold(*before)


def test_overlapping_blocks_of_two_threads_restore_the_caller_threshold_when_the_last_ends() -> None:
    """A block that ends while another thread's is still open keeps the worker threshold for that one."""
    before = gc.get_threshold()
    gc.set_threshold(900, 9, 9)
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        """Open a block, say so, and close it when told."""
        with parallel.fewer_collections():
            entered.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    try:
        with parallel.fewer_collections():
            thread.start()
            entered.wait(5)
        assert gc.get_threshold() == parallel.WORKER_GC_THRESHOLD  # the other block is still open
        leave.set()
        thread.join(5)
        assert gc.get_threshold() == (900, 9, 9)
    finally:
        leave.set()
        gc.set_threshold(*before)


def test_the_collector_stays_off_in_a_caller_that_turned_it_off() -> None:
    """Results coming in do not turn on a collector the caller had turned off."""
    gc.disable()
    try:
        assert parallel.map_items(abs, [-1, -2, -3], workers=2, min_items=1) == [1, 2, 3]
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(("n", "workers", "per_worker"), [(77, 2, 16), (1000, 3, 4), (5, 2, 4), (1, 2, 16), (0, 2, 4)])
def test_batches_cover_the_items_once_and_end_with_single_items(n: int, workers: int, per_worker: int) -> None:
    """Batches tile the items in order, none larger than an equal share, the last ones single items."""
    bounds = parallel.batch_bounds(n, workers, per_worker)
    assert [i for start, end in bounds for i in range(start, end)] == list(range(n))
    sizes = [end - start for start, end in bounds]
    assert all(s <= -(-n // (workers * per_worker)) for s in sizes)
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-2 * workers:] == [1] * min(n, 2 * workers)


def test_a_worker_error_reaches_the_caller() -> None:
    """An exception in a worker is raised in the caller, and nothing is left parked."""
    with pytest.raises(ZeroDivisionError):
        parallel.map_items(lambda x: 1 // x, [1, 0, 2] * 10, workers=2, min_items=1)
    assert not parallel._parked


def test_available_cpus_respects_the_affinity_mask() -> None:
    """The CPUs available are at least 1 and at most the CPUs this process may run on."""
    n = parallel.available_cpus()
    assert 1 <= n <= len(os.sched_getaffinity(0))
    assert parallel.resolve_workers(None) == n and parallel.resolve_workers(3) == 3 and parallel.resolve_workers(0) == 1


def test_a_cgroup_quota_caps_the_cpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A container limited to 1.5 CPUs (cgroup v2 cpu.max) gets 2 workers at most, an unlimited one all."""
    cpu_max = tmp_path / "cpu.max"
    monkeypatch.setattr(parallel, "_CGROUP_V2", cpu_max)
    cpu_max.write_text("150000 100000\n")
    assert parallel._cgroup_quota() == 1.5
    assert parallel.available_cpus() <= 2
    cpu_max.write_text("max 100000\n")
    assert parallel._cgroup_quota() is None


_CACHE: list[int] = []


def _remember(x: int) -> tuple[int, int, int]:
    """Square a number, keeping it in this process's cache; say which process did it and how much it had seen."""
    _CACHE.append(x)
    return x * x, os.getpid(), len(_CACHE)


def test_kept_workers_serve_several_calls_with_what_they_cached() -> None:
    """Workers kept across calls: the same processes, their state carried over, results in order, progress told."""
    done: list[int] = []
    with parallel.Workers(2) as workers:
        first = workers.start(_remember, list(range(40)), min_items=1)()
        second = workers.start(_remember, list(range(40, 80)), min_items=1, progress=done.append)()
    assert [v for v, _, _ in first + second] == [x * x for x in range(80)]
    pids = {pid for _, pid, _ in first}
    assert {pid for _, pid, _ in second} == pids and os.getpid() not in pids and len(pids) <= 2
    assert max(seen for _, _, seen in second) > max(seen for _, _, seen in first)  # caches stayed warm
    assert sum(done) == 40 and _CACHE == []  # nothing ran here


def test_kept_workers_run_small_inputs_and_one_worker_here() -> None:
    """Below min_items, or with one worker, the items are computed in this process."""
    with parallel.Workers(2) as two, parallel.Workers(1) as one:
        assert {pid for _, pid in two.start(_square_and_pid, [1, 2, 3])()} == {os.getpid()}
        assert {pid for _, pid in one.start(_square_and_pid, list(range(600)), min_items=1)()} == {os.getpid()}


def test_a_kept_worker_error_reaches_the_caller() -> None:
    """An exception in a kept worker is raised in the caller."""
    with pytest.raises(ZeroDivisionError), parallel.Workers(2) as workers:
        workers.start(_invert, [1, 0, 2] * 10, min_items=1)()


def _wait_for(path: str) -> bool:
    """Return True once the file at `path` exists, False if it has not appeared within 20 seconds."""
    for _ in range(200):
        if os.path.exists(path):
            return True
        time.sleep(0.1)
    return False


def test_kept_workers_run_while_the_caller_goes_on(tmp_path: Path) -> None:
    """Workers.start returns before the items are done: they wait for a file the caller writes only after it."""
    marker = tmp_path / "go"
    with parallel.Workers(2) as workers:
        results = workers.start(_wait_for, [str(marker)] * 4, min_items=1)
        marker.write_text("go")
        assert results() == [True] * 4


def _invert(x: int) -> int:
    """Return 1 // x (fails for 0)."""
    return 1 // x


_MARK = ["before"]


def _mark(_: int) -> str:
    """Return what this process's mark says."""
    return _MARK[0]


@pytest.mark.parametrize(("start", "seen"), [(True, "before"), (False, "after")])
def test_started_workers_fork_at_once(start: bool, seen: str) -> None:
    """With start, the workers fork when made (they hold what this process held then); else at the first call."""
    try:
        with parallel.Workers(2, start=start) as workers:
            _MARK[0] = "after"
            assert set(workers.start(_mark, list(range(20)), min_items=1)()) == {seen}
    finally:
        _MARK[0] = "before"
