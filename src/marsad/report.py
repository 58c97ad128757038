"""The one JSON renderer: the report of an analysis, and every JSON the command line (and later the web) prints.

docs/report-schema.md documents every field; later capabilities add fields, never rename them. Each
span is written with its text read from the article's body, so `body[start:end] == text` holds.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from marsad import __version__
from marsad.doc import Analysis, Doc, StoryDoc
from marsad.store.people import StoredQuote, StoreEntity
from marsad.store.search import SearchHit
from marsad.types import (
    AttributedQuote,
    BriefSentence,
    Claim,
    Conflict,
    Entity,
    IngestError,
    Span,
    TimeExpression,
    TimelineEvent,
)

if TYPE_CHECKING:
    from marsad.pipeline import IngestResult

SCHEMA_VERSION = 1
Text = Callable[[Span], str]  # reads a span's text from its article


def build(analysis: Analysis) -> dict[str, Any]:
    """Build the whole report object (the date fields only for articles and stories the date stage saw)."""
    return {
        "marsad": __version__,
        "schema": SCHEMA_VERSION,
        "articles": [article_json(d) for d in analysis.docs],
        "stories": [story_json(s) for s in analysis.stories],
        "errors": [error_json(e) for e in analysis.errors],
    }


def write_streamed(stories: Iterable[StoryDoc], errors: Sequence[IngestError], path: str | Path | None = None) -> None:
    """Write the report of stories as they come, holding none: the object `build` makes, articles in story order.

    Each story's articles are written when it arrives and the story itself waits in a temporary file
    until every article is out; `errors` is read at the end (the stream fills it as it goes). Items are
    written one a line, each by json's C encoder: an indented report is encoded in Python, ~5x slower.
    """
    with _opened(path) as out, tempfile.TemporaryFile("w+", encoding="utf-8") as held:
        out.write(f'{{"marsad": {json.dumps(__version__)}, "schema": {SCHEMA_VERSION},\n"articles": [')
        separator = "\n"
        for story in stories:
            held.write(_compact(story_json(story)) + "\n")
            for doc in story.docs:
                out.write(separator + _compact(article_json(doc)))
                separator = ",\n"
        out.write('\n],\n"stories": [')
        held.seek(0)
        for n, line in enumerate(held):
            out.write((",\n" if n else "\n") + line.rstrip("\n"))
        out.write(f'\n],\n"errors": {_compact([error_json(e) for e in errors])}}}\n')


def _compact(value: Any) -> str:
    """Return JSON on one line, Arabic readable."""
    return json.dumps(value, ensure_ascii=False)


def _spans(spans: Sequence[Span]) -> list[list[int]]:
    """Render layout spans as [start, end] pairs."""
    return [[s.start, s.end] for s in spans]


def article_json(doc: Doc) -> dict[str, Any]:
    """Render one article as its report object (with its date expressions and date evidence when found)."""
    article = doc.article
    found: dict[str, Any] = {}
    if doc.dates is not None:
        found["dates"] = [date_json(doc.text, e) for e in doc.dates]
    if doc.inference is not None:
        found["published_evidence"] = list(doc.inference.evidence)
    return {
        "id": article.id,
        "origin": article.origin,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_source": article.published_source,
        "fetched": article.fetched,
        "credits": list(article.credits),
        "outlet_summary": list(article.outlet_summary),
        "body": article.body,
        "removed": [{"line": r.line, "reason": r.reason} for r in article.removed],
        "headings": _spans(article.headings),
        "paragraphs": _spans(article.paragraphs),
        "sentences": _spans(article.sentences),
        "warnings": list(article.warnings),
        **found,
    }


def date_json(text: Text, expr: TimeExpression) -> dict[str, Any]:
    """Render one temporal expression as a span with its resolved value."""
    out: dict[str, Any] = {"text": text(expr.span), "start": expr.span.start, "end": expr.span.end,
                           "value": expr.value, "granularity": expr.granularity, "anchor": expr.anchor,
                           "kind": expr.kind}
    if expr.duration:
        out["duration"] = expr.duration
    if expr.reason:
        out["reason"] = expr.reason
    return out


def story_json(story: StoryDoc, results: bool = True) -> dict[str, Any]:
    """Render one story as its report object: its members, near-duplicates and lineage.

    With `results`, also its entities, quotes, timeline, sources, claims, conflicts and brief when they were found.
    """
    found: dict[str, Any] = {}
    if results and story.entities is not None:
        found = {"entities": [entity_json(story.text, e) for e in story.entities],
                 "quotes": [quote_json(story.text, q) for q in story.quotes or ()]}
    if results and story.timeline is not None:
        found["timeline"] = [timeline_json(story.text, e) for e in story.timeline]
    if results and story.claims is not None:
        found |= verification_json(story)
    return {
        "id": story.id,
        "title": story.title,
        "start": story.story.start,
        "end": story.story.end,
        "articles": list(story.story.articles),
        "near_duplicates": [list(g) for g in story.near_duplicates],
        "lineage": [{"articles": [p.a, p.b], "score": round(p.score, 4)} for p in story.lineage or ()],
        **found,
    }


def entity_json(text: Text, entity: Entity) -> dict[str, Any]:
    """Render one entity with its spellings and its mentions as spans."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "variants": [{"text": t, "count": n} for t, n in entity.variants],
        "articles": list(entity.articles),
        "roles": list(entity.roles),
        "mentions": [{"article": m.article, "start": m.start, "end": m.end, "text": text(m)} for m in entity.mentions],
    }


