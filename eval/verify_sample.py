"""Draw the material of the blind verification sets (eval/data/verify_*.tsv) from SaudiNewsNet's open days.

Stories: each open day (eval.open_days) is read and clustered by marsad; a story qualifies with 3 to
10 articles from at least 3 outlets. Pairs: within qualifying stories, sentences of two articles of
different outlets that are about the same thing (at least MIN_SHARED shared content stems, and
CONTAINMENT of the smaller sentence's) and hold
something comparable (a digit or a number word), the pairs whose numbers differ drawn first, since
real conflicts are rare. The draw is seeded, so it can be repeated; it never looks at marsad's
claims or conflicts. Everything is stored by reference: day, index in the day's JSON array, and
character offsets into that article's raw `content`. What the annotators read is printed to a folder
outside the repository (their text is never committed).
Run: python -m eval.verify_sample --shared ../shared --out /tmp/annot
"""

from __future__ import annotations

import argparse
import json
import random
import re
import zipfile
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

from eval import open_days
from marsad import arabic
from marsad.arabic import term
from marsad.pipeline import build_stories, read

SEED = 20261204
SUSPECTS_PER_STORY = 4
MIN_SHARED = 4
SUSPECT_CONTAINMENT = 0.4  # the second draw: sentences closer still
NUMBERS_CONTAINMENT = 0.5  # the third draw: closer again, numbers differing
CONTAINMENT = 0.35  # of the smaller sentence's stems: the two sentences are about one thing
NUMBER_RE = re.compile(r"\d|واحد|اثن|ثلاث|أربع|خمس|ست|سبع|ثمان|تسع|عشر|مئ|مائ|ألف|آلاف|مليون|ملايين|مليار")


def raw_articles(day_file: Path) -> list[dict[str, Any]]:
    """Return a SaudiNewsNet day's articles, in the order of its JSON array."""
    with zipfile.ZipFile(day_file) as z:
        name = next(n for n in z.namelist() if n.endswith(".json"))
        data: list[dict[str, Any]] = json.loads(z.read(name))
    return data


def _terms(text: str) -> set[str]:
    """Return the content stems of a text."""
    return set(filter(None, map(term, arabic.TOKEN_RE.findall(arabic.normalize(text)))))


def _sentences(content: str) -> list[tuple[int, int]]:
    """Return the sentences of a raw content with at least 6 words."""
    return [(s, e) for s, e in arabic.split_sentences(content) if len(content[s:e].split()) >= 6]


def stories_of(day_file: Path, smallest: int = 3, largest: int = 10, outlets: int = 3) -> list[list[int]]:
    """Return the qualifying stories of one day (by size and outlets) as lists of indices into the day's JSON array."""
    raw = raw_articles(day_file)
    index = {}
    for i, a in enumerate(raw):
        index.setdefault(a.get("url"), i)
    docs, _ = read([day_file])
    return [sorted(index[d.article.origin] for d in story.docs if d.article.origin in index)
            for story in build_stories(docs)
            if smallest <= len(story.docs) <= largest and len({d.article.outlet for d in story.docs}) >= outlets]


def _story_sentences(raw: list[dict[str, Any]], story: list[int], first: int) -> Iterator[tuple[Any, ...]]:
    """Yield the sentence pairs of two outlets' articles of one story (each article's `first` sentences).

    Each as (i, start, end, j, start, end, sentence a, sentence b, stems of a, stems of b).
    """
    for i, j in combinations(story, 2):
        if raw[i]["source"] == raw[j]["source"]:
            continue
        ci, cj = raw[i]["content"], raw[j]["content"]
        for si, ei in _sentences(ci)[:first]:
            ti = _terms(ci[si:ei])
            for sj, ej in _sentences(cj)[:first]:
                yield i, si, ei, j, sj, ej, ci[si:ei], cj[sj:ej], ti, _terms(cj[sj:ej])


