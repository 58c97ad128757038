"""Tests for marsad.clean.chars: one reading of the glyphs, whatever encoding of them a page used."""

from __future__ import annotations

from marsad.arabic import tokens
from marsad.clean.article import clean
from marsad.clean.chars import plain_chars
from marsad.types import RawDocument

SENTENCE = "قال الوزير لا بد من حل سياسي للأزمة في المنطقة."


def test_presentation_forms_unfold_into_base_letters() -> None:
    """Lam-alef and contextual letter forms (as PDFs and old sites write them) become the letters they show."""
    shown = "ﻗﺎﻝ ﺍﻟﻮﺯﻳﺮ ﻻ ﺑﺪ"
    assert plain_chars(shown) == "قال الوزير لا بد"
    assert tokens(plain_chars(shown)) == ["قال", "الوزير", "لا", "بد"]


def test_odd_spaces_become_plain_and_direction_marks_go() -> None:
    """No-break and thin spaces read as spaces; RLM, LRM, embeddings and a stray BOM are removed."""
    assert plain_chars("قال\u00a0الوزير\u202f\u200fلا\u202bبد\u202c\ufeff") == "قال الوزير لابد"
    assert plain_chars("plain ASCII") == "plain ASCII"


def test_formatting_variants_clean_to_one_body() -> None:
    """An article with NBSPs, presentation forms, bidi marks and trailing spaces cleans to the plain one's body."""
    plain = clean(RawDocument("a", "a.txt", SENTENCE + "\n"))
    variant = SENTENCE.replace(" ", "\u00a0", 2).replace("لا", "ﻻ").replace("الوزير", "\u200fالوزير")
    assert clean(RawDocument("b", "b.txt", variant + "   \n")).body == plain.body
