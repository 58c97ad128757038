"""How common each story term is in news at large: the document frequencies the IDF starts from.

A batch of two articles (one pair's similarity, a small ingest) cannot tell "قال" from "ريونيون": every
term is in one or both. data/story_terms.tsv holds the share of SaudiNewsNet's open days' articles
whose read zones (marsad.stories.features.zones) contain each term; featurize adds IDF_PRIOR_DOCS
pseudo-articles with terms at those shares. `python -m marsad.stories.background` (run by `make model`)
rebuilds the file.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from marsad.datafiles import content_lines, read_text

TERMS_FILE = "story_terms.tsv"
# Terms in fewer articles are left out: at 10 of 22k articles a term's pseudo-count is 0.05 of one
# article, which moves no IDF, and the file stays at ~18k lines.
MIN_DF = 10


@cache
def _table() -> tuple[int, dict[str, int]]:
    """Return the number of background articles and each listed term's document count."""
    lines = content_lines(read_text(TERMS_FILE))
    documents = int(lines[0].split("\t")[1])
    return documents, {term: int(count) for term, count in (line.split("\t") for line in lines[1:])}


def shares(terms: Sequence[str]) -> np.ndarray:
    """Return the share of background articles containing each term (0 for a term not listed)."""
    documents, counts = _table()
    get = counts.get
    return np.fromiter((get(t, 0) for t in terms), dtype=np.float64, count=len(terms)) / documents


def main(argv: Sequence[str] | None = None) -> None:
    """Count the terms of SaudiNewsNet's open days and write the table."""
    # Imported here: features reads this module's table, and the pipeline reads features.
    from marsad.ner.lists import RESERVED_DAYS
    from marsad.pipeline import read
    from marsad.stories.features import TokenCache, fill

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("src/marsad/data") / TERMS_FILE)
    args = parser.parse_args(argv)
    days = sorted(p for p in (args.shared / "data/saudinewsnet/dataset").glob("*.zip") if p.stem not in RESERVED_DAYS)
    docs, _ = read(days)
    tokens = TokenCache()
    fill(tokens, [d.article for d in docs])  # the terms exactly as the story features read them
    counts: Counter[str] = Counter()
    for terms, _, _ in tokens.values():
        counts.update(set(terms))
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(f"# Story terms' document counts in {len(docs)} SaudiNewsNet articles of the open days "
                 f"(marsad.stories.background; at least {MIN_DF}).\ndocuments\t{len(docs)}\n")
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if count >= MIN_DF:
                fh.write(f"{name}\t{count}\n")


if __name__ == "__main__":
    main()
