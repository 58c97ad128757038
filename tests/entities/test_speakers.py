"""Tests for who said what in a story: entities from mentions, quotes linked to them and grouped."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import arabic, pipeline
from marsad.entities.speakers import StoryPeople, quote_id, story_people
from marsad.quotes.extract import quotes
from marsad.types import Article, Mention

BODY_A = 'وقال وزير المياه الأردني سامر الخطيب إن "الاتفاق يضمن حصة عادلة لكل دولة ويبدأ تطبيقه مطلع العام المقبل".'
BODY_B = 'وصرّح وزير المياه الأردني سامر الخطيب بأن "الاتفاق يكفل حصة منصفة لكل دولة ويبدأ تطبيقه في مطلع العام القادم".'


def _article(aid: str, body: str) -> Article:
    """An article whose body is one paragraph."""
    return Article(id=aid, origin=aid, body=body, sentences=tuple(arabic.split_sentences(body)))


def _mention(article: Article, text: str, kind: str = "PER") -> Mention:
    """The first mention of `text` in an article."""
    start = article.body.index(text)
    return Mention(article.id, start, start + len(text), text, kind)


def test_quotes_link_to_the_speaker_entity_and_group_across_outlets() -> None:
    a, b = _article("a", BODY_A), _article("b", BODY_B)
    mentions = {"a": [_mention(a, "سامر الخطيب")], "b": [_mention(b, "الخطيب")]}
    found = story_people([a, b], mentions, {"a": quotes(a), "b": quotes(b)})
    assert len(found.entities) == 1 and found.entities[0].name == "سامر الخطيب"
    direct = [q for q in found.quotes if q.quote.kind == "direct"]
    assert len(direct) == 2
    assert {q.speaker for q in direct} == {found.entities[0].id}
    assert direct[0].group == direct[1].group
    for q in found.quotes:
        art = a if q.quote.article == "a" else b
        assert art.body[q.quote.start : q.quote.end] == q.quote.text
        assert q.id == quote_id(q.quote)


def test_a_quote_without_a_named_speaker_has_no_entity() -> None:
    a = _article("a", 'وقالت الوزارة في بيان إن "المفاوضات ستستأنف الأسبوع المقبل".')
    found = story_people([a], {"a": []}, {"a": quotes(a)})
    assert found.entities == ()
    assert all(q.speaker is None for q in found.quotes)


def test_analyze_adds_entities_and_quotes_per_story(corpus: Path) -> None:
    result = pipeline.analyze([corpus])
    assert set(result.people) == {s.id for s in result.stories}
    bodies = {a.id: a.body for a in result.articles}
    event = next(s for s in result.stories if "a" in s.articles)
    found = result.people[event.id]
    assert found.quotes, "the event articles quote the minister"
    for entity in found.entities:
        for m in entity.mentions:
            assert bodies[m.article][m.start : m.end] == m.text
    assert not pipeline.analyze([corpus], people=False).people


def test_speaker_missed_by_the_tagger_is_matched_by_name() -> None:
    a = _article("a", 'وقال وزير المياه الأردني سامر الخطيب إن "الاتفاق تاريخي". وقال الخطيب: "سنبدأ غداً".')
    first = a.body.index("سامر الخطيب")
    mentions = {"a": [Mention("a", first, first + len("سامر الخطيب"), "سامر الخطيب", "PER")]}
    found = story_people([a], mentions, {"a": quotes(a)})
    (entity,) = found.entities
    direct = [q for q in found.quotes if q.quote.kind == "direct"]
    assert len(direct) == 2 and all(q.speaker == entity.id for q in direct)


def test_a_spokesperson_speaks_for_the_institution() -> None:
    a = _article("a", 'وقال متحدث باسم وزارة الزراعة: "الموسم سيكون جيداً". وأكدت وزارة الزراعة الخطة.')
    start = a.body.rindex("وزارة الزراعة")
    mentions = {"a": [Mention("a", start, start + len("وزارة الزراعة"), "وزارة الزراعة", "ORG")]}
    found = story_people([a], mentions, {"a": quotes(a)})
    (entity,) = found.entities
    assert [q.speaker for q in found.quotes if q.quote.kind == "direct"] == [entity.id]


def _speaker_of(found: StoryPeople, text: str) -> str | None:
    """The display name of the entity that said the quote containing `text` (None when nobody is linked)."""
    names = {e.id: e.name for e in found.entities}
    (quote,) = [q for q in found.quotes if text in q.quote.text and q.quote.kind == "direct"]
    return names[quote.speaker] if quote.speaker else None


@pytest.mark.parametrize(
    ("body", "said", "speaker"),
    [
        # The tagger found nobody: the speaker phrase itself becomes the person or the institution.
        ('وقال الوزير نبيل الحداد إن "الطريق مفتوح".', "الطريق", "نبيل الحداد"),
        ('وقالت وزارة النقل المصرية: "الطريق مفتوح".', "الطريق", "وزارة النقل المصرية"),
        # A lone definite institution noun points back to the last institution of that kind named.
        ('وقالت وزارة النقل المصرية: "بدأ العمل". وتابعت الصحف الخبر. وقالت الوزارة: "الطريق مفتوح".', "الطريق",
         "وزارة النقل المصرية"),
        # A statement speaks for whoever was quoted just before it.
        ('وقالت وزارة النقل المصرية: "بدأ العمل". وأضاف البيان: "الطريق مفتوح".', "الطريق", "وزارة النقل المصرية"),
        # A spokesperson speaks for the body named after باسم.
        ('وقالت وزارة النقل المصرية: "بدأ العمل". وقال متحدث باسم وزارة النقل المصرية: "الطريق مفتوح".',
         "الطريق",
         "وزارة النقل المصرية"),
    ],
)
def test_speakers_the_tagger_missed_are_still_linked(body: str, said: str, speaker: str) -> None:
    a = _article("a", body)
    found = story_people([a], {"a": []}, {"a": quotes(a)})
    assert _speaker_of(found, said) == speaker
    for entity in found.entities:
        assert all(a.body[m.start : m.end] == m.text for m in entity.mentions)


def test_an_unnamed_official_is_not_the_place_in_the_phrase() -> None:
    a = _article("a", 'وقال مسؤول في السفارة في عمّان: "الطريق مفتوح".')
    start = a.body.index("عمّان")
    found = story_people([a], {"a": [Mention("a", start, start + len("عمّان"), "عمّان", "LOC")]}, {"a": quotes(a)})
    assert _speaker_of(found, "الطريق") is None


def test_a_speaker_tagged_with_a_word_before_the_name_is_linked() -> None:
    a = _article("a", 'وقال أمامه نبيل الحداد إن "الطريق مفتوح".')
    start = a.body.index("أمامه")
    end = a.body.index(" إن")
    found = story_people([a], {"a": [Mention("a", start, end, a.body[start:end], "PER")]}, {"a": quotes(a)})
    assert _speaker_of(found, "الطريق") == "نبيل الحداد"  # and the tagger's extra word is trimmed


def test_a_missed_speaker_takes_the_type_the_tagger_gave_the_name_elsewhere() -> None:
    a = _article("a", 'وقالت نوردينا إن "الطريق مفتوح". ووصل الوفد إلى نوردينا أمس.')
    second = a.body.rindex("نوردينا")
    mentions = {"a": [Mention("a", second, second + len("نوردينا"), "نوردينا", "LOC")]}
    found = story_people([a], mentions, {"a": quotes(a)})
    assert [e.type for e in found.entities] == ["LOC"]
    assert _speaker_of(found, "الطريق") == "نوردينا"


@pytest.mark.parametrize(
    "body",
    [
        'وقالت مصادر مطلعة إن "الطريق مفتوح".',
        'وقال رئيس قسم الطوارئ إن "الطريق مفتوح".',
        'وقال عدد من السكان إن "الطريق مفتوح".',
        'وقال سالم إن "الطريق مفتوح".',  # one unknown word with no role: too weak to be a person
    ],
)
def test_speaker_phrases_that_name_nobody_make_no_entity(body: str) -> None:
    a = _article("a", body)
    found = story_people([a], {"a": []}, {"a": quotes(a)})
    assert [e for e in found.entities if e.type == "PER"] == []


def test_an_institution_glued_to_a_known_name_is_split() -> None:
    a = _article("a", "وقال المتحدث باسم الرئاسة نبيل الحداد إن الطريق مفتوح. والتقى نبيل الحداد الوفد.")
    glued_start = a.body.index("الرئاسة")
    glued = a.body[glued_start : a.body.index(" إن")]
    second = a.body.rindex("نبيل الحداد")
    mentions = {"a": [Mention("a", glued_start, glued_start + len(glued), glued, "ORG"),
                      Mention("a", second, second + len("نبيل الحداد"), "نبيل الحداد", "PER")]}
    found = story_people([a], mentions, {"a": quotes(a)})
    assert {(e.type, e.name, len(e.mentions)) for e in found.entities} == {("ORG", "الرئاسة", 1), ("PER", "نبيل الحداد", 2)}
