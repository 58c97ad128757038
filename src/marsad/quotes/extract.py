"""Quotes and their speakers: direct quotes in every Arabic news quote style, indirect speech, attribution.

A direct quote is the text between quote marks («…», “…”, "…", '…', or an opening mark whose closing
mark is missing at the end of its paragraph). Only attributed quoted text is kept: a reporting verb
in its sentence (before it, or after it: «…» قال بوتين), a quote that continues the previous one in
its paragraph, or a source marker (بحسب، وفق، نقلا عن). Unattributed quoted text — scare quotes,
titles, headings, names of agencies in quote marks — is not a quote and is dropped.
An indirect quote is the clause after a reporting verb and إن/أن/بأن, up to the sentence end or the
next reporting verb. The speaker is the phrase after the verb (its name part, without role words);
a verb with no subject (وأضاف أن، قائلا:) continues the last speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic import normalize, split_sentences, token_spans_normalized
from marsad.datafiles import rows
from marsad.ner.features import default_lexicon, key
from marsad.types import Article, Span

# Quote mark classes: a mark opens a quote and the next mark of the same class closes it. Pairing
# by alternation rather than by direction also handles outlets that swap “ and ” (بـ”الإرادة”).
_MARK_CLASSES = ("«»", "“”„‟", '"', "‘’'")
_MARK_CLASS = {ch: i for i, marks in enumerate(_MARK_CLASSES) for ch in marks}
_APOSTROPHES = 3  # index of the single-mark class, where a mark may be an apostrophe instead
_MARK_RE = re.compile("[" + re.escape("".join(_MARK_CLASSES)) + "]")
# Gap text between two tokens that ends a speaker phrase.
_STOP_PUNCT_RE = re.compile(r"[:،,.;؛!?؟()\[\]\n]")
_TRIM = " \t\n.,،:;؛-–—"
_MARKS = "".join(_MARK_CLASSES)
_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")
_PROCLITICS = "وف"
_ROLE_KINDS = ("role", "institution", "statement")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
# A word of a speaker name: letters and marks up to a space, quote mark or punctuation.
_WORD_RE = re.compile(r"[^\s\"«»“”„‟‘’:،,.;؛!?؟()\[\]]+")
MAX_SPEAKER_TOKENS = 12  # a subject longer than this is a clause, not a speaker (longest role+name in seeds: 9)
MAX_NAME_TOKENS = 4  # first + father's + family name + one more; longer runs are not one name
# A quoted phrase this close (in tokens) before a complementizer sits inside the speaker phrase, so it
# is a title (قالت وكالة "ريا نوفستي" الروسية إن): seen up to 2 tokens in the seeds, 4 leaves room.
TITLE_GAP_TOKENS = 4
# How far past the subject إن/أن may still come: the longest adverbial run seen in the seeds before it
# ("خلال زيارة إلى تركيا الخميس", "لوكالة فرانس برس، اليوم الخميس،") is 6 tokens.
LOOKAHEAD_TOKENS = 8


@dataclass(frozen=True)
class Quote:
    """One quote: its span in the article body, direct/indirect, reporting verb and speaker span."""

    article: str
    start: int
    end: int
    text: str
    kind: str  # "direct" or "indirect"
    verb: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_name: str | None
    role: str | None


@dataclass(frozen=True)
class _Speaker:
    """A speaker found in the text: the name (or whole institution phrase) span and the role text."""

    start: int
    end: int
    role: str | None


@dataclass(frozen=True)
class _Lexicon:
    """The word lists that drive attribution, normalized."""

    verbs: dict[str, str]
    words: dict[str, frozenset[str]]
    verb_forms: dict[str, tuple[str, int, bool]]  # every inflected token → _verb_match's answer


@lru_cache(maxsize=1)
def load_lexicon() -> _Lexicon:
    """Load reporting_verbs.txt and speaker_words.tsv."""
    verbs = {normalize(row[0].strip()): row[1].strip() for row in rows("reporting_verbs.txt")}
    words: dict[str, set[str]] = {}
    for kind, word in rows("speaker_words.tsv"):
        words.setdefault(kind.strip(), set()).add(normalize(word.strip()))
    return _Lexicon(verbs, {k: frozenset(v) for k, v in words.items()}, _verb_forms(verbs))


@dataclass
class _Doc:
    """An article body with its tokens, their normalized forms and the sentence/paragraph layout."""

    article: Article
    toks: list[Span]
    norms: list[str]
    starts: list[int]
    sentences: list[Span]
    paragraphs: list[Span]
    sentence_starts: list[int]

    def sentence_of(self, pos: int) -> Span:
        """Return the sentence containing body position `pos` (or the nearest one before it)."""
        i = max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)
        return self.sentences[i] if self.sentences else Span(0, len(self.article.body))

    def paragraph_of(self, pos: int) -> Span:
        """Return the paragraph containing body position `pos`."""
        for para in self.paragraphs:
            if para.start <= pos < para.end:
                return para
        return Span(0, len(self.article.body))

    def token_range(self, span: Span) -> range:
        """Return the indices of the tokens inside `span`."""
        return range(bisect.bisect_left(self.starts, span.start), bisect.bisect_left(self.starts, span.end))


def _layout(article: Article) -> tuple[list[Span], list[Span]]:
    """Return the article's paragraphs and sentences, splitting the body when clean did not record them."""
    body = article.body
    paragraphs = list(article.paragraphs)
    if not paragraphs:
        pos = 0
        for line in body.split("\n"):
            if line.strip():
                paragraphs.append(Span(pos, pos + len(line)))
            pos += len(line) + 1
    sentences = list(article.sentences)
    if not sentences:
        for para in paragraphs:
            sentences.extend(split_sentences(body[para.start : para.end], para.start))
    return paragraphs, sorted(sentences, key=lambda s: s.start)


