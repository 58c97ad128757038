"""Tests for marsad.ingest.archive: zip and gzip containers whose members are read by their own format."""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from marsad.ingest.archive import inflated_limit
from marsad.types import IngestError, RawDocument
from tests.ingest.helpers import ARTICLE, PARA_1, docs_of, errors_of, read, sha16, zip_bytes


def test_zip_members_read_by_their_own_format_and_nested(tmp_path: Path) -> None:
    """Zip members are read by extension or sniffing, nested zips included, with archive!member origins."""
    inner = zip_bytes({"deep.txt": ARTICLE.encode()})
    path = tmp_path / "bundle.zip"
    path.write_bytes(zip_bytes({
        "a.txt": ARTICLE.encode("cp1256"),
        "b.jsonl": json.dumps({"text": PARA_1}).encode(),
        "noext": ARTICLE.encode(),
        "inner.zip": inner,
        "__MACOSX/._a.txt": b"\x00\x05",
    }))
    items = read(path)
    assert not errors_of(items)
    assert [(d.id, d.origin) for d in docs_of(items)] == [
        ("a", f"{path}!a.txt"),
        (sha16(PARA_1), f"{path}!b.jsonl:1"),
        ("noext", f"{path}!noext"),
        ("deep", f"{path}!inner.zip!deep.txt"),
    ]


def test_gzip_is_read_as_its_inner_format(tmp_path: Path) -> None:
    """A .txt.gz file is decompressed and read as text named by the inner stem."""
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and (doc.id, doc.text) == ("story", ARTICLE)


@pytest.mark.parametrize("kind", ["zip", "gzip"])
def test_a_bomb_is_stopped_while_inflating(tmp_path: Path, kind: str) -> None:
    """60 MB of one letter, compressed about 1000x, is refused by ratio before it is inflated whole."""
    inflated = ("ا" * 30_000_000).encode()
    size = len(inflated)
    tracemalloc.start()
    try:
        if kind == "zip":
            path = tmp_path / "bomb.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("a.txt", inflated)
        else:
            path = tmp_path / "bomb.txt.gz"
            path.write_bytes(gzip.compress(inflated))
        del inflated
        tracemalloc.reset_peak()
        [err] = read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(err, IngestError) and "bomb" in err.message and err.origin.startswith(str(path))
    limit = inflated_limit(path.stat().st_size)
    assert peak < 3 * limit < size / 2  # the limit (and a copy of it), not the 60 MB inside
