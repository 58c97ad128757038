"""The named-entity CRF's emission scores for many sentences at once: per-word sums cached, the rest vectorized.

A linear-chain CRF scores a token's labels by summing the weights of its features (marsad.ner.features).
Most of them depend on the word alone (its own features, and those it gives each neighbour), so their
sums are computed once per distinct word and kept in a table; a batch of sentences is then scored by
indexing that table with the words' ids, shifting it for the neighbours, and looking word bigrams up in
sorted code arrays. Only the rare multi-word gazetteer and trigger phrases go through the string
features. The scores equal the model's: tests/ner/test_crf.py compares the tags with pycrfsuite's.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat

import numpy as np

from marsad.ner.crf import LinearCRF
from marsad.ner.features import EDGE, MAX_PHRASE, Lexicon, phrase_features, static_features

OFFSETS = (-2, -1, 1, 2)
# Distinct words kept in the score table, and phrase windows kept before they are forgotten: together
# ~50 MB (100k words × 5 rows of 9 float32 labels, their keys, and 100k windows). Set with
# marsad.memo.WORDS on a streamed `analyze` of SaudiNewsNet (benchmarks). A full table keeps the half of
# its words used most since it last shrank. NER alone over SaudiNewsNet's first eight days in one
# process: unbounded, 222k words summed in 34.9 s; keeping the half, 315k in 37.1 s; emptying the table
# instead, 460k in 42.3 s.
MAX_WORDS = 100_000
MAX_WINDOWS = 100_000
INITIAL_WORDS = 50_000  # the table doubles when full
_BOS, _EOS = 0, 1
_UNPAIRED = -1  # the normalized-word id of a word in no bigram of the model: its codes match none
_SHIFT = 1 << 31  # a bigram's code: left word id × _SHIFT + right word id


class Scorer:
    """Scores sentences with one model and lexicon; keeps the per-word table between calls."""

    def __init__(self, crf: LinearCRF, lexicon: Lexicon) -> None:
        """Prepare the model's bigram codes, edge and position weights; start with an empty word table."""
        self.crf, self.lexicon = crf, lexicon
        self._norm_ids: dict[str, int] = {"BOS": _BOS, "EOS": _EOS}
        self._sums: dict[tuple[str, ...], np.ndarray] = {}
        self._bigrams = {"-": self._bigram_table("b-="), "+": self._bigram_table("b+=")}
        self._edge = {d: self._sum(EDGE[d]) for d in OFFSETS}
        self._first, self._last = self._sum(("first",)), self._sum(("last",))
        self._reset()

    def _reset(self) -> None:
        """Empty the per-word table (arrays with room for INITIAL_WORDS words)."""
        labels = len(self.crf.labels)
        self._ids: dict[str, int] = {}
        self._keys: list[str] = []
        self._windows: dict[tuple[tuple[str, ...], int], tuple[tuple[int, np.ndarray], ...]] = {}
        self._own = np.zeros((INITIAL_WORDS, labels), dtype=np.float32)
        self._ctx = {d: np.zeros((INITIAL_WORDS, labels), dtype=np.float32) for d in OFFSETS}
        self._norm = np.zeros(INITIAL_WORDS, dtype=np.int64)
        self._start = np.zeros(INITIAL_WORDS, dtype=np.bool_)
        self._hits = np.zeros(INITIAL_WORDS, dtype=np.int64)  # tokens of each word since the table last shrank

    def _grow(self, capacity: int) -> None:
        """Give the per-word arrays room for `capacity` words, keeping the rows filled so far."""
        def resized(old: np.ndarray) -> np.ndarray:
            """Return `old` with `capacity` rows, the new ones zero."""
            new = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
            new[: len(old)] = old
            return new

        self._own = resized(self._own)
        self._ctx = {d: resized(a) for d, a in self._ctx.items()}
        self._norm = resized(self._norm)
        self._start = resized(self._start)
        self._hits = resized(self._hits)

    def _keep_frequent(self, keep: int) -> None:
        """Keep the `keep` words with the most tokens since the table last shrank, in their order, counts halved."""
        n = len(self._ids)
        order = np.sort(np.argsort(-self._hits[:n], kind="stable")[:keep])
        kept = order.tolist()
        words = list(self._ids)  # in id order: ids are given in insertion order
        self._ids = {words[i]: k for k, i in enumerate(kept)}
        self._keys = [self._keys[i] for i in kept]
        tables: list[np.ndarray] = [self._own, *self._ctx.values(), self._norm, self._start]
        for table in tables:
            table[: len(kept)] = table[order]
        self._hits[: len(kept)] = self._hits[order] // 2
        self._hits[len(kept) : n] = 0

    def _sum(self, attrs: tuple[str, ...]) -> np.ndarray:
        """Return the summed weights of some attributes (kept: phrase windows give the same few again and again)."""
        total = self._sums.get(attrs)
        if total is None:
            get = self.crf.index.get
            total = self._sums[attrs] = self.crf.weights[[i for a in attrs if (i := get(a)) is not None]].sum(axis=0)
        return total

    def _norm_id(self, norm: str) -> int:
        """Return the id of a normalized word (new words get the next id)."""
        return self._norm_ids.setdefault(norm, len(self._norm_ids))

    def _bigram_table(self, prefix: str) -> tuple[np.ndarray, np.ndarray]:
        """Return sorted bigram codes and their weight rows for the model's attributes with `prefix`.

        An attribute "b-=A|B" is registered under every split at a "|", since a word may itself be "|":
        each split names a word pair whose feature string is exactly that attribute.
        """
        codes: dict[int, int] = {}
        for attr, row in self.crf.index.items():
            if attr.startswith(prefix):
                text = attr[len(prefix):]
                for k, ch in enumerate(text):
                    if ch == "|":
                        codes[self._norm_id(text[:k]) * _SHIFT + self._norm_id(text[k + 1 :])] = row
        order = sorted(codes)
        return np.array(order, dtype=np.int64), np.array([codes[c] for c in order], dtype=np.int64)

    def _add_words(self, words: list[str]) -> None:
        """Compute and store the per-word sums of new words."""
        first, last = len(self._ids), len(self._ids) + len(words)
        if last > len(self._norm):
            self._grow(max(last, 2 * len(self._norm)))
        # Each word is summed once into the table, so the memoized static_features would only hold copies.
        statics = [static_features.__wrapped__(w, self.lexicon) for w in words]
        self._own[first:last] = self.crf.sums([s[2] for s in statics])
        for d in OFFSETS:
            self._ctx[d][first:last] = self.crf.sums([s[3][d] for s in statics])
        self._norm[first:last] = [self._norm_ids.get(s[0], _UNPAIRED) for s in statics]
        self._start[first:last] = [s[4] for s in statics]
        self._keys.extend(s[1] for s in statics)
        for w in words:
            self._ids[w] = len(self._ids)

    def _word_ids(self, flat: list[str]) -> np.ndarray:
        """Return the table ids of these words, adding the new ones (a full table first keeps its most used half)."""
        ids = np.fromiter(map(self._ids.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        missing = np.flatnonzero(ids < 0).tolist()
        if missing:
            new = list(dict.fromkeys(flat[i] for i in missing))
            if self._ids and len(self._ids) + len(new) > MAX_WORDS:  # room for the batch's words: at most MAX_WORDS
                self._keep_frequent(min(MAX_WORDS // 2, max(0, MAX_WORDS - len(set(flat)))))
                return self._word_ids(flat)
            self._add_words(new)
            ids[missing] = [self._ids[flat[i]] for i in missing]
        return ids

    def scores(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Return the (tokens × labels) emission scores of each non-empty sentence of raw tokens."""
        flat = list(chain.from_iterable(sentences))
        if not flat:
            return [np.zeros((0, len(self.crf.labels))) for _ in sentences]
        ids = self._word_ids(flat)
        self._hits[: len(self._ids)] += np.bincount(ids, minlength=len(self._ids))
        lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        n = len(flat)
        where = np.arange(n)
        pos = where - np.repeat(np.cumsum(lengths) - lengths, lengths)
        size = np.repeat(lengths, lengths)
        out = self._own[ids].astype(np.float64)
        for d in OFFSETS:
            inside = (pos + d >= 0) & (pos + d < size)
            out[inside] += self._ctx[d][ids[where[inside] + d]]
            out[~inside] += self._edge[d]
        norms = self._norm[ids]
        before = np.where(pos > 0, np.roll(norms, 1), _BOS)
        after = np.where(pos < size - 1, np.roll(norms, -1), _EOS)
        for (codes, rows), left, right in ((self._bigrams["-"], before, norms), (self._bigrams["+"], norms, after)):
            if len(codes):
                code = left * _SHIFT + right
                k = np.minimum(np.searchsorted(codes, code), len(codes) - 1)
                hit = codes[k] == code
                out[hit] += self.crf.weights[rows[k[hit]]]
        out[pos == 0] += self._first
        out[(pos == size - 1) & (pos != 0)] += self._last
        self._phrases(ids, pos, size, out)
        bounds = np.cumsum(lengths)
        return [out[b - m : b] for b, m in zip(bounds.tolist(), lengths.tolist(), strict=True)]

    def _phrases(self, ids: np.ndarray, pos: np.ndarray, size: np.ndarray, out: np.ndarray) -> None:
        """Add the multi-word gazetteer and trigger phrase features of every token where a phrase may start."""
        if len(self._windows) > MAX_WINDOWS:
            self._windows.clear()
        keys, words, remaining = self._keys, ids.tolist(), (size - pos).tolist()
        targets: list[int] = []
        rows: list[np.ndarray] = []
        for i in np.flatnonzero(self._start[ids]).tolist():
            # Phrases read the keys of up to MAX_PHRASE tokens; a trigger reaches two tokens further,
            # so only how many of those exist matters, not what they are.
            reach = min(remaining[i], MAX_PHRASE + 2)
            for offset, row in self._phrase_rows(tuple(map(keys.__getitem__, words[i : i + min(reach, MAX_PHRASE)])),
                                                 reach):
                targets.append(i + offset)
                rows.append(row)
        if targets:
            np.add.at(out, targets, np.array(rows))  # one token after another, as += in a loop would

    def _phrase_rows(self, phrase: tuple[str, ...], reach: int) -> tuple[tuple[int, np.ndarray], ...]:
        """Return (offset, summed weights) of the phrase features a phrase start gives the tokens after it.

        `phrase` holds the keys of the start and the next tokens (up to MAX_PHRASE), `reach` how many
        tokens from the start the sentence still has (up to MAX_PHRASE + 2). Kept per Scorer: they repeat.
        """
        found = self._windows.get((phrase, reach))
        if found is None:
            # Most windows differ only in keys that end no gazetteer or trigger phrase: without them they
            # give the same features, so they share the shorter window's rows.
            short = phrase
            while len(short) > 1 and not self._ends_phrase(short):
                short = short[:-1]
            found = self._windows.get((short, reach))
            if found is None:
                window = [*short, *[""] * (reach - len(short))]  # keys past the phrase are never read
                before: list[list[str]] = [[] for _ in window]
                after: list[list[str]] = [[] for _ in window]
                phrase_features(window, 0, self.lexicon, before, after)
                found = tuple((j, self._sum((*before[j], *after[j]))) for j in range(reach) if before[j] or after[j])
                self._windows[(short, reach)] = found
            self._windows[(phrase, reach)] = found
        return found

    def _ends_phrase(self, keys: tuple[str, ...]) -> bool:
        """Return True when these keys, together, are a gazetteer or trigger phrase."""
        joined = " ".join(keys)
        return bool(self.lexicon.gazetteer_types(joined) or self.lexicon.trigger_types(joined))
