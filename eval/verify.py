"""Verification quality on blind labelled sets from SaudiNewsNet's open days, and the ANS stance yardstick.

The sets (eval/data/verify_*.tsv, drawn by eval.verify_sample, labelled by helper sessions that had not
seen marsad's code, following eval/data/verify_guidelines.md) are stored by reference: day, index in
the day's JSON array, offsets into the article's raw `content`. Each has a dev and a test half (by
day: alternate open days); dev errors may be read to improve marsad, the test half is only scored.
- pairs: statement pairs from two outlets labelled conflict / compatible / unrelated. Conflict
  detection (marsad.verify.conflicts.compare on the two sentences found in marsad's cleaned bodies,
  the two articles as one story): precision, recall and F1 over conflict vs compatible pairs, the
  share of compatible pairs left unflagged (false alarms are what precision first is about), and the
  alignment (cosine >= claims.ALIGN) over same-fact (conflict or compatible) vs unrelated pairs.
- briefs: 5 reference sentences per multi-outlet story. ROUGE-1/2/L F1 (normalized tokens) of
  marsad's brief, of sumy's LexRank over the same cleaned sentences and of a lead baseline (the first
  sentence of each article, then the second ...), all 5 sentences, in the same run.
- sources: the story's articles grouped by the source text they derive from. Pairwise precision and
  recall of marsad's source groups, and of its wire lineage pairs alone; independent-source counts: exact
  share and mean absolute error, beside the article count (what counting by article would say).
- ans: ANS's stance test pairs (a yardstick, never tuned on): a conflict flagged on `disagree` pairs
  against `agree` ones, precision and recall, beside the published BERT figure (76.7 macro-F1, 3 classes).
Run: python -m eval.verify --shared ../shared
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

from eval import cli
from marsad import arabic
from marsad.clean import clean, load_rules
from marsad.datafiles import content_lines
from marsad.doc import Doc, StoryDoc
from marsad.ingest import read_records
from marsad.pipeline import annotate
from marsad.stories.cluster import restory
from marsad.stories.dedup import near_duplicate_groups
from marsad.types import RawDocument, Span
from marsad.verify.brief import DEFAULT_SENTENCES
from marsad.verify.claims import ALIGN
from marsad.verify.conflicts import compare, similarity

DATA = Path(__file__).with_name("data")
ANS_BERT_MACRO_F1 = 0.767  # Khouja 2020, the ANS paper's best stance model (three classes)


@lru_cache(maxsize=32)
def day_articles(shared: Path, day: str) -> list[dict[str, Any]]:
    """Return a SaudiNewsNet day's raw articles in the order of its JSON array."""
    with zipfile.ZipFile(shared / "data/saudinewsnet/dataset" / f"{day}.zip") as z:
        name = next(n for n in z.namelist() if n.endswith(".json"))
        data: list[dict[str, Any]] = json.loads(z.read(name))
    return data


def story_of(records: Sequence[dict[str, Any]], stages: bool = True) -> StoryDoc:
    """Clean records (SaudiNewsNet fields) into one story and run every story stage on it."""
    rules = load_rules()
    raw = [r for r in read_records(records) if isinstance(r, RawDocument)]
    articles = [clean(r, rules) for r in raw]
    docs = tuple(Doc(a) for a in articles)
    groups = tuple(g for g in near_duplicate_groups(articles) if len(g) > 1)
    story = StoryDoc(restory("s-eval", articles), docs, near_duplicates=groups)
    if stages:
        annotate([story], workers=1)
    return story


def locate(doc: Doc, text: str) -> Span | None:
    """Return the span of a raw sentence in a cleaned body (exact, else with spaces collapsed), or None."""
    at = doc.body.find(text.strip())
    if at >= 0:
        return Span(doc.id, at, at + len(text.strip()), "claim")
    words = text.split()
    if len(words) < 3:
        return None
    head, tail = " ".join(words[:4]), " ".join(words[-3:])
    start = doc.body.find(head)
    end = doc.body.find(tail, start)
    return Span(doc.id, start, end + len(tail), "claim") if start >= 0 and end >= 0 else None


def _rows(name: str) -> list[list[str]]:
    """Return the tab-split content lines of a label file."""
    return [line.split("\t") for line in content_lines((DATA / name).read_text(encoding="utf-8"))]


