"""Story features: TF-IDF vectors over stems of title, lead and body, publication days, places of the opening.

Only the start of the body is read: the title and the first paragraphs name the event, and reading
more costs time without helping (see the calibration notes on each constant).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain

import numpy as np
import scipy.sparse as sp

from marsad import arabic
from marsad.arabic import term
from marsad.parallel import map_items
from marsad.stories import background, places
from marsad.types import Article

# Term weights per zone: the title and lead name the event, the rest of the body adds context.
# Calibrated on the first half of SemEval-2022 task 8 (ar), Pearson against Overall: equal weights
# -0.71, title 3 / lead 2 -0.73, title 4 / lead 1.5 -0.76; title 5 gained 0.01 more (a plateau).
TITLE_WEIGHT = 4.0
LEAD_WEIGHT = 1.5
BODY_WEIGHT = 1.0
# Words of the body counted as lead (about the first sentence); 20 beat 40 by 0.01 on that half.
LEAD_WORDS = 20
# Characters of the body read at all. Tokenizing is most of the cost of clustering (about 1 µs a
# word here). On SemEval's first half, 600 characters lost 0.05 Pearson, whole bodies gained < 0.01;
# 1,000 lost 0.03 on the held-out half and split the crude seed scrapes into three stories.
BODY_CHARS = 1500
# Pseudo-documents added to the IDF's document count, each term in them at its share of news at
# large (marsad.stories.background), so that a small batch, where the few articles of one story
# share most of their words, neither weighs those shared words down nor takes "قال" for a rare
# term; on a large batch the prior hardly matters. SemEval held-out Pearson of single pairs: 0.66
# without the prior, 0.69 with 100 empty pseudo-documents (20: 0.69, 500: 0.70). With the terms'
# shares, calibration half 0.759 -> 0.776 (30: 0.772, 300: 0.776, 1,000: 0.771); the dev half of
# the story set did not move (eval/stories.py).
IDF_PRIOR_DOCS = 100
# Body lines with fewer words are skipped: menus, bylines and captions of a scrape (a paragraph
# is longer). SemEval first-half Pearson is the same (-0.758/-0.759/-0.758) for 1, 5 and 8; on the
# crude seed scrapes 5 raised the weakest same-story pair from 0.26 to 0.28.
MIN_LINE_WORDS = 5
# Words of the body, after the title, whose places count as the event's (marsad.stories.places).
OPENING_WORDS = 40
# Articles tokenized at a time: bounds the raw word strings held at once (~17 kB an article).
BATCH = 2048


@dataclass(frozen=True)
class Features:
    """L2-normalized TF-IDF rows, publication days (NaN: unknown), each term's document count, places, titles.

    `places` is the articles × places incidence of the places named in each opening, `reach` that
    of the places compatible with them (marsad.stories.places.matrices); `titles` each title's terms
    weighted by IDF, a row summing to 1 (marsad.stories.cluster.TITLE_MISS).
    """

    matrix: sp.csr_matrix
    days: np.ndarray
    df: np.ndarray
    places: sp.csr_matrix
    reach: sp.csr_matrix
    titles: sp.csr_matrix


class Vocabulary(dict[str, int]):
    """Term -> column id, numbering a new term on first lookup (one per featurize call)."""

    def __missing__(self, name: str) -> int:
        """Give an unseen term the next free id."""
        self[name] = len(self)
        return len(self) - 1


def _chunk_ids(chunks: list[str], vocab: Vocabulary) -> dict[str, tuple[int, ...]]:
    """Map each distinct chunk to the vocabulary ids of its terms, numbering new terms as they come."""
    # One normalize call for all chunks: it never removes or creates a newline, so they realign.
    normalized = arabic.normalize("\n".join(chunks)).split("\n")
    findall = arabic.TOKEN_RE.findall
    ids = vocab.__getitem__
    return {
        chunk: tuple(map(ids, filter(None, map(term, findall(norm)))))
        for chunk, norm in zip(chunks, normalized, strict=True)
    }


def zones(article: Article) -> tuple[list[str], list[str], list[str]]:
    """Return the whitespace-separated words of the title, the lead and the rest of the read body."""
    words: list[str] = []
    budget = BODY_CHARS
    for line in article.body.split("\n"):
        if line.count(" ") + 1 < MIN_LINE_WORDS:
            continue
        words.extend(line[:budget].split())
        budget -= len(line)
        if budget <= 0:
            break
    return (article.title or "").split(), words[:LEAD_WORDS], words[LEAD_WORDS:]


def day_number(published: str | None) -> float:
    """Return the proleptic day number of an ISO date (or datetime) string, NaN when absent or invalid."""
    if not published:
        return math.nan
    try:
        return float(date.fromisoformat(published[:10]).toordinal())
    except ValueError:
        return math.nan


def _batch_terms(articles: Sequence[Article]) -> tuple[list[str], np.ndarray, np.ndarray, list[frozenset[int]]]:
    """Tokenize one batch: its terms in first-seen order, the term ids of every word, words per zone, places."""
    vocab = Vocabulary()
    batch = [z for art in articles for z in zones(art)]
    # One normalize call for all openings, as for the words below (it keeps every newline).
    opening = arabic.normalize("\n".join(" ".join(batch[k] + (batch[k + 1] + batch[k + 2])[:OPENING_WORDS])
                                         for k in range(0, len(batch), 3))).split("\n")
    # dict.fromkeys: the distinct words in first-seen order, so term ids do not depend on hashing.
    lookup = _chunk_ids(list(dict.fromkeys(chain.from_iterable(batch))), vocab)
    # Everything below runs per word inside C (map, chain, fromiter): this is the hot loop.
    per_word = list(map(lookup.__getitem__, chain.from_iterable(batch)))
    ids = np.fromiter(chain.from_iterable(per_word), dtype=np.int32)
    ends = np.cumsum(np.fromiter(map(len, per_word), dtype=np.int64))
    zone_ends = np.cumsum(np.fromiter(map(len, batch), dtype=np.int64))
    return list(vocab), ids, np.diff(np.r_[0, ends][np.r_[0, zone_ends]]), list(map(places.named_in, opening))


# An article's tokens, kept between calls (TokenCache): its terms in order, how many in each zone, its places.
Tokens = tuple[tuple[str, ...], tuple[int, int, int], frozenset[int]]


class TokenCache(dict[str, Tokens]):
    """Articles' tokens by article id, for a caller that featurizes the same articles again (stories.windows)."""


