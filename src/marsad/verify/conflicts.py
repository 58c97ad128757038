"""Conflicts: units of different outlets that state one fact with values that cannot both hold.

Precision first (a false alarm costs an analyst more than a miss), so each kind asks for strong evidence:
- number: two units of one claim sharing NUMBER_SHARED content stems besides their figures (and
  NUMBER_OVERLAP of the smaller one's), published the same day, about the same people and dates, with a figure in common
  when both give several, the figure not a moving one (a price, an index), where a figure of one noun
  ("6 فرق" / "9 فرق") in one has no agreeing figure in the other: its best match (the words before
  them sharing a stem) has a range that does not overlap after rounding and qualifiers (values.py), or
  one is said to be a rise and the other a fall of the same value; not for a running count ("ارتفع
  عدد القتلى إلى"، "حتى الآن"), nor when the units give different times of day or quote different
  names. Figures under one qualifier are compared as written ("at least 11" / "at least 13"); a figure
  restating another ("أي ما يعادل") is never a side.
- date: two units of one claim each hold one date written out (not relative) resolved to a day or a
  month, and the periods are apart (not merely the year, which the date stage may have guessed).
- title: one person (one story entity) is given a role marked past ("السابق") by one outlet, which never
  gives the unmarked role, and the same role head unmarked by most outlets the same day: a sitting
  official called "former".
- occurrence: two units of one claim nearly alike (cosine >= ALIKE_SIM) where a word stated in one
  is negated in the other after the same word ("ولم يصدر عن موسكو" / "وصدر عن موسكو").
Pairwise findings that share a value span, a kind and what they are about (the noun counted, the
person) are merged into one conflict with every side.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from marsad.arabic import consonants, normalize, term
from marsad.doc import Doc, StoryDoc
from marsad.entities.roles import stated_role
from marsad.types import Conflict, ConflictKind, ConflictSide, Span
from marsad.unionfind import DisjointSets
from marsad.verify.claims import Alignment, align_pair
from marsad.verify.sources import outlet
from marsad.verify.units import Unit
from marsad.verify.values import Quantity, clock_times, quantities
from marsad.verify.words import bare, load_words

# Content stems (numbers and the nouns they count left out) two units of one claim must share for their
# numbers to be compared: "تراجع المؤشر 3.2 في المئة" and "تراجع المؤشر 0.4 في المئة" (two indices of a
# markets round-up) share two and say nothing of one figure. Set by reading the conflicts flagged on two
# open SaudiNewsNet days (2015-07-23, 2015-08-02), none of them reserved.
NUMBER_SHARED = 4
# Units whose figures differ must share this part of the smaller one's words (figures left out): one
# text with one figure changed (a typo, "63" and "36") or reworded ("تمكنت 6 فرق من الدفاع المدني من
# السيطرة" / "تمكنت 9 فرق من الدفاع المدني من إخماد الحريق والسيطرة": 0.75). Read on six open SaudiNewsNet
# days (2015-07-23/24/27/31, 08-02/04/08): see docs/quality.md. A rise against a fall of the same value
# needs only the claim (a dev pair).
NUMBER_OVERLAP = 0.6
# Context stems two percentages must share: economic reports give many rates ("نمو 5.9 في المائة" of one
# sector, "8.3%" of another), so one shared word is too little for them (same open days).
PERCENT_CONTEXT = 2
# Units nearly alike (ALIKE_SIM), naming someone or somewhere in common, whose words (figures left out)
# are shared at this share of the smaller one are one text with its figures changed, not one template
# filled for two subjects: a dev pair gave "11 ... على الأقل ... نحو 42" against "13 ... نحو 37" in
# otherwise the same sentence about two named towns (overlap 1.0, cosine 0.86), while two months'
# figures in one template ("رفض 198 إرسالية" / "رفض 172 إرسالية") share every word of the smaller
# unit too but reach only 0.50, and two companies' results ("أوضحت الشركة ... بلغ 110 مليون ريال")
# name no one.
SAME_WORDS = 0.9
# A price or index word this many words before a figure makes it a moving one ("ارتفع سعر الذهب 0.4 بالمئة").
MOVING_WORDS = 8
MOVING_AFTER = 4  # and within this many after it ("1089.40 دولار للأوقية")
# A name in quotation marks (normalize folds «» and “” to ") of at most QUOTED_NAME_WORDS words: longer
# quoted text is speech, which outlets render in different words.
QUOTED_NAME_RE = re.compile(r'"([^"]{2,60})"')
QUOTED_NAME_WORDS = 4
# Tokens before a number whose stems tell what is counted ("عدد القتلى 20"): one must be shared.
CONTEXT_WORDS = 4
# Outlets that must give the unmarked role, and outnumber those giving it marked past, for a title conflict.
# On the seeds four outlets call the president "الرئيس الأميركي" and one "السابق"; on two open days read
# for NUMBER_SHARED, one outlet against one was shorthand ("الرئيس" for a former president).
TITLE_OUTLETS = 2
# Units nearly the same sentence (cosine): compared for negation, one word negated is then the difference
# (at 0.6 two lists, "بينها أستراليا" / "ليس بينها", were flagged on the open days read for NUMBER_SHARED);
# and figures that all differ are read as one text with its figures changed (SAME_WORDS).
ALIKE_SIM = 0.75


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
    tallied: dict[int, bool] = {}
    for (i, j), sim in alignment.pairs.items():
        di, dj = docs[alignment.articles[i]], docs[alignment.articles[j]]
        if outlet(di) == outlet(dj) or (i, j) not in same_claim:
            continue
        for k, d in ((i, di), (j, dj)):
            if k not in tallied:
                tallied[k] = _tallied(d, alignment.units[k].span)
        if not tallied[i] and not tallied[j] and _one_moment(di, dj, alignment.units[i], alignment.units[j]):
            qi = numbers.setdefault(i, quantities(di, alignment.units[i].span))
            qj = numbers.setdefault(j, quantities(dj, alignment.units[j].span))
            shared, overlap = _shared_words(alignment.units[i], alignment.units[j], qi + qj)
            if shared >= NUMBER_SHARED:
                named = _named_together(alignment.units[i], alignment.units[j])
                findings += _numbers(di, dj, i, j, qi, qj, overlap >= SAME_WORDS and sim >= ALIKE_SIM and named,
                                     overlap >= NUMBER_OVERLAP)
        findings += _dates(di, dj, i, j, alignment)
        if sim >= ALIKE_SIM:
            findings += _occurrence(di, dj, i, j, alignment)
    if len({outlet(d) for d in docs}) > TITLE_OUTLETS:
        findings += _titles(story, alignment)
    return _merge(findings, story, claim_ids)


def compare(story: StoryDoc, a: Span, b: Span) -> tuple[Conflict, ...]:
    """Return the conflicts between two spans of two members of a story, taken as two claim units."""
    return find_conflicts(story, align_pair(story, a, b), ["a", "b"])


def similarity(story: StoryDoc, a: Span, b: Span) -> float:
    """Return the cosine of two spans of a story's members, as the alignment measures units."""
    return align_pair(story, a, b).similarity(0, 1)


