"""Tests for reading the bundled data files."""

from __future__ import annotations

from marsad import datafiles


def test_content_lines_skip_blank_lines_and_comments() -> None:
    text = "# header\nأ\tب\n\n   \n#x\nج\n"
    assert datafiles.content_lines(text) == ["أ\tب", "ج"]


def test_rows_of_a_bundled_table_are_tab_split() -> None:
    table = datafiles.rows("weekdays.tsv")
    assert table and all(len(row) >= 2 for row in table)
    assert not any(row[0].startswith("#") for row in table)
