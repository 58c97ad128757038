"""Tests for marsad.quotes.words: word classes read from the normalized form."""

from __future__ import annotations

import pytest

from marsad.arabic import normalize
from marsad.quotes.words import is_verbal_noun


@pytest.mark.parametrize("word", ["انتظام", "اجتماع", "استمرار", "تأجيل", "إعلان", "تعاون", "مشاركة"])
def test_derived_verbal_nouns_are_recognised(word: str) -> None:
    """The patterns افتعال، استفعال، تفعيل، إفعال، تفاعل، مفاعلة match their indefinite nouns."""
    assert is_verbal_noun(normalize(word))


@pytest.mark.parametrize("word", ["محمد", "أحمد", "العباسي", "الانتظام", "سلمان", "عبدالله"])
def test_names_and_definite_words_are_no_verbal_nouns(word: str) -> None:
    """Personal names and words with the article do not fit the patterns."""
    assert not is_verbal_noun(normalize(word))
