"""Independent work on several CPUs: forked workers read their inputs copy-on-write, only results travel back.

`map_items` never pickles its inputs: they are parked in a module global before the workers fork, so a
worker sees them as they are in the parent. `Workers` keeps its forked workers for several calls (a
stream's batches, so that their caches stay warm) and pickles each call's inputs to them. Each worker
freezes the objects it inherited out of its own garbage collector's reach (otherwise collecting touches
every inherited object and copies its page), so the caller's garbage collector is left as it was. With
one worker, where fork is unavailable, or when the input is small, everything runs in the calling
process, with the same results.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork (~20 ms) plus pickling the results costs more than it saves
# (measured on SaudiNewsNet stories: lineage of 300 small stories takes ~0.1 s in one process).
MIN_ITEMS = 500
# gc.set_threshold in each worker: a stage allocates millions of short-lived objects, and Python's default
# (700, 10, 10) walks the survivors again and again. Set by `python -m bench.people` (the entity and quote
# stages on 2 workers, three alternating runs each): 14.1-15.1 s with the default, 13.5-14.4 s with
# (50_000, 20, 20), 13.3-14.5 s with (200_000, 100, 100); the smaller of the two faster ones is kept.
WORKER_GC_THRESHOLD = (50_000, 20, 20)
CHUNKS_PER_WORKER = 4  # smaller chunks balance stories of uneven size
_CGROUP_V2 = Path("/sys/fs/cgroup/cpu.max")
_CGROUP_V1 = (Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us"))

_parked: dict[int, tuple[Callable[[Any], Any], Sequence[Any]]] = {}
# Blocks of `fewer_collections` open in this process (threads of a server may nest them), and the
# threshold the first of them found, restored when the last one ends.
_fewer_lock = threading.Lock()
_fewer_open: list[tuple[int, ...]] = []


def available_cpus() -> int:
    """Return how many CPUs this process may use: its CPU affinity, capped by a container's CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    quota = _cgroup_quota()
    if quota is not None:
        cpus = min(cpus, max(1, math.ceil(quota)))
    return max(1, cpus)


def _cgroup_quota() -> float | None:
    """Return the CPU quota of this process's cgroup (v2 cpu.max or v1 cfs quota) in CPUs, None when unlimited."""
    try:
        if _CGROUP_V2.exists():
            quota, _, period = _CGROUP_V2.read_text().partition(" ")
            return None if quota == "max" else int(quota) / int(period)
        quota_us, period_us = (int(p.read_text()) for p in _CGROUP_V1)
        return quota_us / period_us if quota_us > 0 and period_us > 0 else None
    except (OSError, ValueError):
        return None


def resolve_workers(workers: int | None) -> int:
    """Return the number of workers to use: `workers` when given (at least 1), else the CPUs available."""
    return available_cpus() if workers is None else max(1, workers)


def _can_fork() -> bool:
    """Return True where worker processes can be forked."""
    return "fork" in multiprocessing.get_all_start_methods()


