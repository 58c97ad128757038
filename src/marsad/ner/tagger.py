"""Named-entity recognition (PER, LOC, ORG, MISC): a CRF trained on ANERcorp, with gazetteer features.

`python -m marsad.ner train --shared ../shared --out src/marsad/data/ner.crfsuite` rebuilds the
shipped model and its generated gazetteer and word-cluster files (hashes only) reproducibly; `tune`
reports the c1/c2 grid.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pycrfsuite

from marsad.arabic import normalize, split_sentences
from marsad.ner.clusters import build_clusters, saudinewsnet_texts, write_clusters
from marsad.ner.crf import LinearCRF
from marsad.ner.features import (
    CLUSTERS_FILE,
    GAZETTEER_FILE,
    Lexicon,
    build_lexicon,
    common_words,
    default_lexicon,
    features,
    gazetteer_rows,
    key,
    proclitic_length,
    read_triggers,
)
from marsad.ner.scores import Scorer
from marsad.parallel import map_items
from marsad.types import Article, Mention, Span

MODEL_FILE = "ner.crfsuite"
ANERCORP = Path("data/anercorp/ANERCorp.txt")
# Share of ANERcorp tokens in the training part (the split: first 80%, cut at a sentence end).
TRAIN_SHARE = 0.8
SENTENCE_END = "."
# L1/L2 penalties chosen with `tune` on a split inside the training part only (its first 80% of
# tokens against the rest). Measured dev F1 over TUNE_GRID: 0.702, 0.707, 0.708 (chosen), 0.698;
# with the word clusters, (0.2, 0.05) and (0.1, 0.01) both gave 0.727.
C1 = 0.2
C2 = 0.05
TUNE_GRID = ((0.05, 0.05), (0.1, 0.01), (0.2, 0.05), (0.05, 0.2))
# L-BFGS iterations: on the same dev split, 150 gave F1 0.703 and 1,000 (converged after 663) 0.698,
# so training to convergence overfits slightly; 150 also keeps `make model` near a minute.
MAX_ITERATIONS = 150
_TAG_MAP = {"PERS": "PER"}
# Articles tagged together: one Viterbi pass over all their sentences costs about what one article's
# does (its steps are the longest sentence), so batching cuts the per-article overhead. 32 articles
# are ~1,000 sentences of SaudiNewsNet; 8, 32 and 128 gave ... (bench.people).
BATCH_ARTICLES = 32
# Names tagged again where the tagger missed them in the same document (see `propagate`; MISC, the
# tagger's catch-all, is too often a common phrase: "النخب الغربية" in the seeds), and the shortest
# family name that stands alone for a person (shorter ones, علي، حسن, are as often given names).
PROPAGATED = frozenset({"PER", "LOC", "ORG"})
MIN_SURNAME = 4
CLITICS = "وفبلك"  # proclitics a name may carry: و ف ب ل ك
MIN_BATCHES = 16  # fewer batches (~500 articles) are tagged in this process: a fork costs more
# Runs of word characters (diacritics and tatweel included), or one punctuation mark.
_TOKEN_RE = re.compile(r"[^\s!-/:-@\[-`{-~،؛؟«»“”‘’…]+|[^\s]")

_lock = threading.Lock()
_tagger: tuple[LinearCRF, Scorer] | None = None


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


def split_corpus(pairs: Sequence[tuple[str, str]], share: float = TRAIN_SHARE) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Split a token stream into a training part (the first `share` of tokens, up to the next ".") and the rest."""
    cut = int(len(pairs) * share)
    while cut < len(pairs) and pairs[cut - 1][0] != SENTENCE_END:
        cut += 1
    return list(pairs[:cut]), list(pairs[cut:])


