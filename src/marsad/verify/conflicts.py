"""Conflicts: units of different outlets that state one fact with values that cannot both hold.

Precision first (a false alarm costs an analyst more than a miss), so each kind asks for strong evidence:
- number: two units of one claim sharing NUMBER_SHARED content stems besides their figures (and
  NUMBER_OVERLAP of the smaller one's), published the same day, about the same people and dates, with a figure in common
  when both give several, where a figure of one noun
  ("6 فرق" / "9 فرق") in one has no agreeing figure in the other: its best match (the words before
  them sharing a stem) has a range that does not overlap after rounding and qualifiers (values.py), or
  one is said to be a rise and the other a fall of the same value; not for a running count ("ارتفع
  عدد القتلى إلى"، "حتى الآن"), nor when the units give different times of day or quote different
  names. Figures under one qualifier are compared as written ("at least 11" / "at least 13"); a figure
  restating another ("أي ما يعادل") is never a side. A moving figure (a price, an index) is flagged
  too, its description saying so: the blind annotators counted two outlets' different readings of one
  day's price as a conflict (dev pairs), and an analyst then sees which outlet ran an older wire.
- date: two units of one claim each hold one date besides those both write out (a day or a month written
  out, or a weekday with a direction: "الأحد الماضي"), said of the same thing, and the periods are apart
  (not merely the year, which the date stage may have guessed); not when the units give different times
  of day (two readings of a price, each "the lowest since" another day).
- title: one person (one story entity) is given a role marked past ("السابق") by one outlet, which never
  gives the unmarked role, and the same role head unmarked by most outlets the same day: a sitting
  official called "former".
- place: two units of one claim about one subject, at one moment, sharing NUMBER_OVERLAP of their words, where one
  small-place head ("حي"، "شارع"، "مطار"), once in each, names a different place, and neither outlet's
  article names the other's place anywhere ("بمقره في حي الملز" / "بمقر الجمعية بحي المعذر").
- nationality: one person (one story entity) given one country by one outlet and another by another,
  each by the adjective right before the name and neither outlet giving both ("السلوفاكي" / "السلوفيني").
- occurrence: two units of one claim nearly alike (cosine >= ALIKE_SIM) where a word stated in one
  is negated in the other after the same word ("ولم يصدر عن موسكو" / "وصدر عن موسكو").
Pairwise findings that share a value span, a kind and what they are about (the noun counted, the
person) are merged into one conflict with every side.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import NamedTuple

from marsad.arabic.nationality import country_of
from marsad.arabic.normalize import normalize
from marsad.arabic.spelling import consonants
from marsad.arabic.stem import is_stopword, term
from marsad.dating.calendar import calendar_names
from marsad.doc import Doc, StoryDoc
from marsad.entities.roles import stated_role
from marsad.ner.phrases import strip
from marsad.types import Conflict, ConflictKind, ConflictSide, Entity, Span
from marsad.unionfind import DisjointSets
from marsad.verify.claims import Alignment, align_pair
from marsad.verify.sources import outlet
from marsad.verify.units import Unit
from marsad.verify.values import TOLLS, Quantity, clock_times, ordinal_words, quantities
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
# needs only the claim (a dev pair). Two units' dates are compared only at this overlap too: on a whole
# dev day two events of one association in one template ("عند التاسعة من مساء اليوم الثلاثاء" / "مساء
# الأربعاء المقبل") shared less.
NUMBER_OVERLAP = 0.6
# A toll (the dead, the injured) is told with different verbs ("توفي 9 أشخاص" / "لقي 7 أشخاص مصرعهم"),
# so two units of one claim giving one need share less of their words: a guess set on one dev pair
# (overlap 0.56) and checked on the dev compatible pairs and whole dev days (docs/quality.md).
TOLL_OVERLAP = 0.5
# Two units giving the same count of the injured (or the dead), at least this large, and the same
# event's words (SHARED_ANCHOR content stems) tell one event's toll, however differently worded: a
# count this large is no coincidence. A guess, checked on the dev pairs and whole dev days (docs/quality.md).
ANCHOR_TOLL = 10
SHARED_ANCHOR = 3
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
# Days a weekday with a direction ("الاثنين الماضي") may be from a written date it disagrees with: a
# weekday names a day within a week of publication, so a date further off is said of something else
# ("حددت ... 26 فبراير 2016 موعدا" / "بدأ الاجتماع أمس الاثنين", read on a whole dev day).
WEEKDAY_REACH = 7
# Words that leave a weekday bare (no direction: the last one or the next one is a guess from the tense):
# "يوم الاثنين"، "مساء الاثنين". Direction words (الماضي، المقبل، أمس، غدا، اليوم) are all the others.
BARE_WEEKDAY = frozenset({"يوم", "صباح", "مساء", "ظهر", "فجر", "ليله", "عصر", "ليل", "نهار"})
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
    moving: bool = False  # a figure that moves through the day (a price, an index): the readings may differ in time


def find_conflicts(story: StoryDoc, alignment: Alignment, claim_ids: Sequence[str]) -> tuple[Conflict, ...]:
    """Return the conflicts among a story's claim units (`claim_ids[i]` is the claim of unit i)."""
    docs = story.docs
    same_claim = {(i, j) for claim in alignment.claims for i, j in combinations(claim, 2)}
    findings: list[_Finding] = []
    names = _entity_words(story)
    numbers: dict[int, list[Quantity]] = {}
    tallied: dict[int, bool] = {}
    subjects: dict[int, _Subject] = {}
    words: dict[tuple[int, tuple[str, ...]], dict[str, Span]] = {}  # a unit's negated (or stated) words
    for (i, j), sim in alignment.pairs.items():
        di, dj = docs[alignment.articles[i]], docs[alignment.articles[j]]
        if outlet(di) == outlet(dj) or (i, j) not in same_claim:
            continue
        for k, d in ((i, di), (j, dj)):
            if k not in tallied:
                tallied[k] = _tallied(d, alignment.units[k].span)
                subjects[k] = _subject(d, alignment.units[k])
        ui, uj = alignment.units[i], alignment.units[j]
        subject = _one_subject(subjects[i], subjects[j], names)
        # different times of day are two readings: "أدنى سعر منذ 18 مارس" at 1001 GMT, "منذ فبراير 2010" at 0400
        same_time = subject and _one_time(di, dj, ui, uj)
        moment = same_time and _one_moment(di, dj, ui, uj)
        if moment and not tallied[i] and not tallied[j]:
            qi, qj = _quantities_of(numbers, i, di, ui), _quantities_of(numbers, j, dj, uj)
            shared, overlap = _shared_words(ui, uj, qi + qj)
            if shared >= NUMBER_SHARED:
                one_text = overlap >= SAME_WORDS and sim >= ALIKE_SIM and _named_together(ui, uj)
                findings += _numbers(di, dj, i, j, qi, qj, one_text, overlap)
        if subject and _shared_words(ui, uj, ())[1] >= NUMBER_OVERLAP:
            if same_time:
                findings += _dates(di, dj, i, j, alignment)
            if moment:
                findings += _places(di, dj, i, j, alignment)
        if sim >= ALIKE_SIM:
            findings += _occurrence(di, dj, i, j, alignment, words)
    findings += _anchored_tolls(story, alignment, numbers)
    if len({outlet(d) for d in docs}) > TITLE_OUTLETS:
        findings += _titles(story, alignment)
    findings += _nationalities(story, alignment)
    return _merge(findings, story, claim_ids)