def _numbers(di: Doc, dj: Doc, i: int, j: int, qi: list[Quantity], qj: list[Quantity],
             one_text: bool, close: bool) -> list[_Finding]:
    """Return the number disagreements of two units.

    Quantities of one noun are paired when each is the other's best match (the most context stems
    shared, then equal values), so a list of figures ("109 مخالفات ... 189 مخالفة") pairs item by item.
    A pair disagrees when its ranges are apart, its contexts share a stem and the units are `close`
    (NUMBER_OVERLAP), or when one is a rise and the other a fall of the same value. Units that each give
    several figures, none the same, are one template filled twice unless they are `one_text` (SAME_WORDS).
    """
    out: list[_Finding] = []
    if len(qi) > 1 and len(qj) > 1 and not {a.value for a in qi} & {b.value for b in qj} and not one_text:
        return out  # several figures each and not one the same: two subjects in one template, not one fact
    ci, cj = [_context(di, q) for q in qi], [_context(dj, q) for q in qj]
    for x, a in enumerate(qi):
        if a.restated or any(b.noun == a.noun and a.meets(b) and not _turned(a, b) for b in qj):
            continue  # the other unit also gives a value that agrees: no evidence of a disagreement
        if len(parts := [b.value for b in qj if b.noun == a.noun]) > 1 and a.low <= sum(parts) <= a.high:
            continue  # the other unit breaks the figure down ("30 مسدسا" / "10 مسدسات ... 8 ... 12")
        y = _best(x, qi, qj, ci, cj)
        if y is None or _best(y, qj, qi, cj, ci) != x:
            continue
        b = qj[y]
        if b.restated or any(c.noun == b.noun and c.meets(b) and not _turned(c, b) for c in qi):
            continue  # its match agrees with another figure of this unit: they list more figures than one
        apart = close and not a.meets(b) and len(ci[x] & cj[y]) >= (PERCENT_CONTEXT if a.noun == "%" else 1) \
            and not _moving(di, a) and not _moving(dj, b)
        if (apart or (_turned(a, b) and a.value == b.value)) and not _updated(di, a) and not _updated(dj, b):
            out.append(_Finding("number", (i, j), ((di.text(a.span), a.span), (dj.text(b.span), b.span)), a.noun))
    return out


