"""Story clustering: group articles about one real-world event.

Score of two articles = cosine of their TF-IDF vectors (marsad.stories.features) times a publication-time
factor, a place factor (openings naming places apart) and a title factor (titles missing from each
other's text): the evidence that two look-alike reports are two events only lowers a score.
Candidates are blocked on rare terms, so 31k articles need no all-pairs product; groups are cut from
an average-linkage tree inside each connected component of the above-threshold graph, so a story
grows only with articles similar to the story as a whole, not to one member, and a pair that shares
next to nothing counts against a merge (no chaining).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import partial

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from marsad.parallel import map_items
from marsad.stories import places
from marsad.stories.features import Features, TokenCache, featurize
from marsad.types import Article, Story, chronological

# Same-story threshold on the score. Calibrated on the first half of SemEval-2022 task 8 (ar),
# "same story" = Overall <= 2: F1 is flat at 0.76-0.77 from 0.19 to 0.27 (0.74 at 0.17 and 0.29,
# 0.71 at 0.31); 0.23 is the middle of that plateau (eval/semeval.py).
THRESHOLD = 0.23
# Inside a story, a pair scoring below UNRELATED shares next to nothing: for the linkage it counts
# as UNRELATED_SCORE, so one article bridging two events cannot pull them together. On the
# SemEval first half, no same-story pair (Overall <= 2) scored below 0.19, and 28% of the very
# dissimilar pairs (Overall 4) scored below 0.1.
UNRELATED = 0.1
UNRELATED_SCORE = -1.0
# Publication gap that costs nothing, and the e-folding length of the penalty beyond it. Measured
# on SaudiNewsNet (31k articles, 3 weeks, crawl dates): of the candidate pairs with text cosine
# >= 0.5, 80% are at most 2 days apart and 90% at most 5. A gap of 5.5 days halves a score, and no
# pair more than 9.4 days apart can reach the threshold (two sessions of the same talks months
# apart stay apart). Decay 10 instead of 5 kept one topic (drug seizures at different airports)
# in one 16-article "story" over 11 days; 5 split it, and changed 1% of the other memberships.
GRACE_DAYS = 2.0
DECAY_DAYS = 5.0
# Blocking: candidate pairs must share terms seen in at most this many articles of the batch. On
# SaudiNewsNet, 200 keeps the candidate product at ~1.8 s (120 took 0.6 s but left 8% fewer
# articles in multi-article stories). A batch of at most 200 articles is clustered exactly.
BLOCK_DF = 200
# Candidates whose score over the blocking terms alone is below this are dropped before exact
# scoring. On SaudiNewsNet: floor 0.05 finds 105k above-threshold pairs in 5.6 s, 0.1 finds 71k in
# 1.7 s (the ones lost share few rare terms, the weakest evidence); 0.1 is what the time budget allows.
CANDIDATE_FLOOR = 0.1
# Largest connected component that gets an exact average-linkage tree (its dense score matrix is
# this squared). A larger one is a chain through weak links: its weakest edges are dropped, in
# steps of FLOOR_STEP, until the pieces fit. On SaudiNewsNet the largest component is 860 articles
# (it splits into stories of at most 75).
MAX_COMPONENT = 1000
FLOOR_STEP = 0.05
# Score multiplier of two articles whose openings name places and none of one's is, lies in or holds
# one of the other's (marsad.stories.places): two fires of one kind in two cities. Set on the dev half
# of the blind story set (eval/stories.py).
PLACE_FACTOR = 0.8
# Each title names its event: a score is lowered by TITLE_MISS times the share (IDF-weighted) of the
# title terms missing from the other article's read text, the better-covered title of the two counting
# ("وصول سفينة درب الخير" / "تسيير 7 شاحنات": neither is in the other; a rewrite's title mostly is).
# Among the dev pairs above the threshold of the blind story set's first two draws, at least 0.4 of the
# better title is missing in 10% of same-event pairs and 54% of look-alike pairs of different events.
# Set on the dev halves of its three draws (711 articles): B-cubed F1 0.923 without, 0.926 at 0.2,
# 0.931 at 0.3, 0.925 at 0.4, 0.924 at 0.5 (first set to 0.5, the middle of a 0.3-0.7 plateau on two
# draws; the third draw's dev half fell from 0.903 to 0.890 at 0.5, recall paid for precision). SemEval's
# calibration half: |r| 0.776 without, 0.794 at 0.3 (the threshold still fits: lowering it to 0.15-0.2
# with the factor gained no dev F1).
TITLE_MISS = 0.3
# Rows per chunk of the candidate product (a chunk's result is at most ROWS x N), and candidate pairs
# scored at a time (each pair copies its two articles' TF-IDF rows): they bound the transient memory.
# Measured on SaudiNewsNet's windows (benchmarks): 2,000 rows and every pair at once peaked at ~360 MB
# over the window's features, 500 and 20k at ~68 MB, in the same time (0.5-0.9 s) and the same stories.
CHUNK_ROWS = 500
CHUNK_PAIRS = 20_000
# Chunks of rows from which the candidate product runs on the workers: below it (1,500 articles, a day of
# SaudiNewsNet) a fork costs more than it saves.
EDGE_CHUNKS = 3
# Groups of at most this many articles are scored pair by pair, all groups at once (`_pair_scores`); a
# larger one as one dense product. On SaudiNewsNet's windows 2,973 groups have three articles or more,
# 443 more than ten, 57 more than 64 (the largest 962): with each group its own sparse products (~1 ms
# a group of call overhead) their scores took 3.7 s, with this 1.7 s (pure Python, the same stories).
SMALL_GROUP = 64


def time_factor(gap_days: np.ndarray) -> np.ndarray:
    """Return the score multiplier for publication gaps in days (NaN, an unknown date: no penalty)."""
    over = np.maximum(np.nan_to_num(np.abs(gap_days), nan=0.0) - GRACE_DAYS, 0.0)
    factor: np.ndarray = np.exp(-over / DECAY_DAYS)
    return factor


def similarity(a: Article, b: Article) -> float:
    """Return the same-story similarity of two articles in [0, 1]."""
    score = _pair_scores(featurize([a, b]), np.array([0]), np.array([1]))[0]
    return float(np.clip(score, 0.0, 1.0))


def _pair_scores(feats: Features, left: np.ndarray, right: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Return the scores of the article pairs (left[k], right[k]): cosine times time, place and title factors.

    Pairs that score under `floor` before the place and title factors (which only lower a score) keep that score.
    """
    matrix = feats.matrix
    scores = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), CHUNK_PAIRS):
        pairs = slice(start, start + CHUNK_PAIRS)
        scores[pairs] = np.asarray(matrix[left[pairs]].multiply(matrix[right[pairs]]).sum(axis=1)).ravel()
    scores *= time_factor(feats.days[left] - feats.days[right])
    high = np.flatnonzero(scores >= floor)
    scores[high] *= places.pair_factors(feats.places, feats.reach, left[high], right[high], PLACE_FACTOR)
    scores[high] *= _title_factors(feats, left[high], right[high])
    return scores


