"""Tests for marsad.ingest.sniff: an input's format from magic bytes, markup roots, the extension, then content."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest.sniff import detect
from marsad.types import RawDocument
from tests.ingest.helpers import ARTICLE, read


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.txt", b"PK\x03\x04rest", "zip"),
        ("a.html", b"\x1f\x8b\x08", "gzip"),
        ("a.warc.gz", b"\x1f\x8b\x08", "warc"),
        ("noext", b"WARC/1.0\r\n", "warc"),
        ("a.txt", b"<!DOCTYPE html><html>", "html"),
        ("a.html", b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        ("noext", b"\xef\xbb\xbf<feed xmlns='x'>", "feed"),
        ("noext", b"[{\"text\": 1}]", "json"),
        ("a.ndjson", b"{\"text\": 1}", "jsonl"),
        ("a.txt", "[خبر] نص".encode(), "text"),
        ("noext", "نص عادي".encode(), "text"),
    ],
)
def test_detect_by_magic_markup_extension_then_content(name: str, head: bytes, kind: str) -> None:
    """Magic bytes beat the extension, markup roots beat it too, and content decides when it is missing."""
    assert detect(name, head) == kind


def test_text_without_extension_is_sniffed_as_text(tmp_path: Path) -> None:
    """A file with no extension and text content is read as one plain-text article."""
    path = tmp_path / "article"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.kind == "text" and doc.text == ARTICLE