def quote_json(text: Text, attributed: AttributedQuote) -> dict[str, Any]:
    """Render one quote with its speaker entity and its cross-outlet group."""
    q = attributed.quote
    return {
        "id": attributed.id,
        "speaker": attributed.speaker,
        "speaker_name": text(q.speaker) if q.speaker else None,
        "text": text(q.span),
        "article": q.article,
        "start": q.span.start,
        "end": q.span.end,
        "kind": q.kind,
        "verb": text(q.verb) if q.verb else None,
        "role": text(q.role) if q.role else None,
        "group": attributed.group,
    }


def timeline_json(text: Text, event: TimelineEvent) -> dict[str, Any]:
    """Render one timeline entry: its date, its first clause and every source span."""
    return {
        "date": event.date,
        "granularity": event.granularity,
        "text": text(event.spans[0]),
        "articles": list(event.articles),
        "spans": [{"article": s.article, "start": s.start, "end": s.end} for s in event.spans],
        "background": event.background,
    }


def span_json(span: Span) -> dict[str, Any]:
    """Render a span as {article, start, end}: `body[start:end]` of the article is its text."""
    return {"article": span.article, "start": span.start, "end": span.end}


def verification_json(story: StoryDoc) -> dict[str, Any]:
    """Render a story's independent sources, claims, conflicts and brief (`summary`)."""
    return {
        "sources": [list(g) for g in story.sources or ()],
        "claims": [claim_json(story.text, c) for c in story.claims or ()],
        "conflicts": [conflict_json(c) for c in story.conflicts or ()],
        "summary": [brief_json(story.text, b) for b in story.summary or ()],
    }


def claim_json(text: Text, claim: Claim) -> dict[str, Any]:
    """Render one claim: its first unit's text, every unit, who carries it and who omits it."""
    return {
        "id": claim.id,
        "text": text(claim.units[0]),
        "units": [span_json(u) for u in claim.units],
        "articles": list(claim.articles),
        "outlets": list(claim.outlets),
        "independent_sources": claim.sources,
        "omitted_by": list(claim.omitted_by),
    }


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    """Render one conflict: its kind, a description and each side's value, span and outlet."""
    return {
        "id": conflict.id,
        "kind": conflict.kind,
        "description": conflict.description,
        "claims": list(conflict.claims),
        "sides": [{"value": s.value, "outlet": s.outlet, **span_json(s.span)} for s in conflict.sides],
    }


