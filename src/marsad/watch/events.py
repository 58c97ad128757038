"""What one ingest changed, as events for downstream tools: a story created, grown, merged or split."""

from __future__ import annotations

from typing import Any

from marsad.pipeline import IngestResult


def events(result: IngestResult, at: str) -> list[dict[str, Any]]:
    """Return one event per change of a story by `result`, each stamped with the time `at`.

    `created`: a story of new articles only; `grew`: a story gained new articles; `merged`: a stored
    story (`from`) went into this one; `split`: some members of a stored story (`from`) left for this one.
    """
    added = set(result.added)
    split_from = {c.new: c.old for c in result.changes if c.kind == "split"}
    merged_from: dict[str, list[str]] = {}
    for c in result.changes:
        if c.kind == "merged":
            merged_from.setdefault(c.new, []).append(c.old)
    out: list[dict[str, Any]] = []
    for story in result.stories:
        members = story.story.articles
        new = [a for a in members if a in added]
        base = {"story": story.id, "title": story.title, "articles": len(members), "time": at}
        if story.id in split_from:
            out.append({"event": "split", **base, "from": split_from[story.id], "added": new})
        elif len(new) == len(members):
            out.append({"event": "created", **base, "added": new})
        elif new:
            out.append({"event": "grew", **base, "added": new})
        out += [{"event": "merged", **base, "from": old} for old in merged_from.get(story.id, ())]
    return out
