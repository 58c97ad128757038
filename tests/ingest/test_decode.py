"""Tests for marsad.ingest.decode: bytes to text (BOMs, UTF-8, UTF-16, windows-1256, line ends)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from marsad.types import RawDocument
from tests.ingest.helpers import ARTICLE, read


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),
        (ARTICLE.encode("cp1256"), ARTICLE),
        (ARTICLE.replace("\n", "\r\n").encode("utf-8"), ARTICLE),
        (ARTICLE.replace("\n", "\r").encode("cp1256"), ARTICLE),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1256", "crlf", "cr-cp1256"],
)
def test_text_file_decodes_every_supported_encoding(tmp_path: Path, data: bytes, expected: str) -> None:
    """A scraped text file yields its decoded text unchanged but for LF line ends, with the stem as id."""
    path = tmp_path / "khabar.txt"
    path.write_bytes(data)
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.id, doc.origin) == (expected, "khabar", str(path))
    assert (doc.kind, doc.outlet) == ("text", None)
