"""Conflicts: units of different outlets that state one fact with values that cannot both hold.

Precision first (a false alarm costs an analyst more than a miss), so each kind asks for strong evidence:
- number: two similar units (cosine >= NUMBER_SIM) each count one noun once ("6 فرق" / "9 فرق"), with
  ranges that do not overlap after rounding and qualifiers (values.py), or one said to be a rise and
  the other a fall, the words before the two numbers sharing a stem; not when a running count is
  being updated ("ارتفع عدد القتلى إلى"), nor when the two give different times of day (two readings
  of a price).
- date: two units of one claim each hold one resolved day, written out (not relative), and the days differ.
- title: one person (one story entity) is given a role marked past ("السابق") in one unit and the same
  role head unmarked in another unit of the story on the same day: a sitting official called "former".
- occurrence: two units of one claim nearly alike (cosine >= OCCURRENCE_SIM) where a word stated in one
  is negated in the other ("لم يصدر" / "صدر").
Pairwise findings that share a unit, a kind and what they are about (the noun counted, the person) are
merged into one conflict with every side.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from marsad.arabic import normalize, term
from marsad.doc import Doc, StoryDoc
from marsad.entities.roles import stated_role
from marsad.types import Conflict, ConflictKind, ConflictSide, Span
from marsad.unionfind import DisjointSets
from marsad.verify.claims import ALIGN, Alignment, align_pair
from marsad.verify.sources import outlet
from marsad.verify.values import Quantity, clock_times, quantities
from marsad.verify.words import bare, load_words

# Units compared for numbers: as similar as a claim's units. Set with ALIGN on the dev pairs.
NUMBER_SIM = ALIGN
# Tokens before a number whose stems tell what is counted ("عدد القتلى 20"): one must be shared.
CONTEXT_WORDS = 4
# Units compared for negation must be nearly the same sentence: one word negated is then the difference.
OCCURRENCE_SIM = 0.6


@dataclass(frozen=True)
class _Finding:
    """One pairwise disagreement: its kind, the two units (indices) and each side's value span and text."""

    kind: ConflictKind
    units: tuple[int, int]
    sides: tuple[tuple[str, Span], tuple[str, Span]]
    about: str = ""  # what disagrees: the counted noun, the person; findings merge only when it is the same


def find_conflicts(story: StoryDoc, alignment: Alignment, claim_ids: Sequence[str]) -> tuple[Conflict, ...]:
    """Return the conflicts among a story's claim units (`claim_ids[i]` is the claim of unit i)."""
    docs = story.docs
    same_claim = {(i, j) for claim in alignment.claims for i, j in combinations(claim, 2)}
    findings: list[_Finding] = []
    numbers: dict[int, list[Quantity]] = {}
    for (i, j), sim in alignment.pairs.items():
        di, dj = docs[alignment.articles[i]], docs[alignment.articles[j]]
        if outlet(di) == outlet(dj):
            continue
        if sim >= NUMBER_SIM and not _other_moments(di, dj, alignment.units[i].span, alignment.units[j].span):
            qi = numbers.setdefault(i, quantities(di, alignment.units[i].span))
            qj = numbers.setdefault(j, quantities(dj, alignment.units[j].span))
            findings += _numbers(di, dj, i, j, qi, qj)
        if (i, j) in same_claim:
            findings += _dates(di, dj, i, j, alignment)
            if sim >= OCCURRENCE_SIM:
                findings += _occurrence(di, dj, i, j, alignment)
    findings += _titles(story, alignment)
    return _merge(findings, story, claim_ids)


def compare(story: StoryDoc, a: Span, b: Span) -> tuple[Conflict, ...]:
    """Return the conflicts between two spans of two members of a story, taken as two claim units."""
    alignment = _pair(story, a, b)
    return find_conflicts(story, alignment, ["a", "b"])


def similarity(story: StoryDoc, a: Span, b: Span) -> float:
    """Return the cosine of two spans of a story's members, as the alignment measures units."""
    return _pair(story, a, b).similarity(0, 1)


def _pair(story: StoryDoc, a: Span, b: Span) -> Alignment:
    """Return the alignment of two spans of a story's members alone."""
    return align_pair(story, a, b)


