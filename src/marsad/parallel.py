"""Use every core for independent work: forked workers read their inputs copy-on-write, only results travel.

Inputs are never pickled: they are parked in a module global before the workers fork, so a worker
sees them as they are in the parent. Where fork is unavailable, or the input is small, everything
runs in this process, with the same results.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS = os.cpu_count() or 1
# Below this many items a fork (~20 ms) plus pickling the results costs more than it saves
# (measured on SaudiNewsNet stories: lineage of 300 small stories takes ~0.1 s in one process).
MIN_ITEMS = 500
CHUNKS_PER_WORKER = 4  # smaller chunks balance stories of uneven size

_parked: dict[int, tuple[Callable[[Any], Any], Sequence[Any]]] = {}


def _can_fork() -> bool:
    """Return True where worker processes can be forked."""
    return "fork" in multiprocessing.get_all_start_methods()


def _fork_pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of forked workers that share this process's objects without copying them.

    gc.freeze() first: otherwise each worker's garbage collector walks every inherited object,
    touching its memory page and so copying it (measured: lineage on 2 workers went from 9.4 s to
    6.9 s on SaudiNewsNet's stories, against 12.7 s in one process).
    """
    gc.freeze()
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def _run_chunk(key: int, start: int, end: int) -> list[Any]:
    """Apply the parked function to a slice of the parked items (runs in a worker)."""
    func, items = _parked[key]
    return [func(item) for item in items[start:end]]


def map_items(func: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    """Return [func(x) for x in items], computed by forked workers when the input is large enough."""
    if len(items) < min_items or WORKERS < 2 or not _can_fork():
        return [func(item) for item in items]
    key = id(items)
    _parked[key] = (func, items)
    try:
        size = -(-len(items) // (WORKERS * CHUNKS_PER_WORKER))
        with _fork_pool(WORKERS) as pool:
            futures = [pool.submit(_run_chunk, key, s, min(s + size, len(items)))
                       for s in range(0, len(items), size)]
            return [r for f in futures for r in f.result()]
    finally:
        del _parked[key]
        gc.unfreeze()


class Background:
    """One call computed in a forked process while this one goes on; `result()` waits for it."""

    def __init__(self, func: Callable[[T], R], arg: T, enabled: bool = True) -> None:
        """Start `func(arg)` in a forked worker (or remember to run it inline when disabled or unforkable)."""
        self._func: Callable[[Any], Any] = func
        self._arg: Any = arg
        self._future: Future[list[Any]] | None = None
        self._pool: ProcessPoolExecutor | None = None
        if enabled and WORKERS >= 2 and _can_fork():
            key = id(arg)
            _parked[key] = (func, [arg])
            self._pool = _fork_pool(1)
            self._future = self._pool.submit(_run_chunk, key, 0, 1)
            self._key = key

    def result(self) -> Any:
        """Return the call's result, computing it here if it was not started in a worker."""
        if self._future is None or self._pool is None:
            return self._func(self._arg)
        try:
            return self._future.result()[0]
        finally:
            self._pool.shutdown()
            _parked.pop(self._key, None)
            gc.unfreeze()
