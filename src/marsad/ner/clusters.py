"""Distributional word clusters for the named-entity tagger, learnt from unlabelled news (SaudiNewsNet).

Words that occur between the same neighbours fall in one cluster (capitals with capitals, given
names with given names, companies with companies), so the tagger generalises to names it never saw
labelled. Each word key (ner.features.key of the normalized word) gets the cluster of its
left/right-neighbour PPMI vector, reduced by SVD and grouped by k-means; fixed seeds keep it
reproducible. The shipped file `ner_clusters.tsv` stores hashes of the words only.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from marsad.arabic.normalize import normalize
from marsad.ner.features import digest, key

SAUDINEWSNET = Path("data/saudinewsnet/dataset")
# Words clustered: the most frequent keys seen at least MIN_COUNT times (SaudiNewsNet has 8.8M
# tokens; 60,000 keys cover the names that recur in news while keeping the file ~1.3 MB).
VOCABULARY = 60_000
MIN_COUNT = 5
# Neighbours counted (the most frequent keys, left and right separately) and SVD dimensions of the
# PPMI matrix: set by hand, not tuned; with them the whole build takes ~35 s on SaudiNewsNet here.
CONTEXT_WORDS = 3_000
DIMENSIONS = 100
# Clusters: on a dev split inside ANERcorp's training part, 500 and 1,000 clusters gave dev F1 0.727
# and 0.728 (0.702 without clusters, 150 L-BFGS iterations, c1=0.2 c2=0.05); 1,000 kept. Adding
# 200 coarser clusters as a second feature gave 0.728 too, so one granularity is enough.
CLUSTERS = 1_000
SEED = 0


def saudinewsnet_texts(shared: Path, limit: int | None = None,
                       leave_out: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """Yield (id, body) of SaudiNewsNet's articles in file order, at most `limit`, days in `leave_out` skipped."""
    count = 0
    for path in sorted((shared / SAUDINEWSNET).glob("*.zip")):
        if path.stem in leave_out:
            continue
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for i, row in enumerate(json.loads(zf.read(name))):
                    if limit is not None and count >= limit:
                        return
                    count += 1
                    yield f"{name}-{i}", row.get("content") or ""


def _cooccurrence(seqs: Sequence[Sequence[str]], vocab: dict[str, int], context: dict[str, int]) -> sp.csr_matrix:
    """Return the word × (left context + right context) count matrix."""
    rows: list[int] = []
    cols: list[int] = []
    width = len(context)
    for seq in seqs:
        for i, word in enumerate(seq):
            row = vocab.get(word)
            if row is None:
                continue
            left = context.get(seq[i - 1]) if i else None
            right = context.get(seq[i + 1]) if i + 1 < len(seq) else None
            if left is not None:
                rows.append(row)
                cols.append(left)
            if right is not None:
                rows.append(row)
                cols.append(width + right)
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * width))
    matrix.sum_duplicates()
    return matrix


def _ppmi(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Return the positive pointwise mutual information of a count matrix."""
    coo = matrix.tocoo()
    total = float(coo.data.sum())
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)


def build_clusters(token_lists: Iterable[Sequence[str]], clusters: int = CLUSTERS,
                   dimensions: int = DIMENSIONS) -> dict[str, str]:
    """Return the cluster id of each frequent word key in tokenized texts."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize as unit_rows

    seqs = [[key(normalize(t)) for t in tokens] for tokens in token_lists]
    counts = Counter(w for seq in seqs for w in seq)
    ranked = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    vocab = {w: i for i, w in enumerate(w for w in ranked[:VOCABULARY] if counts[w] >= MIN_COUNT)}
    context = {w: i for i, w in enumerate(ranked[:CONTEXT_WORDS])}
    vectors = TruncatedSVD(dimensions, random_state=SEED).fit_transform(_ppmi(_cooccurrence(seqs, vocab, context)))
    labels = KMeans(clusters, random_state=SEED, n_init=1).fit_predict(unit_rows(vectors))
    return {w: str(int(label)) for w, label in zip(vocab, labels, strict=True)}


def write_clusters(clusters: dict[str, str], path: Path) -> None:
    """Write the generated cluster file (hashed word keys, no words) with its header."""
    header = (
        "# Distributional word clusters for the named-entity tagger, GENERATED by `python -m marsad.ner.train\n"
        "# train` (do not edit) from SaudiNewsNet in ../shared/data (marsad.ner.clusters). Rows:\n"
        "# hash of a word key (ner.features.digest)<TAB>cluster id; only hashes are stored.\n"
    )
    rows = sorted((digest(w), c) for w, c in clusters.items())
    path.write_text(header + "".join(f"{h}\t{c}\n" for h, c in rows), encoding="utf-8")

