"""Entity canonicalization: merge named-entity mentions that name the same person, place or organisation.

Names are compared word by word on a *core* form (arabic.normalize, a leading ال removed, ج folded
into غ for the /g/ of foreign names). Two words match when their cores are equal, or, for words of
at least MIN_FUZZY letters, when one long vowel (ا/و/ي) is inserted or dropped (ترامب/ترمب), one
letter is doubled, or two neighbouring letters are swapped (زيلينسكي/زيلينكسي). Candidates are
found through a skeleton key of a name's last word (no inner long vowels, no doubled letters,
letters sorted), then verified with those rules.

Within a batch, names of one type that match word for word form one entity (organisation and place
names after the synonyms and optional head words of data/org_synonyms.txt). A person's partial name
("بوتين", "بن سلمان") joins the full name it ends with when only one such full name is in the batch;
when several are, each mention is decided by context: the role stated next to it (data/roles.txt),
else the one full name that appears in the same article; otherwise it stays an entity of its own.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad import arabic
from marsad.arabic import LONG_VOWELS, STOPWORDS, core, skeleton
from marsad.datafiles import content_lines, read_text
from marsad.types import Article, Mention
from marsad.unionfind import DisjointSets

PERSON = "PER"
# Words shorter than this only match exactly: three- and some four-letter Arabic given names one long
# vowel apart are different names (سعد/سعيد، حسن/حسين، عمر/عامر); the shortest transliteration
# variants in the examples and the seeds are four letters (ترمب، بوتن).
MIN_FUZZY = 4
# Words a stated role may span: "المتحدث باسم وزارة الخارجية الروسية" is six, the longest role before
# a name in the seed articles; a longer role after a name is cut there (measured on the seeds and on
# hand-written news sentences).
ROLE_WINDOW = 6
# An apposition after a name runs to the next comma and may be longer: "رئيس قسم أميركا الشمالية في
# وزارة الخارجية الروسية" (eight words) is the longest in the seed articles.
ROLE_AFTER_WINDOW = 8
_GAP_RE = re.compile(r"^\s*$")
_APPOSITION_RE = re.compile(r"^\s*[,،]\s*$")
_CLITICS = "وف"


@dataclass(frozen=True)
class Entity:
    """One real-world entity of a batch: its display name, type, spellings with counts, articles and roles."""

    id: str
    name: str
    type: str
    variants: tuple[tuple[str, int], ...]
    articles: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Lexicon:
    """The name rules read from data files: synonyms, optional head words, distinct pairs, particles, roles."""

    synonyms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    optional: frozenset[str]
    distinct: frozenset[frozenset[str]]
    particles: frozenset[str]
    roles: frozenset[tuple[str, ...]]
    edges: frozenset[str] = frozenset()  # normalized words never at a name's edge (data/name_edge_words.txt)


def _words(text: str) -> tuple[str, ...]:
    """Return the core forms of the words of a name."""
    return tuple(core(t) for t in arabic.tokens(text))


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
        phrases = [_words(p) for p in value.split("|") if _words(p)]
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


def trim_mention(mention: Mention, lexicon: Lexicon | None = None) -> Mention | None:
    """Return a mention without the edge words a tagger took in (أمامه زيلينسكي → زيلينسكي); None if nothing is left."""
    edges = (lexicon or load_lexicon()).edges
    outer = mention.text.split()
    if not outer or (arabic.normalize(outer[0]) not in edges and arabic.normalize(outer[-1]) not in edges):
        return mention  # the common case, checked without tokenizing
    spans = arabic.token_spans(mention.text)
    words = [arabic.normalize(mention.text[s.start : s.end]) for s in spans]
    first, last = 0, len(spans)
    while first < last and words[first] in edges:
        first += 1
    while last > first and words[last - 1] in edges:
        last -= 1
    if first == last:
        return None
    if (first, last) == (0, len(spans)):
        return mention
    start, end = mention.start + spans[first].start, mention.start + spans[last - 1].end
    return Mention(mention.article, start, end, mention.text[spans[first].start : spans[last - 1].end], mention.type)


def name_key(text: str, type: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """Return the word tuple a name is compared by: core words, and for non-persons synonyms and heads applied."""
    if lexicon is None or lexicon is load_lexicon():
        return _default_name_key(text, type)
    return _name_key(text, type, lexicon)


# Names repeat across a story's pairwise comparisons (~290k calls, few distinct names per story).
@lru_cache(maxsize=100_000)
def _default_name_key(text: str, type: str) -> tuple[str, ...]:
    """Return `name_key` under the bundled lexicon (cached)."""
    return _name_key(text, type, load_lexicon())


def _name_key(text: str, type: str, lex: Lexicon) -> tuple[str, ...]:
    """Return `name_key` under a given lexicon."""
    words = _words(text)
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


def _full_match(a: tuple[str, ...], b: tuple[str, ...], lex: Lexicon) -> bool:
    """Return True when two name keys have the same length and match word for word."""
    return len(a) == len(b) and all(words_match(x, y, lex) for x, y in zip(a, b))


def _partial_match(short: tuple[str, ...], long: tuple[str, ...], lex: Lexicon) -> bool:
    """Return True when a person's shorter name is the end of the longer one, or its first and last words."""
    if not len(short) < len(long) or all(w in lex.particles for w in short):
        return False
    if _full_match(short, long[-len(short) :], lex):
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
    if _full_match(ka, kb, lex):
        return True
    return type == PERSON and (_partial_match(ka, kb, lex) or _partial_match(kb, ka, lex))