def _anchored_tolls(story: StoryDoc, alignment: Alignment, numbers: dict[int, list[Quantity]]) -> list[_Finding]:
    """Return tolls of one event told apart, anchored by the other toll both give alike, however the units differ.

    "أدى لمقتل 27 شخصا وإصابة 227" / "راح ضحيته 26 شخصا وأصاب 227 آخرين": two units of different outlets that
    give one count of the dead and one of the injured, the same count (at least ANCHOR_TOLL) of one kind,
    and counts of the other kind that cannot both be true, with SHARED_ANCHOR words around them in
    common. Running counts ("ارتفع عدد القتلى إلى") are left out.
    """
    docs = story.docs
    tolls: dict[int, dict[str, Quantity]] = {}
    for k, unit in enumerate(alignment.units):
        doc = docs[alignment.articles[k]]
        if not any(c.isdigit() for c in doc.text(unit.span)):
            continue
        found = [q for q in _quantities_of(numbers, k, doc, unit) if q.toll and not _updated(doc, q)]
        if len(found) == len(TOLLS) and {q.toll for q in found} == set(TOLLS):
            tolls[k] = {q.toll: q for q in found}
    out: list[_Finding] = []
    for i, j in combinations(sorted(tolls), 2):
        di, dj = docs[alignment.articles[i]], docs[alignment.articles[j]]
        if outlet(di) == outlet(dj) or _shared_words(alignment.units[i], alignment.units[j], ())[0] < SHARED_ANCHOR:
            continue
        for kind, other in (TOLLS, TOLLS[::-1]):
            a, b = tolls[i][kind], tolls[j][kind]
            anchor_a, anchor_b = tolls[i][other], tolls[j][other]
            # counts of people are exact: 26 and 27 differ, unless a qualifier ("نحو"، "أكثر من") widens one
            apart = not a.meets(b) if a.qualifier or b.qualifier else a.value != b.value
            if anchor_a.value == anchor_b.value >= ANCHOR_TOLL and apart:
                sides = ((di.text(a.span), a.span), (dj.text(b.span), b.span))
                out.append(_Finding("number", (i, j), sides, a.noun))  # as `_numbers` names it: one conflict
    return out


