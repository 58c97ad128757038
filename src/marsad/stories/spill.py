"""Cleaned articles spilled to Parquet and read back a window of publication days at a time.

A long corpus does not fit in memory at once: `analyze --format jsonl` and `marsad bulk` write each
input's cleaned articles to a part file here (as the store writes them, marsad.store.rows, with their
publication `day`) and read back one window's articles (marsad.stories.windows) when it is clustered,
or a batch's articles by id when it is annotated. Every part is written to a temporary name and renamed
when complete, so a reader (or a rerun) never sees half a file; a part present is a part done.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from marsad.store import rows
from marsad.types import Article

READ_FIELDS = [c.strip() for c in rows.ARTICLE_COLUMNS.split(",")]
ARTICLE_FIELDS = ["day", *READ_FIELDS]  # the columns of rows.article_fields
# The store's own columns (rows.article_row), never read back here: written only where a part is also an
# output (`marsad bulk`'s articles table). The content key tokenizes the whole body (~4% of a
# stories-only `analyze` in one process), and analyze's parts are temporary.
STORE_FIELDS = ["rid", "content_key"]
# Articles per row group of a part: a window's read skips the row groups of other days.
ROW_GROUP = 2000
# Arrow's buffers come from the C library's allocator, not Arrow's bundled jemalloc, which kept the pages
# of every window read: `analyze --format jsonl --no-people --no-dates --no-claims` over SaudiNewsNet
# peaked at 907 MB with jemalloc and 783 MB with the system allocator (776 MB holding every article).
pa.set_memory_pool(pa.system_memory_pool())


def write_table(path: Path, records: Sequence[dict[str, Any]], schema: pa.Schema | None = None) -> None:
    """Write rows to one Parquet file, whole or not at all (a temporary name renamed at the end)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(list(records), schema=schema)
    part = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, part, row_group_size=ROW_GROUP)
    part.replace(path)


def article_schema(store_columns: bool = False) -> pa.Schema:
    """Return the schema of a spilled article part (strings but the row number), with the store's columns or not."""
    names = [*STORE_FIELDS, *ARTICLE_FIELDS] if store_columns else ARTICLE_FIELDS
    return pa.schema([(name, pa.int64() if name == "rid" else pa.string()) for name in names])


def write_articles(path: Path, articles: Sequence[Article], store_columns: bool = False) -> None:
    """Spill cleaned articles to one Parquet part, with the store's row number and content key or not."""
    schema = article_schema(store_columns)
    values = (rows.article_row(k, a) if store_columns else rows.article_fields(a) for k, a in enumerate(articles))
    write_table(path, [dict(zip(schema.names, v, strict=True)) for v in values], schema)


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
    out: list[Article] = []
    # A batch of rows at a time: the columns of a whole window as Python lists would double its peak.
    for batch in _spilled(paths).to_batches(columns=READ_FIELDS, filter=where, batch_size=ROW_GROUP):
        columns = [batch.column(c).to_pylist() for c in READ_FIELDS]
        out += (rows.article_from_row(row) for row in zip(*columns, strict=True))
    return out


def _spilled(paths: Sequence[Path]) -> ds.Dataset:
    """Return the spilled article parts as one dataset."""
    return ds.dataset([str(p) for p in paths], format="parquet", schema=article_schema())


def days(paths: Sequence[Path]) -> list[str]:
    """Return the distinct publication days of the spilled articles, in order."""
    if not paths:
        return []
    found = _spilled(paths).to_table(columns=["day"]).column("day").unique().to_pylist()
    return sorted(d for d in found if d)


def parts(folder: Path) -> Iterator[Path]:
    """Yield the complete Parquet parts of a folder, in name order."""
    if folder.is_dir():
        yield from sorted(p for p in folder.glob("*.parquet") if not p.name.startswith("."))