def _numbers(di: Doc, dj: Doc, i: int, j: int, qi: list[Quantity], qj: list[Quantity]) -> list[_Finding]:
    """Return the number disagreements of two units: one noun counted once in each, ranges apart."""
    out = []
    nouns_i = [q.noun for q in qi]
    nouns_j = [q.noun for q in qj]
    for a in qi:
        if nouns_i.count(a.noun) != 1 or nouns_j.count(a.noun) != 1:
            continue
        b = next(q for q in qj if q.noun == a.noun)
        turned = a.direction and b.direction and a.direction != b.direction  # "ارتفع 9 نقاط" / "تراجع 9 نقاط"
        if (a.meets(b) and not turned) or _updated(di, a) or _updated(dj, b):
            continue
        if _context(di, a) & _context(dj, b):
            out.append(_Finding("number", (i, j), ((di.text(a.span), a.span), (dj.text(b.span), b.span)), a.noun))
    return out


def _other_moments(di: Doc, dj: Doc, a: Span, b: Span) -> bool:
    """Return whether two units give different times of day: two readings of a moving figure (a price), not one."""
    ta, tb = clock_times(di, a), clock_times(dj, b)
    return bool(ta and tb and not ta & tb)


def _context(doc: Doc, q: Quantity) -> frozenset[str]:
    """Return the content stems of the few words before a number (what it is a number of)."""
    words = doc.tokens.words
    lo = max(0, q.first - CONTEXT_WORDS)
    return frozenset(t for w in words[lo:q.first] if (t := term(bare(w))))


def _updated(doc: Doc, q: Quantity) -> bool:
    """Return whether a number is a running count: "ارتفع عدد القتلى إلى 20", or a tally word near it ("حتى الآن")."""
    lex = load_words()
    words = doc.tokens.words
    lo = max(0, q.first - CONTEXT_WORDS - 2)
    if any(lex.starts("tally", words, k) for k in range(lo, min(len(words), q.first + CONTEXT_WORDS))):
        return True
    to = next((k for k in range(q.first - 1, lo - 1, -1) if bare(words[k]) in ("الي", "لي")), None)
    return to is not None and any(lex.starts("update", words, k) for k in range(lo, to))


def _dates(di: Doc, dj: Doc, i: int, j: int, alignment: Alignment) -> list[_Finding]:
    """Return a date disagreement of two units of one claim: one written-out day each, different days."""
    a = _one_day(di, alignment.units[i].span)
    b = _one_day(dj, alignment.units[j].span)
    if a is None or b is None or a[0] == b[0]:
        return []
    return [_Finding("date", (i, j), ((a[0], a[1]), (b[0], b[1])))]


def _one_day(doc: Doc, unit: Span) -> tuple[str, Span] | None:
    """Return (day, span) of the only day-resolved date of a unit when it is written out, else None."""
    inside = [d for d in doc.dates or () if d.kind == "date" and unit.start <= d.span.start < unit.end]
    if len(inside) != 1 or inside[0].granularity != "day" or inside[0].relative or not inside[0].value:
        return None
    return inside[0].value, inside[0].span._replace(label="value")


def _occurrence(di: Doc, dj: Doc, i: int, j: int, alignment: Alignment) -> list[_Finding]:
    """Return an occurrence disagreement: a word negated in one unit and stated bare in the other."""
    for (da, ua), (db, ub), order in (((di, i), (dj, j), False), ((dj, j), (di, i), True)):
        negated = _negated(da, alignment.units[ua].span)
        stated = _stated(db, alignment.units[ub].span)
        for stem, span in negated.items():
            if stem in stated and stem not in _negated(db, alignment.units[ub].span):
                other = stated[stem]
                sides = ((da.text(span), span), (db.text(other), other))
                return [_Finding("occurrence", (ub, ua) if order else (ua, ub), sides[::-1] if order else sides)]
    return []


def _negated(doc: Doc, unit: Span) -> dict[str, Span]:
    """Return stem → span of the words of a unit right after a negation word ("لم يصدر": يصدر)."""
    lex = load_words()
    starts, ends, words = doc.tokens
    own = doc.token_range(unit.start, unit.end)
    out = {}
    for k in range(own.start, own.stop - 1):
        if lex.starts("negation", words, k) == 1 and (t := term(bare(words[k + 1]))):
            out[t] = Span(doc.id, starts[k], ends[k + 1], "value")
    return out


