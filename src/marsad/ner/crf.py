"""Tagging with a trained linear-chain CRF in numpy: the model's weights summed per token, then Viterbi.

pycrfsuite trains the tagger (marsad.ner); tagging with it costs a conversion of every feature string
on every call. A linear-chain CRF scores a label sequence as the sum of its tokens' attribute weights
plus its transition weights, so the per-token sums can be cached by word and the best sequence of a
batch of sentences found with one vectorized Viterbi pass. The result is the model's own answer: the
tests check it against pycrfsuite's tagger on every sentence of a corpus sample.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path

import numpy as np
import pycrfsuite

from marsad.ner.features import CONVENTION_RE

# Lists of attributes summed at once by LinearCRF.sums: bounds the gathered weight rows (~10 MB at 17
# attributes a list), large enough that numpy's per-call cost is shared by thousands of words.
SUM_LISTS = 8192
# A model's text dump (pycrfsuite.Tagger.dump): "NAME = {" ... "}" sections, and in two of them
# "  (k) A --> B: weight" lines (a label holds no space or colon; an attribute may hold anything).
_WEIGHT_RE = re.compile(r"^  \(\d+\) (.+) --> ([^\s:]+): ([+-]?\d+\.\d+)$", re.M)


@dataclass(frozen=True, eq=False)  # identity hash: a model is a cache key
class LinearCRF:
    """A trained CRF: its labels, one weight row per attribute (labels as columns) and the transitions."""

    labels: tuple[str, ...]
    index: dict[str, int]  # attribute → its row of `weights`
    weights: np.ndarray  # [attribute, label]
    transitions: np.ndarray  # [from label, to label]
    _padded: np.ndarray = field(init=False, repr=False)  # the weights and one zero row: unknown attributes'

    @classmethod
    def from_tagger(cls, tagger: pycrfsuite.Tagger, conventions: str = "") -> LinearCRF:
        """Read the weights of an opened pycrfsuite tagger, for text read under one corpus's `conventions`.

        A model trained with convention-prefixed copies of its attributes (marsad.ner.features.Lexicon)
        gives an attribute and its copy under `conventions` together, so their weights are summed into
        one row; the other corpora's copies never fire and are dropped. Tagging then costs what a model
        without copies costs, and gives the same scores.
        """
        labels = tuple(tagger.labels())
        label_index = {label: i for i, label in enumerate(labels)}
        state, transition = _dumped_weights(tagger)
        index: dict[str, int] = {}
        rows, columns, values = [], [], []
        for attr, label, weight in state:
            if (own := _own_attribute(attr, conventions)) is not None:
                rows.append(index.setdefault(own, len(index)))
                columns.append(label_index[label])
                values.append(float(weight))
        weights = np.zeros((len(index), len(labels)))
        np.add.at(weights, (rows, columns), values)  # in file order, as one += after another would
        transitions = np.zeros((len(labels), len(labels)))
        for a, b, weight in transition:
            transitions[label_index[a], label_index[b]] = float(weight)
        return cls(labels, index, weights, transitions)

    def __post_init__(self) -> None:
        """Keep the weights with one zero row after them: the row of every attribute the model does not know."""
        object.__setattr__(self, "_padded", np.vstack([self.weights, np.zeros((1, len(self.labels)))]))

    def sums(self, attr_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Return the summed weights of each list of attributes, one row per list (unknown ones weigh nothing)."""
        get, unknown = self.index.get, len(self.weights)
        padded = self._padded
        out = np.zeros((len(attr_lists), len(self.labels)))
        for at in range(0, len(attr_lists), SUM_LISTS):
            part = attr_lists[at : at + SUM_LISTS]
            lengths = np.fromiter(map(len, part), dtype=np.int64, count=len(part))
            rows = list(map(get, chain.from_iterable(part), repeat(unknown)))
            rows.append(unknown)  # so that an empty last list still starts inside `rows`
            starts = np.cumsum(lengths) - lengths
            sums = np.add.reduceat(padded[rows], starts, axis=0)
            sums[lengths == 0] = 0.0  # reduceat gives an empty list the next list's first row
            out[at : at + len(part)] = sums
        return out

    def viterbi(self, emissions: Sequence[np.ndarray]) -> list[list[str]]:
        """Return the best label sequence of each sentence, given its (tokens × labels) emission scores.

        Sentences run longest first, so step t works on the sentences still running: a slice, no mask.
        """
        if not emissions:
            return []
        lengths = np.array([len(e) for e in emissions])
        order = np.argsort(-lengths, kind="stable")
        batch, steps = len(emissions), int(lengths.max())
        scores = np.zeros((batch, steps, len(self.labels)))
        for row, b in enumerate(order.tolist()):
            scores[row, : lengths[b]] = emissions[b]
        running = np.searchsorted(-lengths[order], -np.arange(steps), side="left")  # sentences longer than t
        best = scores[:, 0].copy()
        back = np.zeros((batch, steps, len(self.labels)), dtype=np.int8 if len(self.labels) < 128 else np.int64)
        for t in range(1, steps):
            k = int(running[t])
            cand = best[:k, :, None] + self.transitions
            back[:k, t] = cand.argmax(axis=1)
            best[:k] = cand.max(axis=1) + scores[:k, t]  # the argmax's own values: no gather needed
        path = np.zeros((batch, steps), dtype=np.int64)
        path[np.arange(batch), lengths[order] - 1] = best.argmax(axis=1)
        for t in range(steps - 1, 0, -1):  # back along every sentence still running at t, together
            k = int(running[t])
            path[:k, t - 1] = back[np.arange(k), t, path[:k, t]]
        out: list[list[str]] = [[] for _ in emissions]
        labels = self.labels
        for row, b in enumerate(order.tolist()):
            out[b] = [labels[i] for i in path[row, : lengths[b]].tolist()]
        return out


def _dumped_weights(tagger: pycrfsuite.Tagger) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Return the (attribute, label, weight) state features and (label, label, weight) transitions of a tagger's model.

    Read from the model's text dump as pycrfsuite's `info()` reads it (the same six-decimal weights),
    with one pattern a section instead of one a line: the model loads in a third of the time.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.txt"
        tagger.dump(str(path))
        text = path.read_text(encoding="utf-8")
    return _WEIGHT_RE.findall(_section(text, "STATE_FEATURES")), _WEIGHT_RE.findall(_section(text, "TRANSITIONS"))


def _section(dump: str, name: str) -> str:
    """Return the lines of one section of a model's text dump ("" when it has none)."""
    found = re.search(rf"^{name} = {{\n", dump, re.M)
    if found is None:
        return ""
    end = dump.find("\n}", found.end() - 1)  # from the header's own newline: an empty section ends at once
    return dump[found.end() : end + 1]


def _own_attribute(attr: str, conventions: str) -> str | None:
    """Return the attribute a model attribute counts as under `conventions`: itself, its unprefixed form, or None."""
    if not CONVENTION_RE.match(attr):
        return attr
    return attr[len(conventions):] if conventions and attr.startswith(conventions) else None