def _doc(article: Article) -> _Doc:
    """Tokenize an article once for all the rules below."""
    toks, words = token_spans_normalized(article.body)
    paragraphs, sentences = _layout(article)
    return _Doc(article, toks, words, [t.start for t in toks], sentences, paragraphs,
                [s.start for s in sentences])


# --- direct quote marks -----------------------------------------------------------------------

def _is_apostrophe(text: str, i: int) -> bool:
    """Return True when a single quote mark sits between two letters (an apostrophe, not a quote)."""
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _marked(para: str, offset: int) -> list[tuple[int, int, bool]]:
    """Return (start, end, closed) of the quoted texts of one paragraph, marks excluded."""
    found: list[tuple[int, int, bool]] = []
    open_at: dict[int, int] = {}
    for m in _MARK_RE.finditer(para):
        i = m.start()
        cls = _MARK_CLASS[para[i]]
        if cls == _APOSTROPHES and _is_apostrophe(para, i):
            continue
        if cls in open_at:
            found.append((open_at.pop(cls) + 1, i, True))
        else:
            open_at[cls] = i
    for cls, i in open_at.items():
        if cls != _APOSTROPHES:  # an unclosed ' is an apostrophe far more often than a quote
            found.append((i + 1, len(para), False))
    spans = []
    for s, e, closed in sorted(found):
        while s < e and para[s] in " \t":
            s += 1
        while e > s and para[e - 1] in " \t":
            e -= 1
        if any(c.isalpha() for c in para[s:e]):
            spans.append((offset + s, offset + e, closed))
    # Keep the outer quote of nested or overlapping ones.
    kept: list[tuple[int, int, bool]] = []
    for s, e, closed in spans:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, closed))
    return kept


# --- verbs, speakers and sources --------------------------------------------------------------

def _verb_match(norm: str, lex: _Lexicon) -> tuple[str, int, bool] | None:
    """Match a normalized token as a reporting verb: (kind, length of a و/ف prefix, has an object pronoun)."""
    return lex.verb_forms.get(norm)


def _verb_forms(verbs: dict[str, str]) -> dict[str, tuple[str, int, bool]]:
    """Return every token a reporting verb can appear as (with و/ف before it, a pronoun after it) → its match.

    Written in reverse order of preference, so the bare form wins over a prefixed or suffixed reading
    of the same token; a و/ف is only a prefix when more than two letters follow it.
    """
    forms: dict[str, tuple[str, int, bool]] = {}
    for cut, prefixes in ((1, _PROCLITICS), (0, ("",))):
        for prefix in prefixes:
            for suffix in (*reversed(_PRONOUN_SUFFIXES), ""):
                for verb, kind in verbs.items():
                    token = prefix + verb + suffix
                    if not cut or len(token) > 3:
                        forms[token] = (kind, cut, bool(suffix))
    return forms


def _bare(norm: str) -> str:
    """Return a normalized word without a leading ال، و or ل (at least two letters left)."""
    for prefix in ("وال", "لل", "ال", "و", "ل"):
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            return norm[len(prefix):]
    return norm


