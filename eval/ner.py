"""Named-entity recognition quality (exact span and type, CoNLL-style) and tagging throughput.

ANERcorp's test part (the tokens after the training part, marsad.ner.split_corpus) is the in-domain
test; AQMAR (Wikipedia, PER/LOC/ORG only, never used for training or tuning) the cross-domain one.
Throughput: marsad.ner.mentions_all (one forked worker per core) on SaudiNewsNet articles.
Run: python -m eval.ner --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from marsad import arabic, ner
from marsad.model import Article
from marsad.ner_clusters import saudinewsnet_texts

AQMAR = Path("data/aqmar/articles")
AQMAR_TYPES = ("PER", "LOC", "ORG")
# Articles tagged for the throughput figure: enough for a stable rate (±3% between runs here).
THROUGHPUT_ARTICLES = 1000


def aqmar_tag(tag: str) -> str:
    """Map one AQMAR tag to marsad's: PER/LOC/ORG kept, MIS* and malformed tags ("I--ORG", "OO") cleaned."""
    tag = tag.strip().strip("`'")
    prefix, _, kind = tag.partition("-")
    kind = kind.strip("-")
    if prefix in ("B", "I") and kind in AQMAR_TYPES:
        return f"{prefix}-{kind}"
    return "O"


def read_aqmar(folder: Path) -> list[list[tuple[str, str]]]:
    """Read AQMAR's articles as sentences of (token, tag), blank lines separating sentences."""
    sents: list[list[tuple[str, str]]] = []
    for path in sorted(folder.glob("*.txt")):
        current: list[tuple[str, str]] = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            parts = line.split()
            if not parts:
                if current:
                    sents.append(current)
                current = []
            elif len(parts) >= 2:
                current.append((parts[0], aqmar_tag(parts[-1])))
        if current:
            sents.append(current)
    return sents


def evaluate(sents: list[list[tuple[str, str]]], ignore: frozenset[str] = frozenset()) -> dict[str, dict[str, float]]:
    """Tag each sentence with the shipped model and score it against its gold tags."""
    gold = [[g for _, g in s] for s in sents]
    pred = [ner.tag([t for t, _ in s]) for s in sents]
    return ner.score(gold, pred, ignore)


def saudinewsnet_articles(shared: Path, limit: int) -> list[Article]:
    """Return the first `limit` SaudiNewsNet articles (by file and position) as Articles with sentences."""
    return [Article(name, "saudinewsnet", body, sentences=tuple(arabic.split_sentences(body)))
            for name, body in saudinewsnet_texts(shared, limit)]


def throughput(shared: Path, limit: int = THROUGHPUT_ARTICLES) -> dict[str, float]:
    """Return articles/s and mentions per article of marsad.ner.mentions_all (forked workers) on SaudiNewsNet."""
    articles = saudinewsnet_articles(shared, limit)
    ner.tag(["تمهيد"])  # load the model outside the timing
    start = time.perf_counter()
    found = sum(len(ms) for ms in ner.mentions_all(articles).values())
    seconds = time.perf_counter() - start
    return {"articles": len(articles), "seconds": round(seconds, 2),
            "articles_per_s": round(len(articles) / seconds, 1), "mentions_per_article": round(found / len(articles), 1)}


def run(shared: Path) -> dict[str, Any]:
    """Return precision/recall/F1 per type and overall on ANERcorp's test part and on AQMAR, and throughput."""
    _, test = ner.split_corpus(ner.read_anercorp(shared / ner.ANERCORP))
    return {
        "anercorp_test": evaluate(ner.sentences(test)),
        "aqmar": evaluate(read_aqmar(shared / AQMAR), ignore=frozenset({"MISC"})),
        "throughput_saudinewsnet": throughput(shared),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation as JSON."""
    parser = argparse.ArgumentParser(prog="python -m eval.ner")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    json.dump(run(args.shared), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
