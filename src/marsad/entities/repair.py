"""Story-level repair of tagged mentions, before entities are merged: what one sentence cannot show.

The tagger reads one sentence at a time. Across a story's articles more is known: a speaker phrase
names a person or institution the tagger skipped, an institution was run together with the name
after it, a name tagged in one place stands untagged in another. Every repaired mention is still a
span of its article's body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from marsad import arabic
from marsad.ner.features import Lexicon, default_lexicon, key, phrase_key
from marsad.ner.tagger import CLITICS, MIN_SURNAME, name_index
from marsad.quotes.extract import Quote, speaker_head
from marsad.types import Article, Mention

# The type of an entity made from a speaker phrase the tagger missed, unless the gazetteer knows the name.
SPEAKER_MENTION_TYPES = {"name": "PER", "institution": "ORG"}
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


def speaker_mentions(
    article: Article, quotes: Sequence[Quote], mentions: Sequence[Mention], types: Mapping[str, str] | None = None
) -> list[Mention]:
    """Return mentions for the speakers the tagger missed: speaker phrases that name a person or an institution.

    The type is the one the tagger gave the same name elsewhere (`types`: phrase key → type), else
    the gazetteer's, else PER for a name and ORG for an institution.
    """
    lexicon = default_lexicon()
    types = types or {}
    taken = [(m.start, m.end) for m in mentions]
    out: dict[tuple[int, int], Mention] = {}
    for q in quotes:
        if q.speaker_start is None or q.speaker_end is None or q.speaker_name is None:
            continue
        if any(s < q.speaker_end and q.speaker_start < e for s, e in taken):
            continue
        head = speaker_head(q)
        if head is None or head.kind not in SPEAKER_MENTION_TYPES:
            continue
        start, end = head.start, head.end
        text = article.body[start:end]
        tagged = types.get(phrase_key(text))
        if not tagged and head.kind == "name" and not (q.role and _plain_name(text, lexicon)):
            continue  # a name the tagger missed counts only after a role word: "قال الوزير فلان"
        if not tagged and head.kind == "institution" and q.role and not _MARK_BEFORE_RE.search(article.body[:start]):
            continue  # after an institution word, only a quoted name is the institution's: وكالة "…"
        known = lexicon.gazetteer_types(phrase_key(text))
        kind_type = tagged or (known[0] if len(known) == 1 else SPEAKER_MENTION_TYPES[head.kind])
        out[(start, end)] = Mention(article.id, start, end, text, kind_type)
    return list(out.values())


def split_glued(mentions: Sequence[Mention], people: frozenset[str]) -> list[Mention]:
    """Split a non-person mention that ends in a person's full name seen in the story ("الكرملين دميتري بيسكوف").

    `people` holds the normalized texts of the story's multi-word person mentions; the tagger
    sometimes runs an institution and the name after it into one mention.
    """
    out: list[Mention] = []
    for m in mentions:
        spans = arabic.token_spans(m.text) if m.type != "PER" and m.text.count(" ") >= 2 else []
        words = [arabic.normalize(m.text[s.start : s.end]) for s in spans]
        cut = next((k for k in range(1, len(words) - 1) if " ".join(words[k:]) in people), None)
        if cut is None:
            out.append(m)
            continue
        head_end, tail_start = spans[cut - 1].end, spans[cut].start
        out.append(Mention(m.article, m.start, m.start + head_end, m.text[:head_end], m.type))
        out.append(Mention(m.article, m.start + tail_start, m.end, m.text[tail_start:], "PER"))
    return out


def propagate(articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]) -> dict[str, list[Mention]]:
    """Tag a story's names where the tagger left them untagged: the same words, or a person's family name alone.

    A name (its normalized words) tagged PER, LOC or ORG somewhere in the story is tagged wherever
    else it stands, also with a proclitic و/ف/ب/ل/ك attached; a multi-word person's last word stands
    for the person when it is at least MIN_SURNAME letters and not a word the tagger's training text
    used mostly outside names. A name tagged with two types, or a family name shared by two people
    of the story, is left as the tagger had it.
    """
    by_first = name_index(((tuple(arabic.normalize(m.text).split()), m.type)
                           for a in articles for m in mentions.get(a.id, ())), default_lexicon())
    return {a.id: [*mentions.get(a.id, ()), *_untagged(a, mentions.get(a.id, ()), by_first)] for a in articles}


def _untagged(article: Article, tagged: Sequence[Mention],
              by_first: Mapping[str, Sequence[tuple[tuple[str, ...], str]]]) -> list[Mention]:
    """Return mentions for occurrences of names (by first word: the rest of the words, type) outside tagged mentions."""
    if not by_first:
        return []
    body = article.body
    starts, ends, words = arabic.body_tokens(body)
    covered = [(m.start, m.end) for m in tagged]
    out: list[Mention] = []
    get = by_first.get
    resume = 0  # the token after the last name found
    for i, first in enumerate(words):
        if i < resume:
            continue
        cut, candidates = 0, get(first)
        if candidates is None and first[:1] in CLITICS and len(first) > MIN_SURNAME:
            cut, candidates = 1, get(first[1:])  # a proclitic on the name: ولبنان، بالحداد
        if candidates is None:
            continue
        for rest, kind in candidates:
            last = i + len(rest)
            if rest and tuple(words[i + 1 : last + 1]) != rest:
                continue
            start, end = starts[i] + cut, ends[last]
            if not any(s < end and start < e for s, e in covered):
                out.append(Mention(article.id, start, end, body[start:end], kind))
            resume = last + 1
            break
    return out


def repair(articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]],
           quotes: Mapping[str, Sequence[Quote]]) -> dict[str, list[Mention]]:
    """Return each article's mentions repaired across the story: glued names split, speakers and untagged names added."""
    people = frozenset(arabic.normalize(m.text) for a in articles for m in mentions.get(a.id, ())
                       if m.type == "PER" and " " in m.text.strip())
    split = {a.id: split_glued(mentions.get(a.id, ()), people) for a in articles}
    tagged = Counter((phrase_key(m.text), m.type) for ms in split.values() for m in ms)
    types = {k: kind for (k, kind), _ in sorted(tagged.items(), key=lambda kv: kv[1])}  # most frequent wins
    with_speakers = {a.id: [*split[a.id], *speaker_mentions(a, quotes.get(a.id, ()), split[a.id], types)]
                     for a in articles}
    return propagate(articles, with_speakers)
