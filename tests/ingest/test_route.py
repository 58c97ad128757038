"""Tests for marsad.ingest.route: size limits, opening files, and dispatch to the readers.

Whatever the format, a bad or damaged input gives exactly one error (or the items it still holds)
and never raises.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from marsad import ingest
from marsad.ingest import route
from marsad.types import IngestError
from tests.ingest.helpers import ARTICLE, ARTICLE_PAGE, RECORDS, RSS, docs_of, errors_of, read, warc_bytes, zip_bytes


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


def test_zip_cut_in_its_middle_loses_only_the_damaged_members(tmp_path: Path) -> None:
    """Bytes cut from a zip's middle (its directory intact) give one error per member out of place, the rest read.

    zipfile takes the shortened archive as one with bytes prepended, so the members on one side of the
    hole are found and those on the other side are not; which side depends on zipfile, not on marsad.
    """
    data = zip_bytes({f"m{k}.txt": (ARTICLE * 20 + str(k)).encode() for k in range(4)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        hole = archive.getinfo("m2.txt").header_offset + 40  # inside the third member
    path = tmp_path / "holed.zip"
    path.write_bytes(data[:hole] + data[hole + 20 :])
    items = read(path)
    errors = errors_of(items)
    assert errors and all(e.origin.startswith(f"{path}!m") and "corrupt zip member" in e.message for e in errors)
    read_members = {d.origin for d in docs_of(items)}
    assert read_members and len(read_members) + len(errors) == 4  # each member read or named once


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO (which would block on open) and a character device (endless) are refused by their type."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        [err] = read(path)
        assert isinstance(err, IngestError) and err.origin == str(path) and "not a regular file" in err.message


def test_a_reader_failing_unexpectedly_ends_that_input_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception no reader expects becomes one error naming the input; the batch's other files are read."""
    def explode(data: bytes, origin: str, max_bytes: int) -> list[IngestError]:
        """Fail like a parser bug on damaged bytes."""
        raise OverflowError("date value out of range")

    monkeypatch.setattr(route, "read_jsonl", explode)
    bad, good = tmp_path / "a.jsonl", tmp_path / "b.txt"
    bad.write_text(json.dumps(RECORDS[0]), encoding="utf-8")
    good.write_text(ARTICLE, encoding="utf-8")
    items = list(ingest.read_paths([bad, good]))
    [err] = errors_of(items)
    assert err.origin == str(bad) and "OverflowError: date value out of range" in err.message
    assert [d.origin for d in docs_of(items)] == [str(good)]
