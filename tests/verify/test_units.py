"""Tests for marsad.verify.units: which sentences are claim units, long ones cut at clause breaks, spans exact."""

from __future__ import annotations

import pytest

from marsad.verify.units import LONG_WORDS, MIN_PIECE_WORDS, claim_units
from tests.verify.helpers import one_doc, unit_texts

FACT = "اندلع حريق كبير فجر الأحد في مستودع للأخشاب بالمنطقة الصناعية في مدينة الزرقاء."
# One sentence of more than LONG_WORDS words chaining four facts with "، كما"، "، فيما" and "؛".
CHAINED = ("وتمكنت فرق الدفاع المدني من السيطرة على النيران بعد ساعات طويلة من العمل المتواصل في ظروف صعبة، "
           "كما أخلت السلطات المصانع المجاورة وأغلقت الطرق المؤدية إلى المنطقة الصناعية أمام حركة السير "
           "والشاحنات الثقيلة، فيما نقلت سيارات الإسعاف ثلاثة عمال أصيبوا بحروق طفيفة إلى مستشفى المدينة "
           "الحكومي لتلقي العلاج؛ وبدأت الشرطة تحقيقا موسعا في أسباب الحريق الذي ألحق أضرارا كبيرة بالمستودع "
           "والمعدات والبضائع المخزنة فيه منذ أشهر.")
PIECES = ["وتمكنت فرق الدفاع المدني من السيطرة على النيران بعد ساعات طويلة من العمل المتواصل في ظروف صعبة",
          ("كما أخلت السلطات المصانع المجاورة وأغلقت الطرق المؤدية إلى المنطقة الصناعية أمام حركة السير "
           "والشاحنات الثقيلة"),
          "فيما نقلت سيارات الإسعاف ثلاثة عمال أصيبوا بحروق طفيفة إلى مستشفى المدينة الحكومي لتلقي العلاج",
          ("وبدأت الشرطة تحقيقا موسعا في أسباب الحريق الذي ألحق أضرارا كبيرة بالمستودع والمعدات والبضائع المخزنة "
           "فيه منذ أشهر.")]


def test_a_plain_factual_sentence_is_one_whole_unit() -> None:
    """A short sentence stating a fact is a unit, its span the whole sentence."""
    assert unit_texts(FACT) == [FACT]


@pytest.mark.parametrize("text", [
    "هل كان المستودع مرخصا من البلدية قبل اندلاع الحريق الكبير في المنطقة الصناعية؟",
    "هل كان المستودع مرخصا من البلدية قبل اندلاع الحريق الكبير في المنطقة الصناعية؟»",
    "نرى أن على البلدية مراجعة شروط السلامة في كل المستودعات القريبة من الأحياء السكنية.",
    "ونعتقد أن إهمال شروط السلامة في المستودعات القديمة سبب رئيسي لتكرار الحرائق في المدينة.",
    "يجب على البلدية مراجعة شروط السلامة في كل المستودعات القريبة من الأحياء السكنية.",
    "ربما كان تماس كهربائي في المستودع وراء اندلاع الحريق الكبير بالمنطقة الصناعية.",
    "اقرأ أيضا: حرائق المستودعات في المنطقة الصناعية خلال الأعوام الخمسة الماضية.",
    "الزرقاء - خاص.",
    "تصوير: مازن الخطيب.",
], ids=["question", "question-in-quotes", "nara", "wa-naataqid", "yajib", "rubbama", "read-also", "dateline",
        "caption"])
def test_questions_opinions_and_fragments_are_not_units(text: str) -> None:
    """Questions, sentences opening with an opinion word, and fragments of few content words are left out."""
    assert unit_texts(f"{text}\n\n{FACT}") == [FACT]


def test_a_heading_is_not_a_unit() -> None:
    """A heading line of the body (no sentence: clean keeps it apart) gives no unit, even with many content words."""
    heading = "حريق ضخم يلتهم مستودع الأخشاب الكبير في المنطقة الصناعية بمدينة الزرقاء"
    doc = one_doc(f"{heading}\n\n{FACT}")
    assert heading in doc.body
    assert [doc.text(u.span) for u in claim_units(doc)] == [FACT]


def test_a_long_sentence_is_cut_at_its_clause_breaks() -> None:
    """A sentence over LONG_WORDS words is cut at "، كما"، "، فيما" and "؛", without the break marks."""
    assert len(CHAINED.split()) > LONG_WORDS
    assert unit_texts(CHAINED) == PIECES


def test_a_short_sentence_with_a_break_stays_whole() -> None:
    """A sentence of at most LONG_WORDS words is one unit even with "، كما" in it."""
    text = ("وتمكنت فرق الدفاع المدني من السيطرة على النيران بعد ساعات، كما أخلت السلطات المصانع المجاورة "
            "للمستودع.")
    assert len(text.split()) <= LONG_WORDS
    assert unit_texts(text) == [text]


def test_a_break_leaving_a_short_piece_is_not_cut() -> None:
    """A long sentence is not cut where a piece would have fewer than MIN_PIECE_WORDS words."""
    head = "وأخلت الشرطة المصانع،"
    assert len(head.split()) < MIN_PIECE_WORDS
    text = (f"{head} كما أغلقت السلطات الطرق المؤدية إلى المنطقة الصناعية أمام حركة السير وحولت الشاحنات إلى "
            "طريق جانبي يمر بالقرى المجاورة للمدينة حتى تنتهي فرق الدفاع المدني من تبريد المستودع وإزالة الركام "
            "الذي خلفه الحريق الكبير في ساعات الصباح الأولى من يوم الأحد الماضي بعد أن امتدت النيران إلى "
            "مستودعين مجاورين للأخشاب والمواد البلاستيكية سريعة الاشتعال وسط رياح قوية صعبت عمل رجال الإطفاء "
            "طوال ساعات الليل.")
    assert len(text.split()) > LONG_WORDS
    assert unit_texts(text) == [text]


def test_unit_spans_reproduce_the_body_in_order_with_positions() -> None:
    """Every unit span is a slice of the body (no edge blanks or trailing comma), in body order, positions 0 to 1."""
    doc = one_doc(f"هل وقع الحريق بسبب الإهمال في المستودع القديم بالمنطقة الصناعية؟\n\n{FACT}\n\n{CHAINED}")
    units = claim_units(doc)
    assert [doc.body[u.span.start:u.span.end] for u in units] == [FACT, *PIECES]
    assert all(u.span.article == doc.id and u.span.label == "claim" for u in units)
    assert [u.span.start for u in units] == sorted(u.span.start for u in units)
    assert [u.position for u in units] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_unit_terms_hold_content_stems_and_numbers() -> None:
    """A unit's terms keep its numbers as written, so that two units sharing a number share a term."""
    doc = one_doc("وتمكنت 6 فرق من الدفاع المدني من السيطرة على الحريق بعد ساعات من العمل المتواصل.")
    (unit,) = claim_units(doc)
    assert "6" in unit.terms and len(unit.terms) >= 5
