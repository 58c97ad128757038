"""Story-level repair of tagged mentions, before entities are merged: what one sentence cannot show.

The tagger reads one sentence at a time. Across a story's articles more is known: a speaker phrase
names a person or institution the tagger skipped, an institution was run together with the name
after it, a name tagged in one place stands untagged in another. Every repaired mention is still a
span of its article's body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import accumulate

from marsad import arabic
from marsad.doc import Doc
from marsad.ner.features import Lexicon, default_lexicon, key, phrase_key
from marsad.ner.tagger import name_candidates, name_index, name_starts
from marsad.quotes.speakers import speaker_head
from marsad.types import ENTITY_TYPES, PERSON, EntityType, Span

# The type of an entity made from a speaker phrase the tagger missed, unless the gazetteer knows the name.
SPEAKER_MENTION_TYPES: dict[str, EntityType] = {"name": "PER", "institution": "ORG"}
_TYPES: dict[str, EntityType] = {t: t for t in ENTITY_TYPES}
# Words that are no part of a name the tagger missed: a preposition and the article attached.
_NOT_NAME_PREFIXES = ("بال", "لل", "كال")
_MARK_BEFORE_RE = re.compile(r"[\"«“„‟‘']\s*$")


def _plain_name(text: str, lexicon: Lexicon) -> bool:
    """Return True when a speaker phrase the tagger skipped still reads as a person's name.

    Two or more words (or one the gazetteer knows), the first not definite (a family name may be:
    نبيل الحداد), none with a preposition and article attached (للكلية) or used mostly outside names
    in the tagger's training text (عدد، تقارير، ردا). Checked by hand on 150 SaudiNewsNet articles:
    looser rules turned "مصادر مطلعة" and "تمنياته لأبنائه" into people.
    """
    words = arabic.normalize(text).split()
    if not words or words[0].startswith(("ال", "وال")):
        return False
    if any(w.startswith(_NOT_NAME_PREFIXES) or lexicon.is_common(key(w)) for w in words):
        return False
    if words[0][0] in "لب" and lexicon.is_common(key(words[0][1:])):
        return False  # a preposition on a common word: لكرة القدم، لمكافحة الأمراض
    return len(words) > 1 or lexicon.has_word(words[0])


def speaker_mentions(doc: Doc, mentions: Sequence[Span], types: Mapping[str, EntityType] | None = None) -> list[Span]:
    """Return mentions for the speakers the tagger missed: speaker phrases that name a person or an institution.

    The type is the one the tagger gave the same name elsewhere (`types`: phrase key → type), else
    the gazetteer's, else PER for a name and ORG for an institution.
    """
    lexicon = default_lexicon()
    types = types or {}
    taken = [(m.start, m.end) for m in mentions]
    out: dict[tuple[int, int], Span] = {}
    for q in doc.quotes or ():
        if q.speaker is None or any(s < q.speaker.end and q.speaker.start < e for s, e in taken):
            continue
        head = speaker_head(doc.body, q)
        if head is None or head.kind not in SPEAKER_MENTION_TYPES:
            continue
        start, end = head.span.start, head.span.end
        text = doc.body[start:end]
        tagged = types.get(phrase_key(text))
        if not tagged and head.kind == "name" and not (q.role and _plain_name(text, lexicon)):
            continue  # a name the tagger missed counts only after a role word: "قال الوزير فلان"
        if not tagged and head.kind == "institution" and q.role and not _MARK_BEFORE_RE.search(doc.body[:start]):
            continue  # after an institution word, only a quoted name is the institution's: وكالة "…"
        known = lexicon.gazetteer_types(phrase_key(text))
        kind = tagged or (_TYPES.get(known[0]) if len(known) == 1 else None) or SPEAKER_MENTION_TYPES[head.kind]
        out[(start, end)] = Span(doc.id, start, end, kind)
    return list(out.values())


def split_glued(doc: Doc, mentions: Sequence[Span], people: frozenset[str]) -> list[Span]:
    """Split a non-person mention that ends in a person's full name seen in the story ("الكرملين دميتري بيسكوف").

    `people` holds the normalized texts of the story's multi-word person mentions; the tagger
    sometimes runs an institution and the name after it into one mention.
    """
    out: list[Span] = []
    for m in mentions:
        text = doc.text(m)
        spans = arabic.token_spans(text) if m.label != PERSON and text.count(" ") >= 2 else []
        words = [arabic.normalize(text[s:e]) for s, e in spans]
        cut = next((k for k in range(1, len(words) - 1) if " ".join(words[k:]) in people), None)
        if cut is None:
            out.append(m)
            continue
        out.append(m._replace(end=m.start + spans[cut - 1][1]))
        out.append(Span(m.article, m.start + spans[cut][0], m.end, PERSON))
    return out


def propagate(docs: Sequence[Doc], mentions: Mapping[str, Sequence[Span]]) -> dict[str, list[Span]]:
    """Tag a story's names where the tagger left them untagged: the same words, or a person's family name alone.

    A name (its normalized words) tagged PER, LOC or ORG somewhere in the story is tagged wherever
    else it stands, also with a proclitic و/ف/ب/ل/ك attached; a multi-word person's last word stands
    for the person when it is at least MIN_SURNAME letters and not a word the tagger's training text
    used mostly outside names. A name tagged with two types, or a family name shared by two people
    of the story, is left as the tagger had it.
    """
    by_first = name_index(((tuple(arabic.normalize(d.text(m)).split()), m.label)
                           for d in docs for m in mentions.get(d.id, ())), default_lexicon())
    return {d.id: [*mentions.get(d.id, ()), *_untagged(d, mentions.get(d.id, ()), by_first)] for d in docs}


def _untagged(doc: Doc, tagged: Sequence[Span],
              by_first: Mapping[str, Sequence[tuple[tuple[str, ...], str]]]) -> list[Span]:
    """Return mentions for occurrences of names (by first word: the rest of the words, type) outside tagged mentions."""
    if not by_first:
        return []
    starts, ends, words = doc.tokens
    covered = sorted((m.start, m.end) for m in tagged)
    covered_starts = [s for s, _ in covered]
    reach = list(accumulate((e for _, e in covered), max))  # the furthest end among the first k spans
    out: list[Span] = []
    resume = 0  # the token after the last name found
    forms = name_starts(by_first)
    for i in [k for k, w in enumerate(words) if w in forms]:
        if i < resume:
            continue
        cut, candidates = name_candidates(by_first, words[i])
        for rest, kind in candidates:
            last = i + len(rest)
            if rest and tuple(words[i + 1 : last + 1]) != rest:
                continue
            start, end = starts[i] + cut, ends[last]
            k = bisect_left(covered_starts, end)  # the tagged spans starting before this name ends
            if not k or reach[k - 1] <= start:
                out.append(Span(doc.id, start, end, _TYPES[kind]))
            resume = last + 1
            break
    return out


def repair(docs: Sequence[Doc]) -> dict[str, list[Span]]:
    """Return each member's mentions repaired across the story: glued names split, speakers and untagged names added."""
    people = frozenset(arabic.normalize(text) for d in docs for m in d.mentions or ()
                       if m.label == PERSON and " " in (text := d.text(m)).strip())
    split = {d.id: split_glued(d, d.mentions or (), people) for d in docs}
    by_id = {d.id: d for d in docs}
    tagged = Counter((phrase_key(by_id[aid].text(m)), _TYPES[m.label]) for aid, ms in split.items() for m in ms)
    types = {k: kind for (k, kind), _ in sorted(tagged.items(), key=lambda kv: kv[1])}  # most frequent wins
    with_speakers = {d.id: [*split[d.id], *speaker_mentions(d, split[d.id], types)] for d in docs}
    return propagate(docs, with_speakers)