def gazetteer_pairs(shared: Path) -> list[tuple[str, str]]:
    """Return sorted unique (type, name) pairs from ANERGazet, countries-ar-en and world-cities-ar-en."""
    data = shared / "data"
    pairs: set[tuple[str, str]] = set()
    for kind, name in (("LOC", "Loc"), ("ORG", "Org"), ("PER", "Pers")):
        for line in (data / "anergazet" / f"Aligned{name}Gazetteer.txt").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("="):
                pairs.add((kind, line))
    for country in json.loads((data / "countries-ar-en" / "countries.json").read_text(encoding="utf-8")):
        ara = country.get("translations", {}).get("ara", {})
        pairs.update(("LOC", ara[k].strip()) for k in ("common", "official") if ara.get(k))
    with (data / "world-cities-ar-en" / "world-cities.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            pairs.update(("LOC", row[k].strip()) for k in ("CityNameAr", "CountryNameAr") if row.get(k))
    return sorted(p for p in pairs if p[1] and "\t" not in p[1])


def news_clusters(shared: Path) -> dict[str, str]:
    """Return word clusters learnt from SaudiNewsNet's article bodies, tokenized as the tagger does."""
    return build_clusters([m.group() for m in _TOKEN_RE.finditer(body)] for _, body in saudinewsnet_texts(shared))


def write_gazetteer(lexicon: Lexicon, path: Path) -> None:
    """Write the generated gazetteer file (hashed keys, no names) with a header naming its sources."""
    header = (
        "# Gazetteer lookup for the named-entity tagger, GENERATED by `python -m marsad.ner train` (do not\n"
        "# edit). Rows: TYPE<TAB>hash of a phrase key, WORD<TAB>hash of a word, START<TAB>hash of a first\n"
        "# word, COMMON<TAB>hash of a word key frequent outside names (ner_features.digest). Built from\n"
        "# countries-ar-en (ODbL 1.0), world-cities-ar-en (CC BY 4.0), ANERGazet and ANERcorp's training part\n"
        "# in ../shared/data; only hashes are stored, the words stay there.\n"
    )
    rows = gazetteer_rows(lexicon)
    path.write_text(header + "".join(f"{k}\t{v}\n" for k, v in rows), encoding="utf-8")


def _xy(sents: Sequence[Sequence[tuple[str, str]]], lexicon: Lexicon) -> Iterator[tuple[list[list[str]], list[str]]]:
    """Yield (features, tags) for each sentence."""
    for sent in sents:
        yield features([t for t, _ in sent], lexicon), [g for _, g in sent]


def _fit(sents: Sequence[Sequence[tuple[str, str]]], lexicon: Lexicon, out: Path, c1: float, c2: float) -> None:
    """Train a CRF on sentences with fixed parameters and save it to `out`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in _xy(sents, lexicon):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": MAX_ITERATIONS,
                        "feature.possible_transitions": True})
    trainer.train(str(out))


def train(shared: Path, out: Path) -> dict[str, object]:
    """Train the shipped model on ANERcorp's training part; write it and the gazetteer file next to it."""
    pairs = gazetteer_pairs(shared)
    train_part, test_part = split_corpus(read_anercorp(shared / ANERCORP))
    common = common_words(train_part)
    clusters = news_clusters(shared)
    lexicon = build_lexicon(pairs, read_triggers(), common, clusters)
    write_gazetteer(build_lexicon(pairs, (), common), out.parent / GAZETTEER_FILE)
    write_clusters(clusters, out.parent / CLUSTERS_FILE)
    sents = sentences(train_part)
    _fit(sents, lexicon, out, C1, C2)
    return {"model": str(out), "bytes": out.stat().st_size, "train_tokens": len(train_part),
            "test_tokens": len(test_part), "sentences": len(sents), "gazetteer": len(pairs), "c1": C1, "c2": C2}


def tune(shared: Path, work: Path) -> dict[str, float]:
    """Return the dev F1 of each (c1, c2) in TUNE_GRID, on a split inside the training part only."""
    train_part, _ = split_corpus(read_anercorp(shared / ANERCORP))
    inner, dev = split_corpus(train_part)
    lexicon = build_lexicon(gazetteer_pairs(shared), read_triggers(), common_words(inner), news_clusters(shared))
    inner_s, dev_s = sentences(inner), sentences(dev)
    results = {}
    for c1, c2 in TUNE_GRID:
        path = work / f"tune-{c1}-{c2}.crfsuite"
        _fit(inner_s, lexicon, path, c1, c2)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        gold = [[g for _, g in s] for s in dev_s]
        pred = [tagger.tag(x) for x, _ in _xy(dev_s, lexicon)]
        results[f"c1={c1} c2={c2}"] = score(gold, pred)["overall"]["f1"]
    return results


def _get_tagger() -> tuple[LinearCRF, Scorer]:
    """Return the shipped model's weights, read once, and its scorer over the default lexicon."""
    global _tagger
    with _lock:
        if _tagger is None:
            tagger = pycrfsuite.Tagger()
            with resources.as_file(resources.files("marsad").joinpath("data", MODEL_FILE)) as path:
                tagger.open(str(path))
            crf = LinearCRF.from_tagger(tagger)
            # Features the model has no weight for change nothing: not producing them saves their cost.
            _tagger = crf, Scorer(crf, replace(default_lexicon(), known=frozenset(crf.index)))
        return _tagger


def tag(tokens: Sequence[str]) -> list[str]:
    """Return BIO tags (B-PER, I-LOC, …, O) for the raw tokens of one sentence."""
    return tag_many([tokens])[0]


def tag_many(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return the BIO tags of each sentence (raw tokens), decoded together."""
    crf, scorer = _get_tagger()
    found = iter(crf.viterbi(scorer.scores([s for s in sentences if s])))
    return [next(found) if s else [] for s in sentences]


def tokenize(text: str, offset: int = 0) -> list[Span]:
    """Return token spans of `text` (shifted by `offset`): word runs and single punctuation marks."""
    return [Span(offset + m.start(), offset + m.end()) for m in _TOKEN_RE.finditer(text)]


def _chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return (first, last + 1, type) token ranges of the entities in a BIO sequence."""
    out: list[tuple[int, int, str]] = []
    for i, t in enumerate(tags):
        prefix, _, kind = t.partition("-")
        if prefix == "B" or (prefix == "I" and (not out or out[-1][1] != i or out[-1][2] != kind)):
            out.append((i, i + 1, kind))
        elif prefix == "I":
            out[-1] = (out[-1][0], i + 1, kind)
    return out


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], ignore: frozenset[str] = frozenset()) -> dict[str, dict[str, float]]:
    """Return CoNLL-style precision/recall/F1 (exact span and type) per type and overall; `ignore` types are dropped."""
    counts: dict[str, list[int]] = {}  # type -> [true positives, predicted, gold]
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = {c for c in _chunks(g_tags) if c[2] not in ignore}
        p = {c for c in _chunks(p_tags) if c[2] not in ignore}
        for chunks, col in ((g & p, 0), (p, 1), (g, 2)):
            for c in chunks:
                for kind in (c[2], "overall"):
                    counts.setdefault(kind, [0, 0, 0])[col] += 1
    out = {}
    for kind, (tp, npred, ngold) in sorted(counts.items()):
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[kind] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "gold": ngold}
    return out


