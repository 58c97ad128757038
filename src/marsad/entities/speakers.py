"""Who and what was said in a story: entities merged across spellings, quotes linked to them, grouped."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marsad import arabic
from marsad.entities.names import Entity, canonicalize, same_entity
from marsad.entities.names import load_lexicon as entities_lexicon
from marsad.entities.repair import repair
from marsad.ner.features import default_lexicon
from marsad.quotes.extract import Quote, speaker_head
from marsad.quotes.extract import load_lexicon as quotes_lexicon
from marsad.quotes.groups import group_quotes, speaker_key, synonyms
from marsad.types import Article, Mention

# "المتحدث باسم الوزارة" speaks for the ministry: the words after باسم name the speaker (normalized view).
SPOKESPERSON_RE = re.compile(r"^(?:ال)?(?:متحدث|متحدثه|ناطق|ناطقه)(?: الرسمي| الرسميه)? باسم ")
SPEAKER_TYPES = ("PER", "ORG")


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


def preload() -> None:
    """Load every word list and model this stage uses, so that forked workers inherit them loaded."""
    quotes_lexicon()
    entities_lexicon()
    synonyms()
    default_lexicon()


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


def story_people(
    articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]], quotes: Mapping[str, Sequence[Quote]]
) -> StoryPeople:
    """Canonicalize a story's mentions into entities, link each quote's speaker span to one, group the quotes.

    Speakers the tagger missed become mentions themselves; "قالت الوزارة" points back to the last
    ministry named in the article, "أضاف البيان" to whoever was quoted just before.
    """
    entities = canonicalize(articles, repair(articles, mentions, quotes))
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
