"""Entities of a story: its mentions merged into one entity per person, place or organisation, across spellings.

Within a batch (a story or any set of articles), names of one type that match word for word
(marsad.entities.names) form one entity; organisation and place names match after the synonyms and
optional head words of data/org_synonyms.txt. A person's partial name ("بوتين", "بن سلمان") joins
the full name it ends with when only one such full name is in the batch; when several are, each
mention is decided by context: the role stated next to it (marsad.entities.roles), else the one full
name that appears in the same article; otherwise it stays an entity of its own.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marsad import arabic
from marsad.arabic import skeleton
from marsad.doc import Doc
from marsad.entities.names import Lexicon, full_match, load_lexicon, name_key, partial_match, trim_mention
from marsad.entities.roles import stated_role
from marsad.types import PERSON, Entity, EntityType, Span
from marsad.unionfind import DisjointSets

Key = tuple[EntityType, tuple[str, ...]]  # (type, core words of the name)


@dataclass(frozen=True)
class _Named:
    """A mention with its text, its name key and the role stated next to it."""

    key: Key
    mention: Span
    text: str
    role: str | None


def canonicalize(docs: Sequence[Doc], mentions: Mapping[str, Sequence[Span]]) -> list[Entity]:
    """Merge the mentions of a batch (article id → its mentions) into entities, most mentioned first."""
    lex = load_lexicon()
    by_id = {d.id: d for d in docs}
    order = {d.id: i for i, d in enumerate(docs)}
    named: list[_Named] = []
    for article_id in sorted(mentions, key=lambda a: order.get(a, len(order))):
        doc = by_id.get(article_id)
        if doc is None:
            raise ValueError(f"mentions given for unknown article {article_id!r}")
        named.extend(_named(doc, mentions[article_id], lex))
    sets = _merge_full(sorted({n.key for n in named}), lex)
    groups: dict[Key, list[_Named]] = defaultdict(list)
    for n, root in zip(named, _resolve_partials(named, sets, lex), strict=True):
        groups[root].append(n)
    entities = [_entity(members, order) for members in groups.values()]
    return sorted(entities, key=lambda e: (-len(e.mentions), e.type, e.name, e.id))


def _named(doc: Doc, mentions: Sequence[Span], lex: Lexicon) -> list[_Named]:
    """Return one article's mentions with their texts, name keys and stated roles (edge words trimmed)."""
    out = []
    floor = 0
    for given in sorted(mentions, key=lambda m: (m.start, m.end)):
        if given.article != doc.id or not 0 <= given.start < given.end <= len(doc.body):
            raise ValueError(f"mention {given} is no span of article {doc.id!r}")
        m = trim_mention(doc.body, given, lex)
        if m is None:
            continue
        text = doc.text(m)
        kind: EntityType = m.label  # type: ignore[assignment]  # a mention's label is its entity type
        words = name_key(text, kind, lex)
        if words:
            role = stated_role(doc, m, lex, floor) if kind == PERSON else None
            named = doc.text(role) if role else None
            out.append(_Named((kind, words), m, text, named or None))
        if kind == PERSON:
            floor = max(floor, m.end)
    return out


def _merge_full(keys: Sequence[Key], lex: Lexicon) -> DisjointSets[Key]:
    """Union the keys of one type that match word for word, comparing only keys in one skeleton block."""
    sets: DisjointSets[Key] = DisjointSets()
    blocks: dict[tuple[str, int, str], list[Key]] = defaultdict(list)
    for key in keys:
        blocks[(key[0], len(key[1]), skeleton(key[1][-1]))].append(key)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if full_match(a[1], b[1], lex):
                    sets.union(a, b)
    return sets


def _resolve_partials(named: Sequence[_Named], sets: DisjointSets[Key], lex: Lexicon) -> list[Key]:
    """Return each mention's group root, joining persons' partial names to the full names they end."""
    candidates = _partial_candidates(sorted({n.key for n in named}), sets, lex)
    before = [sets.find(n.key) for n in named]
    for root, cs in sorted(candidates.items()):
        if len(cs) == 1:
            sets.union(root, next(iter(cs)))
    group = [sets.find(n.key) for n in named]
    roles: dict[Key, set[str]] = defaultdict(set)
    seen_in: dict[Key, set[str]] = defaultdict(set)
    for n, root in zip(named, group, strict=True):
        seen_in[root].add(n.mention.article)
        if n.role:
            roles[root].add(arabic.normalize(n.role))
    for i, n in enumerate(named):
        cs = candidates.get(before[i], set())
        if len(cs) < 2:
            continue
        # Several full names end with this partial one: the stated role, else the article, decides.
        roots = sorted({sets.find(c) for c in cs})
        by_role = [r for r in roots if n.role and arabic.normalize(n.role) in roles[r]]
        by_article = [r for r in roots if n.mention.article in seen_in[r]]
        if len(by_role) == 1:
            group[i] = by_role[0]
        elif len(by_article) == 1:
            group[i] = by_article[0]
    return group


def _partial_candidates(keys: Sequence[Key], sets: DisjointSets[Key], lex: Lexicon) -> dict[Key, set[Key]]:
    """Return, for the root of each person group, the roots of the groups holding a longer name its names end."""
    by_last: dict[str, list[Key]] = defaultdict(list)
    for key in keys:
        if key[0] == PERSON:
            by_last[skeleton(key[1][-1])].append(key)
    found: dict[Key, set[Key]] = defaultdict(set)
    for key in keys:
        for other in by_last[skeleton(key[1][-1])] if key[0] == PERSON else ():
            if sets.find(other) != sets.find(key) and partial_match(key[1], other[1], lex):
                found[sets.find(key)].add(sets.find(other))
    # A candidate that is itself the partial name of another candidate is the same chain: keep the longest.
    return {root: {c for c in cs if not found.get(c, set()) & cs} for root, cs in found.items()}


def _entity(members: Sequence[_Named], order: Mapping[str, int]) -> Entity:
    """Build one Entity from its mentions: display name, variants, articles, roles and a stable id."""
    ordered = sorted(members, key=lambda n: (order.get(n.mention.article, len(order)), n.mention.start))
    counts = Counter(arabic.visible(n.text) for n in ordered)
    kind = ordered[0].key[0]
    optional = load_lexicon().optional if kind != PERSON else frozenset()
    words = {t: arabic.tokens(t) for t in counts}
    # The fullest name, a leading optional head word not counted ("مدينة إسطنبول" is no fuller than
    # "إسطنبول"); then the most used, the fewer words, and the longer spelling, which keeps the article
    # a لل-prefixed mention lost (الأمم/لأمم المتحدة).
    core = {t: len(w) - (len(w) > 1 and arabic.core(w[0]) in optional) for t, w in words.items()}
    fullest = max(core.values())
    name = min((t for t in counts if core[t] == fullest), key=lambda t: (-counts[t], len(words[t]), -len(t), t))
    digest = hashlib.sha1(f"{kind}:{arabic.normalize(name)}".encode()).hexdigest()[:12]
    stated: dict[str, str] = {}
    for n in ordered:
        if n.role:
            stated.setdefault(arabic.normalize(n.role), arabic.visible(n.role))
    return Entity(
        id=f"{kind.lower()}-{digest}",
        name=name,
        type=kind,
        variants=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        articles=tuple(dict.fromkeys(n.mention.article for n in ordered)),
        roles=tuple(stated.values()),
        mentions=tuple(n.mention for n in ordered),
    )
