"""The bulk run's Parquet tables: cleaned articles (spilled, then read back by day), stories and what was found in them.

Every part file is written to a temporary name and renamed when complete, so a reader (or a rerun)
never sees half a file; a part present is a part done. Articles are stored as the store writes them
(marsad.store.rows: JSON for list fields), with their publication `day`; the result tables hold the
JSON report's objects (marsad.report), one row per story, entity, quote or claim.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from marsad import report
from marsad.doc import StoryDoc
from marsad.store import rows
from marsad.types import Article

READ_FIELDS = [c.strip() for c in rows.ARTICLE_COLUMNS.split(",")]
ARTICLE_FIELDS = ["rid", "content_key", "day", *READ_FIELDS]  # the columns of rows.article_row
# Articles per row group of a spilled part: a day's window reads whole row groups.
ROW_GROUP = 2000


def write_table(path: Path, records: Sequence[dict[str, Any]], schema: pa.Schema | None = None) -> None:
    """Write rows to one Parquet file, whole or not at all (a temporary name renamed at the end)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(list(records), schema=schema)
    part = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, part, row_group_size=ROW_GROUP)
    part.replace(path)


def article_schema() -> pa.Schema:
    """Return the schema of a spilled article part (every field a string but the row number)."""
    return pa.schema([(name, pa.int64() if name == "rid" else pa.string()) for name in ARTICLE_FIELDS])


def write_articles(path: Path, articles: Sequence[Article]) -> None:
    """Spill cleaned articles to one Parquet part."""
    write_table(path, [dict(zip(ARTICLE_FIELDS, rows.article_row(k, a), strict=True)) for k, a in enumerate(articles)],
                article_schema())


def read_articles(paths: Sequence[Path], days: tuple[str, str] | None = None, undated: bool = False,
                  ids: Sequence[str] | None = None) -> list[Article]:
    """Read back spilled articles: those of `days` (first and last ISO day, inclusive), or undated, or all; of `ids`."""
    if not paths:
        return []
    field = ds.field("day")
    where = field.is_null() if undated else (field >= days[0]) & (field <= days[1]) if days else None
    if ids is not None:
        wanted = ds.field("id").isin(list(ids))
        where = wanted if where is None else where & wanted
    table = _spilled(paths).to_table(columns=READ_FIELDS, filter=where)
    return [rows.article_from_row(row) for row in zip(*(table.column(c).to_pylist() for c in READ_FIELDS), strict=True)]


def _spilled(paths: Sequence[Path]) -> ds.Dataset:
    """Return the spilled article parts as one dataset."""
    return ds.dataset([str(p) for p in paths], format="parquet", schema=article_schema())


def days(paths: Sequence[Path]) -> list[str]:
    """Return the distinct publication days of the spilled articles, in order."""
    if not paths:
        return []
    found = _spilled(paths).to_table(columns=["day"]).column("day").unique().to_pylist()
    return sorted(d for d in found if d)


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


def rows_in(path: Path) -> int:
    """Return the number of rows of a Parquet part."""
    return int(pq.ParquetFile(path).metadata.num_rows)


def parts(folder: Path) -> Iterator[Path]:
    """Yield the complete Parquet parts of a table folder, in name order."""
    if folder.is_dir():
        yield from sorted(p for p in folder.glob("*.parquet") if not p.name.startswith("."))