def _in(norm: str, lex: _Lexicon, *kinds: str) -> bool:
    """Return True when a token, or its bare form, is listed under one of the word kinds."""
    bare = _bare(norm)
    return any(norm in lex.words.get(k, frozenset()) or bare in lex.words.get(k, frozenset()) for k in kinds)


def _is_definite(norm: str) -> bool:
    """Return True for a word with the definite article (ال، وال، لل)."""
    return norm.startswith(("ال", "وال", "لل"))


def _is_role(norm: str, lex: _Lexicon) -> bool:
    """Return True when a token is a role/title/institution/statement word, also with ال، و or ل attached."""
    return _in(norm, lex, *_ROLE_KINDS)


def _is_common(norm: str) -> bool:
    """Return True for a definite or adjective-looking word that is not a personal name."""
    return norm.startswith(("ال", "وال", "بال", "لل")) or norm.endswith(("يه", "يون", "يين", "يات"))


def _is_nisba(norm: str) -> bool:
    """Return True for a coordinated relational adjective (والأمريكي): the next person's role, not a surname.

    A bare definite nisba after a first name is kept as a surname (كريم السعدي).
    """
    return norm.startswith("وال") and norm.endswith(("ي", "يه"))


def _is_particle(norm: str, lex: _Lexicon) -> bool:
    """Return True for a boundary word, preposition or filler: never a name, and no name right after it."""
    return any(norm in lex.words.get(kind, frozenset()) for kind in ("boundary", "preposition", "filler"))


def _name_like(norm: str, lex: _Lexicon) -> bool:
    """Return True when a token could be part of a personal name."""
    return norm.isalpha() and len(norm) > 1 and not _is_particle(norm, lex)


def _name(doc: _Doc, idx: Sequence[int], lex: _Lexicon) -> tuple[int, int] | None:
    """Return the (first, last+1) token positions within `idx` of the person's name in a speaker phrase."""
    start: int | None = None
    for k, i in enumerate(idx):
        norm = doc.norms[i]
        prev = doc.norms[idx[k - 1]] if k else ""
        if start is None:
            if _is_role(norm, lex) or _is_common(norm) or _is_particle(prev, lex) or not _name_like(norm, lex):
                continue
            start = k
        elif (
            _is_role(norm, lex) or _is_nisba(norm) or not _name_like(norm, lex) or k - start >= MAX_NAME_TOKENS
            or (_is_common(norm) and _is_common(prev))
        ):
            return start, k
    return (start, len(idx)) if start is not None else None


def _speaker(doc: _Doc, idx: list[int], lex: _Lexicon) -> _Speaker | None:
    """Turn the tokens of a speaker phrase into a speaker: the name span and the role before it."""
    if not idx:
        return None
    body = doc.article.body
    first, last = doc.toks[idx[0]].start, doc.toks[idx[-1]].end
    found = _name(doc, idx, lex)
    if found is None:  # an institution or an unnamed official: the whole phrase speaks
        for k in range(1, len(idx)):
            norm, prev = doc.norms[idx[k]], doc.norms[idx[k - 1]]
            # Two definite nouns in a row start a new noun phrase, the verb's object (وصفت النقابة الاتفاق).
            if norm.startswith("ال") and not norm.endswith(("ي", "يه")) and prev.startswith(("ال", "وال")):
                return _Speaker(first, doc.toks[idx[k - 1]].end, None)
        return _Speaker(first, last, None)
    a, b = found
    start, end = doc.toks[idx[a]].start, doc.toks[idx[b - 1]].end
    role = body[first:start].strip(_TRIM + _MARKS) or None
    return _Speaker(start, end, role)


@dataclass
class _Phrase:
    """The tokens after a verb or source marker up to what stopped them, and titles passed on the way."""

    idx: list[int]
    stop: int  # token index that stopped the phrase (a complementizer), or -1
    titles: list[tuple[int, int]]


