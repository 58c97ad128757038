"""Tests for story timelines: dated sentences merged across sources, ordered, background marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import pipeline
from marsad.inference import INFERRED
from marsad.model import Article
from marsad.temporal import article_expressions
from marsad.timeline import TimelineEvent, story_timeline

# 2025-03-13 is a Thursday.
A = ("افتتح وزير الصحة اليوم الخميس مستشفى الأطفال الجديد في مدينة الساحل بسعة مئتي سرير. "
     "وفي سياق آخر، أعلنت بلدية الساحل اليوم الخميس إغلاق السوق القديم لأعمال الصيانة. "
     "وكان المستشفى قد تأسس قبل عشر سنوات في مبنى صغير.")
B = ("افتتح وزير الصحة، الخميس، مستشفى الأطفال الجديد في الساحل الذي يتسع لمئتي سرير. "
     "واستمر حفل الافتتاح ست ساعات ونصف.")
C = "زار وزير الصحة في 10 مارس 2025 موقع مستشفى الأطفال الجديد قبل افتتاحه."


def _timeline(*bodies: str) -> list[TimelineEvent]:
    """Build the timeline of invented articles all published on 2025-03-13."""
    articles = [Article(f"a{k}", "test", body, published="2025-03-13", published_source="text")
                for k, body in enumerate(bodies)]
    return story_timeline(articles, {a.id: article_expressions(a) for a in articles})


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


def test_seeds_undated_articles_get_inferred_dates_and_a_shared_timeline(seeds_dir: Path) -> None:
    result = pipeline.analyze([seeds_dir], people=False)
    assert all(a.published for a in result.articles)
    assert any(a.published_source == INFERRED for a in result.articles)
    assert all(result.inferences[a.id].evidence for a in result.articles if a.published_source == INFERRED)
    bodies = {a.id: a.body for a in result.articles}
    events = [e for s in result.stories for e in result.timelines[s.id]]
    assert any(len(e.articles) > 1 for e in events)
    for e in events:
        assert all(bodies[a][s:t] for a, s, t in e.spans) and bodies[e.spans[0][0]][e.spans[0][1]:e.spans[0][2]] == e.text
    for aid, found in result.dates.items():
        assert all(bodies[aid][x.start:x.end] == x.text for x in found)