def candidate_pairs(day: str, raw: list[dict[str, Any]], story: list[int]) -> list[tuple[bool, tuple[Any, ...]]]:
    """Return the sentence pairs of one story: (numbers differ, (day, i, start, end, j, start, end))."""
    out = []
    for i, si, ei, j, sj, ej, a, b, ti, tj in _story_sentences(raw, story, 25):
        if arabic.normalize(a) == arabic.normalize(b) or not (NUMBER_RE.search(a) and NUMBER_RE.search(b)):
            continue
        if len(ti & tj) >= max(MIN_SHARED, CONTAINMENT * min(len(ti), len(tj))):
            differ = set(re.findall(r"\d+", a)) != set(re.findall(r"\d+", b))
            out.append((differ, (day, i, si, ei, j, sj, ej)))
    return out


NUMBER_NOUN_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s+([^\s\d]+)")
WEEKDAYS = ("السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")
NEGATIONS = ("لم", "لن", "نفى", "نفت", "ليس", "ليست", "عدم")


def numbers_differ(a: str, b: str) -> bool:
    """Return whether two sentences write different numbers before one word ("21 شخصا" / "20 شخصا")."""
    na = {w: n for n, w in NUMBER_NOUN_RE.findall(a)}
    nb = {w: n for n, w in NUMBER_NOUN_RE.findall(b)}
    return any(na[w] != nb[w] for w in na.keys() & nb.keys())


def suspect(a: str, b: str) -> bool:
    """Return whether two sentences about one thing differ in a way that could be a conflict.

    Different numbers before one word, different weekdays, "former" in one only, or a negation in one
    only: the second draw (real conflicts are rare among reprints), labelled blind like the first.
    """
    if numbers_differ(a, b):
        return True
    da, db = ({d for d in WEEKDAYS if d in t} for t in (a, b))
    if da and db and da != db:
        return True
    if ("السابق" in a) != ("السابق" in b):
        return True
    wa, wb = a.split(), b.split()
    return sum(wa.count(n) for n in NEGATIONS) != sum(wb.count(n) for n in NEGATIONS)


def suspect_pairs(day: str, raw: list[dict[str, Any]], story: list[int]) -> list[tuple[bool, tuple[Any, ...]]]:
    """Return the sentence pairs of one story about one thing that `suspect` flags: (numbers draw, reference).

    A pair is also in the numbers draw when its sentences are closer (NUMBERS_CONTAINMENT) and their numbers differ.
    """
    out = []
    for i, si, ei, j, sj, ej, a, b, ti, tj in _story_sentences(raw, story, 30):
        shared = len(ti & tj)
        if shared >= max(MIN_SHARED, SUSPECT_CONTAINMENT * min(len(ti), len(tj))) and suspect(a, b):
            close = shared >= NUMBERS_CONTAINMENT * min(len(ti), len(tj)) and numbers_differ(a, b)
            out.append((close, (day, i, si, ei, j, sj, ej)))
    return out


def wide_pairs(day: str, raw: list[dict[str, Any]], story: list[int]) -> list[tuple[Any, ...]]:
    """Return the sentence pairs of one story, any size, that are close (NUMBERS_CONTAINMENT) and `suspect`.

    The fourth draw: the first three held 10 conflicts in 580 pairs, too few to measure recall; this one
    widens the stories (2 outlets and more, up to 40 articles) and keeps only close, differing pairs.
    """
    out = []
    for i, si, ei, j, sj, ej, a, b, ti, tj in _story_sentences(raw, story, 40):
        if len(ti & tj) >= max(MIN_SHARED, NUMBERS_CONTAINMENT * min(len(ti), len(tj))) and suspect(a, b):
            out.append((day, i, si, ei, j, sj, ej))
    return out


Key = tuple[str, tuple[int, ...]]  # a story: its day and its members' indices
Ref = tuple[Any, ...]  # a pair: day, i, start, end, j, start, end


