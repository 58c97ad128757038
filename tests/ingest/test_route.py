"""Tests for marsad.ingest.route: size limits, opening files, and dispatch to the readers.

Whatever the format, a bad or damaged input gives exactly one error (or the items it still holds)
and never raises.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from marsad.types import IngestError
from tests.ingest.helpers import ARTICLE, ARTICLE_PAGE, RECORDS, RSS, read, warc_bytes, zip_bytes


def bad_inputs() -> list[tuple[str, bytes, str]]:
    """Return (file name, content, expected message fragment) for every bad single-file input."""
    return [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file, not text"),
        ("french.txt", "Le président a dit à la presse.".encode("cp1252") * 5, "not UTF-8 or windows-1256"),
        ("cut.zip", zip_bytes({"a.txt": ARTICLE.encode()})[:-30], "truncated or corrupt zip"),
        ("cut.txt.gz", gzip.compress(ARTICLE.encode() * 20)[:-25], "truncated or corrupt gzip"),
        ("junk.gz", b"\x1f\x8bnot really gzip", "truncated or corrupt gzip"),
        ("broken.xml", b"<?xml version='1.0'?><rss><channel><title>x</ti", "malformed XML feed"),
        ("cut.warc", warc_bytes(False)[:30], "truncated or corrupt WARC"),
        ("broken.json", b'[{"text": "x"', "invalid JSON"),
        ("empty.json", b"[]", "empty JSON array"),
    ]


@pytest.mark.parametrize(("name", "data", "fragment"), bad_inputs(), ids=[case[0] for case in bad_inputs()])
def test_bad_input_is_exactly_one_error(tmp_path: Path, name: str, data: bytes, fragment: str) -> None:
    """Each bad input gives exactly one one-line IngestError naming the file, and no document."""
    path = tmp_path / name
    path.write_bytes(data)
    [err] = read(path)
    assert isinstance(err, IngestError)
    assert err.origin == str(path) and fragment in err.message and "\n" not in str(err)


@pytest.mark.parametrize(
    ("name", "data"), [("big.txt", ARTICLE.encode() * 10), ("big.html", ARTICLE_PAGE.encode())]
)
def test_file_over_max_bytes_is_an_error(tmp_path: Path, name: str, data: bytes) -> None:
    """A single-article file larger than max_bytes is refused before it is parsed."""
    path = tmp_path / name
    path.write_bytes(data)
    [err] = read(path, max_bytes=200)
    assert isinstance(err, IngestError) and "larger than 200 bytes" in err.message


def test_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OS error while opening a file becomes one error (simulated: tests may run as root)."""
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        """Fail like a file without read permission."""
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    [err] = read(path)
    assert isinstance(err, IngestError) and err.message == "cannot read: Permission denied"


def container_fixtures() -> dict[str, bytes]:
    """Return one small valid input per container format, to be damaged by the robustness test."""
    return {
        "a.rss": RSS.encode(),
        "a.json": json.dumps(RECORDS).encode(),
        "a.jsonl": "\n".join(json.dumps(r) for r in RECORDS).encode(),
        "a.zip": zip_bytes({"x.txt": ARTICLE.encode(), "y.html": ARTICLE_PAGE.encode()}),
        "a.txt.gz": gzip.compress(ARTICLE.encode()),
        "a.warc.gz": warc_bytes(True),
    }


@pytest.mark.parametrize("name", list(container_fixtures()))
@pytest.mark.parametrize("fraction", [0.1, 0.35, 0.6, 0.85, 0.97])
def test_damaged_input_never_raises(tmp_path: Path, name: str, fraction: float) -> None:
    """A container cut anywhere, or with flipped bytes, still yields at least one item and raises nothing."""
    data = container_fixtures()[name]
    cut = int(len(data) * fraction)
    flipped = data[:cut] + bytes([data[cut] ^ 0xFF]) + data[cut + 1 :]
    for variant, content in (("cut", data[:cut]), ("flip", flipped)):
        path = tmp_path / f"{variant}-{name}"
        path.write_bytes(content)
        assert read(path), f"{variant} at {cut} gave nothing"
