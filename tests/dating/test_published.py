"""Tests for marsad.dating.published: publication-day inference and the date stage over stories.

Each family of evidence, quotes, references and contradictions; date_docs: days inferred, expressions
resolved on them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from marsad import pipeline
from marsad.dating.published import date_docs, infer_published
from marsad.doc import Doc, StoryDoc
from marsad.types import INFERRED, Article, DateSource, Span, Story

# 2025-03-11 is a Tuesday; 2025-03-13 a Thursday.


def _art(body: str, aid: str = "x", published: str | None = None, source: DateSource | None = None) -> Article:
    """Build an invented article."""
    return Article(aid, "test", body, published=published, published_source=source)


def _members(*days: str) -> list[Article]:
    """Return dated story members on the given days."""
    return [_art("خبر عن اللقاء.", f"m{k}", day, "text") for k, day in enumerate(days)]


@pytest.mark.parametrize("phrase", ["اليوم الخميس", "أمس الأربعاء", "غدا الجمعة", "أول أمس الثلاثاء"])
def test_day_word_with_weekday_picks_that_weekday_nearest_the_story(phrase: str) -> None:
    article = _art(f"قال وزير الزراعة {phrase} إن موسم القمح كان جيدا.")
    found = infer_published(article, _members("2025-03-11", "2025-03-12"))
    assert found.value == "2025-03-13"
    assert any("Thursday" in line for line in found.evidence)


def test_a_weekday_alone_gives_no_date_without_a_reference() -> None:
    found = infer_published(_art("قال وزير الزراعة اليوم الخميس إن الموسم جيد."))
    assert found.value is None and found.evidence


def test_today_before_a_full_date_is_that_date() -> None:
    found = infer_published(_art("أعلنت الوزارة اليوم الأحد 9 مارس 2025 عن خطة جديدة للري."))
    assert found.value == "2025-03-09"


def test_a_full_date_on_another_weekday_does_not_pin_the_day() -> None:
    found = infer_published(_art("أعلنت الوزارة اليوم الاثنين 9 مارس 2025 عن خطة جديدة للري."))
    assert found.value != "2025-03-09"


def test_a_current_month_keeps_the_day_in_that_month() -> None:
    article = _art("وكان الوفدان قد التقيا في 18 فبراير الحالي في العاصمة.")
    found = infer_published(article, _members("2025-03-03"))
    assert found.value == "2025-02-28"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("وكان الاجتماع الأول قد عقد في 5 مارس 2025 في العاصمة.", "2025-03-05"),  # past: on or after
    ("وسوف تعقد القمة في 1 مارس 2025 في العاصمة.", "2025-03-01"),  # future: on or before
])
def test_explicit_dates_bound_the_day_by_tense(sentence: str, expected: str) -> None:
    assert infer_published(_art(sentence), _members("2025-03-03")).value == expected


def test_a_date_past_the_storys_window_is_planned_whatever_the_tense() -> None:
    """"لانتخاب رئيس جديد في 26 فبراير 2026" in a March 2025 story bounds the day from above, not below."""
    body = "وقرر الاتحاد اليوم الاثنين عقد جمعية عمومية لانتخاب رئيس جديد في 26 فبراير 2026 في زوريخ."
    assert infer_published(_art(body), _members("2025-03-04")).value == "2025-03-03"


def test_past_and_future_dates_a_few_days_apart_date_an_article_alone() -> None:
    body = ("عقد الاجتماع الأول في 3 مارس 2025. وقال المتحدث اليوم الأربعاء إن الجولة الثانية "
            "سوف تعقد في 6 مارس 2025.")
    assert infer_published(_art(body)).value == "2025-03-05"


def test_ingest_time_picks_the_latest_consistent_day_before_it() -> None:
    found = infer_published(_art("افتتح المحافظ اليوم الخميس مستشفى جديدا."), ingested=dt.date(2025, 3, 15))
    assert found.value == "2025-03-13"


def test_a_bare_past_weekday_bounds_the_day_from_below() -> None:
    found = infer_published(_art("وقالت الوزارة يوم الجمعة إن الطريق أعيد فتحه."), _members("2025-03-13"))
    assert found.value == "2025-03-14"


def test_today_inside_a_quote_is_the_speakers_day_not_evidence() -> None:
    body = "وقال المحافظ: «افتتحنا اليوم الخميس مستشفى جديدا»."
    start = body.index("افتتحنا")
    quoted = [Span("x", start, body.index("»"), "quote")]
    found = infer_published(_art(body), ingested=dt.date(2025, 3, 15), quoted=quoted)
    assert found.value == "2025-03-15"


def test_members_with_inferred_dates_are_no_reference() -> None:
    members = [_art("خبر.", "m", "2025-03-11", INFERRED)]
    assert infer_published(_art("قال الوزير اليوم الخميس إن الموسم جيد."), members).value is None


@pytest.mark.parametrize(("body", "published", "conflict"), [
    ("قال الوزير اليوم الخميس إن الموسم جيد.", "2025-03-12", True),
    ("قال الوزير أمس الثلاثاء إن الموسم جيد.", "2025-03-12", False),
    ("أعلنت الوزارة في 20 مارس 2025 أن الموسم جيد.", "2025-03-12", True),
])
def test_a_stated_date_is_kept_and_checked_against_the_text(body: str, published: str, conflict: bool) -> None:
    found = infer_published(_art(body, published=published, source="text"))
    assert found.value == published
    assert (found.conflict is not None) == conflict
    if conflict:
        assert found.conflict is not None and published in found.conflict
    if "الخميس" in body:  # 2025-03-12 is a Wednesday: the warning names the stated day's weekday in English
        assert found.conflict is not None and "is not a Wednesday" in found.conflict


# One event: the hospital opened on Thursday 2025-03-13; the undated article says it was ready on Wednesday.
DATED = Article("d", "test", "افتتح وزير الصحة الخميس مستشفى الأطفال.", published="2025-03-13",
                published_source="text")
UNDATED = Article("u", "test", "قال وزير الصحة أمس الأربعاء إن مستشفى الأطفال جاهز.")


def _story(*articles: Article) -> StoryDoc:
    """Return a story of exactly these articles, each in a fresh Doc."""
    return StoryDoc(Story("s", None, tuple(a.id for a in articles)), tuple(Doc(a) for a in articles))


def test_date_stage_infers_then_resolves_against_the_inferred_day() -> None:
    stories = pipeline.build_stories([Doc(DATED), Doc(UNDATED)])
    date_docs(stories)
    by_id = {d.id: d for s in stories for d in s.docs}
    assert by_id["u"].article.published == "2025-03-13" and by_id["u"].article.published_source == INFERRED
    assert [e.value for e in by_id["u"].dates or ()] == ["2025-03-12"]


def test_an_undated_article_alone_is_dated_from_its_text_within_the_days_before_its_capture() -> None:
    article = Article("u", "test", "قال وزير الصحة اليوم الأربعاء إن مستشفى الأطفال جاهز.", fetched="2025-03-14")
    stories = pipeline.build_stories([Doc(article)])
    date_docs(stories)
    [[doc]] = [s.docs for s in stories]
    assert (doc.article.published, doc.article.published_source) == ("2025-03-12", INFERRED)
    assert doc.inference is not None and any("ingested 2025-03-14" in e for e in doc.inference.evidence)


def test_date_docs_infers_the_undated_members_day_and_fills_every_members_dates() -> None:
    story = _story(DATED, UNDATED)
    date_docs([story])
    dated, undated = story.docs
    assert undated.inference is not None and undated.inference.value == "2025-03-13"
    assert undated.inference.evidence and undated.inference.conflict is None
    assert (undated.article.published, undated.article.published_source) == ("2025-03-13", INFERRED)
    assert dated.inference is not None and dated.inference.value == "2025-03-13"
    assert dated.inference.conflict is None
    assert (dated.article.published, dated.article.published_source) == ("2025-03-13", "text")
    # every expression resolved on its article's final day, its span pointing into that article
    assert [(undated.text(e.span), e.value) for e in undated.dates or ()] == [("أمس الأربعاء", "2025-03-12")]
    assert [(dated.text(e.span), e.value) for e in dated.dates or ()] == [("الخميس", "2025-03-13")]
    assert {e.span.article for d in story.docs for e in d.dates or ()} == {"d", "u"}


def test_date_docs_only_dates_the_articles_named_with_the_others_as_evidence() -> None:
    story = _story(DATED, UNDATED)
    date_docs([story], only={"u"})
    dated, undated = story.docs
    assert (undated.article.published, undated.article.published_source) == ("2025-03-13", INFERRED)
    assert [e.value for e in undated.dates or ()] == ["2025-03-12"]
    assert dated.inference is None and dated.dates is None and dated.article == DATED


def test_date_docs_without_expressions_infers_the_days_and_leaves_the_dates_alone() -> None:
    story = _story(DATED, UNDATED)
    date_docs([story], expressions=False)
    dated, undated = story.docs
    assert (undated.article.published, undated.article.published_source) == ("2025-03-13", INFERRED)
    assert dated.inference is not None and undated.inference is not None
    assert dated.dates is None and undated.dates is None


def test_date_docs_keeps_a_stated_day_and_warns_of_a_contradiction() -> None:
    article = _art("قال الوزير اليوم الخميس إن الموسم جيد.", "c", "2025-03-12", "text")
    story = _story(article)
    date_docs([story])
    [doc] = story.docs
    assert (doc.article.published, doc.article.published_source) == ("2025-03-12", "text")
    assert doc.inference is not None and doc.inference.conflict is not None
    assert doc.article.warnings == (f"date: {doc.inference.conflict}",)