def _quantities_of(numbers: dict[int, list[Quantity]], k: int, doc: Doc, unit: Unit) -> list[Quantity]:
    """Return the quantities of unit `k`, computed once per story (`numbers` keeps them)."""
    if k not in numbers:
        numbers[k] = quantities(doc, unit.span)
    return numbers[k]


def compare(story: StoryDoc, a: Span, b: Span) -> tuple[Conflict, ...]:
    """Return the conflicts between two spans of two members of a story, taken as two claim units."""
    return find_conflicts(story, align_pair(story, a, b), ["a", "b"])


def similarity(story: StoryDoc, a: Span, b: Span) -> float:
    """Return the cosine of two spans of a story's members, as the alignment measures units."""
    return align_pair(story, a, b).similarity(0, 1)


def _numbers(di: Doc, dj: Doc, i: int, j: int, qi: list[Quantity], qj: list[Quantity],
             one_text: bool, overlap: float) -> list[_Finding]:
    """Return the number disagreements of two units.

    Quantities of one noun are paired when each is the other's best match (the most context stems
    shared, then equal values), so a list of figures ("109 مخالفات ... 189 مخالفة") pairs item by item.
    A pair disagrees when its ranges are apart, its contexts share a stem (a toll needs none: its kind is
    its context) and the units are close (their `overlap` of words at least NUMBER_OVERLAP, TOLL_OVERLAP
    for a toll), or when one is a rise and the other a fall of the same value. Units that each give
    several figures, none the same, are one template filled twice unless they are `one_text` (SAME_WORDS).
    """
    out: list[_Finding] = []
    if len(qi) > 1 and len(qj) > 1 and not {a.value for a in qi} & {b.value for b in qj} and not one_text:
        return out  # several figures each and not one the same: two subjects in one template, not one fact
    ci, cj = [_stems_before(di, q.span.start) for q in qi], [_stems_before(dj, q.span.start) for q in qj]
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
        toll = bool(a.toll) and a.toll == b.toll
        context = 0 if toll else PERCENT_CONTEXT if a.noun == "%" else 1
        apart = overlap >= (TOLL_OVERLAP if toll else NUMBER_OVERLAP) and not a.meets(b) \
            and len(ci[x] & cj[y]) >= context
        if (apart or (_turned(a, b) and a.value == b.value)) and not _updated(di, a) and not _updated(dj, b):
            sides = ((di.text(a.span), a.span), (dj.text(b.span), b.span))
            out.append(_Finding("number", (i, j), sides, a.noun, _moving(di, a) or _moving(dj, b)))
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


def _one_time(di: Doc, dj: Doc, a: Unit, b: Unit) -> bool:
    """Return whether two units give the same times of day, or none: readings at two moments otherwise."""
    ta, tb = clock_times(di, a.span), clock_times(dj, b.span)
    return not ((ta or tb) and ta != tb)


def _one_moment(di: Doc, dj: Doc, a: Unit, b: Unit) -> bool:
    """Return whether two units of one subject and one time of day (asked before) can give one figure.

    Not when the articles were published on different days (a count may have been updated), or when both
    give dates and none in common (May's and June's output). (Two times of day are two readings of a
    moving price: `_one_time`; a unit that speaks of a tally, "حتى الآن", is left out before: `_tallied`.)
    """
    if di.article.published != dj.article.published:
        return False
    da, db = ({k for k in u.terms if k.startswith("D:")} for u in (a, b))
    return not (da and db and not da & db)


