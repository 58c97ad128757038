"""Entity + quote stage throughput on SaudiNewsNet: NER, quotes, canonicalization and grouping (the story stages).

Run in its own process: python -m bench.people --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from marsad import pipeline
from marsad.doc import StoryDoc
from marsad.entities.attribution import link_entities
from marsad.parallel import available_cpus

DAYS = 2  # the first two day files (~5k articles): enough for a stable rate, short enough to run often
PEOPLE_STAGES = [pipeline.find_mentions, pipeline.find_story_quotes, link_entities]


def first_days(shared: Path) -> list[StoryDoc]:
    """Return the stories of the first DAYS day files of SaudiNewsNet."""
    files = sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip"))[:DAYS]
    docs, _ = pipeline.read(files, workers=available_cpus())
    return pipeline.build_stories(docs, workers=available_cpus())


def run(shared: Path) -> dict[str, float | int | str]:
    """Time the entity and quote stages over the stories of the first days of SaudiNewsNet."""
    stories = first_days(shared)
    n = sum(len(s.docs) for s in stories)
    t0 = time.perf_counter()
    pipeline.annotate(stories, stages=PEOPLE_STAGES, workers=available_cpus())
    seconds = time.perf_counter() - t0
    return {
        "articles": n,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1) if seconds else 0.0,
        "entities": sum(len(s.entities or ()) for s in stories),
        "quotes": sum(len(s.quotes or ()) for s in stories),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared)))
