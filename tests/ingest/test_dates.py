"""Tests for marsad.ingest.dates: metadata dates read as ISO days, placeholders and damage dropped."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from marsad.ingest.dates import iso_date, struct_date
from tests.ingest.helpers import ARTICLE, docs_of, read


@pytest.mark.parametrize(("value", "day"), [
    ("2015-07-21T10:00:00Z", "2015-07-21"),
    ("Tue, 21 Jul 2015 10:00:00 GMT", "2015-07-21"),
    ("2015-07-21 10:00", "2015-07-21"),
    ("2015-02-30", None),
    ("yesterday", None),
])
def test_iso_date_reads_the_usual_forms(value: str, day: str | None) -> None:
    """ISO, RFC 822 and ISO with a time are read; an impossible day or free text is no date."""
    assert iso_date(value) == day


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "9999-12-31", "Fri, 31 Dec 9999 23:59:59 GMT",
                                   "1899-12-31"])
def test_out_of_range_dates_are_dropped_with_a_warning(value: str, caplog: pytest.LogCaptureFixture) -> None:
    """Placeholder and damaged years (Go's zero time, 9999) give no date and one warning naming the value."""
    with caplog.at_level(logging.WARNING, logger="marsad.ingest.dates"):
        assert iso_date(value) is None
    assert any(repr(value) in r.getMessage() for r in caplog.records)


def test_struct_time_out_of_range_is_dropped() -> None:
    """A parsed feed time in year 1 gives no date; one in range gives its day."""
    assert struct_date(time.struct_time((1, 1, 1, 0, 0, 0, 0, 1, 0))) is None
    assert struct_date(time.struct_time((2015, 7, 21, 0, 0, 0, 1, 202, 0))) == "2015-07-21"


def test_article_with_a_placeholder_date_is_kept(tmp_path: Path) -> None:
    """A JSONL record dated 0001-01-01 is read as an undated article, not lost."""
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "published": "0001-01-01T00:00:00Z"}), encoding="utf-8")
    [doc] = docs_of(read(path))
    assert doc.published is None and doc.text.startswith(ARTICLE.split()[0])