def _batches(articles: Sequence[Article]) -> list[Sequence[Article]]:
    """Cut articles into tokenizing batches of BATCH."""
    return [articles[start : start + BATCH] for start in range(0, len(articles), BATCH)]


def featurize(articles: Sequence[Article], workers: int = 1, cache: TokenCache | None = None) -> Features:
    """Build the TF-IDF matrix (IDF over `articles` themselves) and the day numbers (on `workers` processes).

    With `cache`, articles tokenized before are not tokenized again, and the others are kept in it.
    """
    vocab = Vocabulary()
    if cache is not None:
        ids, counts, named = _from_cache(articles, workers, cache, vocab)
    else:
        ids, counts, named = _tokenize(articles, workers, vocab)
    n = len(articles)
    weights = np.tile(np.array([TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT], dtype=np.float32), n)
    rows = np.repeat(np.repeat(np.arange(n), 3), counts)
    data = np.repeat(weights, counts)
    tf = sp.csr_matrix((data, (rows, ids)), shape=(n, len(vocab)))
    tf.sum_duplicates()
    df = np.bincount(tf.indices, minlength=len(vocab))
    tf.data = np.log1p(tf.data)  # sublinear: a name said ten times is not ten times the evidence
    prior = IDF_PRIOR_DOCS * background.shares(list(vocab))
    idf = (np.log((n + IDF_PRIOR_DOCS + 1) / (df + prior + 1)) + 1).astype(np.float32)
    matrix = sp.csr_matrix(tf.multiply(idf[np.newaxis, :]))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)
    days = np.array([day_number(a.published) for a in articles], dtype=np.float64)
    return Features(matrix, days, df, *places.matrices(named), _title_shares(tf.shape, ids, counts, idf))