def mentions(article: Article) -> list[Mention]:
    """Return the named-entity mentions of an article's body, proclitics left outside each span."""
    return _mentions_batch([article])[0]


def propagate(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """Tag a document's names where the tagger left them untagged: one name, one reading per document.

    A name tagged PER, LOC or ORG (its normalized words) with one type in the document is tagged at its
    untagged occurrences too, also with a proclitic attached to its first token; a person's family
    name alone (at least MIN_SURNAME letters, not a word mostly used outside names) stands for the
    person when one person of the document has it. On ANERcorp's dev split (a model trained on the
    rest of the training part, documents of 30 sentences) this raised F1 from 0.722 to 0.738
    (recall 0.656 → 0.691, precision 0.802 → 0.792); MISC as well gave 0.739, kept out as in marsad.mentions.
    """
    lexicon = _get_tagger()[1].lexicon
    norms = _normalized(sentences)
    by_first = name_index(((tuple(words[first:last]), kind) for words, sentence_tags in zip(norms, tags, strict=True)
                           for first, last, kind in _chunks(sentence_tags)), lexicon)
    out = [list(s) for s in tags]
    if not by_first:
        return out
    for words, sentence_tags in zip(norms, out, strict=True):
        resume = 0
        for i, word in enumerate(words):
            if i < resume or sentence_tags[i] != "O":
                continue
            candidates = by_first.get(word)
            if candidates is None and word[:1] in CLITICS and len(word) > MIN_SURNAME:
                candidates = by_first.get(word[1:])
            for rest, kind in candidates or ():
                end = i + 1 + len(rest)
                if tuple(words[i + 1 : end]) == rest and all(t == "O" for t in sentence_tags[i:end]):
                    sentence_tags[i:end] = [f"B-{kind}", *[f"I-{kind}"] * len(rest)]
                    resume = end
                    break
    return out


def name_index(tagged: Iterable[tuple[tuple[str, ...], str]], lexicon: Lexicon) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Return the names to tag again, by first word: (the other words, type), longest name first.

    From (normalized words, type) of the tagged names: a PER, LOC or ORG name with one type (a lone
    word not mostly used outside names), and a person's family name alone (at least MIN_SURNAME
    letters, not a common word) when one person has it and nothing else is tagged with it.
    """
    seen: dict[tuple[str, ...], set[str]] = {}
    people: dict[str, set[tuple[str, ...]]] = {}  # family name → the full names ending with it
    for name, kind in tagged:
        if kind not in PROPAGATED or not name or (len(name) == 1 and lexicon.is_common(key(name[0]))):
            continue
        seen.setdefault(name, set()).add(kind)
        if kind == "PER" and len(name) > 1 and len(name[-1]) >= MIN_SURNAME and not lexicon.is_common(key(name[-1])):
            people.setdefault(name[-1], set()).add(name)
    names = {name: next(iter(kinds)) for name, kinds in seen.items() if len(kinds) == 1}
    for surname, full in people.items():
        if len(full) == 1 and seen.get((surname,), {"PER"}) == {"PER"}:
            names[(surname,)] = "PER"
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, kind in sorted(names.items(), key=lambda item: -len(item[0])):  # longest first
        by_first.setdefault(name[0], []).append((name[1:], kind))
    return by_first


def _normalized(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return each token normalized, the whole document in one pass (tokens hold no spaces)."""
    flat = normalize(" ".join(t for s in sentences for t in s)).split(" ")
    if len(flat) != sum(len(s) for s in sentences):  # a token normalized to include a space: one by one
        return [[normalize(t) for t in s] for s in sentences]
    out, at = [], 0
    for s in sentences:
        out.append(flat[at : at + len(s)])
        at += len(s)
    return out