def pairs(shared: Path, split: str, show: bool) -> dict[str, Any]:
    """Score conflict detection and alignment on one half of the statement pairs."""
    tp = fp = fn = tn = 0
    same = {"tp": 0, "fp": 0, "fn": 0}
    errors: list[str] = []
    missing = 0
    by_draw: dict[str, dict[str, int]] = {}
    for pid, day, i, si, ei, j, sj, ej, half, label, kind, draw in _rows("verify_pairs.tsv"):
        if half != split:
            continue
        raw = day_articles(shared, day)
        a, b = raw[int(i)], raw[int(j)]
        story = story_of([a, b])
        if len(story.docs) != 2:
            missing += 1
            continue
        sa = locate(story.docs[0], a["content"][int(si):int(ei)])
        sb = locate(story.docs[1], b["content"][int(sj):int(ej)])
        if sa is None or sb is None:
            missing += 1
            continue
        found = compare(story, sa, sb)
        aligned = similarity(story, sa, sb) >= ALIGN
        if label == "unrelated":
            same["fp"] += aligned
        else:
            same["tp" if aligned else "fn"] += 1
            if label == "conflict":
                tp, fn = tp + bool(found), fn + (not found)
            else:
                fp, tn = fp + bool(found), tn + (not found)
            tally = by_draw.setdefault(draw, {"conflicts": 0, "found": 0, "compatible": 0, "flagged": 0})
            tally["conflicts" if label == "conflict" else "compatible"] += 1
            tally["found" if label == "conflict" else "flagged"] += bool(found)
            if show and bool(found) != (label == "conflict"):
                said = "; ".join(c.description for c in found) or "none"
                errors.append(f"{pid} gold {label}/{kind}, marsad: {said}")
    out = _prf(tp, fp, fn)
    out |= {"conflict_pairs": tp + fn, "compatible_pairs": fp + tn, "flagged": tp + fp, "not_located": missing,
            "compatible_not_flagged": round(tn / (fp + tn), 3) if fp + tn else 0.0,
            "alignment": _prf(same["tp"], same["fp"], same["fn"]), "by_draw": by_draw}
    if show:
        out["errors"] = "; ".join(errors[:15])
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Return precision, recall and F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _tokens(texts: Sequence[str]) -> list[str]:
    """Return the normalized word tokens of texts, in order."""
    return [t for text in texts for t in arabic.tokens(arabic.normalize(text))]


def rouge(candidate: Sequence[str], reference: Sequence[str]) -> dict[str, float]:
    """Return ROUGE-1, ROUGE-2 and ROUGE-L F1 of a candidate summary against one reference (token level)."""
    c, r = _tokens(candidate), _tokens(reference)
    out = {}
    for n in (1, 2):
        cg = _ngrams(c, n)
        rg = _ngrams(r, n)
        overlap = sum(min(k, rg.get(g, 0)) for g, k in cg.items())
        out[f"rouge{n}"] = _f(overlap, sum(cg.values()), sum(rg.values()))
    out["rougeL"] = _f(_lcs(c, r), len(c), len(r))
    return out


def _ngrams(tokens: Sequence[str], n: int) -> dict[tuple[str, ...], int]:
    """Count the n-grams of a token list."""
    counts: dict[tuple[str, ...], int] = {}
    for k in range(len(tokens) - n + 1):
        g = tuple(tokens[k:k + n])
        counts[g] = counts.get(g, 0) + 1
    return counts


def _f(overlap: int, candidate: int, reference: int) -> float:
    """Return the F1 of an overlap against candidate and reference sizes."""
    if not overlap:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Return the length of the longest common subsequence of two token lists."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for k, y in enumerate(b):
            cur.append(prev[k] + 1 if x == y else max(prev[k + 1], cur[k]))
        prev = cur
    return prev[-1]


def _lexrank(story: StoryDoc, n: int) -> list[str]:
    """Return sumy's LexRank summary of the story's cleaned sentences (marsad's sentence split, normalized tokens)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer

    class Tokenizer:
        """The word tokenizer sumy asks for: normalized Arabic tokens."""

        language = "arabic"

        def to_words(self, text: str) -> list[str]:
            """Return the words of a sentence."""
            return arabic.tokens(arabic.normalize(text))

    tok = Tokenizer()
    paragraphs = [Paragraph([Sentence(d.text(s), tok) for s in d.sentences]) for d in story.docs]
    summarizer = LexRankSummarizer()
    summarizer.stop_words = arabic.STOPWORDS
    return [str(s) for s in summarizer(ObjectDocumentModel(paragraphs), n)]


def _lead(story: StoryDoc, n: int) -> list[str]:
    """Return the lead baseline: each article's first sentence in turn, then the second ..."""
    out: list[str] = []
    depth = 0
    while len(out) < n and depth < max((len(d.sentences) for d in story.docs), default=0):
        out += [d.text(d.sentences[depth]) for d in story.docs if depth < len(d.sentences)]
        depth += 1
    return out[:n]