def brief_json(text: Text, sentence: BriefSentence) -> dict[str, Any]:
    """Render one brief sentence: its text, its claim and every span that states it."""
    return {
        "text": text(sentence.span),
        "claim": sentence.claim,
        "single_source": sentence.single_source,
        "sources": [span_json(s) for s in sentence.sources],
    }


def error_json(error: IngestError) -> dict[str, str]:
    """Render one input error."""
    return {"input": error.origin, "message": error.message}


def story_listing_json(story: StoryDoc, field: str, items: list[Any]) -> dict[str, Any]:
    """Render one story's entry in a listing of one kind of result (its entities, quotes or timeline)."""
    return {"story": story.id, "title": story.title, field: items}


def stored_story_json(story: StoryDoc, counts: tuple[int, int] | None) -> dict[str, Any]:
    """Render a stored story for listings: the story, its members, and its entity and quote counts when computed."""
    found = {"entity_count": counts[0], "quote_count": counts[1]} if counts else {}
    return {**story_json(story, results=False), "members": [member_json(d) for d in story.docs], **found}


def ingest_json(result: IngestResult, totals: dict[str, int]) -> dict[str, Any]:
    """Render what an ingest changed, and the store's totals after it."""
    return {"added": list(result.added), "skipped": result.skipped,
            "stories": [story_json(s, results=False) for s in result.stories],
            "changes": [{"kind": c.kind, "old": c.old, "new": c.new} for c in result.changes],
            "errors": [error_json(e) for e in result.errors], "totals": totals}


def member_json(doc: Doc) -> dict[str, Any]:
    """Render a story member briefly, for listings."""
    a = doc.article
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "origin": a.origin}


def store_entity_json(entity: StoreEntity) -> dict[str, Any]:
    """Render one store-wide entity."""
    return {"id": entity.id, "name": entity.name, "type": entity.type,
            "variants": [{"text": t, "count": n} for t, n in entity.variants],
            "stories": entity.stories, "articles": entity.articles, "roles": list(entity.roles)}


def stored_quote_json(text: Text, stored: StoredQuote) -> dict[str, Any]:
    """Render one stored quote with its speaker's store-wide entity."""
    return {**quote_json(text, stored.quote), "entity": stored.entity}


def search_hit_json(hit: SearchHit) -> dict[str, Any]:
    """Render one full-text search hit."""
    return {"article": hit.article_id, "story": hit.story_id, "title": hit.title, "outlet": hit.outlet,
            "published": hit.published, "snippet": hit.snippet, "score": hit.score}


def _dump(value: Any, out: TextIO) -> None:
    """Write JSON as marsad writes it (UTF-8, Arabic readable, indented) as it is encoded, and a newline."""
    json.dump(value, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write(value: Any, path: str | Path | None = None) -> None:
    """Write JSON to a file, atomically through a temporary file, or to standard output when `path` is None or "-"."""
    with _opened(path) as out:
        _dump(value, out)


def story_line(story: StoryDoc) -> dict[str, Any]:
    """Render one story with its articles: a line of the JSONL report (`marsad analyze --format jsonl`)."""
    return {"story": story_json(story), "articles": [article_json(d) for d in story.docs]}


def write_lines(values: Iterable[Any], path: str | Path | None = None) -> None:
    """Write one compact JSON object a line as they come (a file atomically, or standard output)."""
    with _opened(path) as out:
        for value in values:
            out.write(_compact(value) + "\n")


def write_text(text: str, path: str | Path) -> None:
    """Write UTF-8 text to a file atomically: a reader sees the old file or the whole new one."""
    with _atomic(path) as out:
        out.write(text)


def _opened(path: str | Path | None) -> AbstractContextManager[TextIO]:
    """Return standard output (for None or "-") or the file at `path` opened to be written atomically."""
    return nullcontext(sys.stdout) if path is None or str(path) == "-" else _atomic(path)


@contextmanager
def _atomic(path: str | Path) -> Iterator[TextIO]:
    """Open a temporary file beside `path`: it replaces `path` when the block ends, or is removed on failure."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as out:
            yield out
    except BaseException:
        tmp.unlink(missing_ok=True)  # nothing half-written is left behind
        raise
    tmp.replace(target)
