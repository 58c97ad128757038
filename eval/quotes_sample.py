"""Draw the stories of the blind quotes-and-speakers set (eval/data/quotes.tsv) from SaudiNewsNet's open days.

Stories as marsad clusters each open day (eval.verify_sample.stories_of: 3 to 8 articles, 3 outlets or
more) whose articles hold a reporting verb or quotation marks, STORIES of them drawn with a seed. What
the annotators read is printed to a folder outside the repository; the references go beside it.
Run: python -m eval.quotes_sample --shared ../shared --out /tmp/annotq
A later draw (`--draw 2 --half dev`) takes more stories from one half's days only, none of them a story
already labelled; its ids go on from the labelled ones (Q13, ...). `--convert` turns the annotators'
lines (labels_*.tsv beside the drawn stories: article, kind, quote text, speaker text, canonical
speaker, type, group) into stored rows by reference, printed for eval/data/quotes.tsv.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from eval import open_days, print_rows
from eval.ner_news import halves
from eval.verify import _rows
from eval.verify_sample import raw_articles, stories_of

SEED = 20261214
STORIES = 12
SAID_RE = re.compile(r"«|“|\"|\b(?:و?قال|و?أكد|و?أوضح|و?أضاف|و?أشار|صرح)\b")
MIN_SAID = 2  # reporting verbs or quotation marks an article needs, on average, for its story to qualify


def _find(content: str, text: str, used: set[int]) -> tuple[int, int] | None:
    """Return the offsets of an annotator's text in the raw article: exact, else with any run of spaces."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in text.split()))
    hits = [m.span() for m in pattern.finditer(content)]
    return next((h for h in hits if h[0] not in used), hits[0] if hits else None)


def convert(folder: Path, shared: Path) -> tuple[list[str], list[str]]:
    """Return the stored rows of the labels in `folder` and the lines whose text is not in its article."""
    stories = {s["id"]: s for s in json.loads((folder / "stories.json").read_text())}
    folder_of = shared / "data/saudinewsnet/dataset"
    days = {s["day"]: raw_articles(folder_of / f"{s['day']}.zip") for s in stories.values()}
    rows: list[str] = []
    missing: list[str] = []
    speakers: dict[tuple[str, str], str] = {}
    used: dict[str, set[int]] = {}
    for path in sorted(folder.glob("labels_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) != 7 or "-A" not in parts[0]:
                continue
            article, kind, quote, said_by, canonical, kind_of_speaker, group = (p.strip() for p in parts)
            story_id, number = article.split("-A")
            story = stories[story_id]
            index = story["articles"][int(number) - 1]
            content = days[story["day"]][index]["content"]
            span = _find(content, quote, used.setdefault(article, set()))
            if span is None:
                missing.append(line)
                continue
            used[article].add(span[0])
            where = ("-", "-")
            if said_by != "-":
                hits = [m.span() for m in re.finditer(re.escape(said_by), content)]
                before = [h for h in hits if h[1] <= span[0]]
                after = [h for h in hits if h[0] >= span[1]]
                near = before[-1] if before else after[0] if after else None
                if near is not None:
                    where = (str(near[0]), str(near[1]))
            number_of = 1 + sum(k[0] == story_id for k in speakers)
            sid = speakers.setdefault((story_id, canonical), f"{story_id}-S{number_of}")
            rows.append("\t".join([article, story["day"], str(index), str(span[0]), str(span[1]), kind, *where, sid,
                                   kind_of_speaker, group]))
    return rows, missing


def main() -> None:
    """Print the drawn stories for the annotators and their references."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/annotq"))
    parser.add_argument("--draw", type=int, default=1, help="1: the first draw; 2 and on: more stories")
    parser.add_argument("--half", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--stories", type=int, default=STORIES)
    parser.add_argument("--convert", action="store_true", help="print the labels in --out as stored rows")
    args = parser.parse_args()
    if args.convert:
        print_rows(*convert(args.out, args.shared))
        return
    rng = random.Random(SEED + args.draw - 1)
    half_of = halves(args.shared)
    labelled = {(row[1], int(row[2])) for row in _rows("quotes.tsv")} if args.draw > 1 else set()
    # after the highest labelled id: a drawn story may hold no quote at all and have no row (Q38)
    first_id = 1 + max(int(row[0].split("-")[0][1:]) for row in _rows("quotes.tsv")) if args.draw > 1 else 1
    found: list[tuple[str, list[int]]] = []
    raws = {}
    for day_file in open_days(args.shared / "data/saudinewsnet/dataset"):
        if args.half != "all" and half_of[day_file.stem] != args.half:
            continue
        raws[day_file.stem] = raw = raw_articles(day_file)
        for story in stories_of(day_file, 3, 8, 3):
            said = sum(len(SAID_RE.findall(raw[i]["content"])) for i in story)
            if said >= MIN_SAID * len(story) and not any((day_file.stem, i) in labelled for i in story):
                found.append((day_file.stem, story))
    drawn = rng.sample(found, min(args.stories, len(found)))
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "stories.txt").open("w", encoding="utf-8") as f:
        for n, (day, story) in enumerate(drawn, first_id):
            f.write(f"\n==================== STORY Q{n:02d} ====================\n")
            for k, i in enumerate(story, 1):
                a = raws[day][i]
                f.write(f"\n--- ARTICLE Q{n:02d}-A{k} (outlet: {a['source']}) ---\n{a['content']}\n")
    (args.out / "stories.json").write_text(json.dumps([{"id": f"Q{n:02d}", "day": d, "articles": s}
                                                       for n, (d, s) in enumerate(drawn, first_id)]))
    print(f"{len(found)} qualifying stories, {len(drawn)} drawn")


if __name__ == "__main__":
    main()