def briefs(shared: Path, split: str) -> dict[str, Any]:
    """Score marsad's brief, LexRank and the lead baseline by ROUGE on one half of the reference briefs."""
    totals: dict[str, dict[str, float]] = {name: {} for name in ("marsad", "lexrank", "lead")}
    n = 0
    for _sid, day, members, half, refs in _rows("verify_briefs.tsv"):
        if half != split:
            continue
        raw = day_articles(shared, day)
        story = story_of([raw[int(i)] for i in members.split(",")])
        reference = [raw[int(i)]["content"][int(s):int(e)] for i, s, e in (r.split(":") for r in refs.split(","))]
        made = {"marsad": [story.text(b.span) for b in story.summary or ()],
                "lexrank": _lexrank(story, DEFAULT_SENTENCES), "lead": _lead(story, DEFAULT_SENTENCES)}
        for name, summary in made.items():
            for metric, value in rouge(summary, reference).items():
                totals[name][metric] = totals[name].get(metric, 0.0) + value
        n += 1
    return {"stories": n, **{name: {m: round(v / n, 4) for m, v in t.items()} for name, t in totals.items()}}


def sources(shared: Path, split: str, show: bool) -> dict[str, Any]:
    """Score marsad's source groups and independent-source counts on one half of the corroboration set."""
    tp = fp = fn = 0
    lineage = {"tp": 0, "fp": 0, "fn": 0}
    exact = exact_articles = 0
    error = error_articles = 0.0
    n = 0
    errors = []
    for sid, day, members, half, groups, count in _rows("verify_sources.tsv"):
        if half != split:
            continue
        raw = day_articles(shared, day)
        indices = members.split(",")
        story = story_of([raw[int(i)] for i in indices])
        gold = [g.split("+") for g in groups.split("|")]
        off = {a for g in gold for a in g if a.startswith("-")}
        gold_of = {a.lstrip("-"): k for k, g in enumerate(gold) for a in g}
        ids = {f"A{k + 1}": d.id for k, d in enumerate(story.docs)}
        mine = {a: k for k, g in enumerate(story.sources or ()) for a in g}
        on = [a for a in ids if "-" + a not in off]
        wire = {frozenset((p.a, p.b)) for p in story.lineage or ()}
        for a, b in combinations(on, 2):
            g, m = gold_of[a] == gold_of[b], mine[ids[a]] == mine[ids[b]]
            tp, fp, fn = tp + (g and m), fp + (m and not g), fn + (g and not m)
            w = frozenset((ids[a], ids[b])) in wire  # a wire lineage pair alone, before sources join more
            lineage["tp"] += g and w
            lineage["fp"] += w and not g
            lineage["fn"] += g and not w
        counted = len({mine[ids[a]] for a in on})
        exact += counted == int(count)
        exact_articles += len(on) == int(count)
        error += abs(counted - int(count))
        error_articles += abs(len(on) - int(count))
        n += 1
        if show and counted != int(count):
            found = "|".join("+".join(a for a in on if mine[ids[a]] == k) for k in sorted({mine[ids[a]] for a in on}))
            errors.append(f"{sid}: gold {groups} ({count}), marsad {counted}: {found}")
    out: dict[str, Any] = {"stories": n, "pairs": _prf(tp, fp, fn),
                           "lineage_pairs": _prf(lineage["tp"], lineage["fp"], lineage["fn"]),
                           "count_exact": round(exact / n, 3) if n else 0.0,
                           "count_mae": round(error / n, 3) if n else 0.0,
                           "by_article_count_exact": round(exact_articles / n, 3) if n else 0.0,
                           "by_article_count_mae": round(error_articles / n, 3) if n else 0.0}
    if show:
        out["errors"] = "; ".join(errors)
    return out


def ans(shared: Path) -> dict[str, Any]:
    """Score conflicts flagged on ANS's disagree headline pairs against its agree pairs (test file)."""
    tp = fp = fn = 0
    path = shared / "data/ans-arabic-news-stance/stance/test.csv"
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["stance"] in ("agree", "disagree")]
    for row in rows:
        story = story_of([{"text": row["s1"], "title": "", "outlet": "A"},
                          {"text": row["s2"], "title": "", "outlet": "B"}])
        a, b = (Span(d.id, 0, len(d.body), "claim") for d in story.docs)
        flagged = bool(compare(story, a, b))
        if row["stance"] == "disagree":
            tp, fn = tp + flagged, fn + (not flagged)
        else:
            fp += flagged
    return {"pairs": len(rows), "disagree": tp + fn, **_prf(tp, fp, fn), "published_bert_macro_f1": ANS_BERT_MACRO_F1}


def run(shared: Path) -> dict[str, Any]:
    """Return every figure: dev (errors listed) and test halves of the three sets, and ANS."""
    if not (shared / "data/saudinewsnet").is_dir():
        return {"skipped": f"{shared}/data/saudinewsnet is absent"}
    out: dict[str, Any] = {}
    for split in ("dev", "test"):
        out[split] = {"pairs": pairs(shared, split, split == "dev"), "briefs": briefs(shared, split),
                      "sources": sources(shared, split, split == "dev")}
    out["ans"] = ans(shared)
    return out


if __name__ == "__main__":
    raise SystemExit(cli(run, "eval.verify"))
