"""Near-duplicate articles: word shingles, vectorised one-permutation MinHash, LSH banding, grouping.

Pipeline: each article body becomes a set of hashed word k-shingles (`shingle_hashes`); all sets
are turned into MinHash signatures at once (`MinHasher`); LSH banding (`lsh_params`,
`candidate_pairs`) proposes pairs; pairs whose estimated Jaccard reaches the threshold are joined
into groups (connected components, i.e. union-find). Bodies identical after normalization are
grouped before hashing, so exact copies are always grouped, however short.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from marsad import arabic
from marsad.types import Article

# Word 3-grams. Calibrated on the first 12,000 SaudiNewsNet articles at threshold 0.8: k=3 linked
# 2,109 pairs, k=5 1,597 and k=7 fewer still, with the same share (0.89) of linked pairs whose exact
# Jaccard is >= 0.8; a sample of the pairs only k=3 linked were all lightly edited copies of one
# press release (a word or clause changed), which longer shingles split apart.
SHINGLE_K = 3
# 128 permutations: signature standard error of sqrt(J(1-J)/128) ~ 0.035 at J = 0.8.
NUM_PERM = 128
DEFAULT_SEED = 1
# Marks an empty one-permutation bin. A real minimum equals it with probability 2**-32 per shingle;
# it is then densified like an empty bin, identically in every document, so estimates stay unbiased.
EMPTY = np.uint32(0xFFFFFFFF)
# Shingles hashed per block: 2**16 uint64 (512 KB) temporaries stay in the CPU cache. Signatures of
# all SaudiNewsNet (8.6 M shingles, best of 3, shared 2-core machine): 2**16 0.25 s, 2**18 0.27 s,
# 2**20 0.33-0.50 s, one single block 0.38-0.71 s.
_BLOCK = 1 << 16

_U64 = NDArray[np.uint64]
_SIG = NDArray[np.uint32]
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_STEP = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(33)


def _fmix64(h: _U64) -> _U64:
    """Apply the MurmurHash3 64-bit finalizer (a bijection that spreads every input bit) in place; return `h`."""
    tmp = np.empty_like(h)
    for mult in (_MIX1, _MIX2):
        np.bitwise_xor(h, np.right_shift(h, _SHIFT, out=tmp), out=h)
        np.multiply(h, mult, out=h)
    np.bitwise_xor(h, np.right_shift(h, _SHIFT, out=tmp), out=h)
    return h


# Code points: Arabic words are under 20, and a hundred-character URL is still cheap to pad to.
LONG_TOKEN = 128


@lru_cache(maxsize=64)
def _powers(width: int) -> _U64:
    """Return _STEP**i mod 2**64 for i < width (the weights of the per-character token hash)."""
    powers = np.ones(width, dtype=np.uint64)
    np.cumprod(np.full(width - 1, _STEP, dtype=np.uint64), out=powers[1:])  # wraps modulo 2**64
    return powers


def _token_hashes(toks: list[str]) -> _U64:
    """Return a stable 64-bit hash per token, computed on the code points of the tokens at once.

    Tokens are padded with zero code points to a common width; zeros add nothing to the weighted
    sum, so a token's hash does not depend on the other tokens of the text. Tokens longer than
    LONG_TOKEN (junk, a URL, a text with no spaces) are hashed one by one, so that one huge token does
    not pad every other to its length (a 1M-character token made a 1 MB input take 6 GB).
    """
    if max(map(len, toks)) <= LONG_TOKEN:
        return _padded_hashes(toks)
    long = [i for i, t in enumerate(toks) if len(t) > LONG_TOKEN]
    out = np.empty(len(toks), dtype=np.uint64)
    short = [i for i, t in enumerate(toks) if len(t) <= LONG_TOKEN]
    if short:
        out[short] = _padded_hashes([toks[i] for i in short])
    for i in long:
        out[i] = _padded_hashes([toks[i]])[0]
    return out


def _padded_hashes(toks: list[str]) -> _U64:
    """Return the token hashes of `toks`, padded to the longest of them."""
    arr = np.array(toks)
    width = arr.dtype.itemsize // 4
    codes = arr.view(np.uint32).reshape(len(toks), width)
    return _fmix64((codes * _powers(width)).sum(axis=1, dtype=np.uint64))


def shingle_hashes(text: str, k: int = SHINGLE_K) -> NDArray[np.uint32]:
    """Return the sorted unique 32-bit hashes of the word k-shingles of `arabic.normalize(text)`.

    A text with fewer than k tokens (but at least one) is a single shingle of all its tokens.
    """
    return token_shingles(arabic.tokens(text), k)


def token_shingles(toks: list[str], k: int = SHINGLE_K) -> NDArray[np.uint32]:
    """Return the sorted unique 32-bit hashes of the k-shingles of normalized tokens (see `shingle_hashes`)."""
    if not toks:
        return np.zeros(0, dtype=np.uint32)
    th = _token_hashes(toks)
    width = min(k, len(toks))
    n = len(toks) - width + 1
    h = th[:n].copy()
    for j in range(1, width):
        h = h * _STEP + th[j : j + n]  # wraps modulo 2**64 by design
    return np.unique((_fmix64(h) >> np.uint64(32)).astype(np.uint32))


class MinHasher:
    """One-permutation MinHash with optimal densification, computed for many sets at once.

    Every shingle is hashed once; its hash picks one of `num_perm` bins and a value, and each bin
    keeps its minimum (Li, Owen & Zhang 2012). An empty bin copies the first filled bin of a
    fixed, per-bin random probe order (Shrivastava 2017), the same for every document, so two
    signatures agree in a position with probability equal to the sets' Jaccard similarity.
    """

    def __init__(self, num_perm: int = NUM_PERM, seed: int = DEFAULT_SEED) -> None:
        """Fix the number of signature positions and the seed of the hash and probe order."""
        if num_perm < 2:
            raise ValueError("num_perm must be at least 2")
        self.num_perm = num_perm
        rng = np.random.default_rng(seed)
        self._seed = np.uint64(rng.integers(0, 1 << 63))
        self._probes = np.argsort(rng.random((num_perm, num_perm)), axis=1)

    def signatures(self, shingle_sets: Sequence[NDArray[np.uint32]]) -> _SIG:
        """Return the (len(shingle_sets), num_perm) uint32 signatures; an empty set's row is all EMPTY."""
        n, k = len(shingle_sets), self.num_perm
        sig = np.full((n, k), EMPTY, dtype=np.uint32)
        sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=n)
        ends = np.cumsum(sizes)
        start = 0
        while start < n:
            # Documents [start, stop) hold about _BLOCK shingles (at least one document).
            stop = max(int(np.searchsorted(ends, ends[start] - sizes[start] + _BLOCK, side="right")), start + 1)
            self._fill(sig[start:stop], shingle_sets[start:stop], sizes[start:stop])
            start = stop
        self._densify(sig, sizes > 0)
        return sig

    def _fill(self, sig: _SIG, shingle_sets: Sequence[NDArray[np.uint32]], sizes: NDArray[np.int64]) -> None:
        """Write each bin's minimum value for a block of documents into its rows of `sig`."""
        if not sizes.sum():
            return
        h = _fmix64(np.concatenate(shingle_sets).astype(np.uint64) ^ self._seed)
        k = self.num_perm
        # High 32 bits pick the bin (multiply-shift range reduction), low 32 bits are the value.
        bins = ((h >> np.uint64(32)) * np.uint64(k)) >> np.uint64(32)
        flat = np.repeat(np.arange(len(sizes), dtype=np.int64) * k, sizes) + bins.astype(np.int64)
        np.minimum.at(sig.reshape(-1), flat, h.astype(np.uint32))

    def _densify(self, sig: _SIG, filled_rows: NDArray[np.bool_]) -> None:
        """Fill each empty bin of a non-empty row from the first originally filled bin of its probe order."""
        empty = sig == EMPTY
        rows, cols = np.nonzero(empty & filled_rows[:, None])
        for t in range(self.num_perm):
            if rows.size == 0:
                break
            src = self._probes[cols, t]
            hit = ~empty[rows, src]
            sig[rows[hit], cols[hit]] = sig[rows[hit], src[hit]]
            rows, cols = rows[~hit], cols[~hit]


