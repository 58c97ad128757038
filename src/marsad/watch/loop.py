"""The watch loop: each source polled on its own schedule, new items ingested together, failures backed off.

One cycle polls every source that is due, ingests what they gave in one store transaction and emits
the events of that ingest. What was found in the articles of the active window (MAX_NEIGHBOURS of
them) is kept, so a stored article that comes back in a growing story is not tagged again. A source
that fails is reported and polled again after INTERVAL × 2^failures (at most MAX_BACKOFF_S), without
holding up the others. SIGINT and SIGTERM stop the loop between cycles: an ingest under way finishes
(it is one transaction), so nothing half-written is left.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from marsad.clean import Rules
from marsad.doc import DocCache
from marsad.ingest.base import Item
from marsad.pipeline import IngestResult, ingest_documents
from marsad.store import Store
from marsad.store.db import MAX_NEIGHBOURS
from marsad.watch import fetch
from marsad.watch.events import events
from marsad.watch.sources import Source, SourceError, source

INTERVAL_S = 300.0  # EMM NewsBrief refreshes every 10 minutes; a desk wants at least that
MAX_BACKOFF_S = 3600.0
# A story that keeps growing gets its claims, conflicts and brief again at most this often (a new
# story gets them at once); in between it is stored without them and `brief --db` computes them when
# asked. Re-verifying every grown story at every cycle is what kept a busy watch from keeping up
# (bench.watch: verification was two thirds of a cycle once the stories had grown).
VERIFY_EVERY_S = 600.0


@dataclass
class Scheduled:
    """A source with the time it is next due (on the loop's clock) and its failures in a row."""

    source: Source
    due: float = 0.0
    failures: int = 0


@dataclass
class Watcher:
    """Polls sources into a store: `cycle()` once, `run(stop)` until stopped."""

    store: Store
    sources: Sequence[Source]
    interval: float = INTERVAL_S
    emit: Callable[[dict[str, Any]], None] = print
    warn: Callable[[str], None] = print
    clock: Callable[[], float] = time.monotonic
    stages: dict[str, Any] = field(default_factory=dict)  # people, dates, verify, rules, workers: as ingest
    _schedule: list[Scheduled] = field(init=False)
    _docs: DocCache = field(init=False)
    _verified: dict[str, float] = field(init=False)  # story id → when it was last verified (recent ones only)

    def __post_init__(self) -> None:
        """Make every source due at once; keep what was found in the articles of the active window."""
        self._schedule = [Scheduled(s) for s in self.sources]
        self._docs = DocCache(MAX_NEIGHBOURS)
        self._verified = {}

    def cycle(self) -> IngestResult | None:
        """Poll the sources that are due, ingest their new items together, emit the events; None if nothing came."""
        items = [item for entry in self._schedule if entry.due <= self.clock() for item in self._poll(entry)]
        if not items:
            return None
        now = self.clock()
        self._verified = {sid: t for sid, t in self._verified.items() if now - t < VERIFY_EVERY_S}
        stages = self.stages | ({"verify": self._due_for_verification} if self.stages.get("verify", True) else {})
        result = ingest_documents(self.store, items, cache=self._docs, **stages)
        for error in result.errors:
            self.warn(str(error))
        at = datetime.now(UTC).isoformat(timespec="seconds")
        for event in events(result, at):
            self.emit(event)
        return result

    def _due_for_verification(self, story_id: str) -> bool:
        """Tell whether a changed story is verified now (and note it): new, or not verified for VERIFY_EVERY_S."""
        if story_id in self._verified:
            return False
        self._verified[story_id] = self.clock()
        return True

    def wait(self) -> float:
        """Return the seconds until the next source is due."""
        return max(0.0, min(entry.due for entry in self._schedule) - self.clock())

    def run(self, stop: threading.Event, once: bool = False) -> None:
        """Cycle until `stop` is set (or once), sleeping until the next source is due."""
        while not stop.is_set():
            self.cycle()
            if once:
                return
            stop.wait(self.wait())

    def _poll(self, entry: Scheduled) -> list[Item]:
        """Poll one source and reschedule it: after the interval, or backed off after a failure."""
        try:
            items = entry.source.poll()
        except (SourceError, fetch.FetchError, OSError) as exc:
            entry.failures += 1
            delay = min(self.interval * 2**entry.failures, MAX_BACKOFF_S)
            entry.due = self.clock() + delay
            self.warn(f"{exc} (failure {entry.failures} in a row; next try in {delay:.0f} s)")
            return []
        entry.failures = 0
        entry.due = self.clock() + self.interval
        return items


def watch(given: Sequence[str], db: str | Path, *, interval: float = INTERVAL_S, once: bool = False,
          emit: Callable[[dict[str, Any]], None] = print, warn: Callable[[str], None] = print,
          rules: Rules | None = None, people: bool = True, dates: bool = True, verify: bool = True,
          workers: int | None = None) -> None:
    """Follow the sources (folders and URLs) into the store at `db` until SIGINT or SIGTERM (or one cycle)."""
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        """Stop after the current cycle."""
        stop.set()

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Store.open(db) as store:
            stages = {"rules": rules, "people": people, "dates": dates, "verify": verify, "workers": workers}
            Watcher(store, [source(g) for g in given], interval, emit, warn, stages=stages).run(stop, once)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

