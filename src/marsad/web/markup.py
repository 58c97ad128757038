"""What the desk's pages draw from a view's data: highlighted body runs, the timeline, the claims matrix.

Pure functions of the view dicts (marsad.web.views), so that the pages and their tests need no server;
the templates escape every text they are given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any
from urllib.parse import quote

# Timeline drawing, in SVG user units: the labels on the right, a date chart on the left where each
# event's dot sits at its date on an axis whose earliest end is on the right (Arabic reads right to
# left), one row per event. Display choices.
WIDTH = 900
CHART_LEFT, CHART_RIGHT = 20, 300
LABEL_RIGHT = WIDTH - 10
ROW = 26
TOP = 40
LABEL_CHARS = 70


@dataclass(frozen=True)
class Segment:
    """A run of body text, the kinds of marks over it (entity, quote, date, cited); `anchor`: the cited span starts."""

    text: str
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    anchor: bool = False


def segments(body: str, marks: list[dict[str, Any]], cited: tuple[int, int] | None = None) -> list[Segment]:
    """Cut a body into runs at every mark boundary, each run with the kinds of the marks that cover it."""
    spans = [(int(m["start"]), int(m["end"]), str(m["kind"]), str(m.get("label") or "")) for m in marks]
    if cited is not None and 0 <= cited[0] < cited[1] <= len(body):
        spans.append((cited[0], cited[1], "cited", ""))
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(body)]
    cuts = sorted({0, len(body), *(s[0] for s in spans), *(s[1] for s in spans)})
    out: list[Segment] = []
    anchored = False
    for start, end in pairwise(cuts):
        over = [s for s in spans if s[0] <= start and end <= s[1]]
        kinds = tuple(sorted({s[2] for s in over}))
        anchor = "cited" in kinds and not anchored
        anchored = anchored or anchor
        out.append(Segment(body[start:end], kinds, tuple(dict.fromkeys(s[3] for s in over if s[3])), anchor))
    return out


def _day(value: str) -> int | None:
    """Return the day number of an ISO date, month or year (their first day), None when unreadable."""
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts if p]
        return date(numbers[0], *[*numbers[1:], 1, 1][:2]).toordinal() if numbers else None
    except (ValueError, TypeError):
        return None


def timeline(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the timeline's SVG geometry: size, the axis and its end dates, per event its dot's x, row y and label."""
    days = [_day(str(e["date"])) for e in events]
    known = [(d, str(e["date"])) for d, e in zip(days, events, strict=True) if d is not None]
    first, last = (min(known)[0], max(known)[0]) if known else (0, 0)
    span = max(last - first, 1)
    rows = []
    for i, (event, day) in enumerate(zip(events, days, strict=True)):
        x = CHART_RIGHT - ((CHART_RIGHT - CHART_LEFT) * (day - first) / span if day is not None else 0)
        text = str(event["text"])
        rows.append({"x": round(x, 1), "y": TOP + ROW * (i + 1), "date": event["date"],
                     "label": text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…", "text": text,
                     "spans": event["spans"], "background": event.get("background", False)})
    return {"width": WIDTH, "height": TOP + ROW * (len(events) + 1), "axis_y": TOP, "left": CHART_LEFT,
            "right": CHART_RIGHT, "label_x": LABEL_RIGHT, "first": min(known)[1] if known else "",
            "last": max(known)[1] if known else "", "rows": rows}


def claims_matrix(story: dict[str, Any]) -> dict[str, Any]:
    """Return the claims × outlets matrix: outlets as columns, claims of several sources, then single-source ones.

    An article of no known outlet is a column of its own, named by its place among the members.
    """
    labels = outlet_labels(story)
    columns: dict[str, str] = {}
    for m in story["members"]:
        columns.setdefault(m["outlet"] or m["id"], labels[m["id"]])
    conflicted = {cid for c in story.get("conflicts", ()) for cid in c["claims"]}
    rows = [{"id": c["id"], "text": c["text"], "units": c["units"], "sources": c["independent_sources"],
             "single": c["independent_sources"] <= 1, "conflict": c["id"] in conflicted,
             "cells": [key in c["outlets"] or key in c["articles"] for key in columns]}
            for c in story.get("claims", ())]
    return {"outlets": list(columns.values()), "shared": [r for r in rows if not r["single"]],
            "single": [r for r in rows if r["single"]]}


def source_count(members: list[dict[str, Any]]) -> int:
    """Return how many outlets a story's members come from, each article of no known outlet counting as one."""
    return len({m["outlet"] or m["id"] for m in members})


def quote_groups(story: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the story's quotes by speaker (named ones first), then by statement, every wording kept."""
    speakers: dict[str, dict[str, Any]] = {}
    for q in story.get("quotes", ()):
        who = q["speaker_name"] or ""
        entry = speakers.setdefault(q["speaker"] or who, {"speaker": q["speaker"], "name": who, "statements": {}})
        entry["statements"].setdefault(q["group"], []).append(q)
    ordered = sorted(speakers.values(), key=lambda s: (not s["name"], -len(s["statements"])))
    return [{**s, "statements": list(s["statements"].values())} for s in ordered]


def outlet_shares(outlets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a story's coverage bar: each outlet's share of its members in percent, and where its bar starts.

    Drawn as SVG rectangles (x, width in a 0-100 box), since the page's CSP allows no inline styles.
    """
    total = sum(o["articles"] for o in outlets) or 1
    out, x = [], 0.0
    for o in outlets:
        width = 100 * o["articles"] / total
        out.append({**o, "percent": round(width, 1), "x": round(x, 2), "width": round(width, 2)})
        x += width
    return out


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet ("… [word] …") into runs of text, each saying whether it was a match."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while (open_at := rest.find("[")) >= 0 and (close_at := rest.find("]", open_at)) > open_at:
        parts += [(rest[:open_at], False), (rest[open_at + 1 : close_at], True)]
        rest = rest[close_at + 1 :]
    return [p for p in [*parts, (rest, False)] if p[0]]


def citation_link(span: dict[str, Any]) -> str:
    """Return the address of the article page with a span of its body marked as cited."""
    return f"/articles/{quote(str(span['article']), safe='')}?start={span['start']}&end={span['end']}#cited"


def members_by_id(story: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return a story's members by article id."""
    return {m["id"]: m for m in story["members"]}


def outlet_labels(story: dict[str, Any]) -> dict[str, str]:
    """Return what names each member's source on the page: its outlet, or "مقال n" (its place among the members)."""
    return {m["id"]: m["outlet"] or f"مقال {n}" for n, m in enumerate(story["members"], 1)}