def _phrase(doc: _Doc, i: int, end: int, quotes: list[tuple[int, int, bool]], lex: _Lexicon, source: bool) -> _Phrase:
    """Collect the speaker phrase after token `i` (a verb or source marker) within sentence end `end`.

    With `source`, a quoted text right at the start of the phrase is the source's name (وفقا لما نقلته
    «وكالة ...»), not a quote.
    """
    body = doc.article.body
    comp = lex.words.get("complementizer", frozenset())
    boundary = lex.words.get("boundary", frozenset())
    prepositions = lex.words.get("preposition", frozenset())
    fillers = lex.words.get("filler", frozenset())
    relatives = lex.words.get("relative", frozenset())
    sources = lex.words.get("source", frozenset())
    idx: list[int] = []
    titles: list[tuple[int, int]] = []
    j = i + 1
    passed = 0  # end of the last title passed: its closing mark is no new quote
    while j < len(doc.toks) and doc.toks[j].start < end and len(idx) < MAX_SPEAKER_TOKENS:
        gap = body[max(doc.toks[j - 1].end, passed) : doc.toks[j].start]
        if _MARK_RE.search(gap):
            quote = next((q for q in quotes if q[0] == doc.toks[j].start or q[0] <= doc.toks[j].start < q[1]), None)
            if quote is None or not ((source and not idx) or _title(doc, quote, end, comp)):
                break
            titles.append(quote[:2])
            passed = quote[1] + 1
            while j < len(doc.toks) and doc.toks[j].start < quote[1]:
                idx.append(j)
                j += 1
            continue
        if _STOP_PUNCT_RE.search(gap):
            break
        norm = doc.norms[j]
        if _opens(doc, j, comp, boundary):
            return _Phrase(idx, j + (norm not in comp), titles)
        if norm in prepositions and (not idx or _name(doc, idx, lex) is not None):
            break
        # A relative pronoun or a ب-prepositional phrase (أشادت الوزارة بالمحادثات التي) ends the subject.
        if norm in boundary or norm in relatives or norm in sources or norm.startswith("بال") or _verb_match(norm, lex) is not None:
            break
        if norm not in fillers:
            idx.append(j)
        j += 1
    # The subject may be followed by adverbials before إن/أن (قالت فلانة خلال زيارة إلى تركيا الخميس إن).
    for k in range(j, min(j + LOOKAHEAD_TOKENS, len(doc.toks))):
        if doc.toks[k].start >= end or _verb_match(doc.norms[k], lex) is not None:
            break
        if k > j and re.search(r"[:\n]", body[doc.toks[k - 1].end : doc.toks[k].start]) or _MARK_RE.search(
            body[doc.toks[max(k - 1, 0)].end : doc.toks[k].start]
        ):
            break
        if _opens(doc, k, comp, boundary):
            return _Phrase(idx, k + (doc.norms[k] not in comp), titles)
    return _Phrase(idx, -1, titles)


def _opens(doc: _Doc, j: int, comp: frozenset[str], boundary: frozenset[str]) -> bool:
    """Return True when token `j` opens reported speech: إن/أن/بأن, or a preposition before one (إلى أن)."""
    norm = doc.norms[j]
    return norm in comp or (norm in boundary and j + 1 < len(doc.norms) and doc.norms[j + 1] in comp)


def _title(doc: _Doc, quote: tuple[int, int, bool], end: int, comp: frozenset[str]) -> bool:
    """Return True when a quoted text is followed closely by a complementizer: it names the speaker."""
    after = doc.token_range(Span(quote[1], end))
    return any(doc.norms[k] in comp for k in list(after)[:TITLE_GAP_TOKENS]) and quote[2]


@dataclass
class _Verb:
    """A reporting verb occurrence, its speaker and the complementizer that opens indirect speech."""

    tok: int
    speaker: _Speaker | None
    comp: int
    label: str


def _verbs(doc: _Doc, quotes: list[tuple[int, int, bool]], lex: _Lexicon) -> tuple[list[_Verb], set[tuple[int, int]]]:
    """Find every reporting verb and source marker with its speaker; also return quoted titles."""
    sources = lex.words.get("source", frozenset())
    skip = lex.words.get("skip", frozenset())
    found: list[_Verb] = []
    titles: set[tuple[int, int]] = set()
    last: _Speaker | None = None
    relatives = lex.words.get("relative", frozenset())
    for i, norm in enumerate(doc.norms):
        match = _verb_match(norm, lex)
        is_source = norm in sources or (norm[:1] in _PROCLITICS and norm[1:] in sources)
        if match is None and not is_source:
            continue
        kind, cut, suffixed = match if match else ("source", 0, False)
        end = doc.sentence_of(doc.toks[i].start).end
        start_tok = i
        if kind in ("relay", "source"):  # the speaker comes after عن / after "ما نقلته"
            k = i + 1
            while k < len(doc.norms) and doc.toks[k].start < end and k - i <= 3 and (
                doc.norms[k] in skip or _verb_match(doc.norms[k], lex) is not None
            ):
                k += 1
            if kind == "relay":
                after = [k for k in range(i + 1, min(i + MAX_SPEAKER_TOKENS, len(doc.norms))) if doc.norms[k] == "عن"]
                k = after[0] + 1 if after else i + 1
            start_tok = k - 1
        phrase = _phrase(doc, start_tok, end, quotes, lex, kind in ("relay", "source"))
        titles.update(phrase.titles)
        if i and doc.norms[i - 1] in relatives and phrase.stop < 0:
            continue  # a verb in a relative clause that reports nothing: التي أعلنت روسيا ضمها
        speaker = None if kind == "participle" else _speaker(doc, phrase.idx, lex)
        if kind == "source" and speaker is None:
            continue
        if speaker is None:
            speaker = last
        else:
            last = speaker
        # A verb with an object pronoun (نقلها، وصفه) has its object already: any إن after it is not its own.
        comp = -1 if suffixed else phrase.stop
        tok = doc.toks[i]
        label = "" if kind == "source" else doc.article.body[tok.start + cut : tok.end]
        found.append(_Verb(i, speaker, comp, label))
    return found, titles


