"""JSON files: an array of article objects (as in SaudiNewsNet's day files) or a single object."""

from __future__ import annotations

import json
from collections.abc import Iterator

from marsad.ingest.base import Item
from marsad.ingest.decode import text_or_error
from marsad.ingest.jsonl import read_lines
from marsad.ingest.records import from_record
from marsad.types import IngestError


def read_json(data: bytes, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield one document per article object; JSON Lines content in a .json file is read as JSONL."""
    text = text_or_error(data, origin)
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
    if not isinstance(value, list):
        yield from_record(value, origin, max_bytes)
        return
    if not value:
        yield IngestError(origin, "empty JSON array")
    for index, record in enumerate(value):
        yield from_record(record, f"{origin}[{index}]", max_bytes)
