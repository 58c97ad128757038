"""Name matching: when two written names can name one person, place or organisation, by spelling alone.

Names are compared word by word on a *core* form (arabic.normalize, a leading ال removed, ج folded
into غ for the /g/ of foreign names). Two words match when their cores are equal, or, for words of
at least MIN_FUZZY letters, when one long vowel (ا/و/ي) is inserted or dropped (ترامب/ترمب), one
letter is doubled, or two neighbouring letters are swapped (زيلينسكي/زيلينكسي). Candidates are
found through a skeleton key of a name's last word (no inner long vowels, no doubled letters,
letters sorted), then verified with those rules. Organisation and place names are compared after
the synonyms and optional head words of data/org_synonyms.txt; a person's name also matches the
full name it ends ("بوتين" / "فلاديمير بوتين").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad import arabic
from marsad.arabic import LONG_VOWELS, core
from marsad.datafiles import content_lines, read_text
from marsad.memo import WORDS
from marsad.types import PERSON, Span

# Words shorter than this only match exactly: three- and some four-letter Arabic given names one long
# vowel apart are different names (سعد/سعيد، حسن/حسين، عمر/عامر); the shortest transliteration
# variants in the examples and the seeds are four letters (ترمب، بوتن). Re-checked on the dev half
# of the blind quotes set (pairs of found quotes in different articles: one canonical speaker against
# one marsad entity): F1 0.813 at 3, 0.816 at 4, 5 and 6 (precision 0.95, recall 0.715), so 4 stays.
MIN_FUZZY = 4
# The first part of a compound given name, written apart or joined to the next word: "عبد الرحمن" and
# "عبدالرحمن", "عبد ربه" and "عبدربه" are one word of a name (outlets write both in one story).
COMPOUND_HEAD = "عبد"


@dataclass(frozen=True)
class Lexicon:
    """The name rules read from data files: synonyms, optional head words, distinct pairs, particles, roles."""

    synonyms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    optional: frozenset[str]
    distinct: frozenset[frozenset[str]]
    particles: frozenset[str]
    roles: frozenset[tuple[str, ...]]
    edges: frozenset[str] = frozenset()  # normalized words never at a name's edge (data/name_edge_words.txt)


def name_words(text: str) -> tuple[str, ...]:
    """Return the core forms of the words of a name, "عبد" joined to the word after it (عبد الله = عبدالله)."""
    words = [arabic.normalize(t) for t in arabic.tokens(text)]
    out: list[str] = []
    i = 0
    while i < len(words):
        joined = words[i] == COMPOUND_HEAD and i + 1 < len(words)
        out.append(core(words[i] + words[i + 1] if joined else words[i]))
        i += 1 + joined
    return tuple(out)


def _read_data(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of a bundled data file, stripped."""
    return [line.strip() for line in content_lines(read_text(name))]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read data/org_synonyms.txt and data/roles.txt into a Lexicon."""
    synonyms: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    optional: set[str] = set()
    distinct: set[frozenset[str]] = set()
    particles: set[str] = set()
    for line in _read_data("org_synonyms.txt"):
        kind, _, value = line.partition("\t")
        phrases = [name_words(p) for p in value.split("|") if name_words(p)]
        if kind == "synonyms":
            synonyms += [(p, phrases[0]) for p in phrases[1:] if p != phrases[0]]
        elif kind == "optional":
            optional.update(w for p in phrases for w in p)
        elif kind == "distinct":
            distinct.add(frozenset(w for p in phrases for w in p))
        elif kind == "particle":
            particles.update(w for p in phrases for w in p)
        else:
            raise ValueError(f"org_synonyms.txt: unknown rule kind {kind!r} in {line!r}")
    # Longer phrases first, so "الولايات المتحدة الامريكية" is replaced before "الولايات المتحدة".
    synonyms.sort(key=lambda rule: -len(rule[0]))
    roles = frozenset(tuple(arabic.normalize(w) for w in arabic.tokens(line)) for line in _read_data("roles.txt"))
    edges = frozenset(arabic.normalize(w) for w in _read_data("name_edge_words.txt"))
    return Lexicon(tuple(synonyms), frozenset(optional), frozenset(distinct), frozenset(particles), roles, edges)


def trim_mention(body: str, mention: Span, lexicon: Lexicon | None = None) -> Span | None:
    """Return a mention without the edge words a tagger took in (أمامه زيلينسكي → زيلينسكي); None if nothing is left."""
    edges = (lexicon or load_lexicon()).edges
    text = body[mention.start : mention.end]
    outer = text.split()
    if not outer or (not _is_edge(outer[0], edges) and not _is_edge(outer[-1], edges)):
        return mention  # the common case, checked without tokenizing
    spans = arabic.token_spans(text)
    words = [arabic.normalize(text[s:e]) for s, e in spans]
    first, last = 0, len(spans)
    while first < last and words[first] in edges:
        first += 1
    while last > first and words[last - 1] in edges:
        last -= 1
    if first == last:
        return None
    if (first, last) == (0, len(spans)):
        return mention
    return mention._replace(start=mention.start + spans[first][0], end=mention.start + spans[last - 1][1])


@lru_cache(maxsize=WORDS)
def _is_edge(word: str, edges: frozenset[str]) -> bool:
    """Return True when a word as written is one of the edge words (names' first and last words repeat)."""
    return arabic.normalize(word) in edges


def name_key(text: str, type: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """Return the word tuple a name is compared by: core words, and for non-persons synonyms and heads applied."""
    if lexicon is None or lexicon is load_lexicon():
        return _default_name_key(text, type)
    return _name_key(text, type, lexicon)


# Names repeat across a story's pairwise comparisons (~290k calls, few distinct names per story).
@lru_cache(maxsize=WORDS)
def _default_name_key(text: str, type: str) -> tuple[str, ...]:
    """Return `name_key` under the bundled lexicon (cached)."""
    return _name_key(text, type, load_lexicon())


def _name_key(text: str, type: str, lex: Lexicon) -> tuple[str, ...]:
    """Return `name_key` under a given lexicon."""
    words = name_words(text)
    if type == PERSON:
        return words
    for phrase, canonical in lex.synonyms:
        words = _replace(words, phrase, canonical)
    kept = tuple(w for w in words if w not in lex.optional)
    return kept or words


def _replace(words: tuple[str, ...], phrase: tuple[str, ...], canonical: tuple[str, ...]) -> tuple[str, ...]:
    """Replace every occurrence of `phrase` in `words` by `canonical`."""
    n = len(phrase)
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i : i + n] == phrase:
            out += canonical
            i += n
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


def words_match(a: str, b: str, lexicon: Lexicon | None = None) -> bool:
    """Return True when two core words are one name: equal, or one long vowel, doubled letter or swap apart."""
    if a == b:
        return True
    lex = lexicon or load_lexicon()
    short, long = sorted((a, b), key=len)
    if len(short) < MIN_FUZZY or frozenset((a, b)) in lex.distinct:
        return False
    if len(long) == len(short) + 1:
        for i in range(1, len(long)):
            if long[:i] + long[i + 1 :] != short:
                continue
            letter = long[i]
            if letter in LONG_VOWELS or letter == long[i - 1] or long[i + 1 : i + 2] == letter:
                return True
        return False
    if len(long) == len(short):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    return False


def full_match(a: tuple[str, ...], b: tuple[str, ...], lex: Lexicon) -> bool:
    """Return True when two name keys have the same length and match word for word."""
    return len(a) == len(b) and all(words_match(x, y, lex) for x, y in zip(a, b, strict=True))


def partial_match(short: tuple[str, ...], long: tuple[str, ...], lex: Lexicon) -> bool:
    """Return True when a person's shorter name is the end of the longer one, or its first and last words."""
    if not len(short) < len(long) or all(w in lex.particles for w in short):
        return False
    if full_match(short, long[-len(short) :], lex):
        return True
    # "دونالد ترامب" for "دونالد جون ترامب": first and last words kept, middle names a subsequence.
    if len(short) < 2 or not (words_match(short[0], long[0], lex) and words_match(short[-1], long[-1], lex)):
        return False
    rest = iter(long[1:-1])
    return all(any(words_match(w, x, lex) for x in rest) for w in short[1:-1])


def same_entity(a: str, b: str, type: str) -> bool:
    """Return True when two names of one type can name one entity by spelling alone.

    True for spelling variants word for word, and for persons also when one name is the end of the
    other ("بوتين" / "فلاديمير بوتين"). canonicalize adds what one pair cannot show: a partial name
    shared by two different full names in a batch is only merged by context.
    """
    lex = load_lexicon()
    ka, kb = name_key(a, type, lex), name_key(b, type, lex)
    if not ka or not kb:
        return False
    if full_match(ka, kb, lex):
        return True
    return type == PERSON and (partial_match(ka, kb, lex) or partial_match(kb, ka, lex))


