"""Who and what was said in a story: entities merged across spellings, quotes linked to them, grouped."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marsad import arabic
from marsad.entities import Entity, canonicalize, same_entity
from marsad.model import Article, Mention
from marsad.ner_features import Lexicon, default_lexicon, key, phrase_key
from marsad.quote_groups import group_quotes, speaker_key
from marsad.quotes import Quote, speaker_head

# "المتحدث باسم الوزارة" speaks for the ministry: the words after باسم name the speaker (normalized view).
SPOKESPERSON_RE = re.compile(r"^(?:ال)?(?:متحدث|متحدثه|ناطق|ناطقه)(?: الرسمي| الرسميه)? باسم ")
SPEAKER_TYPES = ("PER", "ORG")
# The type of an entity made from a speaker phrase the tagger missed, unless the gazetteer knows the name.
SPEAKER_MENTION_TYPES = {"name": "PER", "institution": "ORG"}
# Words that are no part of a name the tagger missed: a preposition and the article attached.
_NOT_NAME_PREFIXES = ("بال", "لل", "كال")
_MARK_BEFORE_RE = re.compile(r"[\"«“„‟‘']\s*$")


@dataclass(frozen=True)
class AttributedQuote:
    """A quote with its id, the entity that said it (when one is named) and its cross-outlet group."""

    id: str
    quote: Quote
    speaker: str | None
    group: str


@dataclass(frozen=True)
class StoryPeople:
    """The entities and the attributed quotes of one story."""

    entities: tuple[Entity, ...]
    quotes: tuple[AttributedQuote, ...]


def quote_id(quote: Quote) -> str:
    """Return a quote's stable id from its position."""
    return "q-" + hashlib.sha1(f"{quote.article}:{quote.start}:{quote.end}".encode()).hexdigest()[:12]


def _by_name(name: str, entities: Sequence[Entity]) -> str | None:
    """Return the one person or organisation of the story that a written speaker name refers to."""
    match = SPOKESPERSON_RE.match(arabic.normalize(name))
    wanted = name[match.end() :] if match else name
    hits = {e.id for e in entities if e.type in SPEAKER_TYPES
            and any(same_entity(wanted, variant, e.type) for variant, _ in e.variants)}
    return hits.pop() if len(hits) == 1 else None


def _head(name: str) -> str:
    """Return the first word of a name, normalized and without the article (الوزارة, وزارة الخارجية → وزاره)."""
    words = arabic.normalize(name).split()
    return words[0].removeprefix("ال") if words else ""


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


def story_people(
    articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]], quotes: Mapping[str, Sequence[Quote]]
) -> StoryPeople:
    """Canonicalize a story's mentions into entities, link each quote's speaker span to one, group the quotes.

    Speakers the tagger missed become mentions themselves; "قالت الوزارة" points back to the last
    ministry named in the article, "أضاف البيان" to whoever was quoted just before.
    """
    people = frozenset(arabic.normalize(m.text) for a in articles for m in mentions.get(a.id, ())
                       if m.type == "PER" and " " in m.text.strip())
    mentions = {a.id: split_glued(mentions.get(a.id, ()), people) for a in articles}
    tagged = Counter((phrase_key(m.text), m.type) for a in articles for m in mentions.get(a.id, ()))
    types = {k: kind for (k, kind), _ in sorted(tagged.items(), key=lambda kv: kv[1])}  # most frequent wins
    entities = canonicalize(articles, {
        a.id: [*mentions.get(a.id, ()), *speaker_mentions(a, quotes.get(a.id, ()), mentions.get(a.id, ()), types)]
        for a in articles
    })
    by_id = {e.id: e for e in entities}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for entity in entities:
        for m in entity.mentions:
            spans.setdefault(m.article, []).append((m.start, m.end, entity.id))
    for article_spans in spans.values():
        article_spans.sort()

    def speaker_entity(quote: Quote) -> str | None:
        """Return the entity whose mention lies inside the quote's speaker span (the last one: the name).

        When the tagger missed that occurrence, the speaker as written is matched against the
        story's people and organisations by name (a spokesperson "باسم X" speaks for X).
        """
        if quote.speaker_start is None or quote.speaker_end is None or quote.speaker_name is None:
            return None
        spokesperson = SPOKESPERSON_RE.match(arabic.normalize(quote.speaker_name))
        head = speaker_head(quote)
        if head is not None and head.kind == "official" and not spokesperson:
            return None  # an unnamed official: the places and bodies in the phrase did not speak
        # A mention may start before the speaker span when the tagger took a word in (أمامه فلان).
        inside = [eid for s, e, eid in spans.get(quote.article, []) if s < quote.speaker_end and e > quote.speaker_start]
        return inside[-1] if inside else _by_name(quote.speaker_name, entities)

    def referent(quote: Quote, kind: str, previous: str | None) -> str | None:
        """Return the entity an anaphoric speaker (الوزارة) or a statement (البيان) refers back to."""
        if kind == "statement":
            return previous
        head = _head(quote.speaker_name or "")
        before = [eid for s, _, eid in spans.get(quote.article, []) if s < (quote.speaker_start or 0)]
        for eid in reversed(before):
            entity = by_id[eid]
            if entity.type == "ORG" and any(_head(v) == head for v, _ in entity.variants):
                return eid
        return None

    flat = [q for a in articles for q in quotes.get(a.id, ())]
    speakers: dict[str, str | None] = {}
    for article in articles:
        previous: str | None = None
        for q in quotes.get(article.id, ()):
            found = speaker_entity(q)
            head = speaker_head(q) if found is None else None
            if head is not None and head.kind in ("anaphor", "statement"):
                found = referent(q, head.kind, previous)
            speakers[quote_id(q)] = found
            previous = found or previous
    groups = group_quotes(flat, lambda q: speakers[quote_id(q)] or speaker_key(q))
    group_of = {quote_id(q): g.id for g in groups for q in g.members}
    attributed = tuple(AttributedQuote(quote_id(q), q, speakers[quote_id(q)], group_of[quote_id(q)]) for q in flat)
    return StoryPeople(tuple(entities), attributed)
