"""Tests for marsad.ingest.jsonarray: JSON files holding an array of articles, one object, or (misnamed) JSON Lines."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.types import IngestError
from tests.ingest.helpers import ARTICLE, PARA_1, PARA_2, RECORDS, docs_of, errors_of, read


@pytest.mark.parametrize(
    ("content", "count"),
    [(json.dumps(RECORDS[0]), 1), ("\n".join(json.dumps(r) for r in RECORDS), 2)],
    ids=["single-object", "jsonl-in-json"],
)
def test_json_single_object_and_lines(tmp_path: Path, content: str, count: int) -> None:
    """A .json file may hold one object, or (misnamed) JSON Lines."""
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    assert len(docs_of(read(path))) == count


def test_saudinewsnet_zip_yields_one_item_per_array_entry(data_dir: Path) -> None:
    """One real SaudiNewsNet day zip gives one document or error per object of its JSON array."""
    path = min((data_dir / "saudinewsnet" / "dataset").glob("*.zip"))
    with zipfile.ZipFile(path) as archive:
        expected = sum(len(json.loads(archive.read(name))) for name in archive.namelist())
    items = read(path)
    assert len(items) == expected
    assert len(docs_of(items)) > 0.9 * expected
    assert all(d.outlet and d.published and d.origin.startswith("http") for d in docs_of(items))


def test_a_damaged_byte_loses_only_its_record(tmp_path: Path) -> None:
    """One invalid UTF-8 byte in an array's string refuses that record only; another encoding is refused whole."""
    data = json.dumps([{"text": t} for t in (ARTICLE, PARA_1, PARA_2)], ensure_ascii=False).encode()
    cut = data.index(PARA_2.encode()) + 8
    path = tmp_path / "d.json"
    path.write_bytes(data[:cut] + b"\xfe" + data[cut:])
    items = read(path)
    [err] = errors_of(items)
    assert err.origin == f"{path}[2]" and "damaged byte" in err.message
    assert len(docs_of(items)) == 2
    latin = tmp_path / "latin.json"
    latin.write_bytes(json.dumps([{"text": "Le président a dit à la presse. " * 5}], ensure_ascii=False).encode("cp1252"))
    [whole] = read(latin)
    assert isinstance(whole, IngestError) and whole.origin == str(latin)