# --- assembling quotes ------------------------------------------------------------------------

def _make(doc: _Doc, start: int, end: int, kind: str, verb: _Verb | None) -> Quote:
    """Build a Quote for body[start:end] attributed through `verb`."""
    body = doc.article.body
    sp = verb.speaker if verb else None
    label = verb.label if verb else None
    if verb and not label:  # a source marker: name it as the reporting word
        label = body[doc.toks[verb.tok].start : doc.toks[verb.tok].end]
    return Quote(
        article=doc.article.id, start=start, end=end, text=body[start:end], kind=kind, verb=label,
        speaker_start=sp.start if sp else None, speaker_end=sp.end if sp else None,
        speaker_name=body[sp.start : sp.end] if sp else None, role=sp.role if sp else None,
    )


def _attribute(doc: _Doc, q: tuple[int, int, bool], verbs: list[_Verb], prev: tuple[tuple[int, int, bool], _Verb] | None) -> _Verb | None:
    """Find the verb (or source) a direct quote belongs to, or None when it is not attributed."""
    body = doc.article.body
    sent = doc.sentence_of(q[0])
    before = [v for v in verbs if sent.start <= doc.toks[v.tok].start and doc.toks[v.tok].end <= q[0]]
    if prev is not None and not body[prev[0][1] : q[0]].strip(_TRIM + '"«»“”\'()') and (
        doc.paragraph_of(prev[0][0]) == doc.paragraph_of(q[0])
    ):
        return prev[1]  # continues the previous quote: «…». «…»
    real_before = [v for v in before if v.label]
    if real_before:
        return real_before[-1]
    after = [v for v in verbs if q[1] <= doc.toks[v.tok].start < sent.end and v.speaker is not None]
    if after:
        return after[0]
    return before[-1] if before else None


def _indirect(doc: _Doc, verb: _Verb, verbs: list[_Verb], direct: list[tuple[int, int, bool]]) -> Quote | None:
    """Return the indirect quote opened by a verb's complementizer, unless a direct quote follows it."""
    body = doc.article.body
    tok = doc.toks[verb.comp]
    bare = doc.norms[verb.comp] in ("ان", "بان")
    start = tok.end if bare else tok.start + (1 if doc.norms[verb.comp].startswith("ب") else 0)
    while start < len(body) and body[start] in " \t":
        start += 1
    sent = doc.sentence_of(tok.start)
    after_comp = body[tok.end : tok.end + 3].lstrip()[:1]
    if any(q[0] - 1 <= start < q[1] for q in direct) or any(_MARK_RE.match(c) for c in (body[start : start + 1], after_comp) if c):
        return None  # the clause is itself a direct quote: إن «…»
    end = sent.end
    for other in verbs:
        o = doc.toks[other.tok]
        if start < o.start < end and other.label:
            end = o.start
    connectives = load_lexicon().words.get("connective", frozenset())
    while True:
        while end > start and body[end - 1] in _TRIM:
            end -= 1
        inside = doc.token_range(Span(start, end))
        # Cut at the next verb, the clause may end in the word that led to it (… لكنه قال، وهو ما قال).
        if not inside or doc.norms[inside[-1]] not in connectives:
            break
        end = doc.toks[inside[-1]].start
    if len(doc.token_range(Span(start, end))) < 2:
        return None
    return _make(doc, start, end, "indirect", verb)