Key = tuple[str, tuple[str, ...]]  # (type, core words of the name)


def stated_role(article: Article, mention: Mention, lexicon: Lexicon | None = None, floor: int = 0) -> str | None:
    """Return the role the text states next to a person's mention ("المتحدث باسم الكرملين" before it, or after a comma).

    The role starts at or after `floor` (the end of the previous mention), so it never reaches across
    another name; a name with a conjunction or preposition attached ("ونظيره ... وبوتين") has no role before it.
    """
    lex = lexicon or load_lexicon()
    toks = _article_words(article.body)
    first = bisect_right(toks.starts, mention.start) - 1
    last = bisect_left(toks.starts, mention.end)
    before = None
    if first >= 0 and toks.starts[first] == mention.start:
        lo = bisect_left(toks.starts, floor)
        before = _role_before(article.body, toks, max(lo, first - ROLE_WINDOW), first, lex)
    return before if before is not None else _role_after(article.body, toks, last, lex)


@dataclass(frozen=True)
class _Tokens:
    """A body's tokens: start and end offsets and normalized words, index for index."""

    starts: list[int]
    ends: list[int]
    words: list[str]


def _article_words(body: str) -> _Tokens:
    """Return a body's tokens (cached in arabic.body_tokens: each mention of the article asks)."""
    return _Tokens(*arabic.body_tokens(body))


def _trigger_at(words: Sequence[str], i: int, lex: Lexicon) -> int:
    """Return the length of the longest role phrase starting at word i (a leading و/ف allowed), else 0."""
    best = 0
    first = words[i]
    by_first = _roles_by_first(lex.roles)
    candidates = by_first.get(first, ())
    if first[:1] in _CLITICS:
        candidates = (*candidates, *by_first.get(first[1:], ()))
    for phrase in candidates:
        n = len(phrase)
        if n > best and tuple(words[i + 1 : i + n]) == phrase[1:]:
            best = n
    return best


@lru_cache(maxsize=8)
def _roles_by_first(roles: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return the role phrases indexed by their first word (so each position checks only its candidates)."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in roles:
        out[phrase[0]].append(phrase)
    return {w: tuple(p) for w, p in out.items()}


def _role_before(body: str, toks: _Tokens, floor: int, first: int, lex: Lexicon) -> str | None:
    """Return the role phrase in words floor..first-1, if one reaches word `first` unbroken by punctuation."""
    words = toks.words
    lo = first
    while lo > floor and _GAP_RE.match(body[toks.ends[lo - 1] : toks.starts[lo]]):
        lo -= 1
    start = None
    for i in range(first - 1, lo - 1, -1):
        n = _trigger_at(words, i, lex)
        if n and start is None:
            if any(w in STOPWORDS for w in words[i + n : first]):
                return None  # "التقى الوزير مع ..." : the title belongs to someone else
            start = i
        elif n and start is not None and i + n > start:
            start = i  # a longer phrase covering the one found: "نائب الرئيس" over "الرئيس"
    if start is None:
        return None
    return body[_role_start(toks.starts[start], words[start], lex) : toks.ends[first - 1]]


def _role_after(body: str, toks: _Tokens, after: int, lex: Lexicon) -> str | None:
    """Return a role phrase in apposition after a name ("بيسكوف، المتحدث باسم الكرملين،")."""
    starts, ends, words = toks.starts, toks.ends, toks.words
    if after == 0 or after >= len(starts) or not _APPOSITION_RE.match(body[ends[after - 1] : starts[after]]):
        return None
    if not _trigger_at(words, after, lex):
        return None
    end = after
    while (end + 1 < len(starts) and end + 1 - after < ROLE_AFTER_WINDOW
           and _GAP_RE.match(body[ends[end] : starts[end + 1]])):
        end += 1
    while end > after and words[end] in STOPWORDS:
        end -= 1  # a cut phrase must not end on "في" or "من"
    return body[_role_start(starts[after], words[after], lex) : ends[end]]


def _role_start(start: int, word: str, lex: Lexicon) -> int:
    """Return where a role starts in the body: past a leading و/ف that is not part of the role word."""
    if any(p[0] == word for p in lex.roles) or word[:1] not in _CLITICS:
        return start
    return start + 1


def canonicalize(articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]) -> list[Entity]:
    """Merge the mentions of a batch (a story or any set of articles) into entities, most mentioned first."""
    lex = load_lexicon()
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    named: list[_Named] = []
    for article_id in sorted(mentions, key=lambda a: order.get(a, len(order))):
        article = by_id.get(article_id)
        if article is None:
            raise ValueError(f"mentions given for unknown article {article_id!r}")
        floor = 0
        for given in sorted(mentions[article_id], key=lambda m: (m.start, m.end)):
            if article.body[given.start : given.end] != given.text or given.article != article_id:
                raise ValueError(f"mention {given.text!r} at {given.start}:{given.end} does not match article {article_id!r}")
            m = trim_mention(given, lex)
            if m is None:
                continue
            words = name_key(m.text, m.type, lex)
            if words:
                role = stated_role(article, m, lex, floor) if m.type == PERSON else None
                named.append(_Named((m.type, words), m, role))
            if m.type == PERSON:
                floor = max(floor, m.end)
    sets = _merge_full(sorted({n.key for n in named}), lex)
    groups: dict[Key, list[_Named]] = defaultdict(list)
    for n, root in zip(named, _resolve_partials(named, sets, lex)):
        groups[root].append(n)
    entities = [_entity(members, order) for members in groups.values()]
    return sorted(entities, key=lambda e: (-len(e.mentions), e.type, e.name, e.id))


