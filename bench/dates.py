"""Date stage throughput on SaudiNewsNet: publication days inferred, expressions resolved, timelines built.

Over the stories of bench.people's first day files, their people found first (as `analyze` does).

Run in its own process: python -m bench.dates --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.people import PEOPLE_STAGES, first_days
from marsad import pipeline
from marsad.dating.published import date_docs
from marsad.dating.timeline import build_timelines
from marsad.parallel import available_cpus


def run(shared: Path) -> dict[str, float | int | str]:
    """Time the date stages over the stories of the first days of SaudiNewsNet (their people found first)."""
    stories = first_days(shared)
    n = sum(len(s.docs) for s in stories)
    pipeline.annotate(stories, stages=PEOPLE_STAGES, workers=available_cpus())
    t0 = time.perf_counter()
    pipeline.annotate(stories, stages=[date_docs, build_timelines], workers=available_cpus())
    seconds = time.perf_counter() - t0
    events = [e for s in stories for e in s.timeline or ()]
    return {
        "articles": n,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1) if seconds else 0.0,
        "expressions": sum(len(d.dates or ()) for s in stories for d in s.docs),
        "timeline_events": len(events),
        "events_with_several_articles": sum(len(e.articles) > 1 for e in events),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared)))