@lru_cache(maxsize=8)
def _hasher(num_perm: int) -> MinHasher:
    """Return the MinHasher of `num_perm` positions and the default seed, built once (its probe order costs ~0.2 ms)."""
    return MinHasher(num_perm)


def estimated_jaccard(signatures: _SIG, pairs: NDArray[np.int64]) -> NDArray[np.float64]:
    """Return, for each (i, j) row of `pairs`, the share of signature positions where i and j agree."""
    if len(pairs) == 0:
        return np.zeros(0, dtype=np.float64)
    same = signatures[pairs[:, 0]] == signatures[pairs[:, 1]]
    return np.asarray(same.mean(axis=1), dtype=np.float64)


def _collision(s: float, bands: int, rows: int) -> float:
    """Probability that two sets of Jaccard `s` share at least one LSH band."""
    return float(1.0 - (1.0 - s**rows) ** bands)


def _miss(s: float, bands: int, rows: int) -> float:
    """Probability that two sets of Jaccard `s` share no LSH band."""
    return 1.0 - _collision(s, bands, rows)


@lru_cache(maxsize=256)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Return (bands, rows), bands * rows <= num_perm, minimising equal-weight false positive + negative area.

    The same criterion as datasketch's `_optimal_param`: the area under the collision curve below
    the threshold (false positives) plus the area above the curve beyond it (false negatives).
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError("threshold must be in (0, 1)")
    from scipy.integrate import quad  # here: ~80 ms that only the first LSH set-up pays, not every command

    best, best_error = (1, 1), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = quad(_collision, 0.0, threshold, args=(b, r))[0]
            fn = quad(_miss, threshold, 1.0, args=(b, r))[0]
            if 0.5 * fp + 0.5 * fn < best_error:
                best, best_error = (b, r), 0.5 * fp + 0.5 * fn
    return best


