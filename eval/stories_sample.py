"""Draw the material of the blind story set (eval/data/stories.tsv) from two consecutive open SaudiNewsNet days.

The crowd is every article of both days. Bundles are drawn from it by a neutral retrieval that is not
marsad's (scikit-learn TF-IDF over each article's title and opening lines, cosine): an anchor with
near articles, then its nearest articles still free, so that a bundle holds one event's reports beside
the look-alikes that make story clustering hard (templated announcements, same-kind incidents, the
same actors). Each article is in one bundle at most, and the annotators group every bundle's articles
by event (eval/data/stories_guidelines.md). Byte-identical repeats of an article (SaudiNewsNet holds
many) are left out of the draw. Seeded, so it can be repeated; it never looks at marsad's stories.
What the annotators read goes to a folder outside the repository (their text is never committed).
The set grows by draws (DRAWS), each from its own two days with its own bundle numbers, so that a later
draw gives dev errors no rule was written on and a test half scored for the first time.
Run: python -m eval.stories_sample --shared ../shared --draw 2 --out /tmp/stories_annot
Then: python -m eval.stories_sample --convert /tmp/stories_annot   (rows for eval/data/stories.tsv)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from eval.verify_sample import raw_articles
from marsad import arabic

SEED = 20261205
# Each draw's two days: consecutive, both open (eval.open_days), neither reserved. Draw n numbers its
# bundles from 100 * (n - 1) + 1 (B01..., B101...); odd bundles are dev, even ones test.
DRAWS = (("2015-08-01", "2015-08-02"), ("2015-07-25", "2015-07-26"), ("2015-08-03", "2015-08-04"))
LEAD = 500  # characters of the opening read for retrieval
SHOWN = 700  # characters of the opening shown to the annotators
NEAR = 0.3  # cosine at which an article counts as near another (chosen by looking at a few bundles' sims)
JOIN = 0.2  # cosine down to which a free article may join an anchor's bundle
LARGEST = 14
SMALLEST = 3


def records(shared: Path, days: tuple[str, ...]) -> list[tuple[str, int, dict[str, Any]]]:
    """Return the days' articles as (day, index, record), repeats of one content and empty ones left out."""
    seen: set[str] = set()
    out = []
    for day in days:
        for i, a in enumerate(raw_articles(shared / "data/saudinewsnet/dataset" / f"{day}.zip")):
            body = " ".join(a.get("content", "").split())
            if len(body) >= 200 and body not in seen:
                seen.add(body)
                out.append((day, i, a))
    return out


def _text(a: dict[str, Any]) -> str:
    """Return what retrieval reads of an article: its title twice and its opening."""
    title = a.get("title", "")
    return arabic.normalize(f"{title} {title} {a['content'][:LEAD]}")


def bundles(crowd: list[tuple[str, int, dict[str, Any]]], size: int, rng: random.Random) -> list[list[int]]:
    """Return disjoint bundles (positions in `crowd`) of near articles until they hold `size` articles."""
    matrix = TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b", sublinear_tf=True).fit_transform(
        [_text(a) for _, _, a in crowd])
    sims = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sims, 0.0)
    outlets = [a["source"] for _, _, a in crowd]
    anchors = [k for k in range(len(crowd)) if (sims[k] >= NEAR).sum() >= 2]
    rng.shuffle(anchors)
    free = np.ones(len(crowd), dtype=bool)
    out: list[list[int]] = []
    for k in anchors:
        if sum(map(len, out)) >= size:
            break
        if not free[k]:
            continue
        order = [int(j) for j in np.argsort(-sims[k]) if free[j] and sims[k, j] >= JOIN][:LARGEST - 1]
        if len(order) + 1 < SMALLEST or not any(outlets[j] != outlets[k] for j in order if sims[k, j] >= NEAR):
            continue
        group = [k, *order]
        rng.shuffle(group)
        free[group] = False
        out.append(group)
    return out


def write(out: Path, crowd: list[tuple[str, int, dict[str, Any]]], drawn: list[list[int]], first: int) -> None:
    """Write the bundles, numbered from `first`, for annotators (bundles.txt), their references (bundles.json)."""
    out.mkdir(parents=True, exist_ok=True)
    refs = {}
    with (out / "bundles.txt").open("w", encoding="utf-8") as f:
        for n, group in enumerate(drawn, first):
            f.write(f"\n==================== BUNDLE B{n:02d} ====================\n")
            for m, k in enumerate(group, 1):
                day, i, a = crowd[k]
                aid = f"B{n:02d}-A{m}"
                refs[aid] = [day, i]
                opening = " ".join(a["content"][:SHOWN].split())
                f.write(f"\n--- {aid} (outlet: {a['source']}, collected: {a['date_extracted']}) ---\n"
                        f"TITLE: {a.get('title', '')}\n{opening} …\n")
    (out / "bundles.json").write_text(json.dumps(refs))


def convert(folder: Path) -> tuple[list[str], list[str]]:
    """Return the stored rows of the labels in `folder` (labels_*.tsv) and the lines that name no drawn article."""
    refs = json.loads((folder / "bundles.json").read_text())
    rows, bad = [], []
    for path in sorted(folder.glob("labels_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = [p.strip() for p in line.split("\t")]
            if len(parts) < 2 or "-A" not in parts[0]:
                continue
            if parts[0] not in refs:
                bad.append(line)
                continue
            bundle = parts[0].split("-A")[0]
            day, i = refs[parts[0]]
            half = "dev" if int(bundle[1:]) % 2 else "test"
            note = parts[2] if len(parts) > 2 and parts[2] else "-"
            rows.append(f"{parts[0]}\t{day}\t{i}\t{half}\t{bundle}-{parts[1]}\t{note}")
    return rows, bad


def main() -> None:
    """Draw the bundles, or convert the annotators' labels with --convert."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/stories_annot"))
    parser.add_argument("--size", type=int, default=520, help="articles to draw, in whole bundles")
    parser.add_argument("--draw", type=int, default=len(DRAWS), help="which of DRAWS to draw (1-based)")
    parser.add_argument("--convert", type=Path, help="a folder of labels_*.tsv beside the drawn bundles.json")
    args = parser.parse_args()
    if args.convert:
        rows, bad = convert(args.convert)
        print("\n".join(rows))
        for line in bad:
            print(f"no such article: {line[:120]}", file=sys.stderr)
        return
    crowd = records(args.shared, DRAWS[args.draw - 1])
    drawn = bundles(crowd, args.size, random.Random(SEED))
    write(args.out, crowd, drawn, 100 * (args.draw - 1) + 1)
    print(f"{len(drawn)} bundles, {sum(map(len, drawn))} articles of {len(crowd)} -> {args.out}")


if __name__ == "__main__":
    main()
