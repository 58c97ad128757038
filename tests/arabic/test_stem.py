"""Tests for marsad.arabic.stem: light stems join inflected forms and keep different words apart."""

from __future__ import annotations

import pytest

from marsad import arabic
from marsad.arabic.stem import pronoun_suffixed


@pytest.mark.parametrize(
    ("a", "b"),
    [("المحادثات", "محادثات"), ("والمحادثات", "محادثات"), ("الدبلوماسيين", "دبلوماسيين")],
)
def test_stem_joins_inflected_forms(a: str, b: str) -> None:
    assert arabic.stem(arabic.normalize(a)) == arabic.stem(arabic.normalize(b))


def test_stem_keeps_different_words_apart() -> None:
    assert arabic.stem("سفاره") != arabic.stem("سياره")


@pytest.mark.parametrize(("word", "expected"), [("إدارته", True), ("ومقره", True), ("أصدرها", True),
                                                ("إدارة", False), ("المياه", False), ("عبدالله", False),
                                                ("نزيه", False)])
def test_a_pronoun_suffix_shows_only_as_written(word: str, expected: bool) -> None:
    """A final ه/ها/هم is a pronoun, except where it is the word's own (المياه، نزيه، الله) or a ة."""
    assert pronoun_suffixed(word) is expected