def _is_term(doc: _Doc, quote: tuple[int, int, bool]) -> bool:
    """Return True for quoted text that is a name or a term, not words someone said.

    No Arabic word at all ("CDC"), or one word the tagger's training text rarely used outside names
    ("تويتر"، "سامسونج"): on SaudiNewsNet such quotes were brand, newspaper and programme names. A
    common word alone is a quoted description and stays (وصفت الاتفاق بـ«التاريخي»).
    """
    inside = doc.token_range(Span(quote[0], quote[1]))
    if not any(_ARABIC_RE.search(doc.norms[i]) for i in inside):
        return True
    return len(inside) == 1 and not default_lexicon().is_common(key(doc.norms[inside[0]]))


def quotes(article: Article) -> list[Quote]:
    """Return the direct and indirect quotes of an article, in body order, with their speakers."""
    lex = load_lexicon()
    doc = _doc(article)
    headings = article.headings
    marked: list[tuple[int, int, bool]] = []
    for para in doc.paragraphs:
        marked.extend(_marked(article.body[para.start : para.end], para.start))
    verbs, titles = _verbs(doc, marked, lex)
    out: list[Quote] = []
    prev: tuple[tuple[int, int, bool], _Verb] | None = None
    for q in marked:
        if q[:2] in titles or any(h.start <= q[0] < h.end for h in headings):
            continue
        verb = _attribute(doc, q, verbs, prev)
        if verb is None:
            continue
        prev = (q, verb)
        if _is_term(doc, q):
            continue
        out.append(_make(doc, q[0], q[1], "direct", verb))
    taken: set[tuple[int, int]] = set()
    for verb in verbs:
        if verb.comp >= 0:
            found = _indirect(doc, verb, verbs, marked)
            # A verb and a source marker may open one clause ("وقال السكان - حسب الوكالة - إن"):
            # the first, the verb, speaks.
            if found is not None and (found.start, found.end) not in taken:
                taken.add((found.start, found.end))
                out.append(found)
    return sorted(out, key=lambda x: (x.start, x.end))


@dataclass(frozen=True)
class SpeakerHead:
    """What a quote's speaker phrase is, and the body span of the words that name it."""

    kind: str  # name, institution, anaphor, statement, official or generic (see speaker_head)
    start: int
    end: int


def speaker_head(quote: Quote) -> SpeakerHead | None:
    """Return the kind of a quote's speaker and its naming words (up to a quote mark, punctuation or preposition).

    "name" (a person or a named body: زيلينسكي), "institution" (وزارة الخارجية الروسية, وكالة "…"),
    "anaphor" (a lone definite institution noun referring back: الوزارة), "statement" (البيان: whoever
    was quoted before), "official" (an unnamed official: مسؤول في الوزارة) or "generic" (anything else).
    """
    if quote.speaker_start is None or not quote.speaker_name:
        return None
    lex = load_lexicon()
    words: list[str] = []
    end = 0
    for m in _WORD_RE.finditer(quote.speaker_name):
        norm = normalize(m.group())
        if norm in lex.words.get("preposition", frozenset()):
            break
        words.append(norm)
        end = m.end()
        if m.end() < len(quote.speaker_name) and _MARK_RE.match(quote.speaker_name[m.end()]):
            break
    start = quote.speaker_start
    role = normalize(quote.role).split() if quote.role else []
    return SpeakerHead(_head_kind(words, role, lex), start, start + end) if words else None


def _head_kind(words: Sequence[str], role: Sequence[str], lex: _Lexicon) -> str:
    """Classify the naming words of a speaker phrase (and the role words before them)."""
    first = role[0] if role else words[0]
    if _in(first, lex, "statement"):
        return "statement"
    if _in(first, lex, "institution"):
        # Named when the noun is followed by a name or a definite word (وزارة الخارجية، الحكومة
        # الروسية); a lone definite noun (الوزارة) points back; an indefinite one is anybody's.
        if role or (len(words) > 1 and (_is_definite(words[0]) or _is_definite(words[1]))):
            return "institution"
        return "anaphor" if len(words) == 1 and _is_definite(words[0]) else "generic"
    if role:
        return "name"
    if _in(first, lex, "role"):
        return "official"
    return "generic" if _is_common(first) else "name"


def quotes_all(articles: Sequence[Article]) -> dict[str, list[Quote]]:
    """Return the quotes of each article, keyed by article id."""
    return {article.id: quotes(article) for article in articles}