def _title_factors(feats: Features, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Return the title multiplier of the row pairs (left[k], right[k]) (see TITLE_MISS)."""
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), CHUNK_PAIRS):
        pairs = slice(start, start + CHUNK_PAIRS)
        there, back = _cover(feats, left[pairs], right[pairs]), _cover(feats, right[pairs], left[pairs])
        out[pairs] = 1.0 - TITLE_MISS * (1.0 - np.maximum(there, back))
    return out


def _cover(feats: Features, of: np.ndarray, by: np.ndarray) -> np.ndarray:
    """Return the IDF share of each title of `of` whose terms the read text of `by` holds (1: no title)."""
    present = feats.matrix[by]
    present.data[:] = 1.0
    titles = feats.titles[of]
    cover = np.asarray(titles.multiply(present).sum(axis=1)).ravel()
    cover[titles.getnnz(axis=1) == 0] = 1.0
    return cover


def _dense_title_factors(feats: Features, idx: np.ndarray) -> np.ndarray:
    """Return the title multiplier of every pair of the rows `idx`, as `_title_factors` gives it."""
    present = feats.matrix[idx]
    present.data[:] = 1.0
    titles = feats.titles[idx]
    cover = (titles @ present.T).toarray()
    cover[titles.getnnz(axis=1) == 0, :] = 1.0
    factors: np.ndarray = 1.0 - TITLE_MISS * (1.0 - np.maximum(cover, cover.T))
    return factors


def _dense_scores(feats: Features, groups: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Return the full score matrix of each group of articles (cosine times time, place and title factors)."""
    # A group of one or two keeps ones: two members tie on centrality, and a connected pair needs no tree.
    out: list[np.ndarray] = [np.ones((len(idx), len(idx))) for idx in groups]
    small = [k for k, idx in enumerate(groups) if 2 < len(idx) <= SMALL_GROUP]
    if small:
        upper = [np.triu_indices(len(groups[k]), 1) for k in small]
        flat = _pair_scores(feats, np.concatenate([groups[k][i] for k, (i, _) in zip(small, upper, strict=True)]),
                            np.concatenate([groups[k][j] for k, (_, j) in zip(small, upper, strict=True)]))
        ends = np.cumsum([len(i) for i, _ in upper])
        for k, (i, j), end in zip(small, upper, ends, strict=True):
            out[k][i, j] = out[k][j, i] = flat[end - len(i) : end]
    placed = feats.places.getnnz(axis=1) > 0
    for k, idx in enumerate(groups):
        if len(idx) <= max(2, SMALL_GROUP):
            continue
        sub = feats.matrix[idx]
        scores = (sub @ sub.T).toarray().astype(np.float64)
        days = feats.days[idx]
        scores *= time_factor(days[:, np.newaxis] - days[np.newaxis, :])
        if placed[idx].sum() >= 2:
            scores *= places.factors(feats.places[idx], feats.reach[idx], PLACE_FACTOR)
        scores *= _dense_title_factors(feats, idx)
        np.fill_diagonal(scores, 1.0)
        out[k] = scores
    return out


def _edges(feats: Features, workers: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the pairs (i < j) scoring at least THRESHOLD, and their scores, via rare-term blocking.

    Chunks of rows go to `workers` forked processes when there are at least EDGE_CHUNKS of them.
    """
    block = sp.csr_matrix(feats.matrix[:, np.flatnonzero(feats.df <= BLOCK_DF)])
    found = map_items(partial(_chunk_edges, feats, block), range(0, block.shape[0], CHUNK_ROWS), workers=workers,
                      min_items=EDGE_CHUNKS)
    lefts, rights, scores = zip(*found, strict=True)
    return np.concatenate(lefts), np.concatenate(rights), np.concatenate(scores)


def _chunk_edges(feats: Features, block: sp.csr_matrix, start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the pairs of one chunk of CHUNK_ROWS rows (from `start`) scoring at least THRESHOLD, and their scores."""
    # Only columns from `start` on: pairs (i, j) with j < start are found in earlier chunks.
    part = sp.coo_matrix(block[start : start + CHUNK_ROWS] @ block[start:].T)
    i, j = part.row + start, part.col + start
    keep = (i < j) & (part.data >= CANDIDATE_FLOOR)
    left, right = i[keep], j[keep]
    scores = _pair_scores(feats, left, right, floor=THRESHOLD)
    high = scores >= THRESHOLD
    return left[high], right[high], scores[high]


def _components(nodes: np.ndarray, left: np.ndarray, right: np.ndarray, scores: np.ndarray,
                floor: float) -> list[np.ndarray]:
    """Split `nodes` into components over edges >= floor, raising the floor inside oversized ones."""
    local = np.full(int(max(nodes.max(initial=0), left.max(initial=0), right.max(initial=0))) + 1, -1)
    local[nodes] = np.arange(len(nodes))
    keep = (scores >= floor) & (local[left] >= 0) & (local[right] >= 0)
    graph = sp.coo_matrix((np.ones(int(keep.sum())), (local[left[keep]], local[right[keep]])),
                          shape=(len(nodes), len(nodes)))
    _, label = connected_components(graph, directed=False)
    order = np.argsort(label, kind="stable")
    out = []
    for part in np.split(nodes[order], np.cumsum(np.bincount(label))[:-1]):
        if len(part) > MAX_COMPONENT and floor <= 1.0:
            out.extend(_components(part, left, right, scores, floor + FLOOR_STEP))
        elif len(part) > MAX_COMPONENT:  # identical copies only: any slicing is as good as another
            out.extend(np.array_split(part, -(-len(part) // MAX_COMPONENT)))
        else:
            out.append(part)
    return out


def _linkage_scores(scores: np.ndarray) -> np.ndarray:
    """Return the scores that linkage averages: those of unrelated pairs replaced by UNRELATED_SCORE."""
    return np.where(scores < UNRELATED, UNRELATED_SCORE, scores)


def _average_groups(idx: np.ndarray, scores: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Cut the average-linkage tree of the articles `idx` at THRESHOLD: groups with their score matrices."""
    if len(idx) < 3:  # a connected pair is above the threshold by construction
        return [(idx, scores)]
    # Imported here: ~0.2 s that only clustering pays, not every command (`marsad brief` of a stored story).
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - _linkage_scores(scores), 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - THRESHOLD, criterion="distance")
    return [(idx[labels == lab], scores[np.ix_(labels == lab, labels == lab)]) for lab in np.unique(labels)]


def new_story_id(first_member: str) -> str:
    """Return the stable id of a new story: "s" + 12 hex digits of the sha1 of its earliest member."""
    return "s" + hashlib.sha1(first_member.encode("utf-8")).hexdigest()[:12]


def _story(sid: str | None, idx: np.ndarray, scores: np.ndarray, articles: Sequence[Article]) -> Story:
    """Build a Story from member indices and their score matrix: ordered, central title, dates."""
    given = [articles[int(i)] for i in idx]
    order = sorted(range(len(given)), key=lambda k: chronological(given[k]))
    members = [given[k] for k in order]
    centrality = scores.sum(axis=1)[order]
    # A title with no word in it (a crude scrape's "|") names nothing: the next most central one does.
    titled = [k for k, art in enumerate(members) if any(c.isalnum() for c in art.title or "")]
    central = max(titled, key=lambda k: (centrality[k], -k)) if titled else 0
    dates = sorted(art.published for art in members if art.published)
    ids = tuple(art.id for art in members)
    return Story(
        id=sid or new_story_id(ids[0]),
        title=members[central].title,
        articles=ids,
        start=dates[0] if dates else None,
        end=dates[-1] if dates else None,
    )


def restory(story_id: str, articles: Sequence[Article]) -> Story:
    """Return a story of exactly these members, its title and dates chosen over all of them."""
    idx = np.arange(len(articles))
    (scores,) = _dense_scores(featurize(articles), [idx])
    return _story(story_id, idx, scores, articles)


def cluster(articles: Sequence[Article], workers: int = 1, cache: TokenCache | None = None) -> list[Story]:
    """Group articles into stories (`workers` processes tokenize large batches; `cache` keeps their tokens)."""
    if not articles:
        return []
    feats = featurize(articles, workers, cache)
    left, right, scores = _edges(feats, workers)
    parts = _components(np.arange(len(articles)), left, right, scores, THRESHOLD)
    groups = [g for part, m in zip(parts, _dense_scores(feats, parts), strict=True) for g in _average_groups(part, m)]
    stories = [_story(None, idx, m, articles) for idx, m in groups]
    return sorted(stories, key=lambda s: (s.start or "", s.id))