def candidate_pairs(signatures: _SIG, bands: int, rows: int) -> NDArray[np.int64]:
    """Return the sorted unique (i, j), i < j, of rows sharing all `rows` values of at least one band.

    Rows that are all EMPTY (documents without tokens) are never candidates.
    """
    n = signatures.shape[0]
    if bands * rows > signatures.shape[1]:
        raise ValueError("bands * rows exceeds the signature length")
    live = np.nonzero(signatures[:, 0] != EMPTY)[0] if n else np.zeros(0, dtype=np.int64)
    # Every band's key at once, folded over its rows; then one sort by (band, key) finds the shared keys.
    block = signatures[live, : bands * rows].reshape(len(live), bands, rows)
    key = block[:, :, 0].astype(np.uint64)
    for c in range(1, rows):
        key = _fmix64(key * _STEP + block[:, :, c])
    band = np.broadcast_to(np.arange(bands), key.shape).ravel()
    order = np.lexsort((key.ravel(), band))
    ordered, band = key.ravel()[order], band[order]
    starts = np.nonzero(np.r_[True, (ordered[1:] != ordered[:-1]) | (band[1:] != band[:-1])])[0]
    ends = np.r_[starts[1:], len(ordered)]
    member = np.repeat(live, bands)[order]
    found: list[NDArray[np.int64]] = []
    for s, e in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
        members = np.sort(member[s:e])
        found.append(np.array(list(combinations(members.tolist(), 2)), dtype=np.int64))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    allp = np.concatenate(found)
    code = np.unique(allp[:, 0] * n + allp[:, 1])
    return np.stack([code // n, code % n], axis=1)


def group_shingle_sets(
    shingle_sets: Sequence[NDArray[np.uint32]], threshold: float = 0.8, num_perm: int = NUM_PERM,
    owners: NDArray[np.int64] | None = None,
) -> list[tuple[int, ...]]:
    """Return groups (size >= 2) of indices whose estimated Jaccard links them at >= `threshold`.

    Groups are connected components of the verified candidate pairs, members in index order,
    groups ordered by their first member. With `owners` (one value per set), only sets of one owner are linked.
    """
    n = len(shingle_sets)
    sig = _hasher(num_perm).signatures(shingle_sets)
    bands, rows = lsh_params(threshold, num_perm)
    pairs = candidate_pairs(sig, bands, rows)
    if owners is not None:
        pairs = pairs[owners[pairs[:, 0]] == owners[pairs[:, 1]]]
    pairs = pairs[estimated_jaccard(sig, pairs) >= threshold]
    if len(pairs) == 0:
        return []
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = {}
    for i in np.unique(pairs).tolist():
        members.setdefault(int(labels[i]), []).append(i)
    return sorted((tuple(m) for m in members.values()), key=lambda g: g[0])


def near_duplicate_groups(articles: Sequence[Article], threshold: float = 0.8) -> list[tuple[str, ...]]:
    """Return groups (size >= 2) of article ids whose bodies are near-duplicates at `threshold` Jaccard.

    Bodies equal after `arabic.normalize` and whitespace folding are always one group, blank
    bodies included (a cleaner normally drops those); only one body per such class is hashed.
    """
    return near_duplicates_of_groups([articles], threshold)[0]


def near_duplicates_of_groups(groups: Sequence[Sequence[Article]],
                              threshold: float = 0.8) -> list[list[tuple[str, ...]]]:
    """Return the near-duplicate groups (as `near_duplicate_groups` gives them) within each group of articles.

    Every group's bodies are hashed and banded at once: most stories have two or three members, and
    the set-up of one LSH pass per story cost more than its hashing.
    """
    articles = [a for group in groups for a in group]
    owner = [k for k, group in enumerate(groups) for _ in group]  # each article's group
    copies: dict[tuple[int, str], list[int]] = {}  # (group, body as compared) → its articles
    for i, a in enumerate(articles):
        copies.setdefault((owner[i], " ".join(arabic.normalize(a.body).split())), []).append(i)
    classes = list(copies.values())
    # The normalized key holds the body's tokens: normalize is idempotent and folding spaces splits no token.
    near = group_shingle_sets([token_shingles(arabic.TOKEN_RE.findall(key)) for _, key in copies], threshold,
                              owners=np.array([g for g, _ in copies], dtype=np.int64))
    merged = [sorted(i for c in g for i in classes[c]) for g in near]
    grouped = {c for g in near for c in g}
    merged += [c for n, c in enumerate(classes) if len(c) > 1 and n not in grouped]
    out: list[list[tuple[str, ...]]] = [[] for _ in groups]
    for g in sorted(merged, key=lambda g: g[0]):
        out[owner[g[0]]].append(tuple(articles[i].id for i in g))
    return out