def main() -> None:
    """Print the stories and pairs for the annotators and the reference files."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/annot"))
    parser.add_argument("--stories", type=int, default=28)
    parser.add_argument("--pairs", type=int, default=260)
    parser.add_argument("--suspects", type=int, default=160, help="pairs of the second draw (0: none)")
    parser.add_argument("--numbers", type=int, default=160, help="pairs of the third draw (0: none)")
    parser.add_argument("--wide", type=int, default=0,
                        help="draw only this many pairs of the fourth draw, numbered after the labelled ones")
    parser.add_argument("--fifth", type=int, default=0,
                        help="draw only this many pairs of the fifth draw (dev days only), numbered after the others")
    parser.add_argument("--sixth", type=int, default=0,
                        help="draw only this many pairs of the sixth draw (test days only), numbered after the others")
    parser.add_argument("--seventh", type=int, default=0,
                        help="draw only this many pairs of the seventh draw (dev days only), numbered after the others")
    args = parser.parse_args()
    later = [(4, "", args.wide), (5, "dev", args.fifth), (6, "test", args.sixth), (7, "dev", args.seventh)]
    for draw, half, size in later:
        if size:
            _wide_draw(args, draw, half, size)
            return
    rng = random.Random(SEED)
    args.out.mkdir(parents=True, exist_ok=True)
    stories: list[tuple[str, list[int]]] = []
    suspects: list[tuple[Key, Ref]] = []
    closes: list[tuple[Key, Ref]] = []
    pairs: list[tuple[bool, Key, Ref]] = []
    raws = {}
    for day_file in open_days(args.shared / "data/saudinewsnet/dataset"):
        day = day_file.stem
        raws[day] = raw_articles(day_file)
        found = stories_of(day_file)
        stories += [(day, s) for s in found]
        for s in found:
            pairs += [(differ, (day, tuple(s)), ref) for differ, ref in candidate_pairs(day, raws[day], s)]
            found_suspects = suspect_pairs(day, raws[day], s)
            suspects += [((day, tuple(s)), ref) for _, ref in found_suspects]
            closes += [((day, tuple(s)), ref) for close, ref in found_suspects if close]
    rng.shuffle(stories)
    chosen = stories[: args.stories]
    brief_keys = {(d, tuple(s)) for d, s in chosen}
    _write_stories(args.out, chosen, raws)
    picked = _first_draw(pairs, brief_keys, args.pairs, rng)
    drawn = set(picked)
    for candidates, size in ((suspects, args.suspects), (closes, args.numbers)):
        rng.shuffle(candidates)
        picked += _later_draw(candidates, brief_keys, drawn, size)
    _write_pairs(args.out, picked, raws)
    print(f"{len(stories)} qualifying stories, {len(chosen)} drawn; {len(pairs)} candidate pairs, {len(picked)} drawn")


def _wide_draw(args: argparse.Namespace, draw: int, half: str, size: int) -> None:
    """Draw a later batch of `size` pairs (`wide_pairs`): the 4th (all open days), 5th and 7th (dev), 6th (test).

    The fifth draw gives the dev half more conflicts to read (the four draws held 8 dev conflicts); the
    sixth gives the test half the fifth's kind of pairs, so that both halves are drawn alike; the seventh
    gives the dev half fresh pairs that no rule was written on. The pairs labelled before are left out.
    """
    rng = random.Random(SEED + draw)
    labelled = [r.split("\t") for r in (Path(__file__).parent / "data/verify_pairs.tsv").read_text().splitlines()
                if r and not r.startswith("#")]
    drawn = {(d, int(i), int(si), int(ei), int(j), int(sj), int(ej)) for _, d, i, si, ei, j, sj, ej, *_ in labelled}
    candidates: list[tuple[Key, Ref]] = []
    raws = {}
    days = open_days(args.shared / "data/saudinewsnet/dataset")
    for day_file in {"": days, "dev": days[::2], "test": days[1::2]}[half]:
        day = day_file.stem
        raws[day] = raw_articles(day_file)
        for s in stories_of(day_file, 2, 40, 2):
            candidates += [((day, tuple(s)), ref) for ref in wide_pairs(day, raws[day], s)]
    rng.shuffle(candidates)
    picked = _later_draw(candidates, set(), drawn, size)
    args.out.mkdir(parents=True, exist_ok=True)
    _write_pairs(args.out, picked, raws, first=len(labelled) + 1)
    print(f"{len(candidates)} candidate pairs, {len(picked)} drawn")


def _first_draw(pairs: list[tuple[bool, Key, Ref]], brief_keys: set[Key], size: int, rng: random.Random) -> list[Ref]:
    """Draw the first pairs, 60% of them with differing numbers, the rest without.

    They come from stories not drawn for briefs, at most 12 per story so that no story dominates.
    """
    rng.shuffle(pairs)
    quota = {True: int(size * 0.6), False: size - int(size * 0.6)}
    per_story: dict[Key, int] = {}
    picked: list[Ref] = []
    for differ, key, ref in pairs:
        if key in brief_keys or per_story.get(key, 0) >= 12 or quota[differ] == 0:
            continue
        per_story[key] = per_story.get(key, 0) + 1
        quota[differ] -= 1
        picked.append(ref)
    rng.shuffle(picked)
    return picked


def _later_draw(candidates: list[tuple[Key, Ref]], brief_keys: set[Key], drawn: set[Ref], size: int) -> list[Ref]:
    """Draw `size` shuffled candidates not drawn before, at most SUSPECTS_PER_STORY per story (adds them to `drawn`)."""
    per_story: dict[Key, int] = {}
    picked: list[Ref] = []
    for key, ref in candidates:
        if len(picked) >= size:
            break
        if key in brief_keys or ref in drawn or per_story.get(key, 0) >= SUSPECTS_PER_STORY:
            continue
        per_story[key] = per_story.get(key, 0) + 1
        drawn.add(ref)
        picked.append(ref)
    return picked


def _write_stories(out: Path, chosen: list[tuple[str, list[int]]], raws: dict[str, list[dict[str, Any]]]) -> None:
    """Write the drawn stories for the annotators (stories.txt, numbered sentences) and their references."""
    with (out / "stories.txt").open("w", encoding="utf-8") as f:
        for n, (day, story) in enumerate(chosen, 1):
            f.write(f"\n==================== STORY S{n:02d} ====================\n")
            for k, i in enumerate(story):
                a = raws[day][i]
                f.write(f"\n--- article S{n:02d}-A{k + 1} (outlet: {a['source']}) ---\nTITLE: {a.get('title', '')}\n")
                for m, (s, e) in enumerate(arabic.split_sentences(a["content"]), 1):
                    f.write(f"[S{n:02d}-A{k + 1}-{m}] {a['content'][s:e]}\n")
    references = [{"id": f"S{n:02d}", "day": d, "articles": s,
                   "sentences": [arabic.split_sentences(raws[d][i]["content"]) for i in s]}
                  for n, (d, s) in enumerate(chosen, 1)]
    (out / "stories.json").write_text(json.dumps(references))


def _write_pairs(out: Path, picked: list[Ref], raws: dict[str, list[dict[str, Any]]], first: int = 1) -> None:
    """Write the drawn pairs for the annotators (pairs.txt) and their references (pairs.tsv), numbered from `first`."""
    with (out / "pairs.txt").open("w", encoding="utf-8") as f, (out / "pairs.tsv").open("w") as ref_file:
        for n, (day, i, si, ei, j, sj, ej) in enumerate(picked, first):
            a, b = raws[day][i], raws[day][j]
            f.write(f"\n=== P{n:03d} ===\nA ({a['source']}, {a['date_extracted']}, title: {a.get('title', '')}):\n"
                    f"{a['content'][si:ei]}\nB ({b['source']}, {b['date_extracted']}, title: {b.get('title', '')}):\n"
                    f"{b['content'][sj:ej]}\n")
            ref_file.write(f"P{n:03d}\t{day}\t{i}\t{si}\t{ei}\t{j}\t{sj}\t{ej}\n")


if __name__ == "__main__":
    main()
