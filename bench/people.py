"""Entity + quote extraction throughput (issue 3) on SaudiNewsNet: NER, quotes, canonicalization and grouping.

Run in its own process: python -m bench.people --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from marsad import pipeline
from marsad.types import Article, Story

DAYS = 2  # the first two day files (~5k articles): enough for a stable rate, short enough to run often


def first_days(shared: Path) -> tuple[list[Article], list[Story]]:
    """Return the articles of the first DAYS day files of SaudiNewsNet and their stories."""
    files = sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip"))[:DAYS]
    articles, _ = pipeline.read(files)
    return articles, pipeline.build_stories(articles)


def run(shared: Path) -> dict[str, float | int | str]:
    """Time who_said_what over the stories of the first days of SaudiNewsNet."""
    articles, stories = first_days(shared)
    t0 = time.perf_counter()
    found = pipeline.who_said_what(articles, stories)
    seconds = time.perf_counter() - t0
    return {
        "articles": len(articles),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 1) if seconds else 0.0,
        "entities": sum(len(p.entities) for p in found.values()),
        "quotes": sum(len(p.quotes) for p in found.values()),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared)))
