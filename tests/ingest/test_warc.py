"""Tests for marsad.ingest.warc: WARC crawls, each HTML response record read as a page, dated by its capture."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from marsad.types import IngestError
from tests.ingest.helpers import PARA_1, PARA_2, docs_of, errors_of, read, sha16, warc_bytes


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses(tmp_path: Path, compress: bool) -> None:
    """Each HTML response record goes through the HTML path with its target URI; other records are skipped."""
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(warc_bytes(compress, captured="2025-03-05T10:00:00Z"))
    items = read(path)
    assert not errors_of(items)
    assert [(d.origin, d.id, d.kind) for d in docs_of(items)] == [
        ("https://news.example/w1", sha16("https://news.example/w1"), "html"),
        ("https://news.example/w2", sha16("https://news.example/w2"), "html"),
    ]
    assert docs_of(items)[0].text == f"{PARA_1}\n{PARA_2}"
    assert [d.fetched for d in docs_of(items)] == ["2025-03-05", "2025-03-05"]  # the capture day, WARC-Date


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_truncated_warc_keeps_complete_records_then_one_error(tmp_path: Path, compress: bool) -> None:
    """A WARC cut inside its last record yields the complete records, then one truncation error."""
    data = warc_bytes(compress)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[:-40])
    items = read(path)
    assert [d.origin for d in docs_of(items)] == ["https://news.example/w1"]
    assert isinstance(items[-1], IngestError) and "truncated" in items[-1].message
    assert len(errors_of(items)) == 1


def test_warcio_complaints_are_one_logged_warning_naming_the_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """A record not followed by its blank lines: warcio's message goes to the log with the file, not to stderr."""
    data = warc_bytes(False)
    second = data.index(b"WARC/1.0", 10)
    path = tmp_path / "a.warc"
    path.write_bytes(data[: second - 4] + data[second:])
    with caplog.at_level(logging.WARNING, logger="marsad.ingest.warc"):
        items = read(path)
    assert docs_of(items)
    assert "WARNING: Record not followed" not in capfd.readouterr().err  # warcio's own print
    [record] = [r for r in caplog.records if "not followed by newline" in r.getMessage()]
    assert record.getMessage().startswith(f"{path}: ")
