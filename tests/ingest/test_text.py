"""Tests for marsad.ingest.text: plain-text articles, one per file or built from text in memory."""

from __future__ import annotations

from pathlib import Path

from marsad import ingest
from marsad.types import RawDocument
from tests.ingest.helpers import docs_of, errors_of, read


def test_from_text_builds_a_text_document() -> None:
    """from_text keeps the metadata it is given and normalises line ends."""
    doc = ingest.from_text(
        "سطر\r\nسطر ثان", id="x1", origin="memory", title="ع", outlet="و", published="2025-01-02"
    )
    assert doc == RawDocument("x1", "memory", "سطر\nسطر ثان", "ع", "و", "2025-01-02", "metadata", "text")


def test_seeds_read_as_five_text_documents(seeds_dir: Path) -> None:
    """The real seed directory gives five text documents whose ids are the file stems."""
    items = read(seeds_dir)
    assert not errors_of(items)
    assert sorted(d.id for d in docs_of(items)) == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert len(items) == 5 and all(d.text.strip() for d in docs_of(items))
