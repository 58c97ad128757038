"""Verification cost: the brief of a 50-article story, and the claim alignment from 5 to 200 articles per story.

Stories of a chosen size are built from one SaudiNewsNet day: its largest stories' members, in story
order, until the size is reached (bigger stories than the corpus has are made of several of its
stories, which is what a long-running story of many outlets looks like to the aligner). Their
entities, quotes and dates are found first, outside the timing, as `analyze` does before verifying.
- brief_50: the whole verification stage (claims, sources, conflicts, brief) on 50 articles, and
  `marsad brief --db FILE ID` on that story stored (a fresh process, as a user runs it), beside
  sumy's LexRank summarising the same 50 cleaned articles in the same run (the peer's ratio).
- alignment.N: seconds of the alignment alone and of the whole stage at N articles, units and claims.
Run in its own process: python -m bench.verify --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eval.verify import _lexrank

from marsad import pipeline
from marsad.doc import Doc, StoryDoc
from marsad.parallel import available_cpus
from marsad.store import Store
from marsad.store.rows import content_key
from marsad.stories.cluster import restory
from marsad.verify.claims import align
from marsad.verify.story import verify_story

DAY = "2015-07-21"
SIZES = (5, 10, 25, 50, 100, 200)


def stories_of_sizes(shared: Path) -> dict[int, StoryDoc]:
    """Return one story per size of SIZES, of one day's articles, its other stages done."""
    docs, _ = pipeline.read([shared / "data/saudinewsnet/dataset" / f"{DAY}.zip"], workers=available_cpus())
    found = sorted(pipeline.build_stories(docs, workers=available_cpus()), key=lambda s: -len(s.docs))
    # One copy of each content, as a store keeps (Store.new_articles): the 50-article story is stored below.
    pool = list({content_key(d.article): d.article for s in found for d in s.docs}.values())
    out = {}
    for n in SIZES:
        articles = pool[:n]
        out[n] = StoryDoc(restory(f"s-bench-{n}", articles), tuple(Doc(a) for a in articles))
    stages = pipeline.story_stages(verify=False)
    pipeline.annotate(list(out.values()), stages=stages, workers=available_cpus())
    return out


def _timed(func: object, *args: object) -> float:
    """Return the seconds one call takes."""
    t0 = time.perf_counter()
    func(*args)  # type: ignore[operator]
    return time.perf_counter() - t0


def run(shared: Path) -> dict[str, object]:
    """Time the verification stage and the alignment at each size, and the brief of a stored 50-article story."""
    stories = stories_of_sizes(shared)
    table: dict[str, object] = {}
    for n, story in stories.items():
        aligned = _timed(align, story)
        whole = _timed(verify_story, story)
        table[str(n)] = {"align_s": round(aligned, 3), "verify_s": round(whole, 3),
                         "units": sum(len(c.units) for c in story.claims or ()), "claims": len(story.claims or ())}
    fifty = stories[50]
    lexrank = _timed(_lexrank, fifty, 5)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with Store.open(db) as store:
            store.save(fifty.docs, [fifty])
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "marsad", "brief", "--db", str(db), fifty.id, "--quiet"], check=True)
        cli = time.perf_counter() - t0
    verify = float(table["50"]["verify_s"])  # type: ignore[index]
    return {"brief_50": {"verify_stage_s": verify, "cli_stored_story_s": round(cli, 3),
                         "lexrank_s": round(lexrank, 3), "ratio_verify_to_lexrank": round(verify / lexrank, 3)},
            "alignment": table}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared)))
