"""Benchmark: marsad's near-duplicate stage against datasketch MinHashLSH on the same shingles.

Both sides get the same 32-bit shingle hashes of every SaudiNewsNet article, the same number of
permutations and the same threshold. Recall is measured against the true near-duplicate pairs
(exact Jaccard of the shingle sets >= threshold) among every pair either side proposes plus every
pair with identical shingle sets.
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from marsad.stories.dedup import NUM_PERM, group_shingle_sets, shingle_hashes

THRESHOLD = 0.8
REPEATS = 2
Pair = tuple[int, int]


def load_saudinewsnet(shared: Path) -> list[str]:
    """Return the `content` of every article in SaudiNewsNet's daily zip files, in file order."""
    texts: list[str] = []
    for path in sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                if name.endswith(".json"):
                    texts.extend(str(item.get("content") or "") for item in json.loads(zf.read(name)))
    return texts


def _identity(value: int) -> int:
    """Pass a precomputed shingle hash to datasketch unchanged."""
    return value


def _datasketch_pairs(sets: list[NDArray[np.uint32]], threshold: float) -> set[Pair]:
    """Run datasketch MinHash (bulk, affine32 on the given hashes) + MinHashLSH insert and query."""
    from datasketch import MinHash, MinHashLSH

    hashes = MinHash.bulk(
        [s.tolist() for s in sets], num_perm=NUM_PERM, hashfunc=_identity, scheme="affine32"
    )
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    pairs: set[Pair] = set()
    for i, m in enumerate(hashes):
        pairs.update((min(i, j), max(i, j)) for j in lsh.query(m) if j != i)
    return pairs


def _group_pairs(groups: Iterable[tuple[int, ...]]) -> set[Pair]:
    """Return every pair of indices that share a group."""
    return {p for g in groups for p in combinations(g, 2)}


def _identical_pairs(sets: list[NDArray[np.uint32]]) -> set[Pair]:
    """Return every pair of indices with identical shingle sets."""
    by_key: dict[bytes, list[int]] = {}
    for i, s in enumerate(sets):
        by_key.setdefault(s.tobytes(), []).append(i)
    return {p for ids in by_key.values() for p in combinations(ids, 2)}


def _jaccard(a: NDArray[np.uint32], b: NDArray[np.uint32]) -> float:
    """Return the exact Jaccard similarity of two sorted unique hash arrays."""
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def run(shared: Path, threshold: float = THRESHOLD) -> dict[str, float | int | str]:
    """Time both near-duplicate stages on all of SaudiNewsNet and measure their recall."""
    texts = load_saudinewsnet(shared)
    t0 = time.perf_counter()
    all_sets = [shingle_hashes(t) for t in texts]
    shingle_s = time.perf_counter() - t0
    sets = [s for s in all_sets if len(s)]  # token-free articles have no shingles on either side

    # Best of REPEATS alternating runs: the machine is shared, so a single run is noisy.
    ours_s = datasketch_s = float("inf")
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        groups = group_shingle_sets(sets, threshold)
        ours_s = min(ours_s, time.perf_counter() - t0)
        t0 = time.perf_counter()
        theirs = _datasketch_pairs(sets, threshold)
        datasketch_s = min(datasketch_s, time.perf_counter() - t0)

    ours = _group_pairs(groups)
    truth = {p for p in ours | theirs | _identical_pairs(sets) if _jaccard(sets[p[0]], sets[p[1]]) >= threshold}
    return {
        "articles": len(texts),
        "articles_with_shingles": len(sets),
        "shingles": int(sum(len(s) for s in sets)),
        "threshold": threshold,
        "num_perm": NUM_PERM,
        "repeats": REPEATS,
        "shingle_seconds": round(shingle_s, 3),
        "ours_seconds": round(ours_s, 3),
        "datasketch_seconds": round(datasketch_s, 3),
        "speedup": round(datasketch_s / ours_s, 2),
        "true_pairs": len(truth),
        "ours_recall": round(len(truth & ours) / max(len(truth), 1), 4),
        "datasketch_recall": round(len(truth & theirs) / max(len(truth), 1), 4),
        "ours_pair_precision": round(len(truth & ours) / max(len(ours), 1), 4),
        "groups": len(groups),
    }


def main() -> None:
    """Print the benchmark figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.threshold), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