def _fork_pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of forked workers that share this process's objects without copying them.

    Each worker freezes what it inherited (gc.freeze in the worker, not here): measured on
    SaudiNewsNet's stories, lineage on 2 workers went from 9.4 s to 6.9 s, against 12.7 s in one process.
    """
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker)


def _start_worker() -> None:
    """Freeze what a worker inherited and collect its young objects less often (see WORKER_GC_THRESHOLD).

    A worker ignores Ctrl-C, which the terminal sends to every process of the command: the caller
    stops its workers itself, and a worker interrupted while waiting for work would print a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLD)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect young objects as seldom as a worker does (WORKER_GC_THRESHOLD) inside the block, then restore.

    The process that reads, clusters and gathers holds the whole batch, and Python's default threshold
    collects every 700 new containers: on SaudiNewsNet, tokenizing 8,192 articles for the stories took 3.3 s
    with it and 2.2-2.5 s with this; a stories-only `marsad analyze` of the corpus 49.4 / 44.8 s and 43.4 /
    42.0 s (two alternating pairs, the same report). Blocks may nest and overlap across threads: the
    threshold found by the first is restored when the last ends.
    """
    with _fewer_lock:
        _fewer_open.append(gc.get_threshold() if not _fewer_open else _fewer_open[0])
        gc.set_threshold(*WORKER_GC_THRESHOLD)
    try:
        yield
    finally:
        with _fewer_lock:
            before = _fewer_open.pop()
            if not _fewer_open:
                gc.set_threshold(*before)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Keep the garbage collector off while workers' results are unpickled here, then restore it.

    Unpickling allocates a container per result object, and each few hundred of them trigger a
    collection that walks the caller's whole heap (the articles being worked on): measured on the
    entity and quote results of 2,648 SaudiNewsNet articles, 1.02 s to unpickle with it on, 0.10 s off.
    The results are acyclic, so nothing is left for the collector that it would have freed.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_chunk(key: int, start: int, end: int) -> list[Any]:
    """Apply the parked function to a slice of the parked items (runs in a worker)."""
    func, items = _parked[key]
    return [func(item) for item in items[start:end]]


def batch_bounds(n: int, workers: int, batches_per_worker: int) -> list[tuple[int, int]]:
    """Return the (start, end) of the batches `n` items go to workers in: equal ones, then ever smaller ones.

    Workers take batches in order as they finish. Once fewer than two batches a worker are left, each
    batch is half a worker's share of what remains (guided self-scheduling, Polychronopoulos and Kuck
    1987), so that the last are single items and the workers finish nearly together.
    """
    size = -(-n // (workers * batches_per_worker))
    bounds, start = [], 0
    while start < n:
        end = start + max(1, min(size, (n - start) // (2 * workers)))
        bounds.append((start, end))
        start = end
    return bounds


def map_items(func: Callable[[T], R], items: Sequence[T], *, workers: int, min_items: int = MIN_ITEMS,
              progress: Callable[[int], None] | None = None, weight: Callable[[T], int] | None = None,
              batches_per_worker: int = CHUNKS_PER_WORKER) -> list[R]:
    """Return [func(x) for x in items], computed by `workers` forked workers when the input is large enough.

    Items go to the workers in `batches_per_worker` batches per worker. `progress` is told how much
    was done each time some is: the number of items, or the sum of their `weight`.
    """
    if len(items) < min_items or workers < 2 or not _can_fork():
        return _inline(func, items, progress, weight)
    key = id(items)
    _parked[key] = (func, items)
    pool = _fork_pool(workers)
    try:
        futures = _submit(lambda start, end: pool.submit(_run_chunk, key, start, end), len(items), workers,
                          batches_per_worker)
        found = _gather(pool, futures, items, progress, weight)
        pool.shutdown()
        return found
    finally:
        del _parked[key]


class Workers:
    """Forked workers kept for several `map` calls (a stream's batches), so that what they cache stays warm.

    The workers fork at the first call that needs them (or at once, with `start`); items made after that
    cannot be inherited, so each call's items are pickled to them.
    """

    def __init__(self, workers: int, *, start: bool = False) -> None:
        """Keep `workers` processes (none with one worker, or where fork is unavailable), forked now with `start`."""
        self.workers = workers
        self._pool = _fork_pool(workers) if workers >= 2 and _can_fork() else None
        if start and self._pool is not None:
            self._pool.submit(int).result()  # a fork pool forks all its workers at the first submit

    def start(self, func: Callable[[T], R], items: Sequence[T], *, min_items: int = MIN_ITEMS,
              progress: Callable[[int], None] | None = None, weight: Callable[[T], int] | None = None,
              batches_per_worker: int = CHUNKS_PER_WORKER) -> Callable[[], list[R]]:
        """Start [func(x) for x in items] on the kept workers; return what waits for the results, in order.

        This process goes on meanwhile. As `map_items`: `func` must pickle, and `progress` is told as
        batches finish (here, once the results are asked for). Without workers, or with fewer than
        `min_items` items, the items are computed when the results are asked for.
        """
        pool = self._pool
        if pool is None or len(items) < min_items:
            return partial(_inline, func, items, progress, weight)
        futures = _submit(lambda start, end: pool.submit(_run_items, func, items[start:end]), len(items),
                          self.workers, batches_per_worker)
        return partial(_gather, pool, futures, items, progress, weight)

    def close(self, wait: bool = True) -> None:
        """Stop the workers (after their work in hand, when `wait`)."""
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        """Return the workers."""
        return self

    def __exit__(self, error: type[BaseException] | None, *_: object) -> None:
        """Stop the workers; after an error or an interrupt, without waiting for them."""
        self.close(wait=error is None)


def _run_items(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """Apply a function to items sent to this worker (runs in a kept worker)."""
    return [func(item) for item in items]


def _inline(func: Callable[[T], R], items: Sequence[T], progress: Callable[[int], None] | None,
            weight: Callable[[T], int] | None) -> list[R]:
    """Return [func(x) for x in items] computed here, telling `progress` after each."""
    out = []
    for item in items:
        out.append(func(item))
        if progress:
            progress(weight(item) if weight else 1)
    return out


def _submit(submit: Callable[[int, int], Future[list[R]]], count: int, workers: int,
            batches_per_worker: int) -> dict[Future[list[R]], tuple[int, int]]:
    """Submit the batches of `count` items (`submit(start, end)`); return each one's future and bounds."""
    return {submit(*bounds): bounds for bounds in batch_bounds(count, workers, batches_per_worker)}


def _gather(pool: ProcessPoolExecutor, futures: dict[Future[list[R]], tuple[int, int]], items: Sequence[T],
            progress: Callable[[int], None] | None, weight: Callable[[T], int] | None) -> list[R]:
    """Return the submitted batches' results in order, telling `progress` as each one completes."""
    try:
        with _collection_paused():  # only now: a fork pool forks all its workers at the first submit
            for future in as_completed(futures):
                future.result()  # a worker's error is raised here, at once
                if progress:
                    start, end = futures[future]
                    progress(sum(weight(item) for item in items[start:end]) if weight else end - start)
            return [r for f in sorted(futures, key=futures.__getitem__) for r in f.result()]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C or a failure: do not wait for the rest
        raise
