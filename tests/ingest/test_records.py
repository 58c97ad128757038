"""Tests for marsad.ingest.records: the field names of JSON and JSONL article objects, mapped to RawDocuments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ingest.helpers import ARTICLE, RECORDS, docs_of, read, sha16


@pytest.mark.parametrize(
    ("field", "fetched"), [("fetched", "2025-03-06"), ("crawled_at", "2025-03-06"), ("note", None)]
)
def test_json_record_capture_day(tmp_path: Path, field: str, fetched: str | None) -> None:
    """A record's fetch-time field becomes its capture day; other fields do not."""
    path = tmp_path / "dump.jsonl"
    record = {"content": ARTICLE, field: "2025-03-06T11:00:00"}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    [doc] = docs_of(read(path))
    assert doc.fetched == fetched


def test_json_array_in_saudinewsnet_layout(tmp_path: Path) -> None:
    """A JSON array of source/url/date_extracted/title/content objects maps every field."""
    path = tmp_path / "day.json"
    path.write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    docs = read(path)
    assert [(d.id, d.origin, d.outlet, d.title, d.published) for d in docs_of(docs)] == [
        (sha16("https://alhaql.example/1"), "https://alhaql.example/1", "alhaql", "عنوان أول", "2015-07-21"),
        (sha16("https://alwadi.example/2"), "https://alwadi.example/2", "alwadi", "عنوان ثان", "2015-07-29"),
    ]
    assert docs_of(docs)[0].text == ARTICLE
