"""Date stage throughput (issue 4) on SaudiNewsNet: publication-date inference, every expression resolved,
and each story's timeline, over the stories of bench.people's first day files (people found first, as `analyze` does).

Run in its own process: python -m bench.dates --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.people import first_days
from marsad import pipeline


def run(shared: Path) -> dict[str, float | int | str]:
    """Time date_stories over the stories of the first days of SaudiNewsNet."""
    articles, stories = first_days(shared)
    found = pipeline.who_said_what(articles, stories)
    t0 = time.perf_counter()
    dated = pipeline.date_stories(articles, stories, found)
    seconds = time.perf_counter() - t0
    events = [e for timeline in dated.timelines.values() for e in timeline]
    return {
        "articles": len(articles),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 1) if seconds else 0.0,
        "expressions": sum(len(found) for found in dated.dates.values()),
        "timeline_events": len(events),
        "events_with_several_articles": sum(len(e.articles) > 1 for e in events),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared)))
