"""Tests for marsad.dating.speech: an article's expressions anchored on its day, and in quotes on the speech's day."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.dating.speech import article_expressions
from marsad.doc import Doc
from marsad.types import Article, TimeExpression


def _doc(body: str, published: str | None = "2025-02-20") -> Doc:
    """Return the Doc of an invented article `a` published on `published`."""
    return Doc(Article("a", "test", body, published=published))


def _by_text(doc: Doc, anchor: dt.date | None = None) -> dict[str, TimeExpression]:
    """Return the article's expressions by their text, read from the body through their spans."""
    return {doc.text(e.span): e for e in article_expressions(doc, anchor)}


@pytest.mark.parametrize(
    ("body", "published", "inside", "value"),
    [
        ("وأعلن الوزير أمس الأربعاء أن المؤتمر سيعقد غداً في الدوحة.", "2025-02-20", "غداً", "2025-02-20"),
        ("وقال الوزير أمس: «سنوقع الاتفاق اليوم».", "2025-02-20", "اليوم", "2025-02-19"),
        ("وقال الرئيس في خطاب الثلاثاء: «العام المقبل عام البناء».", "2025-01-03", "العام المقبل", "2025"),
        ("وكان الوزير قال في 10 فبراير الجاري إن الحوار سيبدأ الأسبوع المقبل.", "2025-02-20",
         "الأسبوع المقبل", "2025-02-17/2025-02-23"),
        # The day of speech carries over to the speaker's next quote a sentence later.
        ("وأعلن الوزير سامي الحداد أمس الأربعاء أن الوفد وصل. وقال الحداد: «سنوقع الاتفاق غداً».", "2025-02-20",
         "غداً", "2025-02-20"),
    ],
    ids=["indirect-tomorrow", "direct-today", "speech-weekday", "speech-date", "carried-over"],
)
def test_quotes_are_anchored_on_the_speech(body: str, published: str, inside: str, value: str) -> None:
    found = _by_text(_doc(body, published))
    assert found[inside].value == value
    assert found[inside].anchor != published


def test_a_bare_today_in_indirect_speech_is_the_reporters_day() -> None:
    found = _by_text(_doc("وأكدت الوزارة أمس الأربعاء أن المحادثات تجرى اليوم في الدوحة."))
    assert found["اليوم"].value == "2025-02-20" and found["اليوم"].anchor == "2025-02-20"


def test_quote_without_a_stated_speech_day_keeps_the_publication_date() -> None:
    [found] = article_expressions(_doc("وقال الوزير: «سنوقع الاتفاق غدا»."))
    assert found.value == "2025-02-21" and found.anchor == "2025-02-20"


def test_article_spans_reproduce_the_body() -> None:
    body = ("وأعلن الوزيرُ، أمسِ الأربعاءَ، أنّ الاجتماعَ سيُعقدُ غداً.\n"
            "واستمرت المحادثات ستَّ ساعاتٍ ونصفاً منذ ثلاث سنوات في 18 فبراير/ شباط الجاري.")
    found = article_expressions(_doc(body))
    assert len(found) == 5
    assert all(e.span.article == "a" and 0 <= e.span.start < e.span.end <= len(body) for e in found)
    texts = [body[e.span.start : e.span.end] for e in found]
    assert texts[1] == "غداً"
    assert texts[2] == "ستَّ ساعاتٍ ونصفاً" and found[2].duration == "PT6H30M" and found[2].kind == "duration"


def test_an_anchor_given_replaces_the_publication_day() -> None:
    doc = _doc("وأعلن المتحدث أمس النتائج.", published=None)
    [unanchored] = article_expressions(doc)
    assert unanchored.value is None and unanchored.anchor is None
    [found] = article_expressions(doc, dt.date(2025, 3, 13))
    assert found.value == "2025-03-12" and found.anchor == "2025-03-13"


def test_the_quotes_are_found_when_no_stage_did_and_read_from_the_doc_otherwise() -> None:
    body = "وقال الوزير أمس: «سنوقع الاتفاق اليوم»."
    doc = _doc(body)
    assert _by_text(doc)["اليوم"].value == "2025-02-19"  # on the day of the speech
    assert doc.quotes  # found and kept on the Doc
    told = _doc(body)
    told.quotes = ()  # a stage found no quote here: the Doc is not read again
    assert _by_text(told)["اليوم"].value == "2025-02-20"
    assert told.quotes == ()
