"""Evaluation: near-duplicate grouping must keep every byte-identical SaudiNewsNet pair together.

The corpus has no story labels, but articles whose `content` bytes are identical are certain
duplicates: every such pair must land in one near-duplicate group (recall 1.0). Articles are
built with the raw `content` as body, so the check covers the dedup stage alone.
"""

from __future__ import annotations

import argparse
import json
import zipfile
from itertools import combinations
from pathlib import Path

from marsad.stories.dedup import near_duplicate_groups
from marsad.types import Article

THRESHOLD = 0.8


def load_articles(shared: Path) -> list[Article]:
    """Return every SaudiNewsNet article, id "<json file>#<index>", body = its `content`."""
    articles: list[Article] = []
    for path in sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for i, item in enumerate(json.loads(zf.read(name))):
                    aid = f"{name}#{i}"
                    articles.append(Article(id=aid, origin=aid, body=str(item.get("content") or "")))
    return articles


def byte_identical_groups(articles: list[Article]) -> list[list[str]]:
    """Return the groups (size >= 2) of article ids with identical UTF-8 bodies."""
    by_body: dict[bytes, list[str]] = {}
    for a in articles:
        by_body.setdefault(a.body.encode("utf-8"), []).append(a.id)
    return [ids for ids in by_body.values() if len(ids) > 1]


def run(shared: Path, threshold: float = THRESHOLD) -> dict[str, float | int | str]:
    """Return the share of byte-identical pairs grouped together, and group counts."""
    articles = load_articles(shared)
    identical = byte_identical_groups(articles)
    groups = near_duplicate_groups(articles, threshold)
    group_of = {aid: g for g, members in enumerate(groups) for aid in members}
    pairs = [(a, b) for ids in identical for a, b in combinations(ids, 2)]
    together = sum(1 for a, b in pairs if a in group_of and group_of[a] == group_of.get(b))
    return {
        "articles": len(articles),
        "byte_identical_groups": len(identical),
        "byte_identical_pairs": len(pairs),
        "exact_pair_recall": round(together / len(pairs), 4) if pairs else 1.0,
        "near_duplicate_groups": len(groups),
        "articles_in_groups": sum(len(g) for g in groups),
    }


def main() -> None:
    """Print the evaluation figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.threshold), indent=2))


if __name__ == "__main__":
    main()
