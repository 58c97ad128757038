"""Tests for marsad.quotes.marks: quote marks of every Arabic news style paired into quoted texts, on invented text."""

from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.quotes.extract import quotes
from marsad.quotes.marks import marked
from marsad.types import Article


def _doc(body: str) -> Doc:
    """Wrap an invented body as an article's Doc."""
    return Doc(Article(id="t", origin="t", body=body))


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("وقال الوزير سالم النجار: «نحن مستعدون للحوار الجاد».", "نحن مستعدون للحوار الجاد"),
        ("وقال الوزير سالم النجار: “نحن مستعدون للحوار الجاد”.", "نحن مستعدون للحوار الجاد"),
        ('وقال الوزير سالم النجار: "نحن مستعدون للحوار الجاد".', "نحن مستعدون للحوار الجاد"),
        ("وقال الوزير سالم النجار: 'نحن مستعدون للحوار الجاد'.", "نحن مستعدون للحوار الجاد"),
        ("وقال الوزير سالم النجار: ”نحن مستعدون للحوار الجاد“.", "نحن مستعدون للحوار الجاد"),
        ('وقال الوزير سالم النجار: "نحن مستعدون للحوار الجاد\n\nوانتهى الاجتماع مساء.', "نحن مستعدون للحوار الجاد"),
    ],
    ids=["guillemets", "curly", "straight", "single", "swapped-curly", "missing-close"],
)
def test_each_quote_style_gives_the_words_without_marks(body: str, text: str) -> None:
    """Every Arabic news quote style yields one direct quote spanning only the quoted words."""
    doc = _doc(body)
    found = [q for q in quotes(doc) if q.kind == "direct"]
    assert [doc.text(q.span) for q in found] == [text]
    assert found[0].speaker is not None and doc.text(found[0].speaker) == "سالم النجار"


def test_apostrophe_inside_a_word_is_not_a_quote() -> None:
    """A single mark between letters (an apostrophe) opens no quote."""
    doc = _doc("وقال المدير رامي حداد إن فريق Don't Stop فاز بالجائزة.")
    assert [q for q in quotes(doc) if q.kind == "direct"] == []
    assert marked("فريق Don't Stop فاز", 0) == []


@pytest.mark.parametrize(
    ("para", "texts", "closed"),
    [
        ("قال: «نعم هنا» ثم «لا هناك».", ["نعم هنا", "لا هناك"], [True, True]),
        ('قال: "نعم هنا', ["نعم هنا"], [False]),
        ("قال: 'نعم هنا", [], []),
        ('«قال "نعم" أمس»', ['قال "نعم" أمس'], [True]),
        ("«  نعم  »", ["نعم"], [True]),
        ("« 12 »", [], []),
        ("وقال إن الاتفاق كبير”. ورأى أن “الأسعار ستنخفض”.", ["الأسعار ستنخفض"], [True]),
        ("وصفته بـ”الإرادة” أمس.", ["الإرادة"], [True]),
    ],
    ids=["two-quotes", "missing-close", "unclosed-single", "nested", "blanks-trimmed", "no-letter",
         "stray-closing-mark", "swapped-marks"],
)
def test_marked_pairs_marks_of_one_class(para: str, texts: list[str], closed: list[bool]) -> None:
    """A mark is closed by the next of its class, offsets shifted to the body's.

    An unclosed double mark quotes to the paragraph end, an unclosed single one is an apostrophe; the
    outer of nested quotes is kept; blanks are trimmed and a quote without a letter is dropped; a mark
    that can only close opens nothing.
    """
    offset = 10
    found = marked(para, offset)
    assert [para[s - offset : e - offset] for s, e, _ in found] == texts
    assert [c for _, _, c in found] == closed


def test_a_guillemet_quote_inside_a_guillemet_quote_nests() -> None:
    """«… مثل «الجنادرية» …» is one quote holding a quoted name, not two quotes cut at the inner marks."""
    text = "وأضاف: «شاركنا في مهرجانات مثل «الجنادرية» واحتفالات العيد». ثم «أ» و«ب»."
    assert [text[s:e] for s, e, _ in marked(text, 0)] == [
        "شاركنا في مهرجانات مثل «الجنادرية» واحتفالات العيد", "أ", "ب"]
