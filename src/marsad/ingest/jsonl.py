"""JSON Lines: one article object per line; a bad line is one error and the others go on."""

from __future__ import annotations

import json
from collections.abc import Iterator

from marsad.ingest.base import Item
from marsad.ingest.decode import DAMAGED_RE, records_text
from marsad.ingest.records import from_record
from marsad.types import IngestError

DAMAGED = "not UTF-8 text: a damaged byte in this record"


def read_lines(text: str, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield the article of every non-blank line of decoded JSONL text."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        if DAMAGED_RE.search(line):
            yield IngestError(where, DAMAGED)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"invalid JSON: {exc.msg}")
            continue
        except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
            yield IngestError(where, f"invalid JSON: {exc}")
            continue
        yield from_record(record, where, max_bytes)


def read_jsonl(data: bytes, origin: str, max_bytes: int) -> Iterator[Item]:
    """Yield one document per line of a JSONL file (a damaged line is one error), or one error when it is no text."""
    text = records_text(data, origin)
    if isinstance(text, IngestError):
        yield text
        return
    yield from read_lines(text, origin, max_bytes)