class _Subject(NamedTuple):
    """What a unit says its subject is: its entity keys (all, people's), its numbered things, its quoted names."""

    entities: frozenset[str]
    people: frozenset[str]
    ordinals: dict[str, str]
    quoted: set[str]


def _subject(doc: Doc, unit: Unit) -> _Subject:
    """Return the subject marks of a unit, read once per unit for all its pairs."""
    entities = frozenset(k for k in unit.terms if k.startswith("E:"))
    return _Subject(entities, frozenset(k for k in entities if k.startswith("E:per-")), _ordinals_of(doc, unit.span),
                    _quoted_names(doc.text(unit.span)))


def _one_subject(a: _Subject, b: _Subject, names: dict[str, frozenset[str]]) -> bool:
    """Return whether two units (their subject marks) can be about one subject.

    Not when both name people, organisations or places and none in common, or both name people and none
    in common (two companies' results, two convicts' executions in one city; an entity whose name holds
    the other's words is one in common: "جمعية البر بالأحساء" / "جمعية البر"), when they number one thing
    differently ("الدفعة الثانية" / "الدفعة الثالثة"), or when both quote a short name and none in common
    (two films' takings: «جوراسيك وورلد» / “سباي”).
    """
    for xs, ys in ((a.entities, b.entities), (a.people, b.people)):
        if xs and ys and not any(_same_entity(x, y, names) for x in xs for y in ys):
            return False
    if any(a.ordinals[w] != b.ordinals[w] for w in a.ordinals.keys() & b.ordinals.keys()):
        return False
    return not (a.quoted and b.quoted and not a.quoted & b.quoted)


def _entity_words(story: StoryDoc) -> dict[str, frozenset[str]]:
    """Return "E:" key → the content stems of every spelling of a story entity."""
    return {"E:" + e.id: frozenset(t for name, _ in e.variants for w in normalize(name).split() if (t := term(bare(w))))
            for e in story.entities or ()}


def _same_entity(x: str, y: str, names: dict[str, frozenset[str]]) -> bool:
    """Return whether two entity keys are one entity, or one's name words are all in the other's."""
    wx, wy = names.get(x, frozenset()), names.get(y, frozenset())
    return x == y or bool(wx and wy and (wx <= wy or wy <= wx))


def _ordinals_of(doc: Doc, unit: Span) -> dict[str, str]:
    """Return the stem of a content word → the ordinal after it in a unit ("الدفعة الثالثة": دفع → الثالثه)."""
    words = doc.tokens.words
    ordinals = ordinal_words()
    own = doc.token_range(unit.start, unit.end)
    return {key: words[k] for k in own if k > own.start and words[k] in ordinals and (key := term(bare(words[k - 1])))}


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


def _updated(doc: Doc, q: Quantity) -> bool:
    """Return whether a number is a running count: "ارتفع عدد القتلى إلى 20"."""
    lex = load_words()
    words = doc.tokens.words
    lo = max(0, q.first - CONTEXT_WORDS - 2)
    to = next((k for k in range(q.first - 1, lo - 1, -1) if bare(words[k]) in ("الي", "لي")), None)
    return to is not None and any(lex.starts("update", words, k) for k in range(lo, to))


def _dates(di: Doc, dj: Doc, i: int, j: int, alignment: Alignment) -> list[_Finding]:
    """Return a date disagreement of two units of one claim: one date each besides those both give, apart.

    Each unit's dates must all be understood (`_unit_dates`). Dates both give ("منذ الثاني من فبراير";
    "اليوم الأحد" / "اليوم") are left out; what remains must be one comparable date each, not the same
    period (a month and a day in it agree; a year the date stage guessed is not compared; one weekday
    named by both is one day written at different times: "الاثنين المقبل" / "أمس الاثنين"), said of the
    same thing (the words before the two dates share a stem), and a relative one only between articles
    published the same day.
    """
    a, b = _unit_dates(di, alignment.units[i].span), _unit_dates(dj, alignment.units[j].span)
    if a is None or b is None:
        return []
    both = {d.value for d in a} & {d.value for d in b}
    a, b = [d for d in a if d.value not in both], [d for d in b if d.value not in both]
    if len(a) != 1 or len(b) != 1:
        return []
    (va, wa, ga, sa), (vb, wb, gb, sb) = a[0], b[0]
    if sa is None or sb is None:
        return []
    ka, kb = (va[5:], vb[5:]) if ga or gb else (va, vb)
    if ka.startswith(kb) or kb.startswith(ka):
        return []  # the same day or a day inside the month the other gives
    if _weekdays(di, sa) & _weekdays(dj, sb) or (not (wa and wb) and ((ga and wa) or (gb and wb))):
        return []  # one weekday named by both; a weekday against a date whose year the date stage guessed
    if not _stems_before(di, sa.start) & _stems_before(dj, sb.start):
        return []  # said of different things: "عثر عليها أول أمس الأربعاء" / "يتوقع أن يتم تحليلها السبت"
    if not (wa and wb) and (di.article.published != dj.article.published or _gap(va, vb) > WEEKDAY_REACH):
        return []  # a weekday is said of a day near publication: a date months off is of something else
    return [_Finding("date", (i, j), ((va, sa), (vb, sb)))]


