"""The desk's data: one function per page, returning what both its HTML and its JSON show.

Each view reads a Store and returns a JSON-ready dict (the JSON report's objects, from marsad.report,
plus what a page lists beside them). A stored story's timeline and its members' dates are not stored:
they are computed when the story is first shown and kept (`Kept`) until the store changes, as are the
story counts and facets of a listing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, Generic, TypeVar

from marsad import pipeline, report
from marsad.dating.published import date_docs
from marsad.dating.timeline import build_timelines
from marsad.doc import Doc, StoryDoc
from marsad.store import Store
from marsad.store.browse import Facets, Filters, Listed
from marsad.types import Span

# Stories kept with their computed timelines: a desk looks at a few dozen stories at a time; each costs
# its members' bodies (~10 kB an article). A memory bound, not a measured optimum.
CACHED_STORIES = 256
# Story counts and facets kept per filter set: on all of SaudiNewsNet they take ~0.1 s unfiltered, the
# pages of one listing share them. A few hundred entries of at most 30 facet values each.
CACHED_LISTINGS = 512
PAGE_SIZE = 30
MAX_PAGE_SIZE = 200
SEARCH_HITS = 50


K = TypeVar("K")
V = TypeVar("V")


class NotFoundError(LookupError):
    """No stored story, article or entity with the id asked for."""


class Recent(Generic[K, V]):
    """The last `size` values computed, by key (least recently used dropped first; safe across threads)."""

    def __init__(self, size: int) -> None:
        """Start empty."""
        self._size = size
        self._kept: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """Return the value kept for `key`, computing and keeping it when there is none (outside the lock)."""
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = compute()
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return value


class Kept:
    """What the desk keeps between requests, each entry for one state of the store (`Store.stamp`)."""

    def __init__(self) -> None:
        """Start empty."""
        self.stories: Recent[tuple[str, tuple[int, int]], StoryDoc] = Recent(CACHED_STORIES)
        self.listings: Recent[tuple[Filters, tuple[int, int]], tuple[int, Facets]] = Recent(CACHED_LISTINGS)

    def story(self, store: Store, story_id: str) -> StoryDoc:
        """Return a stored story (a merged id's successor) with its timeline; NotFoundError when there is none."""
        found = store.resolve(story_id)
        if not found:
            raise NotFoundError(f"no story {story_id}")

        def annotated() -> StoryDoc:
            """Read the story and compute its members' dates and its timeline."""
            story = store.story(found[0])
            if story is None:  # removed between the two reads
                raise NotFoundError(f"no story {story_id}")
            pipeline.annotate([story], stages=[date_docs, build_timelines], workers=1)
            return story

        return self.stories.get((found[0], store.stamp()), annotated)

    def listing(self, store: Store, filters: Filters) -> tuple[int, Facets]:
        """Return how many stories the filters keep and their facets (a whole-store count is the costly part)."""
        return self.listings.get((filters, store.stamp()),
                                 lambda: (store.count_stories(filters), store.facets(filters)))


def filters_json(filters: Filters) -> dict[str, str]:
    """Return the filters that are set, by name."""
    return {k: v for k, v in asdict(filters).items() if v}


def listed_json(story: Listed) -> dict[str, Any]:
    """Render a story of a listing: span, member count, and members per outlet (the coverage bar)."""
    return {"id": story.id, "title": story.title, "start": story.start, "end": story.end,
            "article_count": story.articles,
            "outlet_count": sum(1 if o else n for o, n in story.outlets),  # an unknown outlet's articles count apart
            "outlets": [{"outlet": o or None, "articles": n} for o, n in story.outlets]}


def stories(store: Store, kept: Kept, filters: Filters, after: str | None = None, limit: int = PAGE_SIZE) -> dict[
        str, Any]:
    """The story list: one page of filtered stories, the key of the next page, the count and the facets."""
    found = store.browse(filters, after, limit + 1)
    count, facets = kept.listing(store, filters)
    return {
        "filters": filters_json(filters),
        "count": count,
        "stories": [listed_json(s) for s in found[:limit]],
        "next": found[limit - 1].key if len(found) > limit else None,
        "facets": {"outlet": [{"value": o, "stories": n} for o, n in facets.outlets],
                   "entity": [{"value": i, "name": name, "type": t, "stories": n}
                              for i, name, t, n in facets.entities]},
    }


def story(store: Store, kept: Kept, story_id: str) -> dict[str, Any]:
    """The story page: the story's report object, its members, and where a merged id now lives."""
    found = kept.story(store, story_id)
    entity_ids = store.entity_ids(found.id)
    return {
        **report.story_json(found),
        "requested": story_id,
        "members": [report.member_json(d) for d in found.docs],
        "entity_ids": entity_ids,
        "changes": [{"kind": c.kind, "old": c.old, "new": c.new} for c in store.changes(found.id)],
    }


def article(store: Store, kept: Kept, article_id: str) -> dict[str, Any]:
    """The article page: its report object and, when it is in a story, its story and what was found in it."""
    story_id = store.story_of(article_id)
    if story_id is None:
        found = store.article(article_id)
        if found is None:
            raise NotFoundError(f"no article {article_id}")
        return {**report.article_json(Doc(found)), "story": None, "marks": []}
    story_doc = kept.story(store, story_id)
    doc = story_doc.doc(article_id)
    marks: list[dict[str, Any]] = [
        {"kind": "entity", "start": m.start, "end": m.end, "label": e.name, "type": e.type}
        for e in story_doc.entities or () for m in e.mentions if m.article == article_id]
    marks += [{"kind": "quote", "start": q.quote.span.start, "end": q.quote.span.end,
               "label": story_doc.text(q.quote.speaker) if q.quote.speaker else None}
              for q in story_doc.quotes or () if q.quote.article == article_id]
    marks += [{"kind": "date", "start": e.span.start, "end": e.span.end, "label": e.value} for e in doc.dates or ()]
    return {**report.article_json(doc), "story": {"id": story_doc.id, "title": story_doc.title},
            "marks": sorted(marks, key=lambda m: (m["start"], -m["end"]))}


def entity(store: Store, entity_id: str) -> dict[str, Any]:
    """The entity page: the store-wide entity, its stories (newest first) and what it was quoted saying."""
    record = store.entity(entity_id)
    if record is None:
        raise NotFoundError(f"no entity {entity_id}")
    quoted = store.quotes(speaker=entity_id)
    by_story = {s.id: s for s in store.browse(Filters(entity=entity_id), limit=MAX_PAGE_SIZE)}
    bodies = {a.id: a.body for a in store.articles(list({q.quote.quote.article for q in quoted}))}

    def text(span: Span) -> str:
        """Return a quote span's text from its article's body."""
        return bodies[span.article][span.start : span.end]

    return {
        **report.store_entity_json(record.entity),
        "stories": [listed_json(by_story[sid]) for sid in record.stories if sid in by_story],
        "quotes": [{**report.stored_quote_json(text, q), "story": q.story}
                   for q in quoted if q.quote.quote.article in bodies],
    }


def search(store: Store, query: str, limit: int = SEARCH_HITS) -> dict[str, Any]:
    """Search results: the matching articles, best first, with a snippet and the match's span."""
    hits = store.search(query, limit=limit) if query.strip() else []
    return {"q": query, "hits": [{**report.search_hit_json(h), "match": report.span_json(h.match) if h.match else None}
                                 for h in hits]}

