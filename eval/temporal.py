"""Temporal expression quality on three hand-written sets of invented sentences (eval/data/).

- temporal.tsv: written by the author of marsad.dating's rules (top-level figures; optimistic);
- temporal_blind_dev.tsv: written blind, by an annotator who had not seen the rules or the code, from
  the stated conventions only; its errors are listed and may be read to improve the rules;
- temporal_blind_test.tsv: the other half of that blind set; only its figures are printed, its
  sentences are never read while changing the rules.
Spans: precision/recall/F1 of expression texts (exact text, per sentence and anchor) found by
marsad.dating.speech.article_expressions, each sentence an article published on its anchor date.
Values: exact-value accuracy over the gold expressions (a missed expression counts as wrong);
durations compare "duration:ISO", unresolved ones "unresolved". Errors are listed for inspection.
Peer: on the blind test half's day-level expressions, dateparser's search_dates (Arabic, the
anchor as its base) against marsad, each counted right when an expression it finds overlaps the gold
one and gives its day (spans compared leniently: the two tools cut expressions differently).
Run: python -m eval.temporal [--shared ../shared]  (the set is in the repository; --shared is unused)
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eval import cli
from marsad.datafiles import content_lines
from marsad.dating.speech import article_expressions
from marsad.doc import Doc
from marsad.types import Article, TimeExpression

DATA = Path(__file__).with_name("data")
GOLD = DATA / "temporal.tsv"
BLIND = {"blind_dev": (DATA / "temporal_blind_dev.tsv", True), "blind_test": (DATA / "temporal_blind_test.tsv", False)}


def read_gold(path: Path = GOLD) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Return {(sentence, anchor): [(expression text, expected value)]}; "-" rows give an empty list."""
    gold: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for line in content_lines(path.read_text(encoding="utf-8")):
        sentence, anchor, text, value, _ = line.split("\t")
        items = gold.setdefault((sentence, anchor), [])
        if text != "-":
            items.append((text, value))
    return gold


def shown(expr: TimeExpression) -> str:
    """Return an expression's value as written in the gold file."""
    if expr.kind == "duration":
        return f"duration:{expr.duration}"
    return expr.value or "unresolved"


def run(_shared: Path | None = None) -> dict[str, Any]:
    """Return the figures of the author's set, with those of the blind halves nested under their names."""
    figures = score(GOLD)
    for name, (path, show_errors) in BLIND.items():
        figures[name] = score(path, show_errors)
    figures["peer_on_blind_test_days"] = peer(BLIND["blind_test"][0])
    return figures


def peer(path: Path) -> dict[str, Any]:
    """Return dateparser's and marsad's share of right days on a set's day-level expressions, and their times."""
    from dateparser.search import search_dates  # a dev dependency: the peer, not used by marsad

    days = [(sentence, anchor, text, value) for (sentence, anchor), items in read_gold(path).items()
            for text, value in items if len(value) == 10 and value[4] == "-"]
    right = {"dateparser": 0, "marsad": 0}
    seconds = {"dateparser": 0.0, "marsad": 0.0}
    for sentence, anchor, text, value in days:
        start = sentence.find(text)
        gold = (start, start + len(text))
        base = dt.datetime.fromisoformat(anchor)
        t0 = time.perf_counter()
        found_dp = search_dates(sentence, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
        t1 = time.perf_counter()
        found_m = article_expressions(Doc(Article("peer", "eval", sentence, published=anchor)), base.date())
        t2 = time.perf_counter()
        seconds["dateparser"] += t1 - t0
        seconds["marsad"] += t2 - t1
        right["dateparser"] += any(
            _overlaps(gold, (k := sentence.find(t), k + len(t))) and d.date().isoformat() == value for t, d in found_dp)
        right["marsad"] += any(_overlaps(gold, (e.span.start, e.span.end)) and e.value == value for e in found_m)
    n = len(days)
    return {
        "expressions": n,
        "dateparser_value_accuracy": round(right["dateparser"] / n, 3) if n else 0.0,
        "marsad_value_accuracy": round(right["marsad"] / n, 3) if n else 0.0,
        "dateparser_ms_per_sentence": round(1000 * seconds["dateparser"] / n, 2) if n else 0.0,
        "marsad_ms_per_sentence": round(1000 * seconds["marsad"] / n, 2) if n else 0.0,
    }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Return True when two [start, end) ranges share a character."""
    return a[0] < b[1] and b[0] < a[1]


def score(path: Path, show_errors: bool = True) -> dict[str, Any]:
    """Return span precision/recall/F1, value accuracy and (when asked) the first errors on one gold set."""
    gold = read_gold(path)
    found_n = gold_n = matched = correct = 0
    errors: list[str] = []
    for (sentence, anchor), items in gold.items():
        doc = Doc(Article(f"eval-{len(errors)}", "eval", sentence, published=anchor))
        found = article_expressions(doc, dt.date.fromisoformat(anchor))
        text_of = {e: doc.text(e.span) for e in found}
        predicted = Counter(text_of.values())
        expected = Counter(text for text, _ in items)
        matched += sum((predicted & expected).values())
        found_n += sum(predicted.values())
        gold_n += len(items)
        by_text = {text_of[e]: e for e in found}
        for text, value in items:
            got = by_text.get(text)
            if got is not None and shown(got) == value:
                correct += 1
            else:
                errors.append(f"{anchor} {sentence} → {text}: want {value}, got {shown(got) if got else 'missed'}")
        errors.extend(f"{anchor} {sentence} → extra {text_of[e]!r} = {shown(e)}" for e in found
                      if text_of[e] not in expected)
    precision = matched / found_n if found_n else 0.0
    recall = matched / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(gold), "gold_expressions": gold_n,
        "span_precision": round(precision, 3), "span_recall": round(recall, 3), "span_f1": round(f1, 3),
        "value_accuracy": round(correct / gold_n, 3) if gold_n else 0.0,
        **({"errors": "; ".join(errors[:10])} if show_errors else {}),
    }


if __name__ == "__main__":
    raise SystemExit(cli(run, "python -m eval.temporal"))
