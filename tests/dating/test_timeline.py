"""Tests for marsad.dating.timeline: clauses, dated clauses merged across sources into events, ordered by date.

Background events are marked; story_timeline runs over Docs whose .dates hold their expressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import pipeline
from marsad.dating.speech import article_expressions
from marsad.dating.timeline import build_timelines, clauses, story_timeline
from marsad.doc import Doc, StoryDoc
from marsad.stories.cluster import restory
from marsad.types import INFERRED, Article, Span, Story, TimelineEvent

# 2025-03-13 is a Thursday.
A = ("افتتح وزير الصحة اليوم الخميس مستشفى الأطفال الجديد في مدينة الساحل بسعة مئتي سرير. "
     "وفي سياق آخر، أعلنت بلدية الساحل اليوم الخميس إغلاق السوق القديم لأعمال الصيانة. "
     "وكان المستشفى قد تأسس قبل عشر سنوات في مبنى صغير.")
B = ("افتتح وزير الصحة، الخميس، مستشفى الأطفال الجديد في الساحل الذي يتسع لمئتي سرير. "
     "واستمر حفل الافتتاح ست ساعات ونصف.")
C = "زار وزير الصحة في 10 مارس 2025 موقع مستشفى الأطفال الجديد قبل افتتاحه."


def _docs(*bodies: str) -> list[Doc]:
    """Return Docs of invented articles a0, a1, ... all published on 2025-03-13 (a Thursday), their dates found."""
    docs = [Doc(Article(f"a{k}", "test", body, published="2025-03-13", published_source="text"))
            for k, body in enumerate(bodies)]
    for doc in docs:
        doc.dates = tuple(article_expressions(doc))
    return docs


def _text(docs: list[Doc], span: Span) -> str:
    """Return the text of a span of one of the Docs."""
    return next(d for d in docs if d.id == span.article).text(span)


def _timeline(*bodies: str) -> list[tuple[TimelineEvent, str]]:
    """Build the timeline of invented articles published on 2025-03-13: each event with its first clause's text."""
    docs = _docs(*bodies)
    return [(e, _text(docs, e.spans[0])) for e in story_timeline(docs)]


def _timeline_with_people(*bodies: str) -> list[TimelineEvent]:
    """Build the timeline of invented articles of one story through the pipeline, speakers and quotes found."""
    docs = [Doc(Article(f"a{k}", "test", body, published="2025-03-13", published_source="text"))
            for k, body in enumerate(bodies)]
    story = StoryDoc(restory("s", [d.article for d in docs]), tuple(docs))
    pipeline.annotate([story])
    assert story.quotes is not None and story.timeline is not None
    return list(story.timeline)


def _clause_texts(sentence: str) -> list[str]:
    """Return the texts of the clauses of a one-sentence body."""
    doc = Doc(Article("a", "test", sentence))
    return [sentence[c.start:c.end] for c in clauses(doc, Span("a", 0, len(sentence), "sentence"))]


def test_one_event_in_two_articles_is_one_entry_with_both_sources() -> None:
    events = [(e, t) for e, t in _timeline(A, B) if e.date == "2025-03-13"]
    opening = [e for e, t in events if "مستشفى" in t]
    assert len(opening) == 1 and opening[0].articles == ("a0", "a1") and len(opening[0].spans) == 2


def test_two_events_on_one_day_stay_apart() -> None:
    events = [(e, t) for e, t in _timeline(A, B) if e.date == "2025-03-13"]
    assert len(events) == 2 and any("السوق" in t for _, t in events)


def test_events_are_ordered_by_date() -> None:
    dates = [e.date for e, _ in _timeline(A, B, C)]
    assert dates == sorted(dates) and "2025-03-10" in dates


@pytest.mark.parametrize(("text", "background"), [("عشر سنوات", True), ("مستشفى الأطفال الجديد", False)])
def test_old_events_are_background(text: str, background: bool) -> None:
    matching = [e for e, t in _timeline(A, C) if text in t]
    assert matching and all(e.background == background for e in matching)


def test_durations_are_not_events() -> None:
    assert not [e for e, t in _timeline(B) if "ساعات" in t]


def test_every_source_span_is_a_clause_inside_its_article() -> None:
    docs = _docs(A, B, C)
    bodies = {d.id: d.body for d in docs}
    for event in story_timeline(docs):
        assert event.articles == tuple(dict.fromkeys(s.article for s in event.spans))
        assert all(s.label == "clause" and 0 <= s.start < s.end <= len(bodies[s.article]) for s in event.spans)
        assert all(bodies[s.article][s.start:s.end].strip() for s in event.spans)


def test_a_member_without_dates_found_adds_no_event() -> None:
    docs = _docs(A, B)
    docs[1].dates = None
    assert {a for e in story_timeline(docs) for a in e.articles} == {"a0"}


def test_build_timelines_fills_each_storys_timeline_from_its_members_dates() -> None:
    docs = _docs(A, B)
    story = StoryDoc(Story("s", None, ("a0", "a1")), tuple(docs))
    build_timelines([story])
    assert story.timeline == tuple(story_timeline(docs))


