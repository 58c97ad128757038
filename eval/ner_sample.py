"""Draw the articles of the blind news-NER set (eval/data/ner_news.tsv) from SaudiNewsNet's open days.

Seeded: PER_OUTLET articles of 600 to 2,500 characters from each outlet that has them, across the open
days (eval.open_days; never the reserved ones). What the annotators read is printed to a folder outside
the repository (their text is never committed); the references (day, index) go beside it.
A later batch (--batch 2) draws with the next seed among the articles not labelled yet, numbered on;
`--half dev` draws from that half's days only (eval.ner_news.halves). `--convert` turns the
annotators' lines (labels_*.tsv beside the drawn articles: article, type, text, occurrence) into
stored rows by reference, printed for eval/data/ner_news.tsv.
Run: python -m eval.ner_sample --shared ../shared --out /tmp/annot12 [--batch 2] [--half dev] [--convert]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from eval import open_days, print_rows
from eval.ner_news import halves
from eval.verify import _rows
from eval.verify_sample import raw_articles

SEED = 20261212
PER_OUTLET = 5
MIN_CHARS, MAX_CHARS = 600, 2500  # long enough to hold names, short enough to read whole


def convert(folder: Path, shared: Path) -> tuple[list[str], list[str]]:
    """Return the stored rows of the labels in `folder` (the n-th occurrence of each text) and the lines not found."""
    refs = {a["id"]: (a["day"], a["index"]) for a in json.loads((folder / "articles.json").read_text())}
    days = {d: raw_articles(shared / "data/saudinewsnet/dataset" / f"{d}.zip") for d, _ in refs.values()}
    rows: list[str] = []
    missing: list[str] = []
    for path in sorted(folder.glob("labels_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = [p.strip() for p in line.split("\t")]
            if len(parts) != 4 or parts[0] not in refs or parts[1] not in ("PER", "ORG", "LOC"):
                continue
            article, kind, text, nth = parts
            day, index = refs[article]
            content = days[day][index]["content"]
            at = -1
            for _ in range(int(nth) if nth.isdigit() else 1):
                at = content.find(text, at + 1)
                if at < 0:
                    break
            if at < 0 or not text:
                missing.append(line)
                continue
            rows.append("\t".join([article, day, str(index), str(at), str(at + len(text)), kind]))
    return rows, missing


def main() -> None:
    """Print the drawn articles for the annotators and their references."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/annot12"))
    parser.add_argument("--batch", type=int, default=1, help="a later batch leaves out the articles labelled before")
    parser.add_argument("--half", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--convert", action="store_true", help="print the labels in --out as stored rows")
    args = parser.parse_args()
    if args.convert:
        print_rows(*convert(args.out, args.shared))
        return
    half_of = halves(args.shared)
    rng = random.Random(SEED + args.batch - 1)
    labelled = {(r[1], int(r[2])) for r in _rows("ner_news.tsv")} if args.batch > 1 else set()
    # Numbered after the highest id: an article labelled with no name has no row, so counting ids would reuse one.
    first = max(int(r[0].split("-")[0][1:]) for r in _rows("ner_news.tsv")) + 1 if args.batch > 1 else 1
    by_outlet: dict[str, list[tuple[str, int]]] = {}
    contents: dict[tuple[str, int], str] = {}
    for day_file in open_days(args.shared / "data/saudinewsnet/dataset"):
        if args.half != "all" and half_of[day_file.stem] != args.half:
            continue
        for i, a in enumerate(raw_articles(day_file)):
            if MIN_CHARS <= len(a.get("content", "")) <= MAX_CHARS and (day_file.stem, i) not in labelled:
                by_outlet.setdefault(a["source"], []).append((day_file.stem, i))
                contents[day_file.stem, i] = a["content"]
    drawn = []
    for outlet in sorted(by_outlet):
        drawn += [(outlet, ref) for ref in rng.sample(by_outlet[outlet], min(PER_OUTLET, len(by_outlet[outlet])))]
    rng.shuffle(drawn)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "articles.txt").open("w", encoding="utf-8") as f:
        for n, (outlet, ref) in enumerate(drawn, first):
            f.write(f"\n==================== ARTICLE N{n:02d} (outlet: {outlet}) ====================\n")
            f.write(contents[ref] + "\n")
    (args.out / "articles.json").write_text(json.dumps([{"id": f"N{n:02d}", "day": d, "index": i}
                                                        for n, (_, (d, i)) in enumerate(drawn, first)]))
    print(f"{len(drawn)} articles from {len(by_outlet)} outlets")


if __name__ == "__main__":
    main()