def _turned(a: Quantity, b: Quantity) -> bool:
    """Return whether one quantity is said to be a rise and the other a fall ("ارتفع 9 نقاط" / "تراجع 9 نقاط")."""
    return bool(a.direction and b.direction and a.direction != b.direction)


def _best(x: int, qa: list[Quantity], qb: list[Quantity], ca: list[frozenset[str]],
          cb: list[frozenset[str]]) -> int | None:
    """Return the quantity of qb that best matches qa[x] (same noun; most shared context, then equal value), or None.

    None also when two are equally good: an ambiguous pairing is no evidence.
    """
    scored = sorted(((len(ca[x] & cb[y]), qa[x].value == q.value, y) for y, q in enumerate(qb)
                     if q.noun == qa[x].noun), reverse=True)
    if not scored or (len(scored) > 1 and scored[0][:2] == scored[1][:2]):
        return None
    return scored[0][2]


def _one_moment(di: Doc, dj: Doc, a: Unit, b: Unit) -> bool:
    """Return whether two units can give one figure: same subject, same time, no running count.

    Not when the articles were published on different days (a count may have been updated), when a
    unit gives a time of day the other does not share (two readings of a moving price), when both
    name people or organisations and none in common (two companies' results), when both give dates
    and none in common (May's and June's output), or when both quote a short name and none in common
    (two films' takings: «جوراسيك وورلد» / “سباي”). (A unit that speaks of a tally, "حتى الآن", is left
    out before: see `_tallied`.)
    """
    if di.article.published != dj.article.published:
        return False
    ta, tb = clock_times(di, a.span), clock_times(dj, b.span)
    if (ta or tb) and ta != tb:
        return False
    for prefix in ("E:", "D:"):
        ka, kb = {k for k in a.terms if k.startswith(prefix)}, {k for k in b.terms if k.startswith(prefix)}
        if ka and kb and not ka & kb:
            return False
    na, nb = _quoted_names(di.text(a.span)), _quoted_names(dj.text(b.span))
    return not (na and nb and not na & nb)


def _quoted_names(text: str) -> set[str]:
    """Return the short quoted names of a unit (a film, a programme, a campaign), normalized."""
    return {" ".join(name.split()) for name in QUOTED_NAME_RE.findall(normalize(text))
            if len(name.split()) <= QUOTED_NAME_WORDS}


def _named_together(a: Unit, b: Unit) -> bool:
    """Return whether two units name a person, organisation or place in common."""
    return any(k.startswith("E:") for k in a.terms & b.terms)


def _shared_words(a: Unit, b: Unit, quantities: Sequence[Quantity]) -> tuple[int, float]:
    """Return how many content stems two units share and what share of the smaller unit's that is.

    Numbers, story keys and the nouns counted are left out: the words around the figures are compared.
    """
    nouns = {consonants(q.noun) for q in quantities}
    ta, tb = ({t for t in u.terms if ":" not in t and not t[:1].isdigit() and t not in nouns} for u in (a, b))
    shared = len(ta & tb)
    return shared, shared / min(len(ta), len(tb)) if ta and tb else 0.0