@dataclass(frozen=True)
class _Named:
    """A mention with its name key and the role stated next to it."""

    key: Key
    mention: Mention
    role: str | None


def _merge_full(keys: Sequence[Key], lex: Lexicon) -> DisjointSets[Key]:
    """Union the keys of one type that match word for word, comparing only keys in one skeleton block."""
    sets: DisjointSets[Key] = DisjointSets()
    blocks: dict[tuple[str, int, str], list[Key]] = defaultdict(list)
    for key in keys:
        blocks[(key[0], len(key[1]), skeleton(key[1][-1]))].append(key)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if _full_match(a[1], b[1], lex):
                    sets.union(a, b)
    return sets


def _resolve_partials(named: Sequence[_Named], sets: DisjointSets[Key], lex: Lexicon) -> list[Key]:
    """Return each mention's group root, joining persons' partial names to the full names they end."""
    keys = sorted({n.key for n in named})
    by_last: dict[str, list[Key]] = defaultdict(list)
    for key in keys:
        if key[0] == PERSON:
            by_last[skeleton(key[1][-1])].append(key)
    # found[root] = roots of the groups holding a longer name that this group's names are the end of
    found: dict[Key, set[Key]] = defaultdict(set)
    for key in keys:
        for other in by_last[skeleton(key[1][-1])] if key[0] == PERSON else ():
            if sets.find(other) != sets.find(key) and _partial_match(key[1], other[1], lex):
                found[sets.find(key)].add(sets.find(other))
    # A candidate that is itself the partial name of another candidate is the same chain: keep the longest.
    candidates = {root: {c for c in cs if not found.get(c, set()) & cs} for root, cs in found.items()}
    before = [sets.find(n.key) for n in named]
    for root, cs in sorted(candidates.items()):
        if len(cs) == 1:
            sets.union(root, next(iter(cs)))
    group = [sets.find(n.key) for n in named]
    roles: dict[Key, set[str]] = defaultdict(set)
    seen_in: dict[Key, set[str]] = defaultdict(set)
    for n, root in zip(named, group):
        seen_in[root].add(n.mention.article)
        if n.role:
            roles[root].add(arabic.normalize(n.role))
    for i, n in enumerate(named):
        cs = candidates.get(before[i], set())
        if len(cs) < 2:
            continue
        roots = sorted({sets.find(c) for c in cs})
        by_role = [r for r in roots if n.role and arabic.normalize(n.role) in roles[r]]
        by_article = [r for r in roots if n.mention.article in seen_in[r]]
        if len(by_role) == 1:
            group[i] = by_role[0]
        elif len(by_article) == 1:
            group[i] = by_article[0]
    return group


def _entity(members: Sequence[_Named], order: Mapping[str, int]) -> Entity:
    """Build one Entity from its mentions: display name, variants, articles, roles and a stable id."""
    ordered = sorted(members, key=lambda n: (order.get(n.mention.article, len(order)), n.mention.start))
    counts = Counter(n.mention.text for n in ordered)
    longest = max(len(arabic.tokens(t)) for t in counts)
    # Ties go to the longer spelling: it keeps the article a لل-prefixed mention lost (الأمم/أمم المتحدة).
    name = min((t for t in counts if len(arabic.tokens(t)) == longest), key=lambda t: (-counts[t], -len(t), t))
    kind = ordered[0].key[0]
    digest = hashlib.sha1(f"{kind}:{arabic.normalize(name)}".encode()).hexdigest()[:12]
    stated: dict[str, str] = {}
    for n in ordered:
        if n.role:
            stated.setdefault(arabic.normalize(n.role), n.role)
    return Entity(
        id=f"{kind.lower()}-{digest}",
        name=name,
        type=kind,
        variants=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        articles=tuple(dict.fromkeys(n.mention.article for n in ordered)),
        roles=tuple(stated.values()),
        mentions=tuple(n.mention for n in ordered),
    )
