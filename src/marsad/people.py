"""Who and what was said in a story: entities merged across spellings, quotes linked to them, grouped."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marsad import arabic
from marsad.entities import Entity, canonicalize, same_entity
from marsad.model import Article, Mention
from marsad.quote_groups import group_quotes, speaker_key
from marsad.quotes import Quote

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


def story_people(
    articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]], quotes: Mapping[str, Sequence[Quote]]
) -> StoryPeople:
    """Canonicalize a story's mentions into entities, link each quote's speaker span to one, group the quotes."""
    entities = canonicalize(articles, {a.id: mentions.get(a.id, ()) for a in articles})
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for entity in entities:
        for m in entity.mentions:
            spans.setdefault(m.article, []).append((m.start, m.end, entity.id))
    for found in spans.values():
        found.sort()

    def speaker_entity(quote: Quote) -> str | None:
        """Return the entity whose mention lies inside the quote's speaker span (the last one: the name).

        When the tagger missed that occurrence, the speaker as written is matched against the
        story's people and organisations by name (a spokesperson "باسم X" speaks for X).
        """
        if quote.speaker_start is None or quote.speaker_end is None or quote.speaker_name is None:
            return None
        found = spans.get(quote.article, [])
        i = bisect.bisect_left(found, (quote.speaker_start, -1, ""))
        inside = [eid for s, e, eid in found[i:] if s < quote.speaker_end and e <= quote.speaker_end]
        return inside[-1] if inside else _by_name(quote.speaker_name, entities)

    flat = [q for a in articles for q in quotes.get(a.id, ())]
    speakers = {quote_id(q): speaker_entity(q) for q in flat}
    groups = group_quotes(flat, lambda q: speakers[quote_id(q)] or speaker_key(q))
    group_of = {quote_id(q): g.id for g in groups for q in g.members}
    attributed = tuple(AttributedQuote(quote_id(q), q, speakers[quote_id(q)], group_of[quote_id(q)]) for q in flat)
    return StoryPeople(tuple(entities), attributed)
