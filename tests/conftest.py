"""Shared test fixtures: where ../shared lives, and a reason to skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared").resolve()
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture
def seeds_dir() -> Path:
    """The five real seed articles, or a skip naming the missing directory."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not present (CI provides ../shared)")
    return SEEDS


@pytest.fixture
def data_dir() -> Path:
    """The real corpora in ../shared/data, or a skip naming the missing directory."""
    if not DATA.is_dir():
        pytest.skip(f"{DATA} not present (CI provides ../shared)")
    return DATA