def _gap(a: str, b: str) -> int:
    """Return the days between two dates, each a day ("2015-07-31") or a month counted from its first day."""
    first, second = (dt.date.fromisoformat(v if len(v) == 10 else v + "-01") for v in (a, b))
    return abs((first - second).days)


class _Date(NamedTuple):
    """A date of a unit: its value, whether its day or month is written out, whether its year was guessed, its span."""

    value: str
    written: bool
    guessed: bool
    span: Span | None  # None when it cannot be compared (`_unit_dates`)


def _unit_dates(doc: Doc, unit: Span) -> list[_Date] | None:
    """Return the dates of a unit resolved to a day or a month, or None when some of its dates are not understood.

    A date that writes its day or month out is written out; its year is guessed when not written (the
    date stage picks one). A relative one is comparable only when it names a weekday with a direction
    ("الأحد الماضي"، "أمس الخميس"), which a publication day a day or two off does not move, resolved
    without a warning in an article whose text does not contradict its publication day. Left out: "أمس"،
    "اليوم" (many pages are fetched days after they were written: on two whole dev days most of the
    flags they raised came from that), a bare weekday ("الاثنين": whether the last or the next one is
    the date stage's guess from the tense), counted days ("بعد 45 يوما"). None when a month or weekday
    name of the unit is in no date found ("بين سبتمبر و يناير الماضيين": two ends of one period).
    """
    names = calendar_names()
    months = names.gregorian.keys() | names.hijri.keys()
    calendar = months | names.weekdays.keys()
    found = [d for d in doc.dates or () if d.kind == "date" and unit.start <= d.span.start < unit.end]
    starts, _, words = doc.tokens
    covered = [(d.span.start, d.span.end) for d in found]
    if any(bare(words[k]) in calendar and not any(s <= starts[k] < e for s, e in covered)
           for k in doc.token_range(unit.start, unit.end)):
        return None
    trusted = doc.inference is None or doc.inference.conflict is None
    out = []
    for d in found:
        if d.granularity not in ("day", "month") or not d.value:
            continue
        said = set(normalize(doc.text(d.span)).split())
        written = not d.relative or bool(said & months)
        directed = bool(said & names.weekdays.keys() and said - names.weekdays.keys() - BARE_WEEKDAY)
        comparable = written or (d.granularity == "day" and directed and not d.reason and trusted)
        out.append(_Date(d.value, written, d.relative, d.span._replace(label="value") if comparable else None))
    return out


def _weekdays(doc: Doc, span: Span) -> set[str]:
    """Return the weekday names written in a span, normalized."""
    return set(normalize(doc.text(span)).split()) & calendar_names().weekdays.keys()


def _stems_before(doc: Doc, start: int) -> frozenset[str]:
    """Return the content stems of the CONTEXT_WORDS words before body position `start` (what a value is of)."""
    words = doc.tokens.words
    first = doc.token_range(0, start).stop
    return frozenset(t for w in words[max(0, first - CONTEXT_WORDS):first]
                     if (t := term(bare(w))) and not t[:1].isdigit())


def _places(di: Doc, dj: Doc, i: int, j: int, alignment: Alignment) -> list[_Finding]:
    """Return place disagreements: one place head naming in each unit a place the other article never names."""
    sa, sb = _place_slots(di, alignment.units[i].span), _place_slots(dj, alignment.units[j].span)
    out = []
    for head in sa.keys() & sb.keys():
        (na, span_a), (nb, span_b) = sa[head], sb[head]
        if not _spelled_alike(na, nb) and not any(_spelled_alike(na, w) for w in _body_words(dj)) \
                and not any(_spelled_alike(nb, w) for w in _body_words(di)):
            out.append(_Finding("place", (i, j), ((di.text(span_a), span_a), (dj.text(span_b), span_b)), head))
    return out


