"""Stories-only throughput and peak memory on SaudiNewsNet (`marsad analyze --no-people --no-dates`), by stage.

Run in its own process so that peak memory is the pipeline's alone:
python -m bench.e2e --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import zipfile
from pathlib import Path

from marsad import ingest, pipeline
from marsad.parallel import available_cpus
from marsad.types import RawDocument


def raw_read(folder: Path) -> int:
    """The peer for ingest: only unzip and json-load the day files, counting articles."""
    n = 0
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                n += len(json.loads(zf.read(name)))
    return n


def run(shared: Path) -> dict[str, float | int | str]:
    """Time ingest + clean and story building over every SaudiNewsNet article; report rates and peak RSS."""
    folder = shared / "data" / "saudinewsnet" / "dataset"
    t0 = time.perf_counter()
    n_raw = raw_read(folder)
    t_raw = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_docs = sum(1 for d in ingest.read_paths([folder]) if isinstance(d, RawDocument))
    t_ingest = time.perf_counter() - t0  # the reading stage alone, for the ratio to the peer

    workers = available_cpus()
    t0 = time.perf_counter()
    docs, errors = pipeline.read([folder], workers=workers)  # ingest + clean, as `marsad analyze` runs them
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    stories = pipeline.build_stories(docs, workers=workers)
    pipeline.annotate(stories, stages=pipeline.story_stages(people=False, dates=False, verify=False), workers=workers)
    t_stories = time.perf_counter() - t0

    total = t_read + t_stories
    articles = docs
    sizes = sorted((len(s.docs) for s in stories), reverse=True)
    return {
        "articles": len(articles),
        "input_errors": len(errors),
        "stories": len(stories),
        "largest_story": sizes[0] if sizes else 0,
        "multi_article_stories": sum(1 for s in sizes if s > 1),
        "peer_raw_json_read_s": round(t_raw, 2),
        "ingest_s": round(t_ingest, 2),
        "ingest_vs_raw_read": round(t_ingest / t_raw, 2) if t_raw else 0.0,
        "ingest_and_clean_s": round(t_read, 2),
        "stories_s": round(t_stories, 2),
        "end_to_end_s": round(total, 2),
        "articles_per_s": round(len(articles) / total, 1) if total else 0.0,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "raw_articles": n_raw,
        "ingested_documents": n_docs,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared)))