def _moving(doc: Doc, q: Quantity) -> bool:
    """Return whether the words around a figure make it one that moves through the day (a price, an index)."""
    lex = load_words()
    words = doc.tokens.words
    return any(lex.starts("moving", words, k)
               for k in range(max(0, q.first - MOVING_WORDS), min(len(words), q.first + MOVING_AFTER)))


def _tallied(doc: Doc, unit: Span) -> bool:
    """Return whether a unit speaks of a running or first count ("الحصيلة"، "حتى الآن")."""
    lex = load_words()
    words = doc.tokens.words
    return any(lex.starts("tally", words, k) for k in doc.token_range(unit.start, unit.end))


def _context(doc: Doc, q: Quantity) -> frozenset[str]:
    """Return the content stems of the few words before a number and its qualifier (what it is a number of)."""
    words = doc.tokens.words
    first = doc.token_range(q.span.start, q.span.end).start
    lo = max(0, first - CONTEXT_WORDS)
    return frozenset(t for w in words[lo:first] if (t := term(bare(w))) and not t[:1].isdigit())


def _updated(doc: Doc, q: Quantity) -> bool:
    """Return whether a number is a running count: "ارتفع عدد القتلى إلى 20"."""
    lex = load_words()
    words = doc.tokens.words
    lo = max(0, q.first - CONTEXT_WORDS - 2)
    to = next((k for k in range(q.first - 1, lo - 1, -1) if bare(words[k]) in ("الي", "لي")), None)
    return to is not None and any(lex.starts("update", words, k) for k in range(lo, to))


def _dates(di: Doc, dj: Doc, i: int, j: int, alignment: Alignment) -> list[_Finding]:
    """Return a date disagreement of two units of one claim: one date each (a day or a month), periods apart."""
    a = _one_date(di, alignment.units[i].span)
    b = _one_date(dj, alignment.units[j].span)
    if a is None or b is None or a[0].startswith(b[0]) or b[0].startswith(a[0]) or a[0][4:] == b[0][4:]:
        return []  # the same day, a day inside the month the other gives, or one day whose year was guessed
    return [_Finding("date", (i, j), ((a[0], a[1]), (b[0], b[1])))]


def _one_date(doc: Doc, unit: Span) -> tuple[str, Span] | None:
    """Return (value, span) of the only date of a unit resolved to a day or a month when it is written out, else None.

    A relative date ("أمس"، "الأحد") is read against a publication day that is often the day the page
    was fetched, or the print edition's: one day apart, as the blind pairs' annotators found.
    """
    inside = [d for d in doc.dates or () if d.kind == "date" and unit.start <= d.span.start < unit.end]
    if len(inside) != 1 or inside[0].granularity not in ("day", "month") or not inside[0].value:
        return None
    if inside[0].relative:
        return None
    return inside[0].value, inside[0].span._replace(label="value")


def _occurrence(di: Doc, dj: Doc, i: int, j: int, alignment: Alignment) -> list[_Finding]:
    """Return an occurrence disagreement: a word negated in one unit and stated bare in the other."""
    for (da, ua), (db, ub), order in (((di, i), (dj, j), False), ((dj, j), (di, i), True)):
        negated = _negated(da, alignment.units[ua].span)
        stated = _stated(db, alignment.units[ub].span)
        for stem, span in negated.items():
            if stem in stated and stem not in _negated(db, alignment.units[ub].span, ("negation", "maybe-negation")) \
                    and _before(da, span.start) == _before(db, stated[stem].start):
                other = stated[stem]
                sides = ((da.text(span), span), (db.text(other), other))
                return [_Finding("occurrence", (ub, ua) if order else (ua, ub), sides[::-1] if order else sides)]
    return []


def _negated(doc: Doc, unit: Span, kinds: Sequence[str] = ("negation",)) -> dict[str, Span]:
    """Return stem → span of the words of a unit right after a negation word of `kinds` ("لم يصدر": يصدر)."""
    lex = load_words()
    starts, ends, words = doc.tokens
    own = doc.token_range(unit.start, unit.end)
    out = {}
    for k in range(own.start, own.stop - 1):
        n = max(lex.starts(kind, words, k) for kind in kinds)
        if n and k + n < own.stop and (t := term(bare(words[k + n]))):
            out[t] = Span(doc.id, starts[k], ends[k + n], "value")
    return out


