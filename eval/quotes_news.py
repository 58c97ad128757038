"""Quotes and their speakers on real multi-outlet SaudiNewsNet stories labelled blind (issue 12).

The set (eval/data/quotes.tsv) was drawn by eval.quotes_sample and labelled by helper sessions that had
not seen marsad's code, from eval/data/quotes_guidelines.md written first. Each story's articles are
cleaned and run through every story stage together. A gold quote is found when one of marsad's quotes
of its article covers at least FOUND of it (characters); recall is counted over all gold quotes and
over the direct ones. Precision: the share of marsad's quotes in the labelled articles that have FOUND
of their own characters inside a gold quote (the annotators marked every quote of those articles).
Speaker accuracy, over the found quotes: marsad's speaker is right when its
span, or a mention of the entity it resolved to, overlaps a span where the story writes that gold
speaker. Grouping: pairs of found quotes of different articles in one gold group against pairs in one
marsad group (precision, recall, F1). Quotes on lines cleaning removed are counted apart. The second
draw (Q13-Q20) and the later ones (Q21, Q29, Q37, Q45 on), all of dev days only, are also reported alone.
Run: python -m eval.quotes_news --shared ../shared
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

from eval import cli
from eval.ner_news import halves, in_body
from eval.verify import DATA, _prf, _rows, day_articles, story_of
from marsad.types import AttributedQuote, Span

# Share of a gold quote's characters a marsad quote must cover: quote boundaries differ by a particle
# or a trailing clause between annotators and extractors; half keeps a quote of the wrong sentence out.
FOUND = 0.5
# The first story of each draw: Q01-Q12 the first (dev and test days); Q13-Q20 the second, Q21-Q28 the
# third, Q29-Q36 the fourth, Q37-Q44 the fifth and Q45 on the sixth, all of dev days only.
DRAW_STARTS = (1, 13, 21, 29, 37, 45)

Gold = dict[str, Any]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Return how many characters two [start, end) ranges share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _story_golds(shared: Path, split: str, draw: int | None = None) -> dict[str, list[Gold]]:
    """Return story id → the gold quotes of one half (of one draw): day, index, offsets, kind, speaker, group."""
    half_of = halves(shared)
    out: dict[str, list[Gold]] = {}
    for aid, day, index, start, end, kind, s0, s1, speaker, stype, group in _rows("quotes.tsv"):
        if half_of[day] == split and draw in (None, sum(int(aid[1:3]) >= first for first in DRAW_STARTS)):
            out.setdefault(aid.split("-")[0], []).append(
                {"day": day, "index": int(index), "span": (int(start), int(end)), "kind": kind,
                 "speaker_span": None if s0 == "-" else (int(s0), int(s1)), "speaker": speaker, "type": stype,
                 "group": group})
    return out


def score(shared: Path, split: str, draw: int | None = None) -> dict[str, Any]:
    """Return recall (all, direct, indirect), speaker accuracy and grouping P/R/F1 on one half (of one draw)."""
    tally = {"gold": 0, "found": 0, "direct": 0, "direct_found": 0, "hidden": 0, "speaker_right": 0, "ours": 0,
             "ours_right": 0}
    pairs = {"tp": 0, "fp": 0, "fn": 0}
    for golds in _story_golds(shared, split, draw).values():
        members = sorted({(g["day"], g["index"]) for g in golds})
        records = [day_articles(shared, d)[i] for d, i in members]
        story = story_of(records)
        doc_of = {m: story.docs[k] for k, m in enumerate(members)}
        written: dict[str, list[tuple[str, tuple[int, int]]]] = {}
        for g in golds:
            doc = doc_of[g["day"], g["index"]]
            content = records[members.index((g["day"], g["index"]))]["content"]
            g["body"] = in_body(content, doc.article.body, *g["span"])
            g["doc"] = doc.id
            if g["speaker_span"] is not None and (s := in_body(content, doc.article.body, *g["speaker_span"])):
                written.setdefault(g["speaker"], []).append((doc.id, s))
        matched: list[tuple[Gold, AttributedQuote]] = []
        for g in golds:
            tally["gold"] += 1
            tally["direct"] += g["kind"] == "direct"
            if g["body"] is None:
                tally["hidden"] += 1
                continue
            best = _best(g, story.quotes or ())
            if best is not None:
                matched.append((g, best))
                tally["found"] += 1
                tally["direct_found"] += g["kind"] == "direct"
                tally["speaker_right"] += _speaker_right(best, written.get(g["speaker"], []), story.entities or ())
        for q in (q.quote.span for q in story.quotes or ()):
            spans = [g["body"] for g in golds if g["doc"] == q.article and g["body"] is not None]
            tally["ours"] += 1
            tally["ours_right"] += any(_overlap(s, (q.start, q.end)) >= FOUND * (q.end - q.start) for s in spans)
        for (g, q), (h, r) in combinations(matched, 2):
            if g["doc"] == h["doc"]:
                continue
            same_gold, same_ours = g["group"] == h["group"], q.group == r.group
            if same_gold or same_ours:
                pairs["tp" if same_gold and same_ours else "fn" if same_gold else "fp"] += 1
    indirect = tally["gold"] - tally["direct"]
    return {"quotes": tally["gold"], "hidden_by_cleaning": tally["hidden"],
            "recall": round(tally["found"] / tally["gold"], 3) if tally["gold"] else 0.0,
            "precision": round(tally["ours_right"] / tally["ours"], 3) if tally["ours"] else 0.0,
            "direct_recall": round(tally["direct_found"] / tally["direct"], 3) if tally["direct"] else 0.0,
            "indirect_recall": round((tally["found"] - tally["direct_found"]) / indirect, 3) if indirect else 0.0,
            "speaker_accuracy": round(tally["speaker_right"] / tally["found"], 3) if tally["found"] else 0.0,
            "grouping": _prf(pairs["tp"], pairs["fp"], pairs["fn"])}


def _best(gold: Gold, quotes: tuple[AttributedQuote, ...]) -> AttributedQuote | None:
    """Return marsad's quote of the gold quote's article covering most of it, if it covers FOUND of it."""
    span = gold["body"]
    scored = [(_overlap(span, (q.quote.span.start, q.quote.span.end)), q) for q in quotes
              if q.quote.article == gold["doc"]]
    best = max(scored, key=lambda s: s[0], default=(0, None))
    return best[1] if best[1] is not None and best[0] >= FOUND * (span[1] - span[0]) else None


def _speaker_right(quote: AttributedQuote, written: list[tuple[str, tuple[int, int]]],
                   entities: tuple[Any, ...]) -> bool:
    """Return whether marsad's speaker is the gold one: its span or its entity meets where the story writes it."""
    spans: list[Span] = [quote.quote.speaker] if quote.quote.speaker is not None else []
    spans += [m for e in entities if e.id == quote.speaker for m in e.mentions]
    return any(s.article == doc and _overlap((s.start, s.end), where) for s in spans for doc, where in written)


def run(shared: Path) -> dict[str, Any]:
    """Return the scores of both halves."""
    if not (DATA / "quotes.tsv").exists():
        return {"skipped": "eval/data/quotes.tsv not labelled yet"}
    return {"dev": score(shared, "dev"), "test": score(shared, "test"), "dev_second_draw": score(shared, "dev", 2),
            "dev_third_draw": score(shared, "dev", 3), "dev_fourth_draw": score(shared, "dev", 4),
            "dev_fifth_draw": score(shared, "dev", 5), "dev_sixth_draw": score(shared, "dev", 6)}


if __name__ == "__main__":
    raise SystemExit(cli(run, "python -m eval.quotes_news"))
