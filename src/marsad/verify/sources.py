"""Independent sources: which articles of a story derive from one source text, so that they count once.

Articles are one source when any of these holds (union-find, so it is transitive):
- they are near-duplicates, or a wire lineage pair (marsad.stories: translations of one wire story)
  scoring at least LINEAGE;
- they credit one agency (agencies.tsv: in the credits clean found, or credited in the first or last
  paragraph: see `_credit_re`) and are of one day (or undated): one agency story, rewritten. Undercounting is the safe
  side for a fact-checker: two outlets crediting AFP on one event the same day are not two confirmations;
- at least REWRITE_SHARE of the units of the one with fewer units are aligned with the other (and at
  least REWRITE_MIN of them): one text edited, shortened or reordered, credited or not.
A claim's independent sources are the groups among its articles, where articles of one outlet also
count once (an outlet does not corroborate itself; an article with no outlet is its own outlet).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations, pairwise

from marsad.arabic.normalize import normalize
from marsad.datafiles import rows
from marsad.doc import Doc, StoryDoc
from marsad.unionfind import DisjointSets
from marsad.verify.claims import Alignment

# Lineage pairs from this score join sources. On the dev half of the blind corroboration set, lineage
# pairs at 0.5 or more derived from one source text in 12 of 13 cases; pairs at 0.3-0.475 in 9 of 18
# (formulaic statements, such as condolences relayed by one agency, share sentences at 0.4). Re-checked after
# the lineage thresholds were re-set on the same dev half: source-pair F1 0.853 at 0.4, 0.874 at 0.5 and 0.6.
LINEAGE = 0.5
# An uncredited rewrite keeps many of its source's facts: a third of the shorter article's units, at least
# 3. On the dev half of the blind corroboration set (eval/data/verify_sources.tsv) shares of 0.33-0.5 gave
# the same groups (pair precision 0.96, recall 0.81) and a minimum of 4 lost recall; on the seeds two
# rewrites of one AFP story share 4 of the shorter one's 11 units (0.36).
REWRITE_SHARE = 0.33
REWRITE_MIN = 3


def outlet(doc: Doc) -> str:
    """Return the outlet of an article, or its id when it has none (it then stands for itself)."""
    return doc.article.outlet or doc.id


@lru_cache(maxsize=1)
def _agency_names() -> dict[str, str]:
    """Return normalized agency name → agency key (agencies.tsv)."""
    return {" ".join(normalize(name).split()): key for key, name in rows("agencies.tsv")}


@lru_cache(maxsize=1)
def _credit_re() -> re.Pattern[str]:
    """Compile the credit patterns over every agency name (normalized text).

    A name credits when it stands in brackets or quotes ("(واس)", "«رويترز»"), after the dash of a
    dateline ("الرياض - واس") or after the word agency ("وكالة الأنباء ريا نوفستي"); a name in running
    text ("الحكومة الفرنسية", "محافظة قنا") does not.
    """
    names = "|".join(sorted(map(re.escape, _agency_names()), key=len, reverse=True))
    return re.compile(rf"[(«\"“]\s*(?P<a>{names})\s*[)»\"”]|^[^.،\n]{{0,40}}?[-–ـ]\s*(?P<b>{names})(?![^\s.،)])"
                      rf"|(?:^|\s)[وبل]?(?:وكاله|وكالات)\s+(?:الانباء\s+|الصحافه\s+)?[«\"“]?\s*(?P<c>{names})(?![^\s.،)»\"”])")


def agencies(doc: Doc) -> frozenset[str]:
    """Return the agencies an article credits: in its credits, or credited in its first or last paragraph."""
    names = _agency_names()
    found = {names[k] for c in doc.article.credits if (k := " ".join(normalize(c).split())) in names}
    paragraphs = doc.paragraphs
    for para in {paragraphs[0], paragraphs[-1]} if paragraphs else ():
        text = " ".join(normalize(doc.text(para)).split())
        for m in _credit_re().finditer(text):
            found.add(names[m.group("a") or m.group("b") or m.group("c")])
    return frozenset(found)


def source_groups(story: StoryDoc, alignment: Alignment) -> tuple[tuple[str, ...], ...]:
    """Return the story's articles grouped by the source text they derive from, groups in member order."""
    docs = story.docs
    sets: DisjointSets[int] = DisjointSets()
    index = {d.id: k for k, d in enumerate(docs)}
    for group in story.near_duplicates:
        for x, y in pairwise(group):
            sets.union(index[x], index[y])
    for pair in story.lineage or ():
        if pair.score >= LINEAGE and pair.a in index and pair.b in index:
            sets.union(index[pair.a], index[pair.b])
    shared = _shared_claims(alignment)
    units = [alignment.articles.count(k) for k in range(len(docs))]
    credited = [agencies(d) for d in docs]
    for a, b in combinations(range(len(docs)), 2):
        n = shared.get((a, b), 0)
        fewer = min(units[a], units[b])
        one_day = docs[a].article.published == docs[b].article.published or None in (
            docs[a].article.published, docs[b].article.published)
        if (credited[a] & credited[b] and one_day) or (n >= REWRITE_MIN and n >= REWRITE_SHARE * fewer):
            sets.union(a, b)
    groups: dict[int, list[str]] = {}
    for k, d in enumerate(docs):
        groups.setdefault(sets.find(k), []).append(d.id)
    return tuple(tuple(g) for g in groups.values())


def _shared_claims(alignment: Alignment) -> dict[tuple[int, int], int]:
    """Return (a, b) → how many claims hold a unit of both article a and article b (a < b)."""
    out: dict[tuple[int, int], int] = {}
    for claim in alignment.claims:
        owners = sorted({alignment.articles[i] for i in claim})
        for pair in combinations(owners, 2):
            out[pair] = out.get(pair, 0) + 1
    return out


def count_sources(docs: Sequence[Doc], group_of: dict[str, int]) -> int:
    """Return how many independent sources some articles stand for: their groups, one outlet's articles as one."""
    sets: DisjointSets[str] = DisjointSets()
    for d in docs:
        sets.union(f"g{group_of[d.id]}", f"o{outlet(d)}")
    return len({sets.find(f"g{group_of[d.id]}") for d in docs})
