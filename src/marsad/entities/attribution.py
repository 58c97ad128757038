"""Who spoke in a story: each quote's speaker linked to one story entity, and the quotes grouped across outlets.

A speaker phrase is linked to the entity whose mention lies inside it (the last one: the name); when
the tagger missed that occurrence, the speaker as written is matched against the story's people and
organisations by name (a spokesperson "باسم X" speaks for X). "قالت الوزارة" points back to the last
ministry named in the article, "أضاف البيان" to whoever was quoted just before; an unnamed official
("مسؤول في الوزارة") is linked to nobody. Quotes are then grouped by speaker (marsad.quotes.groups).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from marsad import arabic
from marsad.doc import Doc, StoryDoc
from marsad.entities.canonical import canonicalize
from marsad.entities.names import load_lexicon as entities_lexicon
from marsad.entities.names import same_entity
from marsad.entities.repair import repair
from marsad.ner.features import default_lexicon
from marsad.quotes.groups import group_quotes, speaker_key, synonyms
from marsad.quotes.speakers import speaker_head
from marsad.quotes.words import load_lexicon as quotes_lexicon
from marsad.types import AttributedQuote, Entity, Quote, Span

# "المتحدث باسم الوزارة" speaks for the ministry: the words after باسم name the speaker (normalized view).
SPOKESPERSON_RE = re.compile(r"^(?:ال)?(?:متحدث|متحدثه|ناطق|ناطقه)(?: الرسمي| الرسميه)? باسم ")
SPEAKER_TYPES = ("PER", "ORG")


def preload() -> None:
    """Load every word list and model this stage uses, so that forked workers inherit them loaded."""
    quotes_lexicon()
    entities_lexicon()
    synonyms()
    default_lexicon()


def quote_id(quote: Quote) -> str:
    """Return a quote's stable id from its position."""
    span = quote.span
    return "q-" + hashlib.sha1(f"{span.article}:{span.start}:{span.end}".encode()).hexdigest()[:12]


def link_entities(stories: Sequence[StoryDoc]) -> None:
    """Fill in each story's entities and attributed quotes from its members' mentions and quotes."""
    for story in stories:
        if story.entities is None:
            story.entities, story.quotes = entities_and_quotes(story.docs)


def entities_and_quotes(docs: Sequence[Doc]) -> tuple[tuple[Entity, ...], tuple[AttributedQuote, ...]]:
    """Canonicalize a story's mentions into entities, link each quote's speaker span to one, group the quotes.

    Speakers the tagger missed become mentions themselves (marsad.entities.repair).
    """
    entities = canonicalize(docs, repair(docs))
    linker = _Linker(entities)
    flat = [q for d in docs for q in d.quotes or ()]
    ids = {id(q): quote_id(q) for q in flat}  # by identity: the same Quote objects go through the grouping
    speakers: dict[str, str | None] = {}
    for doc in docs:
        previous: str | None = None
        for q in doc.quotes or ():
            found = linker.speaker_entity(doc, q)
            head = speaker_head(doc.body, q) if found is None else None
            if head is not None and head.kind in ("anaphor", "statement"):
                found = linker.referent(doc, q, head.kind, previous)
            speakers[ids[id(q)]] = found
            previous = found or previous
    by_id = {d.id: d for d in docs}
    groups = group_quotes(flat, lambda s: by_id[s.article].text(s),
                          lambda q: speakers[ids[id(q)]] or speaker_key(_speaker_name(by_id[q.article], q)))
    group_of = {ids[id(q)]: g.id for g in groups for q in g.members}
    attributed = tuple(AttributedQuote(ids[id(q)], q, speakers[ids[id(q)]], group_of[ids[id(q)]]) for q in flat)
    return tuple(entities), attributed


def _speaker_name(doc: Doc, quote: Quote) -> str | None:
    """Return the speaker phrase of a quote as written, or None."""
    return doc.text(quote.speaker) if quote.speaker else None


def _head(name: str) -> str:
    """Return the first word of a name, normalized and without the article (الوزارة, وزارة الخارجية → وزاره)."""
    words = arabic.normalize(name).split()
    return words[0].removeprefix("ال") if words else ""


class _Linker:
    """The story's entities with their mention spans by article, to link speaker phrases to them."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        """Index the entities' mentions by article, in body order."""
        self.entities = entities
        self.by_id = {e.id: e for e in entities}
        self.spans: dict[str, list[tuple[int, int, str]]] = {}
        for entity in entities:
            for m in entity.mentions:
                self.spans.setdefault(m.article, []).append((m.start, m.end, entity.id))
        for article_spans in self.spans.values():
            article_spans.sort()

    def speaker_entity(self, doc: Doc, quote: Quote) -> str | None:
        """Return the entity whose mention lies inside the quote's speaker span (the last one: the name).

        When the tagger missed that occurrence, the speaker as written is matched against the
        story's people and organisations by name (a spokesperson "باسم X" speaks for X).
        """
        speaker = quote.speaker
        if speaker is None:
            return None
        name = doc.text(speaker)
        spokesperson = SPOKESPERSON_RE.match(arabic.normalize(name))
        head = speaker_head(doc.body, quote)
        if head is not None and head.kind == "official" and not spokesperson:
            return None  # an unnamed official: the places and bodies in the phrase did not speak
        # A mention may start before the speaker span when the tagger took a word in (أمامه فلان).
        inside = [eid for s, e, eid in self.spans.get(doc.id, []) if s < speaker.end and e > speaker.start]
        return inside[-1] if inside else self._by_name(name)

    def _by_name(self, name: str) -> str | None:
        """Return the one person or organisation of the story that a written speaker name refers to."""
        match = SPOKESPERSON_RE.match(arabic.normalize(name))
        wanted = name[match.end() :] if match else name
        hits = {e.id for e in self.entities if e.type in SPEAKER_TYPES
                and any(same_entity(wanted, variant, e.type) for variant, _ in e.variants)}
        return hits.pop() if len(hits) == 1 else None

    def referent(self, doc: Doc, quote: Quote, kind: str, previous: str | None) -> str | None:
        """Return the entity an anaphoric speaker (الوزارة) or a statement (البيان) refers back to."""
        if kind == "statement":
            return previous
        speaker: Span | None = quote.speaker
        head = _head(doc.text(speaker) if speaker else "")
        before = [eid for s, _, eid in self.spans.get(doc.id, []) if s < (speaker.start if speaker else 0)]
        for eid in reversed(before):
            entity = self.by_id[eid]
            if entity.type == "ORG" and any(_head(v) == head for v, _ in entity.variants):
                return eid
        return None
