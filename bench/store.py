"""`marsad ingest` into the SQLite store on SaudiNewsNet: articles/s, database size, a second pass, search latency.

Stories only, and with entities and quotes; the second pass is idempotent.

Run in its own process: python -m bench.store --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from marsad import pipeline
from marsad.store import Store

QUERIES = ("المحادثات", "وزارة الصحة", "خادم الحرمين الشريفين", "اسطنبول")


def run(shared: Path) -> dict[str, float | int | str]:
    """Ingest the whole corpus into a fresh store (everything, then stories only), again, then search."""
    folder = shared / "data" / "saudinewsnet" / "dataset"
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp) / "people.db") as store:
            t0 = time.perf_counter()
            with_people = pipeline.ingest_into(store, [folder])
            t_people = time.perf_counter() - t0
            people_counts = store.people_totals()
        db = Path(tmp) / "bench.db"
        with Store.open(db) as store:
            t0 = time.perf_counter()
            first = pipeline.ingest_into(store, [folder], people=False, verify=False)
            t_first = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = pipeline.ingest_into(store, [folder])
            t_again = time.perf_counter() - t0
            t0 = time.perf_counter()
            hits = sum(len(store.search(q, limit=20)) for q in QUERIES)
            t_search = (time.perf_counter() - t0) / len(QUERIES)
            counts = store.counts()
        size = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
    return {
        "articles_added": len(first.added),
        "skipped_same_content": first.skipped,
        "stories": counts.get("stories", 0),
        "ingest_s": round(t_first, 2),
        "ingest_articles_per_s": round(len(first.added) / t_first, 1) if t_first else 0.0,
        "second_pass_added": len(again.added),
        "second_pass_s": round(t_again, 2),
        "search_ms_per_query": round(1000 * t_search, 1),
        "search_hits": hits,
        "database_mb": round(size / 2**20, 1),
        "with_people_ingest_s": round(t_people, 2),
        "with_people_articles_per_s": round(len(with_people.added) / t_people, 1) if t_people else 0.0,
        "with_people_entities": people_counts.get("entities", 0),
        "with_people_quotes": people_counts.get("quotes", 0),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared)))
