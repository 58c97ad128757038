"""The named-entity tagger at run time: a Doc's sentences in, its mentions (PER, LOC, ORG, MISC) out.

The shipped CRF (trained on ANERcorp by marsad.ner.train, with gazetteer, trigger and word-cluster
features from marsad.ner.features) tags each sentence; a name tagged in one place of the article is
then tagged where the tagger missed it (`propagate`). A mention is a span of the body labelled with
its type, its attached proclitics (و ب ل ك, ف before ال) left outside.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources

import pycrfsuite

from marsad.arabic.normalize import normalize, normalize_with_offsets
from marsad.doc import Doc
from marsad.memo import WORDS
from marsad.ner import filters, lists, phrases
from marsad.ner.crf import LinearCRF
from marsad.ner.features import NEWS_CONVENTIONS, TOKEN_RE, Lexicon, default_lexicon, key, proclitic_length
from marsad.ner.scores import Scorer
from marsad.types import ENTITY_TYPES, EntityType, Span

MODEL_FILE = "ner.crfsuite"
# Articles tagged together: one Viterbi pass over all their sentences costs about what one article's
# does (its steps are the longest sentence), so batching cuts the per-article overhead. 32 articles
# are ~1,000 sentences of SaudiNewsNet.
BATCH_ARTICLES = 32
# Names tagged again where the tagger missed them in the same document (see `propagate`; MISC, the
# tagger's catch-all, is too often a common phrase: "النخب الغربية" in the seeds), and the shortest
# family name that stands alone for a person (shorter ones, علي، حسن, are as often given names).
PROPAGATED = frozenset({"PER", "LOC", "ORG"})
MIN_SURNAME = 4
CLITICS = "وفبلك"  # proclitics a name may carry: و ف ب ل ك

_TYPES: dict[str, EntityType] = {t: t for t in ENTITY_TYPES}


def load_tagger(conventions: str = NEWS_CONVENTIONS) -> tuple[LinearCRF, Scorer]:
    """Return the shipped model's weights for text under `conventions`, read once, and its scorer."""
    return _load_tagger(conventions)  # one cache key per conventions, however the argument is given


@cache
def _load_tagger(conventions: str) -> tuple[LinearCRF, Scorer]:
    """Read the shipped model's weights for text under `conventions` and make its scorer."""
    tagger = pycrfsuite.Tagger()
    with resources.as_file(resources.files("marsad").joinpath("data", MODEL_FILE)) as path:
        tagger.open(str(path))
    crf = LinearCRF.from_tagger(tagger, conventions)
    return crf, Scorer(crf, default_lexicon())


def tag(tokens: Sequence[str]) -> list[str]:
    """Return BIO tags (B-PER, I-LOC, …, O) for the raw tokens of one sentence."""
    return tag_many([tokens])[0]


def tag_many(sentences: Sequence[Sequence[str]], conventions: str = NEWS_CONVENTIONS) -> list[list[str]]:
    """Return the BIO tags of each sentence (raw tokens), decoded together, under a corpus's conventions."""
    crf, scorer = load_tagger(conventions)
    found = iter(crf.viterbi(scorer.scores([s for s in sentences if s])))
    return [next(found) if s else [] for s in sentences]


def chunks(tags: Sequence[str]) -> list[tuple[int, int, EntityType]]:
    """Return (first, last + 1, type) token ranges of the entities in a BIO sequence (unknown types skipped)."""
    out: list[tuple[int, int, EntityType]] = []
    for i, t in enumerate(tags):
        if t == "O":  # most tags: nothing to split
            continue
        prefix, _, name = t.partition("-")
        kind = _TYPES.get(name)
        if kind is None:
            continue
        if prefix == "B" or (prefix == "I" and (not out or out[-1][1] != i or out[-1][2] != kind)):
            out.append((i, i + 1, kind))
        elif prefix == "I":
            out[-1] = (out[-1][0], i + 1, kind)
    return out


