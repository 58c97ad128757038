"""The bulk run's result tables: stories and what was found in them, as Parquet parts.

The result tables hold the JSON report's objects (marsad.report), one row per story, entity, quote or
claim, each part written whole (marsad.stories.spill.write_table, which also spills the articles).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad import report
from marsad.doc import StoryDoc
from marsad.stories.spill import write_table


def result_rows(stories: Sequence[StoryDoc]) -> dict[str, list[dict[str, Any]]]:
    """Return the rows of the result tables for annotated stories: stories, entities, quotes, claims."""
    out: dict[str, list[dict[str, Any]]] = {"stories": [], "entities": [], "quotes": [], "claims": []}
    for story in stories:
        value = report.story_json(story)
        out["stories"].append({
            "id": story.id, "title": story.title, "start": story.story.start, "end": story.story.end,
            "articles": list(story.story.articles), "near_duplicates": json.dumps(value["near_duplicates"]),
            "lineage": json.dumps(value["lineage"], ensure_ascii=False),
            "timeline": json.dumps(value.get("timeline"), ensure_ascii=False),
            "summary": json.dumps(value.get("summary"), ensure_ascii=False)})
        out["entities"] += [{"story": story.id, **_flat(e)} for e in value.get("entities", ())]
        out["quotes"] += [{"story": story.id, **_flat(q)} for q in value.get("quotes", ())]
        out["claims"] += [{"story": story.id, **_flat(c)} for c in value.get("claims", ())]
    return out


# Fields of the report's objects that hold lists of objects: stored as JSON text (lists of names stay lists).
NESTED = frozenset({"variants", "mentions", "units"})
_TEXT, _NUMBER, _NAMES = pa.string(), pa.int64(), pa.list_(pa.string())
# Every part of a table has the table's schema, also when it has no rows (a batch with no quotes):
# Parquet readers take a folder's schema from one of its files.
SCHEMAS = {
    "stories": pa.schema([("id", _TEXT), ("title", _TEXT), ("start", _TEXT), ("end", _TEXT), ("articles", _NAMES),
                          ("near_duplicates", _TEXT), ("lineage", _TEXT), ("timeline", _TEXT), ("summary", _TEXT)]),
    "entities": pa.schema([("story", _TEXT), ("id", _TEXT), ("name", _TEXT), ("type", _TEXT), ("variants", _TEXT),
                           ("articles", _NAMES), ("roles", _NAMES), ("mentions", _TEXT)]),
    "quotes": pa.schema([("story", _TEXT), ("id", _TEXT), ("speaker", _TEXT), ("speaker_name", _TEXT),
                         ("text", _TEXT), ("article", _TEXT), ("start", _NUMBER), ("end", _NUMBER), ("kind", _TEXT),
                         ("verb", _TEXT), ("role", _TEXT), ("group", _TEXT)]),
    "claims": pa.schema([("story", _TEXT), ("id", _TEXT), ("text", _TEXT), ("units", _TEXT), ("articles", _NAMES),
                         ("outlets", _NAMES), ("independent_sources", _NUMBER), ("omitted_by", _NAMES)]),
}


def _flat(value: dict[str, Any]) -> dict[str, Any]:
    """Return a report object with its lists of objects as JSON text."""
    return {k: json.dumps(v, ensure_ascii=False) if k in NESTED else v for k, v in value.items()}


def write_results(root: Path, key: str, stories: Sequence[StoryDoc]) -> None:
    """Write a batch's part `key` of every result table under `root`, each with its table's schema."""
    for name, records in result_rows(stories).items():
        write_table(root / name / f"{key}.parquet", records, SCHEMAS[name])


def rows_in(path: Path) -> int:
    """Return the number of rows of a Parquet part."""
    return int(pq.ParquetFile(path).metadata.num_rows)
