"""Fixtures of the store tests: a fresh store in a temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store in a temporary file."""
    with Store.open(tmp_path / "marsad.db") as st:
        yield st
