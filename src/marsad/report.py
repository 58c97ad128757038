"""The JSON report: articles with their metadata and spans, stories with duplicates and lineage.

docs/report-schema.md documents every field; later capabilities add fields, never rename them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from marsad import __version__
from marsad.dating.expressions import TimeExpression
from marsad.dating.published import Inference
from marsad.dating.timeline import TimelineEvent
from marsad.entities.names import Entity
from marsad.entities.speakers import AttributedQuote, StoryPeople
from marsad.types import Article, IngestError, Span, Story

SCHEMA_VERSION = 1


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    """Render spans as [start, end] pairs."""
    return [[s.start, s.end] for s in spans]


def article_json(
    article: Article, dates: Sequence[TimeExpression] | None = None, inference: Inference | None = None
) -> dict[str, Any]:
    """Render one article as its report object (with its date expressions and date evidence when found)."""
    found: dict[str, Any] = {}
    if dates is not None:
        found["dates"] = [date_json(e) for e in dates]
    if inference is not None:
        found["published_evidence"] = list(inference.evidence)
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


def date_json(expr: TimeExpression) -> dict[str, Any]:
    """Render one temporal expression as a span with its resolved value."""
    out: dict[str, Any] = {"text": expr.text, "start": expr.start, "end": expr.end, "value": expr.value,
                           "granularity": expr.granularity, "anchor": expr.anchor, "kind": expr.kind}
    if expr.duration:
        out["duration"] = expr.duration
    if expr.reason:
        out["reason"] = expr.reason
    return out


def timeline_json(event: TimelineEvent) -> dict[str, Any]:
    """Render one timeline entry: its date, its sentence and every source span."""
    return {
        "date": event.date,
        "granularity": event.granularity,
        "text": event.text,
        "articles": list(event.articles),
        "spans": [{"article": a, "start": s, "end": e} for a, s, e in event.spans],
        "background": event.background,
    }


def story_json(
    story: Story, people: StoryPeople | None = None, timeline: Sequence[TimelineEvent] | None = None
) -> dict[str, Any]:
    """Render one story as its report object (with its entities, quotes and timeline when they were found)."""
    found: dict[str, Any] = {}
    if people is not None:
        found = {"entities": [entity_json(e) for e in people.entities],
                 "quotes": [quote_json(q) for q in people.quotes]}
    if timeline is not None:
        found["timeline"] = [timeline_json(e) for e in timeline]
    return {
        "id": story.id,
        "title": story.title,
        "start": story.start,
        "end": story.end,
        "articles": list(story.articles),
        "near_duplicates": [list(g) for g in story.near_duplicates],
        "lineage": [{"articles": [p.a, p.b], "score": round(p.score, 4)} for p in story.lineage],
        **found,
    }


def entity_json(entity: Entity) -> dict[str, Any]:
    """Render one entity with its spellings and its mentions as spans."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "variants": [{"text": t, "count": n} for t, n in entity.variants],
        "articles": list(entity.articles),
        "roles": list(entity.roles),
        "mentions": [{"article": m.article, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
    }


def quote_json(attributed: AttributedQuote) -> dict[str, Any]:
    """Render one quote with its speaker entity and its cross-outlet group."""
    q = attributed.quote
    return {
        "id": attributed.id,
        "speaker": attributed.speaker,
        "speaker_name": q.speaker_name,
        "text": q.text,
        "article": q.article,
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "verb": q.verb,
        "role": q.role,
        "group": attributed.group,
    }


def error_json(error: IngestError) -> dict[str, str]:
    """Render one input error."""
    return {"input": error.origin, "message": error.message}


def build(
    articles: tuple[Article, ...],
    stories: tuple[Story, ...],
    errors: tuple[IngestError, ...],
    people: Mapping[str, StoryPeople] | None = None,
    dates: Mapping[str, Sequence[TimeExpression]] | None = None,
    inferences: Mapping[str, Inference] | None = None,
    timelines: Mapping[str, Sequence[TimelineEvent]] | None = None,
) -> dict[str, Any]:
    """Build the whole report object (the date fields only for articles and stories the date stage saw)."""
    people, dates, inferences, timelines = people or {}, dates or {}, inferences or {}, timelines or {}
    return {
        "marsad": __version__,
        "schema": SCHEMA_VERSION,
        "articles": [article_json(a, dates.get(a.id), inferences.get(a.id)) for a in articles],
        "stories": [story_json(s, people.get(s.id), timelines.get(s.id)) for s in stories],
        "errors": [error_json(e) for e in errors],
    }


def write(report: dict[str, Any], path: str | Path) -> None:
    """Write the report as UTF-8 JSON (Arabic kept readable), atomically via a temporary file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(target)