def _place_slots(doc: Doc, unit: Span) -> dict[str, tuple[str, Span]]:
    """Return place head → (its name's first word, span of head and name) for each head found once in a unit.

    A head is a `place` word of data/claim_words.tsv, in construct and with or without a proclitic ("بحي
    الملز"); its name is the next word, with no punctuation between, when that is no stopword or number.
    """
    starts, ends, words = doc.tokens
    own = doc.token_range(unit.start, unit.end)
    heads = _place_heads()
    seen: dict[str, list[tuple[str, Span]]] = {}
    for k in own:
        word = words[k]
        head = next((word[n:] for n in range(3) if word[n:] in heads and all(c in "وفبلك" for c in word[:n])), "")
        if not head:
            continue
        name = strip(words[k + 1]) if k + 1 < own.stop and not doc.body[ends[k]:starts[k + 1]].strip() else ""
        named = bool(name) and not is_stopword(name) and not name[0].isdigit()
        seen.setdefault(head, []).append((name if named else "", Span(doc.id, starts[k], ends[k + named], "value")))
    return {head: slots[0] for head, slots in seen.items() if len(slots) == 1 and slots[0][0]}


@cache
def _place_heads() -> frozenset[str]:
    """Return the place heads of data/claim_words.tsv (kind `place`)."""
    return frozenset(load_words().phrases.get("place", {}))


def _spelled_alike(a: str, b: str) -> bool:
    """Return whether two place names may be one name spelled two ways: their consonants one edit apart at most.

    Place names are transliterated with different letters and vowels (كريتر/كراتر، شرناق/شرناخ، هونج/هونغ).
    """
    ca, cb = (consonants(w[2:] if w.startswith("ال") else w) for w in (a, b))
    if ca == cb:
        return True
    if abs(len(ca) - len(cb)) > 1 or min(len(ca), len(cb)) < 3:
        return False
    short, long = sorted((ca, cb), key=len)
    if len(short) == len(long):
        return sum(x != y for x, y in zip(short, long, strict=True)) == 1
    return any(long[:k] + long[k + 1:] == short for k in range(len(long)))


def _body_words(doc: Doc) -> frozenset[str]:
    """Return every word of an article's body without its proclitics."""
    return frozenset(strip(w) for w in doc.tokens.words)


def _occurrence(di: Doc, dj: Doc, i: int, j: int, alignment: Alignment,
                memo: dict[tuple[int, tuple[str, ...]], dict[str, Span]]) -> list[_Finding]:
    """Return an occurrence disagreement: a word negated in one unit and stated bare in the other.

    Or said to be coming in one and done in the other ("سيتم البدء" / "تم البدء"). `memo` keeps each
    unit's negated and stated words for the other pairs it is in.
    """
    def found(doc: Doc, unit: int, kinds: tuple[str, ...]) -> dict[str, Span]:
        """Return a unit's words negated by `kinds`, or all its words for no kinds, computed once."""
        if (unit, kinds) not in memo:
            span = alignment.units[unit].span
            memo[unit, kinds] = _negated(doc, span, kinds) if kinds else _stated(doc, span)
        return memo[unit, kinds]

    for (da, ua), (db, ub), order in (((di, i), (dj, j), False), ((dj, j), (di, i), True)):
        negated = found(da, ua, ("negation",))
        stated = found(db, ub, ()) if negated else {}  # most units negate nothing: their words are not needed
        for stem, span in negated.items():
            if stem in stated and stem not in found(db, ub, ("negation", "maybe-negation")) \
                    and _before(da, span.start) == _before(db, stated[stem].start):
                return [_occurred(da, db, ua, ub, span, stated[stem], order)]
        for stem, span in found(da, ua, ("future",)).items():  # "سيتم البدء" / "تم البدء"
            if stem in (done := found(db, ub, ("done",))) and _before(da, span.start) == _before(db, done[stem].start):
                return [_occurred(da, db, ua, ub, span, done[stem], order)]
    return []