def test_seeds_undated_articles_get_inferred_dates_and_a_shared_timeline(seeds_dir: Path) -> None:
    result = pipeline.analyze([seeds_dir])
    assert all(a.published for a in result.articles)
    assert any(a.published_source == INFERRED for a in result.articles)
    assert all(d.inference is not None and d.inference.evidence
               for d in result.docs if d.article.published_source == INFERRED)
    bodies = {a.id: a.body for a in result.articles}
    events = [e for s in result.stories for e in s.timeline or ()]
    # the main event, worded differently by every outlet, is one entry listing (nearly) all of them
    story = max(result.stories, key=lambda s: len(s.docs))
    assert story.timeline is not None
    assert max(len(e.articles) for e in story.timeline) >= len(story.docs) - 1
    for e in events:
        assert all(s.label == "clause" and result.text(s) for s in e.spans)
        assert all(0 <= s.start < s.end <= len(bodies[s.article]) for s in e.spans)
    for doc in result.docs:
        assert doc.dates is not None
        assert all(x.span.article == doc.id and 0 <= x.span.start < x.span.end <= len(doc.body) for x in doc.dates)


def test_a_date_in_a_reported_clause_dates_that_clause_only() -> None:
    events = _timeline("أعلن وزير الخارجية أمس الأربعاء أن الاجتماع الوزاري سيعقد اليوم في العاصمة.")
    assert [(e.date, t) for e, t in events] == [
        ("2025-03-12", "أعلن وزير الخارجية أمس الأربعاء أن الاجتماع الوزاري سيعقد اليوم في العاصمة."),
        ("2025-03-13", "الاجتماع الوزاري سيعقد اليوم في العاصمة"),
    ]


def test_one_event_worded_apart_with_variant_spellings_is_one_entry() -> None:
    events = _timeline(
        "التقى دبلوماسيون روس وأمريكيون في العاصمة التركية اليوم الخميس لبحث عمل السفارات. "
        "وتشهد العلاقات بين البلدين توترا منذ سنوات.",
        "اجتمع دبلوماسيون أميركيون وروس الخميس في العاصمة التركية لمناقشة عمل السفارات. "
        "ويأمل الطرفان في تحقيق تقدم.")
    today = [e for e, _ in events if e.date == "2025-03-13"]
    assert len(today) == 1 and today[0].articles == ("a0", "a1")


@pytest.mark.parametrize(("sentence", "expected"), [
    # a quoted term ("سهلة وسريعة") is not quoted speech: no clause of its own
    ("أكد الكرملين أنه لا يتوقع قرارات \"سهلة وسريعة\" في العلاقات مع الغرب.",
     ["أكد الكرملين أنه لا يتوقع قرارات \"سهلة وسريعة\" في العلاقات مع الغرب.",
      "لا يتوقع قرارات \"سهلة وسريعة\" في العلاقات مع الغرب"]),
    # a reporting verb with و opens a new framing clause that ends the main one
    ("اختتم الوفدان محادثاتهما اليوم في العاصمة، وقالت وكالة الأنباء الرسمية إن الجولة المقبلة ستعقد قريبا.",
     ["اختتم الوفدان محادثاتهما اليوم في العاصمة",
      "وقالت وكالة الأنباء الرسمية إن الجولة المقبلة ستعقد قريبا.",
      "الجولة المقبلة ستعقد قريبا"]),
    # an opener right before a quote mark: one clause, not two
    ("وقال الوزير في المؤتمر الصحافي، مضيفا أن الاجتماع «سيعقد غدا في العاصمة الأردنية».",
     ["وقال الوزير في المؤتمر الصحافي، مضيفا أن الاجتماع «سيعقد غدا في العاصمة الأردنية».",
      "الاجتماع «سيعقد غدا في العاصمة الأردنية"]),
])
def test_clauses(sentence: str, expected: list[str]) -> None:
    assert _clause_texts(sentence) == expected


SHOUKRY = ("قال وزير الخارجية المصري سامح شكري اليوم الخميس إن المحادثات حول سد النهضة وصلت إلى طريق مسدود. "
           "وأضاف شكري أن بلاده لن تقبل بالأمر الواقع.")
MEKONNEN = ("قال وزير الخارجية الإثيوبي ديميكي ميكونين اليوم الخميس إن المحادثات حول سد النهضة ستستأنف قريبا. "
            "وأضاف ميكونين أن بلاده ملتزمة بالحوار.")
SHOUKRY_AGAIN = ("أكد وزير الخارجية سامح شكري، الخميس، أن القاهرة ترفض أي إجراء أحادي بشأن السد. "
                 "وقال شكري إن مصر ستدافع عن حقوقها المائية.")


def test_statements_of_two_speakers_on_one_day_stay_apart_and_one_speakers_are_merged() -> None:
    events = [e for e in _timeline_with_people(SHOUKRY, MEKONNEN, SHOUKRY_AGAIN) if e.date == "2025-03-13"]
    assert sorted(e.articles for e in events) == [("a0", "a2"), ("a1",)]


def test_a_fact_credited_to_a_source_after_it_is_the_same_event_as_the_bare_fact() -> None:
    """"تراجع منسوب النهر … أمس، بحسب تقديرات الهيئة" is the fact itself, not a statement: one event with the bare fact."""
    bare = "وتراجع منسوب نهر الوادي بنحو 30 في المئة أمس الأربعاء في أدنى مستوى له منذ عقود."
    credited = "وتراجع منسوب نهر الوادي بنحو 30 في المئة أمس الأربعاء في أدنى مستوى له، بحسب تقديرات هيئة المياه."
    events = [e for e in _timeline_with_people(bare, credited) if e.date == "2025-03-12"]
    assert [e.articles for e in events] == [("a0", "a1")]