def mentions(doc: Doc) -> list[Span]:
    """Return the named-entity mentions of an article's body, proclitics left outside each span."""
    return _mentions_batch([doc])[0]


def tag_docs(docs: Sequence[Doc]) -> None:
    """Fill in the mentions of every Doc that has none yet, BATCH_ARTICLES articles per decoding pass."""
    todo = [d for d in docs if d.mentions is None]
    for i in range(0, len(todo), BATCH_ARTICLES):
        batch = todo[i : i + BATCH_ARTICLES]
        for doc, found in zip(batch, _mentions_batch(batch), strict=True):
            doc.mentions = tuple(found)


def tag_document(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
                 norms: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
    """Return one document's tags with the news layers applied, then names propagated.

    The layers: head phrases made names (marsad.ner.phrases), back-references, formulae and adjectives
    dropped (marsad.ner.filters), listed names standing alone tagged (marsad.ner.lists). `norms`: the
    sentences' tokens normalized, when the caller has them.
    """
    lexicon = default_lexicon()
    norms = norms if norms is not None else _normalized(sentences)
    out, alone = [], []
    for raw, words, sentence_tags in zip(sentences, norms, tags, strict=True):
        found = phrases.find(words, sentence_tags, lexicon, raw)
        out.append(filters.apply(words, phrases.apply(sentence_tags, found, words, lexicon), lexicon))
        alone += [(tuple(words[first + 1 : last]), kind) for first, last, kind, brand in found if brand]
    spread = propagate(sentences, lists.tag_alone(sentences, norms, out), alone, norms)
    # What the lists and propagation added is filtered too: "السعودية" tagged once is no adjective elsewhere.
    return [filters.apply(words, t, lexicon, places=False) if t != before else t
            for words, t, before in zip(norms, spread, out, strict=True)]


def propagate(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
              names: Iterable[tuple[tuple[str, ...], str]] = (),
              norms: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
    """Tag a document's names where the tagger left them untagged: one name, one reading per document.

    A name tagged PER, LOC or ORG (its normalized words) with one type in the document is tagged at its
    untagged occurrences too, also with a proclitic attached to its first token; a person's family
    name alone (at least MIN_SURNAME letters, not a word mostly used outside names) stands for the
    person when one person of the document has it. On ANERcorp's dev split (a model trained on the
    rest of the training part, documents of 30 sentences) this raised F1 from 0.722 to 0.738
    (recall 0.656 → 0.691, precision 0.802 → 0.792); MISC as well gave 0.739, kept out as in marsad.entities.repair.
    `names` adds (normalized words, type) pairs to tag again: names a brand head introduced ("نادي الهلال"
    → "الهلال").
    """
    lexicon = default_lexicon()
    norms = norms if norms is not None else _normalized(sentences)
    tagged = [(tuple(words[first:last]), kind) for words, sentence_tags in zip(norms, tags, strict=True)
              for first, last, kind in chunks(sentence_tags)]
    by_first = name_index([*tagged, *names], lexicon)
    out = [list(s) for s in tags]
    if not by_first:
        return out
    forms = name_starts(by_first)
    for words, sentence_tags in zip(norms, out, strict=True):
        resume = 0
        for i in [k for k, w in enumerate(words) if w in forms]:  # set lookups in one comprehension: the hot loop
            if i < resume or sentence_tags[i] != "O":
                continue
            for rest, kind in name_candidates(by_first, words[i])[1]:
                end = i + 1 + len(rest)
                if tuple(words[i + 1 : end]) == rest and all(t == "O" for t in sentence_tags[i:end]):
                    sentence_tags[i:end] = [f"B-{kind}", *[f"I-{kind}"] * len(rest)]
                    resume = end
                    break
    return out


Names = dict[str, list[tuple[tuple[str, ...], str]]]  # first word → (the other words, type) of each name


def name_starts(by_first: Mapping[str, object]) -> frozenset[str]:
    """Return every token a name of the index can begin with: its first word, bare or with one proclitic."""
    return frozenset(by_first) | {c + w for w in by_first if len(w) >= MIN_SURNAME for c in CLITICS}


def name_candidates(by_first: Mapping[str, Sequence[tuple[tuple[str, ...], str]]],
                    word: str) -> tuple[int, Sequence[tuple[tuple[str, ...], str]]]:
    """Return the names of the index a token may begin (its other words, type), and the proclitic cut before them.

    The token as it is, else without a one-letter proclitic (ولبنان، بالحداد) when long enough.
    """
    if (found := by_first.get(word)) is not None:
        return 0, found
    if word[:1] in CLITICS and len(word) > MIN_SURNAME and (found := by_first.get(word[1:])) is not None:
        return 1, found
    return 0, ()


def name_index(tagged: Iterable[tuple[tuple[str, ...], str]], lexicon: Lexicon) -> Names:
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


def _proclitic(word: str, lexicon: Lexicon, kind: str, written: Collection[str]) -> int:
    """Return the length of the proclitics on a name's first token.

    None on a head as written (كلية، لجنة); one letter before a mined name (لداعش), a head (بشرطة،
    لأمانة) or a word the article also writes bare (`written`: its normalized tokens; لجوجل when
    "جوجل" stands alone elsewhere); else as features.proclitic_length decides.
    """
    cut, rest, one = _word_proclitic(word, lexicon, kind)
    return one if rest and rest in written else cut


@lru_cache(maxsize=WORDS)
def _word_proclitic(word: str, lexicon: Lexicon, kind: str) -> tuple[int, str, int]:
    """Return what _proclitic decides from the word alone: (cut, rest to look for, its proclitic's length).

    The rest is what follows a one-letter proclitic when only the article's words can decide ("" and 0 otherwise).
    """
    letters, offsets = normalize_with_offsets(word)
    if phrases.bare_head(letters):
        return 0, "", 0
    cut = proclitic_length(word, lexicon, kind)
    if cut == 0 and len(letters) > 2 and letters[0] in CLITICS:
        if phrases.bare_head(letters[1:]) or (len(letters) > 3 and lists.listed(letters[1:])):
            return offsets[1], "", 0  # a two-letter head too: "بحي الراكة"
        if len(letters) > 3:
            return 0, letters[1:], offsets[1]
    return cut, "", 0


def _mentions_batch(docs: Sequence[Doc]) -> list[list[Span]]:
    """Return the mentions of each article, all their sentences tagged in one batch."""
    lexicon = default_lexicon()
    sentences: list[tuple[int, Span]] = []
    words: list[list[str]] = []
    bounds = []  # each article's range of sentences
    for k, doc in enumerate(docs):
        first = len(sentences)
        for sentence in doc.sentences:
            sentences.append((k, sentence))
            words.append(TOKEN_RE.findall(doc.body, sentence.start, sentence.end))
        bounds.append((first, len(sentences)))
    tagged = tag_many(words)
    written: list[frozenset[str]] = []  # each article's normalized tokens, for _proclitic
    for a, b in bounds:  # one article is one document
        norms = _normalized(words[a:b])
        tagged[a:b] = tag_document(words[a:b], tagged[a:b], norms)
        written.append(frozenset(w for sentence in norms for w in sentence))
    out: list[list[Span]] = [[] for _ in docs]
    for (k, sentence), tags in zip(sentences, tagged, strict=True):
        found = chunks(tags)
        if not found:
            continue
        body = docs[k].body
        toks = [m.span() for m in TOKEN_RE.finditer(body, sentence.start, sentence.end)]  # only where needed
        for first, last, kind in found:
            start = toks[first][0]
            word = body[start : toks[first][1]]
            start += _proclitic(word, lexicon, kind, written[k])
            end = toks[last - 1][1]
            if start < end:
                out[k].append(Span(docs[k].id, start, end, kind))
    return out