def _occurred(da: Doc, db: Doc, ua: int, ub: int, span: Span, other: Span, order: bool) -> _Finding:
    """Return the occurrence finding of unit `ua`'s `span` against unit `ub`'s `other`, in the pair's order."""
    sides = ((da.text(span), span), (db.text(other), other))
    return _Finding("occurrence", (ub, ua) if order else (ua, ub), sides[::-1] if order else sides)


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
    out = []
    for entity, mentions in _people(story, alignment):
        roles = [r for doc, m, unit in mentions if (r := _role(doc, m, unit)) is not None]
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


def _nationalities(story: StoryDoc, alignment: Alignment) -> list[_Finding]:
    """Return nationality disagreements: one person given one country by one outlet and another by another.

    The nationality is the definite adjective right before the name ("المهاجم السلوفاكي فلاديمير …"),
    not after a name (in "مدرب تشيلسي الإنجليزي جوزيه …" it is the club's). Each outlet must give one
    country only and never name the other's anywhere: a dual national is described both ways ("اللاعب
    النرويجي … ذي الأصول المغربية").
    """
    out = []
    for entity, mentions in _people(story, alignment):
        said: dict[str, dict[str, tuple[int, Span]]] = {}
        named: dict[str, set[str]] = {}  # outlet → every country its articles name by an adjective
        read: set[str] = set()  # the articles whose countries are in `named`
        for doc, m, unit in mentions:
            if found := _nationality(doc, m):
                country, span = found
                said.setdefault(outlet(doc), {}).setdefault(country, (unit, span))
                if doc.id not in read:
                    read.add(doc.id)
                    named.setdefault(outlet(doc), set()).update(_countries_named(doc))
        for (x, xs), (y, ys) in combinations(sorted(said.items()), 2):
            if len(xs) == 1 and len(ys) == 1 and not xs.keys() & named[y] and not ys.keys() & named[x]:
                (u, a), (v, b) = (*xs.values(), *ys.values())
                out.append(_Finding("nationality", (u, v), ((story.text(a), a), (story.text(b), b)), entity.id))
    return out


def _nationality(doc: Doc, mention: Span) -> tuple[str, Span] | None:
    """Return (country, adjective span) of the nationality adjective right before a mention, or None."""
    starts, ends, words = doc.tokens
    k = doc.token_range(0, mention.start).stop - 1
    if k < 0:
        return None
    country = country_of(bare(words[k]))
    if country is None or any(m.start <= starts[j] < m.end for m in doc.mentions or () for j in (k - 1, k) if j >= 0):
        return None  # not a nationality, part of a name ("العربية السعودية"), or the adjective of the name before it
    return country, Span(doc.id, starts[k], ends[k], "value")


def _countries_named(doc: Doc) -> set[str]:
    """Return the countries an article names by a definite nationality adjective anywhere in its body."""
    return {c for w in {bare(w) for w in doc.tokens.words} if (c := country_of(w))}


def _people(story: StoryDoc, alignment: Alignment) -> Iterator[tuple[Entity, list[tuple[Doc, Span, int]]]]:
    """Yield each person of a story with its mentions inside claim units: (member Doc, mention, unit index)."""
    units = {k: [(u.span.start, u.span.end, n) for n, u in enumerate(alignment.units) if alignment.articles[n] == k]
             for k in range(len(story.docs))}
    index = {d.id: k for k, d in enumerate(story.docs)}
    for entity in story.entities or ():
        if entity.type != "PER":
            continue
        held = []
        for m in entity.mentions:
            k = index.get(m.article)
            unit = None if k is None else next((n for start, end, n in units[k] if start <= m.start < end), None)
            if k is not None and unit is not None:
                held.append((story.docs[k], m, unit))
        yield entity, held


def _role(doc: Doc, mention: Span, unit: int) -> tuple[int, str, Span, str] | None:
    """Return (unit, head word key, role span, "past", "late" or "present") of the role before a mention, or None."""
    role = stated_role(doc, mention)
    if role is None:
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
        label = f"{kind} (a figure that moves through the day: read at different moments?)" \
            if any(f.moving for f in members) else kind
        key = "|".join(f"{s.span.article}:{s.span.start}" for s in made)
        cid = "c" + hashlib.sha1(f"{kind}|{key}".encode()).hexdigest()[:10]
        out.append(Conflict(cid, kind, f"{label}: {values}", made, claims))
    return tuple(sorted(out, key=lambda c: (c.sides[0].span.article, c.sides[0].span.start)))
