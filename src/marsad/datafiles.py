"""Read marsad's bundled data files (word lists, rule tables): blank lines and # comments skipped."""

from __future__ import annotations

from importlib import resources


def read_text(name: str) -> str:
    """Return the text of one file in the package's data folder."""
    return resources.files("marsad").joinpath("data", name).read_text(encoding="utf-8")


def content_lines(text: str) -> list[str]:
    """Return the lines of a data text that are neither blank nor # comments, as written."""
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def rows(name: str) -> list[list[str]]:
    """Return the tab-split content lines of a bundled data file."""
    return [line.split("\t") for line in content_lines(read_text(name))]
