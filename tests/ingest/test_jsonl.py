"""Tests for marsad.ingest.jsonl: JSON Lines, one article per line, a bad line one error and the rest kept."""

from __future__ import annotations

import json
from pathlib import Path

from marsad.types import IngestError, RawDocument
from tests.ingest.helpers import ARTICLE, PARA_1, PARA_2, docs_of, errors_of, read, sha16


def test_jsonl_bad_line_is_one_error_and_others_go_on(tmp_path: Path) -> None:
    """A broken JSONL line is reported as file:line while the good lines still become documents."""
    path = tmp_path / "items.jsonl"
    good = {"text": ARTICLE, "link": "https://a.example/1", "outlet": "أ", "date": "2025-03-01"}
    lines = [json.dumps(good), "", "{not json", json.dumps({"body": PARA_1})]
    path.write_text("\n".join(lines), encoding="utf-8")
    first, err, last = read(path)
    assert isinstance(first, RawDocument) and isinstance(err, IngestError) and isinstance(last, RawDocument)
    assert (first.id, first.outlet) == (sha16("https://a.example/1"), "أ")
    assert (first.published, first.published_source) == ("2025-03-01", "metadata")
    assert err.origin == f"{path}:3" and "invalid JSON" in err.message
    assert (last.id, last.origin, last.text) == (sha16(PARA_1), f"{path}:4", PARA_1)


def test_a_damaged_byte_loses_only_its_line(tmp_path: Path) -> None:
    """One invalid UTF-8 byte in a JSONL file refuses that line, named by its number; the others are read."""
    lines = [json.dumps({"text": t}, ensure_ascii=False).encode() for t in (ARTICLE, PARA_1, PARA_2)]
    lines[1] = lines[1].replace("ال".encode(), b"\xff", 1)
    path = tmp_path / "d.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = read(path)
    [err] = errors_of(items)
    assert err.origin == f"{path}:2" and "damaged byte" in err.message
    assert len(docs_of(items)) == 2
