"""ANERcorp, the tagger's training corpus: reading it, its training/test split, and CoNLL-style scoring.

Used by training (marsad.ner.train) and by the evaluation (eval/ner.py); never at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from marsad.ner.tagger import chunks

ANERCORP = Path("data/anercorp/ANERCorp.txt")
# Share of ANERcorp tokens in the training part (the split: first 80%, cut at a sentence end).
TRAIN_SHARE = 0.8
SENTENCE_END = "."
_TAG_MAP = {"PERS": "PER"}


def map_tag(tag: str) -> str:
    """Return a BIO tag in marsad's types (PERS → PER); anything malformed becomes O."""
    prefix, _, kind = tag.partition("-")
    if prefix not in ("B", "I") or not kind:
        return "O"
    return f"{prefix}-{_TAG_MAP.get(kind, kind)}"


def read_anercorp(path: Path) -> list[tuple[str, str]]:
    """Read ANERcorp's `token TAG` lines as (token, tag) pairs with mapped tags."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        token, _, tag = line.strip().rpartition(" ")
        if token:
            pairs.append((token, map_tag(tag)))
    return pairs


def sentences(pairs: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Split a token stream into sentences, each ending with a "." token."""
    out: list[list[tuple[str, str]]] = [[]]
    for pair in pairs:
        out[-1].append(pair)
        if pair[0] == SENTENCE_END:
            out.append([])
    return [s for s in out if s]


Tagged = list[tuple[str, str]]  # (token, BIO tag) pairs


def read_conll(path: Path) -> list[Tagged]:
    """Read `token<TAB>tag` lines, a blank line between sentences (eval.ner_conll's output), as sentences."""
    out: list[Tagged] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        token, _, tag = line.partition("\t")
        if token:
            out[-1].append((token, map_tag(tag)))
        elif out[-1]:
            out.append([])
    return [s for s in out if s]


def split_corpus(pairs: Sequence[tuple[str, str]], share: float = TRAIN_SHARE) -> tuple[Tagged, Tagged]:
    """Split a token stream into a training part (the first `share` of tokens, up to the next ".") and the rest."""
    cut = int(len(pairs) * share)
    while cut < len(pairs) and pairs[cut - 1][0] != SENTENCE_END:
        cut += 1
    return list(pairs[:cut]), list(pairs[cut:])


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]],
          ignore: frozenset[str] = frozenset()) -> dict[str, dict[str, float]]:
    """Return CoNLL-style precision/recall/F1 (exact span and type) per type and overall; `ignore` types dropped."""
    counts: dict[str, list[int]] = {}  # type -> [true positives, predicted, gold]
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = {c for c in chunks(g_tags) if c[2] not in ignore}
        p = {c for c in chunks(p_tags) if c[2] not in ignore}
        for found, col in ((g & p, 0), (p, 1), (g, 2)):
            for c in found:
                for kind in (c[2], "overall"):
                    counts.setdefault(kind, [0, 0, 0])[col] += 1
    out = {}
    for kind, (tp, npred, ngold) in sorted(counts.items()):
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[kind] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "gold": ngold}
    return out


