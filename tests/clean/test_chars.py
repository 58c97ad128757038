"""Tests for marsad.clean.chars: one reading of the glyphs, whatever encoding of them a page used."""

from __future__ import annotations

from marsad.arabic import tokens
from marsad.clean.article import clean
from marsad.clean.chars import plain_chars
from marsad.store.rows import content_key
from marsad.types import RawDocument

SENTENCE = "قال الوزير لا بد من حل سياسي للأزمة في المنطقة."


def test_presentation_forms_unfold_into_base_letters() -> None:
    """Lam-alef and contextual letter forms (as PDFs and old sites write them) become the letters they show."""
    shown = "ﻗﺎﻝ ﺍﻟﻮﺯﻳﺮ ﻻ ﺑﺪ"
    assert plain_chars(shown) == "قال الوزير لا بد"
    assert tokens(plain_chars(shown)) == ["قال", "الوزير", "لا", "بد"]


def test_odd_spaces_become_plain_a_stray_bom_goes_and_direction_marks_stay() -> None:
    """No-break and thin spaces read as spaces, a BOM is removed; an RLM stays (it orders a number's digits)."""
    assert plain_chars("قال\u00a0الوزير\u202fلا\ufeff بد") == "قال الوزير لا بد"
    assert plain_chars("بلغ 54.\u200f92 دولارا") == "بلغ 54.\u200f92 دولارا"
    assert plain_chars("plain ASCII") == "plain ASCII"


def test_formatting_variants_are_one_content() -> None:
    """NBSPs, presentation forms and trailing spaces clean to the plain body; with a direction mark too, one content key."""
    plain = clean(RawDocument("a", "a.txt", SENTENCE + "\n"))
    variant = SENTENCE.replace(" ", "\u00a0", 2).replace("لا", "ﻻ")
    assert clean(RawDocument("b", "b.txt", variant + "   \n")).body == plain.body
    marked = clean(RawDocument("c", "c.txt", variant.replace("الوزير", "\u200fالوزير")))
    assert content_key(marked) == content_key(plain)
