"""Stories as events, on the blind story set (eval/data/stories.tsv, issue 13).

marsad clusters every article of each draw's two SaudiNewsNet days (the crowd) as `marsad analyze` would;
the labelled articles are then scored bundle by bundle against the annotators' events: B-cubed
precision, recall and F1 (per article, within its bundle, since articles of different bundles were
never compared by an annotator) and pairwise precision and recall of "same story". Dev and test are
split by bundle (eval.stories_sample); only the dev half's errors are printed. `dev` and `test` hold
every draw; `draws` each draw's halves apart (a later draw's first scores show how far the rules written
on the earlier ones reach).

`annotators`: how far two annotators agree, where a second one grouped the same bundles blind
(eval/data/stories_second.tsv): the B-cubed of the second's events against the first's, per half. It is
the ceiling a clustering can be expected to reach against one annotator.

`store_agreement`: the store against the batch. Five consecutive open days (WEEK) are ingested into a
new store one day at a time (stories only) and analysed as one batch; the B-cubed precision, recall
and F1 of the stored stories against the batch's, over the articles both hold (the store keeps one
copy of a content stored twice).
Run: python -m eval.stories --shared ../shared
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eval import cli
from eval.stories_sample import DRAWS
from eval.verify import _rows, day_articles
from marsad.pipeline import build_stories, ingest_into, read
from marsad.store import Store

DATA = Path(__file__).with_name("data")
WEEK = ("2015-07-23", "2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27")  # the longest run of open days

Label = tuple[str, str, int, str, str]  # article id, day, index, half, event


def labels(name: str = "stories.tsv") -> list[Label]:
    """Return the labelled articles of the story set (or of its second annotation)."""
    return [(aid, day, int(i), half, event) for aid, day, i, half, event, _ in _rows(name)]


def story_ids(shared: Path) -> dict[tuple[str, int], str]:
    """Return marsad's story id of every article of the draws' days, by (day, index in the day's array).

    Each draw's two days are clustered together, apart from the other draws'.
    """
    out: dict[tuple[str, int], str] = {}
    for days in DRAWS:
        docs, _ = read([shared / "data/saudinewsnet/dataset" / f"{day}.zip" for day in days])
        story_of = {d.article.origin: s.id for s in build_stories(docs) for d in s.docs}
        out.update({(day, i): story_of.get(str(a.get("url")), f"none:{day}:{i}")
                    for day in days for i, a in enumerate(day_articles(shared, day))})
    return out


def bcubed(gold: Mapping[str, str], found: Mapping[str, str]) -> tuple[float, float, int, int, int, int]:
    """Return summed B-cubed precision and recall over `gold`'s articles, their count, and same-story pairs.

    The pairs are those `gold` joins, those `found` joins (among `gold`'s articles), and those both join.
    """
    gold_sizes = Counter(gold.values())
    found_sizes = Counter(found[a] for a in gold)
    both = Counter((event, found[a]) for a, event in gold.items())
    precision = sum(both[event, found[a]] / found_sizes[found[a]] for a, event in gold.items())
    recall = sum(both[event, found[a]] / gold_sizes[event] for a, event in gold.items())
    return precision, recall, len(gold), _pairs(gold_sizes), _pairs(found_sizes), _pairs(both)


def _pairs(sizes: Counter[Any]) -> int:
    """Return the number of pairs inside groups of these sizes."""
    return sum(k * (k - 1) // 2 for k in sizes.values())


def score(shared: Path, half: str, show: bool, ids: dict[tuple[str, int], str] | None = None,
          draw: int | None = None) -> dict[str, Any]:
    """Score one half of the story set, of every draw or of one (1-based)."""
    ids = ids if ids is not None else story_ids(shared)
    days = DRAWS[draw - 1] if draw else tuple(d for pair in DRAWS for d in pair)
    bundles: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for aid, day, i, h, event in labels():
        if h == half and day in days:
            bundles[aid.split("-A")[0]][aid] = (event, ids[(day, i)])
    n, measures, (true_pairs, found_pairs, tp) = _summed(bundles)
    multi = _multi_outlet_events(shared, half, days)
    out: dict[str, Any] = {
        "articles": n, "bundles": len(bundles), "events": len({e for m in bundles.values() for e, _ in m.values()}),
        "multi_outlet_events": multi, "bcubed": measures,
        "pairs": {"precision": round(tp / found_pairs, 3) if found_pairs else 0.0,
                  "recall": round(tp / true_pairs, 3) if true_pairs else 0.0}}
    if show:
        out["errors"] = [f"{name}: gold {_partition(_side(m, 0))} / marsad {_partition(_side(m, 1))}"
                         for name, m in sorted(bundles.items()) if min(bcubed(_side(m, 0), _side(m, 1))[:2]) < len(m)]
    return out


def _side(members: dict[str, tuple[str, str]], k: int) -> dict[str, str]:
    """Return one side of a bundle's (gold, found) groups: 0 the annotator's, 1 the other's."""
    return {a: pair[k] for a, pair in members.items()}


def _summed(bundles: Mapping[str, dict[str, tuple[str, str]]]) -> tuple[int, dict[str, float], tuple[int, int, int]]:
    """Return the articles, the B-cubed precision / recall / F1 over bundles of (gold, found) groups, and pair counts.

    The pair counts are those the gold joins, those found joined, and those both join.
    """
    p = r = 0.0
    n = tp = true_pairs = found_pairs = 0
    for members in bundles.values():
        bp, br, bn, bt, bf, both = bcubed(_side(members, 0), _side(members, 1))
        p, r, n = p + bp, r + br, n + bn
        true_pairs, found_pairs, tp = true_pairs + bt, found_pairs + bf, tp + both
    precision, recall = p / n if n else 0.0, r / n if n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return n, {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}, (
        true_pairs, found_pairs, tp)


def _partition(assignment: dict[str, str]) -> str:
    """Write a bundle's grouping as article numbers joined by + within a group and | between groups."""
    groups: dict[str, list[str]] = defaultdict(list)
    for aid, group in assignment.items():
        groups[group].append(aid.split("-A")[1])
    return "|".join("+".join(sorted(g, key=int)) for g in sorted(groups.values(), key=lambda g: int(min(g, key=int))))


def _multi_outlet_events(shared: Path, half: str, days: tuple[str, ...]) -> int:
    """Return the number of labelled events of one half of these days reported by two outlets or more."""
    outlets: dict[str, set[str]] = defaultdict(set)
    for _, day, i, h, event in labels():
        if h == half and day in days:
            outlets[event].add(day_articles(shared, day)[i]["source"])
    return sum(len(o) >= 2 for o in outlets.values())


def annotators() -> dict[str, Any]:
    """Return the B-cubed of the second annotator's events against the first's, per half, within bundles."""
    second = {aid: event for aid, _, _, _, event in labels("stories_second.tsv")}
    out: dict[str, Any] = {}
    for half in ("dev", "test"):
        bundles: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
        for aid, _, _, h, event in labels():
            if h == half and aid in second:
                bundles[aid.split("-A")[0]][aid] = (event, second[aid])
        n, measures, _ = _summed(bundles)
        out[half] = {"articles": n, **measures}
    return out


def store_agreement(shared: Path) -> dict[str, Any]:
    """Return the B-cubed agreement of a day-by-day ingest of WEEK with one batch analysis of it."""
    paths = [shared / "data/saudinewsnet/dataset" / f"{day}.zip" for day in WEEK]
    docs, _ = read(paths)
    batch = {d.id: s.id for s in build_stories(docs) for d in s.docs}
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "week.db") as store:
        for path in paths:
            ingest_into(store, [path], people=False, dates=False, verify=False)
        stored = {str(a): str(s) for a, s in store.memberships()}
    common = {aid: batch[aid] for aid in batch if aid in stored}
    p, r, n, *_ = bcubed(common, stored)
    precision, recall = p / n, r / n
    return {"days": len(WEEK), "articles": n, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(2 * precision * recall / (precision + recall), 3)}


def run(shared: Path) -> dict[str, Any]:
    """Return the scores of both halves (dev errors not included) and the store's agreement with the batch."""
    if not (DATA / "stories.tsv").exists():
        return {"skipped": "eval/data/stories.tsv not labelled yet"}
    ids = story_ids(shared)
    drawn = sorted({int(aid.split("-A")[0][1:]) // 100 + 1 for aid, *_ in labels()})
    return {"dev": score(shared, "dev", False, ids), "test": score(shared, "test", False, ids),
            "draws": {str(n): {half: score(shared, half, False, ids, n)["bcubed"] for half in ("dev", "test")}
                      for n in drawn},
            "annotators": annotators(), "store_agreement": store_agreement(shared)}


if __name__ == "__main__":
    raise SystemExit(cli(run, "python -m eval.stories"))