def _before(doc: Doc, pos: int) -> str:
    """Return the word before body position `pos` (without a leading و/ف): the two sides must say the same around it."""
    k = doc.token_range(0, pos).stop - 1
    return bare(doc.tokens.words[k]) if k >= 0 else ""


def _stated(doc: Doc, unit: Span) -> dict[str, Span]:
    """Return stem → span of every content word of a unit."""
    starts, ends, words = doc.tokens
    return {t: Span(doc.id, starts[k], ends[k], "value")
            for k in doc.token_range(unit.start, unit.end) if (t := term(bare(words[k])))}


def _titles(story: StoryDoc, alignment: Alignment) -> list[_Finding]:
    """Return title disagreements: one person's role marked past by one outlet, unmarked by another.

    An outlet that also gives the person the unmarked role is not contradicting anyone (it may name a
    former office beside the present one); a role with a "late" word (الراحل، المعزول) says more than
    the office and is left out. Outlets often drop "former" as shorthand, so the unmarked role must be
    what most outlets say, and at least TITLE_OUTLETS of them: the marked one is then the odd one out.
    """
    units = {k: [(u.span.start, u.span.end, n) for n, u in enumerate(alignment.units) if alignment.articles[n] == k]
             for k in range(len(story.docs))}
    index = {d.id: k for k, d in enumerate(story.docs)}
    out = []
    for entity in story.entities or ():
        if entity.type != "PER":
            continue
        roles = [r for m in entity.mentions if m.article in index
                 if (r := _role(story.docs[index[m.article]], m, units[index[m.article]])) is not None]
        said: dict[tuple[str, str], set[str]] = {}
        for u, head, _, state in roles:
            said.setdefault((state, head), set()).add(outlet(story.docs[alignment.articles[u]]))
        for u, head, span, state in roles:
            unmarked, past = said.get(("present", head), set()), said.get(("past", head), set())
            if state != "past" or outlet(story.docs[alignment.articles[u]]) in unmarked \
                    or len(unmarked - past) < TITLE_OUTLETS or len(unmarked - past) <= len(past):
                continue
            other = next((r for r in roles if r[3] == "present" and r[1] == head
                          and _comparable(story, alignment, u, r[0])), None)
            if other is not None:
                sides = ((story.text(span), span), (story.text(other[2]), other[2]))
                out.append(_Finding("title", (u, other[0]), sides, entity.id))
    return out


def _role(doc: Doc, mention: Span, units: list[tuple[int, int, int]]) -> tuple[int, str, Span, str] | None:
    """Return (unit, head word key, role span, "past", "late" or "present") of the role before a mention, or None."""
    role = stated_role(doc, mention)
    unit = next((n for start, end, n in units if start <= mention.start < end), None)
    if role is None or unit is None:
        return None
    words = [bare(w) for w in normalize(doc.text(role)).split()]
    lex = load_words()
    state = next((name for kind, name in (("former", "past"), ("late", "late"))
                  if any(lex.starts(kind, words, k) for k in range(len(words)))), "present")
    return unit, term(words[0]) if words else "", role._replace(label="value"), state


def _comparable(story: StoryDoc, alignment: Alignment, u: int, v: int) -> bool:
    """Return whether two units come from different outlets on one publication day (a title then cannot change)."""
    a, b = (story.docs[alignment.articles[k]] for k in (u, v))
    return outlet(a) != outlet(b) and a.article.published == b.article.published


def _merge(findings: Sequence[_Finding], story: StoryDoc, claim_ids: Sequence[str]) -> tuple[Conflict, ...]:
    """Merge pairwise findings sharing a unit and a kind into conflicts with every side, in story order."""
    sets: DisjointSets[tuple[str, str, Span]] = DisjointSets()
    for f in findings:
        sets.union((f.kind, f.about, f.sides[0][1]), (f.kind, f.about, f.sides[1][1]))
    groups: dict[tuple[str, str, Span], list[_Finding]] = {}
    for f in findings:
        groups.setdefault(sets.find((f.kind, f.about, f.sides[0][1])), []).append(f)
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
