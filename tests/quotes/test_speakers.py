"""Tests for marsad.quotes.speakers: the speaker phrase (name, role, quoted titles) and speaker_head's kinds."""

from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.quotes.extract import quotes
from marsad.quotes.speakers import speaker_head
from marsad.types import Article, Quote, Span


def _doc(body: str) -> Doc:
    """Wrap an invented body as an article's Doc."""
    return Doc(Article(id="t", origin="t", body=body))


def _text(doc: Doc, span: Span | None) -> str | None:
    """Return the text of a span, or None for no span."""
    return doc.text(span) if span is not None else None


@pytest.mark.parametrize(
    ("body", "speaker", "role", "verb"),
    [
        ("وقال المتحدث باسم وزارة الزراعة كريم السعدي إن «المحصول وفير هذا العام».", "كريم السعدي",
         "المتحدث باسم وزارة الزراعة", "قال"),
        ("قال رئيس البلدية الجديد هشام العطار: «سنفتح الحديقة قريبا».", "هشام العطار", "رئيس البلدية الجديد", "قال"),
        ("«سنفتح الحديقة قريبا»، قال هشام العطار.", "هشام العطار", None, "قال"),
        ("وأكدت وزارة الصحة المغربية: «لا توجد إصابات جديدة».", "وزارة الصحة المغربية", None, "أكدت"),
        ("وذكر مسؤول في البلدية أن «الطريق سيغلق يومين».", "مسؤول في البلدية", None, "ذكر"),
        ("وأعلنت الشركة بحسب البيان: «الأرباح ارتفعت».", "الشركة", None, "أعلنت"),
        ("الأسعار ارتفعت «بشكل غير مسبوق»، بحسب غرفة التجارة.", "غرفة التجارة", None, "بحسب"),
        ("المفاوضات «في مراحلها الأخيرة»، نقلا عن مصادر دبلوماسية.", "مصادر دبلوماسية", None, "نقلا"),
        ("ووصفت النقابة الاتفاق بـ«التاريخي».", "النقابة", None, "وصفت"),
    ],
    ids=["role-and-name", "title-colon", "verb-after-quote", "institution", "official",
         "verb-before-source", "bihasab", "naqlan-an", "short-phrase"],
)
def test_direct_quote_speaker_in_the_same_sentence(body: str, speaker: str, role: str | None, verb: str) -> None:
    """The subject of the reporting verb (or the source after a marker) is the speaker, without role words."""
    doc = _doc(body)
    (q,) = [q for q in quotes(doc) if q.kind == "direct"]
    assert (_text(doc, q.speaker), _text(doc, q.role), _text(doc, q.verb)) == (speaker, role, verb)


def test_quoted_name_in_the_speaker_phrase_is_a_title() -> None:
    """A quoted agency name before إن is part of the speaker, not a quote."""
    doc = _doc('وقالت وكالة "أنباء الساحل" المحلية إن السفينة وصلت إلى الميناء.')
    found = quotes(doc)
    assert [(q.kind, doc.text(q.span)) for q in found] == [("indirect", "السفينة وصلت إلى الميناء")]
    assert _text(doc, found[0].speaker) == 'وكالة "أنباء الساحل" المحلية'


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ('وقال نبيل الحداد: "الطريق مفتوح".', "name"),
        ('وقال رئيس البلدية نبيل الحداد: "الطريق مفتوح".', "name"),
        ('وقالت وزارة النقل المصرية: "الطريق مفتوح".', "institution"),
        ('وقالت الحكومة الأردنية: "الطريق مفتوح".', "institution"),
        ('وقالت وكالة "نجمة" الإخبارية إن الطريق مفتوح.', "institution"),
        ('وقالت الوزارة: "الطريق مفتوح".', "anaphor"),
        ('وأضاف البيان: "الطريق مفتوح".', "statement"),
        ('وقال مسؤول في الوزارة: "الطريق مفتوح".', "official"),
        ('وقال المتحدث باسم البلدية: "الطريق مفتوح".', "official"),
        ('وقال شهود عيان: "الطريق مفتوح".', "official"),
        ('وقال المحتجون: "الطريق مفتوح".', "generic"),
    ],
)
def test_speaker_head_kind(body: str, kind: str) -> None:
    """Each kind of speaker phrase is classified, and its naming words are a "speaker" span inside the speaker's."""
    doc = _doc(body)
    (quote,) = quotes(doc)
    head = speaker_head(doc.body, quote)
    assert head is not None and head.kind == kind
    assert quote.speaker is not None and head.span.label == "speaker"
    assert quote.speaker.start == head.span.start < head.span.end <= quote.speaker.end


def test_speaker_head_naming_words_stop_at_a_preposition() -> None:
    """The naming words of an unnamed official end before the preposition (مسؤول في الوزارة → مسؤول)."""
    doc = _doc('وقال مسؤول في الوزارة: "الطريق مفتوح".')
    (quote,) = quotes(doc)
    head = speaker_head(doc.body, quote)
    assert head is not None and doc.text(head.span) == "مسؤول"


def test_speaker_head_needs_a_speaker() -> None:
    """A quote with no speaker span has no speaker head."""
    doc = _doc('وقال نبيل الحداد: "الطريق مفتوح".')
    (quote,) = quotes(doc)
    assert speaker_head(doc.body, Quote(quote.span, quote.kind, quote.verb)) is None
