"""JSON files: an array of article objects (as in SaudiNewsNet's day files), a single object, or a JSON Feed."""

from __future__ import annotations

import json
from collections.abc import Iterator

from marsad.ingest.base import Item
from marsad.ingest.decode import DAMAGED_RE, records_text
from marsad.ingest.jsonfeed import is_json_feed, read_json_feed
from marsad.ingest.jsonl import DAMAGED, read_lines
from marsad.ingest.records import from_record
from marsad.types import IngestError


def read_json(data: bytes, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield one document per article object, or an error for one with a damaged byte; JSON Lines are read as JSONL."""
    text = records_text(data, origin)
    if isinstance(text, IngestError):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several top-level values: one object per line
            yield from read_lines(text, origin, max_bytes)
        else:
            yield IngestError(origin, f"invalid JSON: {exc.msg} at line {exc.lineno}")
        return
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        yield IngestError(origin, f"invalid JSON: {exc}")
        return
    if is_json_feed(value):
        yield from read_json_feed(value, origin, max_bytes)
        return
    if not isinstance(value, list):
        yield from_record(value, origin, max_bytes)
        return
    if not value:
        yield IngestError(origin, "empty JSON array")
    damaged = DAMAGED_RE.search(text) is not None
    for index, record in enumerate(value):
        if damaged and DAMAGED_RE.search(json.dumps(record, ensure_ascii=False)):
            yield IngestError(f"{origin}[{index}]", DAMAGED)
        else:
            yield from_record(record, f"{origin}[{index}]", max_bytes)