def _title_shares(shape: tuple[int, int], ids: np.ndarray, counts: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
    """Return each title's terms weighted by IDF, summing to 1 per row (a title with no term: an empty row)."""
    zones = counts.reshape(-1, 3)
    in_title = zones[:, 0]
    # Each article's title words open its run of words: their positions in `ids`, row by row.
    first = np.cumsum(zones.sum(axis=1)) - zones.sum(axis=1)
    offsets = np.arange(int(in_title.sum())) - np.repeat(np.cumsum(in_title) - in_title, in_title)
    title = sp.csr_matrix((np.ones(len(offsets), dtype=np.float32),
                           (np.repeat(np.arange(len(zones)), in_title), ids[np.repeat(first, in_title) + offsets])),
                          shape=shape)
    title.sum_duplicates()
    title.data[:] = 1.0
    weighted = sp.csr_matrix(title.multiply(idf[np.newaxis, :]))
    sums = np.asarray(weighted.sum(axis=1)).ravel()
    sums[sums == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / sums) @ weighted, dtype=np.float32)


def _tokenize(articles: Sequence[Article], workers: int, vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray,
                                                                                      list[frozenset[int]]]:
    """Return the term ids of every word (numbered in `vocab`), the words per zone and the places of `articles`."""
    # Batches are tokenized by forked workers when there are several (tokenizing is ~70% of the
    # clustering time); their local term ids are then renumbered into one vocabulary, in
    # first-seen order, so the result is the same as tokenizing in one process.
    id_parts: list[np.ndarray] = []
    count_parts: list[np.ndarray] = []
    named: list[frozenset[int]] = []
    for terms, local_ids, zone_counts, found in map_items(_batch_terms, _batches(articles), workers=workers,
                                                          min_items=2):
        renumber = np.fromiter(map(vocab.__getitem__, terms), dtype=np.int32, count=len(terms))
        id_parts.append(renumber[local_ids])
        count_parts.append(zone_counts)
        named.extend(found)
    counts = np.concatenate(count_parts) if count_parts else np.zeros(0, dtype=np.int64)
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
    return ids, counts, named


def fill(cache: TokenCache, articles: Sequence[Article], workers: int = 1) -> None:
    """Tokenize the articles `cache` lacks, as `featurize` does, and keep their tokens in it."""
    todo = list({a.id: a for a in articles if a.id not in cache}.values())
    for batch, (terms, local_ids, zone_counts, found) in zip(
            _batches(todo), map_items(_batch_terms, _batches(todo), workers=workers, min_items=2), strict=True):
        # One string per distinct term across batches: kept tokens of articles that close at different
        # times would otherwise leave their batches' copies scattered over the heap.
        interned = list(map(sys.intern, terms))
        words = list(map(interned.__getitem__, local_ids.tolist()))
        ends = np.cumsum(zone_counts).tolist()
        for k, article in enumerate(batch):
            start = ends[3 * k - 1] if k else 0
            cache[article.id] = (tuple(words[start : ends[3 * k + 2]]),
                                 tuple(zone_counts[3 * k : 3 * k + 3].tolist()), found[k])


def _from_cache(articles: Sequence[Article], workers: int, cache: TokenCache, vocab: Vocabulary) -> tuple[
        np.ndarray, np.ndarray, list[frozenset[int]]]:
    """Return what `_tokenize` does, tokenizing only the articles `cache` lacks (and keeping them in it)."""
    fill(cache, articles, workers)
    kept = [cache[a.id] for a in articles]
    ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(t[0] for t in kept)), dtype=np.int32)
    counts = np.fromiter(chain.from_iterable(t[1] for t in kept), dtype=np.int64, count=3 * len(kept))
    return ids, counts, [t[2] for t in kept]