def _stated(doc: Doc, unit: Span) -> dict[str, Span]:
    """Return stem → span of every content word of a unit."""
    starts, ends, words = doc.tokens
    return {t: Span(doc.id, starts[k], ends[k], "value")
            for k in doc.token_range(unit.start, unit.end) if (t := term(bare(words[k])))}


def _titles(story: StoryDoc, alignment: Alignment) -> list[_Finding]:
    """Return title disagreements: one person's role marked past in one unit and unmarked in another."""
    units = {k: [(u.span.start, u.span.end, n) for n, u in enumerate(alignment.units) if alignment.articles[n] == k]
             for k in range(len(story.docs))}
    index = {d.id: k for k, d in enumerate(story.docs)}
    out = []
    for entity in story.entities or ():
        if entity.type != "PER":
            continue
        roles = [r for m in entity.mentions if m.article in index
                 if (r := _role(story.docs[index[m.article]], m, units[index[m.article]])) is not None]
        for u, head, span, past in roles:
            other = next((r for r in roles if past and not r[3] and r[1] == head
                          and _comparable(story, alignment, u, r[0])), None)
            if other is not None:
                sides = ((story.text(span), span), (story.text(other[2]), other[2]))
                out.append(_Finding("title", (u, other[0]), sides, entity.id))
    return out


def _role(doc: Doc, mention: Span, units: list[tuple[int, int, int]]) -> tuple[int, str, Span, bool] | None:
    """Return (unit, head word key, role span, marked past) of the role stated before a mention in a unit, or None."""
    role = stated_role(doc, mention)
    unit = next((n for start, end, n in units if start <= mention.start < end), None)
    if role is None or unit is None:
        return None
    words = [bare(w) for w in normalize(doc.text(role)).split()]
    past = any(load_words().starts("former", words, k) for k in range(len(words)))
    return unit, term(words[0]) if words else "", role._replace(label="value"), past


def _comparable(story: StoryDoc, alignment: Alignment, u: int, v: int) -> bool:
    """Return whether two units come from different outlets on one publication day (a title then cannot change)."""
    a, b = (story.docs[alignment.articles[k]] for k in (u, v))
    return outlet(a) != outlet(b) and a.article.published == b.article.published


def _merge(findings: Sequence[_Finding], story: StoryDoc, claim_ids: Sequence[str]) -> tuple[Conflict, ...]:
    """Merge pairwise findings sharing a unit and a kind into conflicts with every side, in story order."""
    sets: DisjointSets[tuple[str, str, int]] = DisjointSets()
    for f in findings:
        sets.union((f.kind, f.about, f.units[0]), (f.kind, f.about, f.units[1]))
    groups: dict[tuple[str, str, int], list[_Finding]] = {}
    for f in findings:
        groups.setdefault(sets.find((f.kind, f.about, f.units[0])), []).append(f)
    out = []
    for members in groups.values():
        sides: dict[Span, tuple[str, int]] = {}
        for f in members:
            for (value, span), unit in zip(f.sides, f.units, strict=True):
                sides.setdefault(span, (value, unit))
        ordered = sorted(sides.items(), key=lambda s: (s[1][1], s[0].start))
        kind = members[0].kind
        made = tuple(ConflictSide(" ".join(v.split()), span, outlet(story.doc(span.article)))
                     for span, (v, _) in ordered)
        claims = tuple(dict.fromkeys(claim_ids[u] for _, (_, u) in ordered))
        values = " / ".join(dict.fromkeys(f"{s.value} ({s.outlet})" for s in made))
        key = "|".join(f"{s.span.article}:{s.span.start}" for s in made)
        cid = "c" + hashlib.sha1(f"{kind}|{key}".encode()).hexdigest()[:10]
        out.append(Conflict(cid, kind, f"{kind}: {values}", made, claims))
    return tuple(sorted(out, key=lambda c: (c.sides[0].span.article, c.sides[0].span.start)))
