"""Publication-date inference on SaudiNewsNet: hide each article's date, infer it, compare with the corpus date.

The corpus date is the day of EXTRACTION (date_extracted), not of publication: an article extracted at
02:51 was often published the day before, so an inferred date one day earlier can be right. Figures:
share inferred at all, share within one day of the corpus date, share exact, in three settings:
- alone: the article's text only (a weekday alone recurs every week, so few are dated);
- story: the day's file is clustered, the article's story members keep their corpus dates;
- ingest: the extraction time is given as the ingest time (an upper bound).
The first errors of the story setting are listed (ids, inferred vs corpus date) for inspection. The
reserved days (eval.RESERVED_DAYS) are left out.
Run: python -m eval.published --shared ../shared [--days N]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval import open_days
from marsad.dating.expressions import published_day
from marsad.dating.published import infer_published
from marsad.parallel import available_cpus, map_items
from marsad.pipeline import build_stories, read
from marsad.types import Article, Inference

SETTINGS = ("alone", "story", "ingest")
Job = tuple[Article, Sequence[Article], dt.date]  # hidden article, its story's members, corpus day


def _infer(job: Job, setting: str) -> Inference:
    """Infer one hidden article's date in one setting."""
    article, members, corpus = job
    if setting == "story":
        return infer_published(article, members)
    return infer_published(article, ingested=corpus if setting == "ingest" else None)


def _jobs(day_file: Path) -> list[Job]:
    """Read one day's file, cluster it, and return every article with its date hidden."""
    docs, _ = read([day_file])
    dated = [d for d in docs if published_day(d.article) is not None]
    jobs: list[Job] = []
    for story in build_stories(dated):
        members = list(story.articles)
        for a in members:
            corpus = published_day(a)
            assert corpus is not None
            jobs.append((dataclasses.replace(a, published=None, published_source=None), members, corpus))
    return jobs


def _alone(job: Job) -> Inference:
    """Infer from the text alone."""
    return _infer(job, "alone")


def _story(job: Job) -> Inference:
    """Infer from the text and the story's dated members."""
    return _infer(job, "story")


def _ingest(job: Job) -> Inference:
    """Infer from the text and the extraction time as ingest time."""
    return _infer(job, "ingest")


def score(jobs: Sequence[Job], found: Sequence[Inference]) -> dict[str, Any]:
    """Return the shares inferred, within one day and exact, over all jobs."""
    n = len(jobs)
    inferred = [(j, f) for j, f in zip(jobs, found, strict=True) if f.value]
    gaps = [(dt.date.fromisoformat(f.value or "") - j[2]).days for j, f in inferred]
    return {
        "inferred": round(len(inferred) / n, 3) if n else 0.0,
        "within_one_day": round(sum(abs(g) <= 1 for g in gaps) / n, 3) if n else 0.0,
        "exact": round(sum(g == 0 for g in gaps) / n, 3) if n else 0.0,
        "within_one_day_of_inferred": round(sum(abs(g) <= 1 for g in gaps) / len(gaps), 3) if gaps else 0.0,
    }


def run(shared: Path, days: int | None = None) -> dict[str, Any]:
    """Return the figures of the three settings and the first story-setting errors."""
    files = open_days(shared / "data" / "saudinewsnet" / "dataset")[:days]
    jobs = [job for f in files for job in _jobs(f)]
    out: dict[str, Any] = {"articles": len(jobs), "days": len(files)}
    errors: list[str] = []
    for setting, func in (("alone", _alone), ("story", _story), ("ingest", _ingest)):
        found = map_items(func, jobs, workers=available_cpus())
        out[setting] = score(jobs, found)
        if setting == "story":
            errors = [f"{j[0].id}: {f.value} vs {j[2].isoformat()}" for j, f in zip(jobs, found, strict=True)
                      if f.value and abs((dt.date.fromisoformat(f.value) - j[2]).days) > 1][:10]
    out["story_errors"] = "; ".join(errors)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation as JSON."""
    parser = argparse.ArgumentParser(prog="python -m eval.published")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--days", type=int, help="only the first N day files")
    args = parser.parse_args(argv)
    json.dump(run(args.shared, args.days), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
