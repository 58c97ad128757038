"""`marsad watch` keeping up: simulated feeds publishing on a simulated clock, every default stage, a real store.

FEEDS feeds each publish PER_MINUTE items a simulated minute (SaudiNewsNet articles in order, each
dated the simulated day and given a new id when the corpus is used again). Every simulated minute one
`Watcher.cycle()` polls them all and ingests what they gave. Per cycle: the wall seconds it took
(keeping up = under 60) and the resident memory after it; the first minutes fill the store's window of
neighbours (MAX_NEIGHBOURS), after which memory should stay flat.

Run in its own process: python -m bench.watch --shared ../shared [--minutes 60]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from dataclasses import replace
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from marsad.ingest import read_file
from marsad.ingest.base import MAX_ARTICLE_BYTES, Item
from marsad.store import Store
from marsad.types import RawDocument
from marsad.watch.loop import Watcher

FEEDS = 100
PER_MINUTE = 10
DAY = "2025-10-14"


class SimulatedFeed:
    """A feed that gives its next PER_MINUTE items at every poll."""

    def __init__(self, name: str, items: Any) -> None:
        """Publish from the shared iterator `items`."""
        self.name = name
        self._items = items

    def poll(self) -> list[Item]:
        """Return the items published since the last poll."""
        return list(islice(self._items, PER_MINUTE))


def _articles(shared: Path) -> Any:
    """Yield SaudiNewsNet's articles for ever, dated DAY, with a new id on every pass over the corpus."""
    folder = shared / "data" / "saudinewsnet" / "dataset"
    docs = [d for path in sorted(folder.glob("*.zip")) for d in read_file(path, max_bytes=MAX_ARTICLE_BYTES)
            if isinstance(d, RawDocument)]
    for round_, doc in enumerate(cycle(docs)):
        again = round_ // len(docs)
        yield replace(doc, id=f"{doc.id}-{again}" if again else doc.id, published=DAY,
                      text=doc.text if not again else f"{doc.text}\n({again})")


def _rss_mb() -> float:
    """Return the process's resident memory now, in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def run(shared: Path, minutes: int) -> dict[str, Any]:
    """Simulate `minutes` minutes of FEEDS feeds; return per-cycle seconds and memory."""
    items = _articles(shared)
    seconds: list[float] = []
    memory: list[float] = []
    now = [0.0]
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "watch.db") as store:
        feeds = [SimulatedFeed(f"feed-{k}", items) for k in range(FEEDS)]
        watcher = Watcher(store, feeds, 60.0, lambda _event: None, lambda _line: None, lambda: now[0])
        for _ in range(minutes):
            t0 = time.perf_counter()
            watcher.cycle()
            seconds.append(round(time.perf_counter() - t0, 2))
            memory.append(round(_rss_mb()))
            now[0] += 60.0
        counts = store.counts()
    return {"feeds": FEEDS, "items_per_minute": FEEDS * PER_MINUTE, "simulated_minutes": minutes,
            "articles": counts["articles"], "stories": counts["stories"],
            "cycle_s_max": max(seconds), "cycle_s_mean": round(sum(seconds) / len(seconds), 2),
            "keeps_up": max(seconds) < 60.0, "memory_mb_max": max(memory),
            "at_minute": {str(m): {"cycle_s": seconds[m - 1], "memory_mb": memory[m - 1]}
                          for m in sorted({1, *range(10, minutes + 1, 10), minutes})}}


def main() -> None:
    """Print the figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--minutes", type=int, default=60)
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.minutes)))


if __name__ == "__main__":
    main()
