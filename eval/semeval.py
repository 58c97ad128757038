"""SemEval-2022 task 8 (ar-ar): how `similarity` tracks the human Overall score; the threshold's F1.

Rows sorted by `ligne`; the first half calibrated marsad.stories.cluster/features, the second half is held out.
Run: python -m eval.semeval --shared ../shared
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import pearsonr, spearmanr

from eval import cli
from marsad import arabic
from marsad.stories.cluster import THRESHOLD, similarity
from marsad.types import Article, Span

DATASET = Path("data/semeval2022-task8-ar/dataset_arab.csv")
# Overall 1 = same story ... 4 = very dissimilar; "same story" means Overall <= 2.
SAME_STORY_MAX = 2.0


def _article(row: dict[str, str], key: str, side: int) -> Article:
    """Build the Article of one side of a pair."""
    text = row[f"text_{side}"]
    aid = f"{key}-{side}"
    return Article(aid, "semeval", body=text, title=row[f"title_{side}"],
                   sentences=tuple(Span(aid, s, e, "sentence") for s, e in arabic.split_sentences(text)))


def _halves(shared: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Read the pairs sorted by `ligne` and split them into calibration and held-out halves."""
    csv.field_size_limit(sys.maxsize)
    with (shared / DATASET).open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["ligne"]))
    return rows[: len(rows) // 2], rows[len(rows) // 2 :]


def _measure(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Correlations and same-story precision/recall/F1 of one half."""
    scores = np.array([similarity(_article(r, r["ligne"], 1), _article(r, r["ligne"], 2)) for r in rows])
    overall = np.array([float(r["Overall"]) for r in rows])
    same, predicted = overall <= SAME_STORY_MAX, scores >= THRESHOLD
    tp = int((same & predicted).sum())
    precision = tp / max(int(predicted.sum()), 1)
    recall = tp / max(int(same.sum()), 1)
    return {
        "pairs": len(rows),
        "pearson": round(float(pearsonr(scores, overall)[0]), 3),
        "abs_pearson": round(abs(float(pearsonr(scores, overall)[0])), 3),
        "spearman": round(float(spearmanr(scores, overall)[0]), 3),
        "threshold": THRESHOLD,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / (precision + recall) if tp else 0.0, 3),
    }


def run(shared: Path) -> dict[str, Any]:
    """Return the measures on the calibration half and on the held-out half."""
    first, second = _halves(shared)
    return {"calibration_half": _measure(first), "held_out_half": _measure(second)}


if __name__ == "__main__":
    raise SystemExit(cli(run, "python -m eval.semeval"))
