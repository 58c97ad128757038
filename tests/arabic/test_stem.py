"""Tests for marsad.arabic.stem: light stems join inflected forms and keep different words apart."""

from __future__ import annotations

import pytest

from marsad import arabic


@pytest.mark.parametrize(
    ("a", "b"),
    [("المحادثات", "محادثات"), ("والمحادثات", "محادثات"), ("الدبلوماسيين", "دبلوماسيين")],
)
def test_stem_joins_inflected_forms(a: str, b: str) -> None:
    assert arabic.stem(arabic.normalize(a)) == arabic.stem(arabic.normalize(b))


def test_stem_keeps_different_words_apart() -> None:
    assert arabic.stem("سفاره") != arabic.stem("سياره")