def _mentions_batch(articles: Sequence[Article]) -> list[list[Mention]]:
    """Return the mentions of each article, all their sentences tagged in one batch."""
    lexicon = _get_tagger()[1].lexicon
    sentences: list[tuple[int, Span]] = []
    words: list[list[str]] = []
    bounds = []  # each article's range of sentences
    for k, article in enumerate(articles):
        body = article.body
        first = len(sentences)
        for sentence in article.sentences or tuple(split_sentences(body)):
            sentences.append((k, sentence))
            words.append(_TOKEN_RE.findall(body, sentence.start, sentence.end))
        bounds.append((first, len(sentences)))
    tagged = tag_many(words)
    for a, b in bounds:  # one article is one document
        tagged[a:b] = propagate(words[a:b], tagged[a:b])
    out: list[list[Mention]] = [[] for _ in articles]
    for (k, sentence), tags in zip(sentences, tagged, strict=True):
        chunks = _chunks(tags)
        if not chunks:
            continue
        body = articles[k].body
        toks = [m.span() for m in _TOKEN_RE.finditer(body, sentence.start, sentence.end)]  # only where needed
        for first, last, kind in chunks:
            start = toks[first][0]
            start += proclitic_length(body[start : toks[first][1]], lexicon, kind)
            end = toks[last - 1][1]
            if start < end:
                out[k].append(Mention(articles[k].id, start, end, body[start:end], kind))
    return out


def mentions_all(articles: Sequence[Article]) -> dict[str, list[Mention]]:
    """Return the mentions of each article, by article id (batches of articles on forked workers)."""
    _get_tagger()  # loaded once here, before the workers fork, rather than once in each worker
    batches = [articles[i : i + BATCH_ARTICLES] for i in range(0, len(articles), BATCH_ARTICLES)]
    found = [m for batch in map_items(_mentions_batch, batches, min_items=MIN_BATCHES) for m in batch]
    return dict(zip((a.id for a in articles), found, strict=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `train` rebuilds the shipped model, `tune` prints the c1/c2 grid's dev F1."""
    parser = argparse.ArgumentParser(prog="python -m marsad.ner")
    parser.add_argument("command", choices=("train", "tune"))
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("src/marsad/data") / MODEL_FILE)
    args = parser.parse_args(argv)
    if args.command == "train":
        result: dict[str, object] = train(args.shared, args.out)
    else:
        import tempfile

        with tempfile.TemporaryDirectory() as work:
            result = dict(tune(args.shared, Path(work)))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
