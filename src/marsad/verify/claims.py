"""Claim alignment: the units of a story's articles that state one fact in different words.

Each unit is a TF-IDF vector of its content stems (long vowels folded) and numbers, and of the story's
entities, quote groups and resolved days it mentions (units.story_keys: ترامب and ترمب are one entity,
two translations of one statement one quote group). The story's units are the documents of the IDF,
so the story's own topic words weigh little and a shared name, number or rare word weighs much. Two
units of different articles are similar by the cosine of their vectors. Units are joined
into claims greedily, most similar pair first, while their similarity is at least ALIGN and the
joined claim holds at most one unit per article: a chain of loose overlaps cannot merge two facts,
and an article states a fact once. Pairs at RELATED or above are kept: the brief picks the unit most
like the others of its claim by them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from marsad.doc import StoryDoc
from marsad.stories.features import Vocabulary
from marsad.types import Span
from marsad.verify.units import Unit, claim_units, keys_in, story_keys, unit_terms

# Two units state one fact at this cosine or above. Set on the dev half of the blind statement pairs
# (eval/data/verify_pairs.tsv, eval.verify; same fact = compatible or conflict, against unrelated):
# precision / recall 0.91 / 0.75 at 0.3 (the best F1), 0.94 / 0.68 at 0.35, 0.97 / 0.59 at 0.4.
ALIGN = 0.3
# Pairs this similar are kept (the brief's choice of wording reads them); below it a pair counts as 0.
RELATED = 0.25
# Rows of the unit x unit similarity computed at once: bounds memory on 200-article stories.
BLOCK = 512


@dataclass(frozen=True)
class Alignment:
    """A story's units, their vectors, the similar pairs across articles, and the claims as lists of unit indices."""

    units: tuple[Unit, ...]
    articles: tuple[int, ...]  # the member index of each unit's article
    vectors: sp.csr_matrix  # unit x term, L2-normalized TF-IDF
    pairs: dict[tuple[int, int], float]  # (i, j), i < j, different articles: cosine >= RELATED
    claims: tuple[tuple[int, ...], ...]

    def similarity(self, i: int, j: int) -> float:
        """Return the cosine of two units (0 when below RELATED or of one article)."""
        return self.pairs.get((min(i, j), max(i, j)), 0.0)


def align(story: StoryDoc) -> Alignment:
    """Find the claim units of every member of a story and align them into claims."""
    units: list[Unit] = []
    owner: list[int] = []
    keys = story_keys(story)
    for k, doc in enumerate(story.docs):
        found = claim_units(doc, keys[doc.id])
        units += found
        owner += [k] * len(found)
    vectors = _vectors(units)
    pairs = _pairs(vectors, np.array(owner, dtype=np.int64))
    return Alignment(tuple(units), tuple(owner), vectors, pairs, _claims(len(units), owner, pairs))


def align_pair(story: StoryDoc, a: Span, b: Span) -> Alignment:
    """Return the alignment of two spans of a story's members alone, weighed with the IDF of all the members' units.

    They form one claim when as similar as ALIGN.
    """
    keys = story_keys(story)
    units = [u for doc in story.docs for u in claim_units(doc, keys[doc.id])]
    index = {d.id: k for k, d in enumerate(story.docs)}
    owners = (index[a.article], index[b.article])
    pair = tuple(Unit(s, unit_terms(story.doc(s.article), s) | keys_in(keys[s.article], s), 0.0) for s in (a, b))
    vectors = _vectors([*units, *pair])[-2:]
    sim = float((vectors[0] @ vectors[1].T).toarray()[0, 0]) if owners[0] != owners[1] else 0.0
    claims = ((0, 1),) if sim >= ALIGN else ((0,), (1,))
    return Alignment(pair, owners, vectors, {(0, 1): sim} if sim >= RELATED else {}, claims)


def _vectors(units: Sequence[Unit]) -> sp.csr_matrix:
    """Return the L2-normalized TF-IDF vectors of the units (binary term weights times smoothed IDF)."""
    vocab = Vocabulary()
    cols: list[int] = []
    for unit in units:
        # Terms are a set: sorted, the columns (and so the float sums) are the same in every process.
        cols.extend(map(vocab.__getitem__, sorted(unit.terms)))
    # Built as arrays, not by sparse products: a story's few units cost scipy more in set-up than in arithmetic.
    lengths = np.fromiter(map(len, (u.terms for u in units)), dtype=np.int64, count=len(units))
    rows = np.repeat(np.arange(len(units)), lengths)
    indices = np.array(cols, dtype=np.int32)
    indices = indices[np.lexsort((indices, rows))]  # each row by column, as scipy keeps it
    idf = np.log((1 + len(units)) / (1 + np.bincount(indices, minlength=len(vocab)))) + 1.0
    data = idf[indices]
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    norms = np.ones(len(units))  # a unit without terms keeps its zero row
    filled = lengths > 0
    if filled.any():  # summed as scipy sums a row, so the vectors are the same to the last bit
        norms[filled] = np.sqrt(np.add.reduceat(data * data, indptr[:-1][filled]))
    return sp.csr_matrix(((1.0 / norms)[rows] * data, indices, indptr), shape=(len(units), len(vocab)))


def _pairs(vectors: sp.csr_matrix, owner: np.ndarray) -> dict[tuple[int, int], float]:
    """Return the cosines >= RELATED of unit pairs from different articles, computed block by block."""
    out: dict[tuple[int, int], float] = {}
    n = vectors.shape[0]
    t = vectors.T.tocsc()
    for lo in range(0, n, BLOCK):
        block = sp.coo_matrix(vectors[lo:lo + BLOCK] @ t)
        i, j, s = block.row + lo, block.col, block.data
        keep = (i < j) & (s >= RELATED) & (owner[i] != owner[j])
        out.update(zip(zip(i[keep].tolist(), j[keep].tolist(), strict=True), s[keep].tolist(), strict=True))
    return out


def _claims(n: int, owner: Sequence[int], pairs: dict[tuple[int, int], float]) -> tuple[tuple[int, ...], ...]:
    """Join units into claims, most similar pair first, at >= ALIGN, one unit per article per claim."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[int]] = {i: {owner[i]} for i in range(n)}
    root = list(range(n))
    for (i, j), s in sorted(pairs.items(), key=lambda p: (-p[1], p[0])):
        if s < ALIGN:
            break
        a, b = root[i], root[j]
        if a == b or articles[a] & articles[b]:
            continue
        a, b = min(a, b), max(a, b)
        for k in members[b]:
            root[k] = a
        members[a] += members.pop(b)
        articles[a] |= articles.pop(b)
    return tuple(tuple(sorted(m)) for m in sorted(members.values()))
