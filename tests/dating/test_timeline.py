"""Tests for story timelines: dated sentences merged across sources, ordered, background marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import pipeline
from marsad.dating.expressions import article_expressions
from marsad.dating.published import INFERRED
from marsad.dating.timeline import TimelineEvent, clauses, story_timeline
from marsad.stories.cluster import restory
from marsad.types import Article, Span

# 2025-03-13 is a Thursday.
A = ("افتتح وزير الصحة اليوم الخميس مستشفى الأطفال الجديد في مدينة الساحل بسعة مئتي سرير. "
     "وفي سياق آخر، أعلنت بلدية الساحل اليوم الخميس إغلاق السوق القديم لأعمال الصيانة. "
     "وكان المستشفى قد تأسس قبل عشر سنوات في مبنى صغير.")
B = ("افتتح وزير الصحة، الخميس، مستشفى الأطفال الجديد في الساحل الذي يتسع لمئتي سرير. "
     "واستمر حفل الافتتاح ست ساعات ونصف.")
C = "زار وزير الصحة في 10 مارس 2025 موقع مستشفى الأطفال الجديد قبل افتتاحه."


def _articles(*bodies: str) -> list[Article]:
    """Return invented articles all published on 2025-03-13 (a Thursday)."""
    return [Article(f"a{k}", "test", body, published="2025-03-13", published_source="text")
            for k, body in enumerate(bodies)]


def _timeline(*bodies: str) -> list[TimelineEvent]:
    """Build the timeline of invented articles all published on 2025-03-13."""
    articles = _articles(*bodies)
    return story_timeline(articles, {a.id: article_expressions(a) for a in articles})


def _timeline_with_people(*bodies: str) -> list[TimelineEvent]:
    """Build the timeline of invented articles of one story through the pipeline, speakers and quotes found."""
    articles = _articles(*bodies)
    stories = [restory("s", articles)]
    return list(pipeline.date_stories(articles, stories, pipeline.who_said_what(articles, stories)).timelines["s"])


def _clause_texts(sentence: str) -> list[str]:
    """Return the texts of the clauses of a one-sentence body."""
    return [sentence[c.start:c.end] for c in clauses(sentence, Span(0, len(sentence)))]


def test_one_event_in_two_articles_is_one_entry_with_both_sources() -> None:
    events = [e for e in _timeline(A, B) if e.date == "2025-03-13"]
    opening = [e for e in events if "مستشفى" in e.text]
    assert len(opening) == 1 and opening[0].articles == ("a0", "a1") and len(opening[0].spans) == 2


def test_two_events_on_one_day_stay_apart() -> None:
    events = [e for e in _timeline(A, B) if e.date == "2025-03-13"]
    assert len(events) == 2 and any("السوق" in e.text for e in events)


def test_events_are_ordered_by_date() -> None:
    dates = [e.date for e in _timeline(A, B, C)]
    assert dates == sorted(dates) and "2025-03-10" in dates


@pytest.mark.parametrize(("text", "background"), [("عشر سنوات", True), ("مستشفى الأطفال الجديد", False)])
def test_old_events_are_background(text: str, background: bool) -> None:
    matching = [e for e in _timeline(A, C) if text in e.text]
    assert matching and all(e.background == background for e in matching)


def test_durations_are_not_events() -> None:
    assert not [e for e in _timeline(B) if "ساعات" in e.text]


def test_every_source_span_reproduces_the_entry_text_of_its_article() -> None:
    articles = {f"a{k}": body for k, body in enumerate((A, B, C))}
    for event in _timeline(A, B, C):
        article, start, end = event.spans[0]
        assert articles[article][start:end] == event.text
        assert all(0 <= s < e <= len(articles[a]) for a, s, e in event.spans)


def test_date_stage_infers_then_resolves_against_the_inferred_day() -> None:
    dated = Article("d", "test", "افتتح وزير الصحة الخميس مستشفى الأطفال.", published="2025-03-13",
                    published_source="text")
    undated = Article("u", "test", "قال وزير الصحة أمس الأربعاء إن مستشفى الأطفال جاهز.")
    stories = pipeline.build_stories([dated, undated])
    result = pipeline.date_stories([dated, undated], stories)
    by_id = {a.id: a for a in result.articles}
    assert by_id["u"].published == "2025-03-13" and by_id["u"].published_source == INFERRED
    assert [e.value for e in result.dates["u"]] == ["2025-03-12"]


def test_an_undated_article_alone_is_dated_from_its_text_within_the_days_before_its_capture() -> None:
    article = Article("u", "test", "قال وزير الصحة اليوم الأربعاء إن مستشفى الأطفال جاهز.", fetched="2025-03-14")
    result = pipeline.date_stories([article], pipeline.build_stories([article]))
    [dated] = result.articles
    assert (dated.published, dated.published_source) == ("2025-03-12", INFERRED)
    assert any("ingested 2025-03-14" in e for e in result.inferences["u"].evidence)


def test_seeds_undated_articles_get_inferred_dates_and_a_shared_timeline(seeds_dir: Path) -> None:
    result = pipeline.analyze([seeds_dir])
    assert all(a.published for a in result.articles)
    assert any(a.published_source == INFERRED for a in result.articles)
    assert all(result.inferences[a.id].evidence for a in result.articles if a.published_source == INFERRED)
    bodies = {a.id: a.body for a in result.articles}
    events = [e for s in result.stories for e in result.timelines[s.id]]
    # the main event, worded differently by every outlet, is one entry listing (nearly) all of them
    story = max(result.stories, key=lambda s: len(s.articles))
    assert max(len(e.articles) for e in result.timelines[story.id]) >= len(story.articles) - 1
    for e in events:
        assert all(bodies[a][s:t] for a, s, t in e.spans) and bodies[e.spans[0][0]][e.spans[0][1]:e.spans[0][2]] == e.text
    for aid, found in result.dates.items():
        assert all(bodies[aid][x.start:x.end] == x.text for x in found)


def test_a_date_in_a_reported_clause_dates_that_clause_only() -> None:
    events = _timeline("أعلن وزير الخارجية أمس الأربعاء أن الاجتماع الوزاري سيعقد اليوم في العاصمة.")
    assert [(e.date, e.text) for e in events] == [
        ("2025-03-12", "أعلن وزير الخارجية أمس الأربعاء أن الاجتماع الوزاري سيعقد اليوم في العاصمة."),
        ("2025-03-13", "الاجتماع الوزاري سيعقد اليوم في العاصمة"),
    ]


def test_one_event_worded_apart_with_variant_spellings_is_one_entry() -> None:
    events = _timeline(
        "التقى دبلوماسيون روس وأمريكيون في العاصمة التركية اليوم الخميس لبحث عمل السفارات. "
        "وتشهد العلاقات بين البلدين توترا منذ سنوات.",
        "اجتمع دبلوماسيون أميركيون وروس الخميس في العاصمة التركية لمناقشة عمل السفارات. "
        "ويأمل الطرفان في تحقيق تقدم.")
    today = [e for e in events if e.date == "2025-03-13"]
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
