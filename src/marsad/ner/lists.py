"""Name lists mined from SaudiNewsNet: the clubs, media and armed groups that news names after a head noun.

"نادي الهلال", "صحيفة الوئام", "تنظيم داعش": a head with a list column in data/ner_heads.tsv introduces
a name; `python -m marsad.ner.lists` (run by `make model`) counts the words that follow such heads in
SaudiNewsNet's open days and writes data/ner_lists.tsv (hashes of the names, as the gazetteer does).
At run time a listed name standing alone is tagged in its context (`tag_alone`): a club in a sports
report, a medium in quote marks, parentheses or a dateline, an armed group anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path

from marsad.arabic.normalize import normalize
from marsad.datafiles import content_lines, read_text
from marsad.memo import WORDS
from marsad.ner import phrases
from marsad.ner.features import TOKEN_RE, digest

LISTS_FILE = "ner_lists.tsv"
CUES_FILE = "ner_cues.txt"
# Days of SaudiNewsNet kept out of everything tuned, mined or labelled (DEVELOPERS.md): the unseen checks
# use them. eval.RESERVED_DAYS is this constant.
RESERVED_DAYS = frozenset({"2015-07-22", "2015-08-06", "2015-08-07", "2015-08-10"})
# A name enters a list when it follows one of the list's heads at least MIN_COUNT times, and, for armed
# groups (tagged with no context), in at least MIN_SHARE of all its occurrences: "داعش" follows
# تنظيم in 37% of its uses, the word "الله" follows حزب in 4%. Set by reading the mined counts of the
# open days (no labelled article involved).
MIN_COUNT = {"club": 5, "media": 3, "group": 20}
MIN_SHARE = {"club": 0.0, "media": 0.0, "group": 0.25}
MIN_NAME = 3  # letters of the shortest listed name looked up ("سبق", "هجر")
# A report is about sport when at least this many of its tokens are sports cue words (data/ner_cues.txt).
SPORTS_CUES = 3
_OPEN = frozenset("«\"“(-–")
_CLOSE = frozenset("»\"”)-–:")


def mine(texts: Iterable[str]) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    """Return how often each (list, word) follows a listed head, and how often each word occurs at all."""
    after: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    heads = phrases.heads()
    for text in texts:
        words = [normalize(t) for t in TOKEN_RE.findall(text)]
        for i, word in enumerate(words):
            bare = phrases.strip(word)
            total[bare] += 1
            head = heads.get(bare) or heads.get(word)
            if head is not None and head.list and i + 1 < len(words):
                name = words[i + 1]
                if len(name) > 1 and not phrases.stops(name) and phrases.head_of(name) is None:
                    after[(head.list, name)] += 1
    return after, total


def select(after: Counter[tuple[str, str]], total: Counter[str]) -> list[tuple[str, str, int]]:
    """Return the (list, word, count) rows that pass MIN_COUNT and MIN_SHARE, most frequent first."""
    kept = [(kind, word, n) for (kind, word), n in after.items()
            if n >= MIN_COUNT[kind] and n >= MIN_SHARE[kind] * total[word]]
    return sorted(kept, key=lambda r: (r[0], -r[2], r[1]))


def write(rows: Sequence[tuple[str, str, int]], path: Path) -> None:
    """Write the generated list file: LIST<TAB>hash of the normalized name<TAB>count."""
    header = (
        "# Names mined by `python -m marsad.ner.lists` (GENERATED, do not edit) from SaudiNewsNet's open days in\n"
        "# ../shared: words that follow a head with a list column in ner_heads.tsv (see marsad.ner.lists for\n"
        "# the thresholds). Rows: LIST<TAB>hash of the normalized word (ner.features.digest)<TAB>count.\n"
    )
    path.write_text(header + "".join(f"{k}\t{digest(w)}\t{n}\n" for k, w, n in rows), encoding="utf-8")


@cache
def _lists() -> dict[str, str]:
    """Return list name by word hash, from data/ner_lists.tsv."""
    return {h: kind for kind, h, _ in (line.split("\t") for line in content_lines(read_text(LISTS_FILE)))}


@cache
def _cues() -> frozenset[str]:
    """Return the sports cue words of data/ner_cues.txt, normalized."""
    return frozenset(normalize(w.strip()) for w in content_lines(read_text(CUES_FILE)))


def listed(word: str) -> str:
    """Return the list a normalized word of at least MIN_NAME letters is in, its proclitics stripped first, or ""."""
    return _lists().get(digest(phrases.strip(word)), "") if len(word) >= MIN_NAME else ""


@lru_cache(maxsize=WORDS)
def _is_cue(word: str) -> bool:
    """Return True when a normalized word, as it is or without its proclitics, is a sports cue word."""
    return word in _cues() or phrases.strip(word) in _cues()


class _ListedWords:
    """The listed words among a document's, by set operations on the words seen so far (few are listed)."""

    def __init__(self) -> None:
        """Start knowing no word."""
        self.seen: set[str] = set()
        self.kinds: dict[str, str] = {}  # listed words seen → their list

    def lookup(self, words: set[str]) -> dict[str, str]:
        """Return the list of each listed word among `words` (normalized)."""
        new = words - self.seen
        if new:
            if len(self.seen) + len(new) > MAX_SEEN:
                self.clear()
                new = words  # every word of this lookup is unknown again, not only the new ones
            self.kinds.update((w, kind) for w in new if (kind := listed(w)))
            self.seen |= new
        return {w: self.kinds[w] for w in words & self.kinds.keys()}

    def clear(self) -> None:
        """Forget every word seen (the lists changed, or memory is bounded)."""
        self.seen.clear()
        self.kinds.clear()


MAX_SEEN = 100_000  # distinct words remembered by _LISTED before it starts afresh (bounds memory; see marsad.memo)
_LISTED = _ListedWords()


def tag_alone(sentences: Sequence[Sequence[str]], norms: Sequence[Sequence[str]],
              tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return the tags with listed names that stand alone tagged ORG where their context says so."""
    hits = _LISTED.lookup(set(chain.from_iterable(norms)))
    out = [list(t) for t in tags]
    if not hits:
        return out
    sports = "club" in hits.values() and sum(map(_is_cue, chain.from_iterable(norms))) >= SPORTS_CUES
    for raw, words, sentence_tags in zip(sentences, norms, out, strict=True):
        if hits.keys().isdisjoint(words):
            continue
        for i in [k for k, w in enumerate(words) if w in hits and sentence_tags[k] == "O"]:
            kind = hits[words[i]]
            framed = 0 < i < len(words) - 1 and raw[i - 1][-1:] in _OPEN and raw[i + 1][:1] in _CLOSE
            if kind == "group" or (kind == "club" and sports) or (kind == "media" and framed):
                sentence_tags[i] = "B-ORG"
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: mine the lists from ../shared and write data/ner_lists.tsv."""
    parser = argparse.ArgumentParser(prog="python -m marsad.ner.lists")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("src/marsad/data") / LISTS_FILE)
    args = parser.parse_args(argv)
    from marsad.ner.clusters import saudinewsnet_texts  # training only: keeps scipy out of the tagger's imports

    rows = select(*mine(body for _, body in saudinewsnet_texts(args.shared, leave_out=RESERVED_DAYS)))
    write(rows, args.out)
    json.dump(dict(Counter(k for k, _, _ in rows)), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
