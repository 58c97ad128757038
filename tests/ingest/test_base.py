"""Tests for marsad.ingest.base: stable ids and the per-article checks (empty text, max_bytes)."""

from __future__ import annotations

import json
from pathlib import Path

from marsad.types import IngestError, RawDocument
from tests.ingest.helpers import RECORDS, RSS, docs_of, read


def test_max_bytes_applies_to_each_article_of_a_container(tmp_path: Path) -> None:
    """In a container, only the article over max_bytes is an error; the small one is kept."""
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": "قصير"}) + "\n" + json.dumps({"text": "طويل " * 200}))
    small, big = read(path, max_bytes=300)
    assert isinstance(small, RawDocument) and isinstance(big, IngestError)
    assert "larger than 300" in big.message


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    """Reading the same inputs twice gives the same ids in the same order."""
    (tmp_path / "day.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    first = [d.id for d in docs_of(read(tmp_path))]
    second = [d.id for d in docs_of(read(tmp_path))]
    assert first == second and len(set(first)) == 4
