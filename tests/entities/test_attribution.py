"""Tests for marsad.entities.attribution: who said what in a story, quotes linked to entities and grouped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.doc import Doc, StoryDoc
from marsad.entities.attribution import entities_and_quotes, link_entities, quote_id
from marsad.quotes.extract import quotes
from marsad.types import Article, AttributedQuote, Entity, Span, Story

BODY_A = 'وقال وزير المياه الأردني سامر الخطيب إن "الاتفاق يضمن حصة عادلة لكل دولة ويبدأ تطبيقه مطلع العام المقبل".'
BODY_B = 'وصرّح وزير المياه الأردني سامر الخطيب بأن "الاتفاق يكفل حصة منصفة لكل دولة ويبدأ تطبيقه في مطلع العام القادم".'

People = tuple[tuple[Entity, ...], tuple[AttributedQuote, ...]]


def _doc(aid: str, body: str, mentions: Sequence[tuple[str, str, bool]] = ()) -> Doc:
    """An article whose body is one paragraph, with its quotes found and mentions of (text, type, last occurrence)."""
    doc = Doc(Article(id=aid, origin=aid, body=body))
    spans = []
    for text, kind, last in mentions:
        start = body.rindex(text) if last else body.index(text)
        spans.append(Span(aid, start, start + len(text), kind))
    doc.mentions = tuple(spans)
    doc.quotes = tuple(quotes(doc))
    return doc


def _check_mentions(docs: list[Doc], entities: tuple[Entity, ...]) -> None:
    """Every entity mention is a span of its article's body, and the mentions' texts are the entity's variants."""
    by_id = {d.id: d for d in docs}
    for entity in entities:
        assert all(0 <= m.start < m.end <= len(by_id[m.article].body) for m in entity.mentions)
        assert Counter(by_id[m.article].text(m) for m in entity.mentions) == dict(entity.variants)


def test_quotes_link_to_the_speaker_entity_and_group_across_outlets() -> None:
    a = _doc("a", BODY_A, [("سامر الخطيب", "PER", False)])
    b = _doc("b", BODY_B, [("الخطيب", "PER", False)])
    entities, attributed = entities_and_quotes([a, b])
    assert len(entities) == 1 and entities[0].name == "سامر الخطيب"
    direct = [q for q in attributed if q.quote.kind == "direct"]
    assert len(direct) == 2
    assert {q.speaker for q in direct} == {entities[0].id}
    assert direct[0].group == direct[1].group
    assert [q.quote for q in attributed] == [*(a.quotes or ()), *(b.quotes or ())]
    for q in attributed:
        doc = a if q.quote.article == "a" else b
        assert 0 <= q.quote.span.start < q.quote.span.end <= len(doc.body)
        assert q.id == quote_id(q.quote)


def test_a_quote_without_a_named_speaker_has_no_entity() -> None:
    a = _doc("a", 'وقالت الوزارة في بيان إن "المفاوضات ستستأنف الأسبوع المقبل".')
    entities, attributed = entities_and_quotes([a])
    assert entities == ()
    assert attributed and all(q.speaker is None for q in attributed)


def test_analyze_adds_entities_and_quotes_per_story(corpus: Path) -> None:
    result = pipeline.analyze([corpus])
    assert all(s.entities is not None and s.quotes is not None for s in result.stories)
    event = result.story_of("a")
    assert event.quotes, "the event articles quote the minister"
    _check_mentions(list(event.docs), event.entities or ())
    assert all(s.entities is None and s.quotes is None for s in pipeline.analyze([corpus], people=False).stories)


def test_link_entities_fills_each_story_once() -> None:
    """link_entities fills a story's entities and attributed quotes as entities_and_quotes finds them, and keeps them after."""
    a = _doc("a", BODY_A, [("سامر الخطيب", "PER", False)])
    story = StoryDoc(Story("s", None, ("a",)), (a,))
    done = StoryDoc(Story("t", None, ("a",)), (a,), entities=(), quotes=())
    link_entities([story, done])
    assert (story.entities, story.quotes) == entities_and_quotes([a])
    assert (done.entities, done.quotes) == ((), ())


def test_speaker_missed_by_the_tagger_is_matched_by_name() -> None:
    a = _doc("a", 'وقال وزير المياه الأردني سامر الخطيب إن "الاتفاق تاريخي". وقال الخطيب: "سنبدأ غداً".',
             [("سامر الخطيب", "PER", False)])
    (entity,), attributed = entities_and_quotes([a])
    direct = [q for q in attributed if q.quote.kind == "direct"]
    assert len(direct) == 2 and all(q.speaker == entity.id for q in direct)


def test_a_spokesperson_speaks_for_the_institution() -> None:
    a = _doc("a", 'وقال متحدث باسم وزارة الزراعة: "الموسم سيكون جيداً". وأكدت وزارة الزراعة الخطة.',
             [("وزارة الزراعة", "ORG", True)])
    (entity,), attributed = entities_and_quotes([a])
    assert [q.speaker for q in attributed if q.quote.kind == "direct"] == [entity.id]


def _speaker_of(doc: Doc, found: People, text: str) -> str | None:
    """The display name of the entity that said the quote containing `text` (None when nobody is linked)."""
    entities, attributed = found
    names = {e.id: e.name for e in entities}
    (quote,) = [q for q in attributed if text in doc.text(q.quote.span) and q.quote.kind == "direct"]
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
    a = _doc("a", body)
    found = entities_and_quotes([a])
    assert _speaker_of(a, found, said) == speaker
    _check_mentions([a], found[0])


def test_an_unnamed_official_is_not_the_place_in_the_phrase() -> None:
    a = _doc("a", 'وقال مسؤول في السفارة في عمّان: "الطريق مفتوح".', [("عمّان", "LOC", False)])
    assert _speaker_of(a, entities_and_quotes([a]), "الطريق") is None


def test_a_speaker_tagged_with_a_word_before_the_name_is_linked() -> None:
    body = 'وقال أمامه نبيل الحداد إن "الطريق مفتوح".'
    a = _doc("a", body, [(body[body.index("أمامه") : body.index(" إن")], "PER", False)])
    found = entities_and_quotes([a])
    assert _speaker_of(a, found, "الطريق") == "نبيل الحداد"  # and the tagger's extra word is trimmed
    _check_mentions([a], found[0])


def test_a_missed_speaker_takes_the_type_the_tagger_gave_the_name_elsewhere() -> None:
    a = _doc("a", 'وقالت نوردينا إن "الطريق مفتوح". ووصل الوفد إلى نوردينا أمس.', [("نوردينا", "LOC", True)])
    found = entities_and_quotes([a])
    assert [e.type for e in found[0]] == ["LOC"]
    assert _speaker_of(a, found, "الطريق") == "نوردينا"


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
    entities, _ = entities_and_quotes([_doc("a", body)])
    assert [e for e in entities if e.type == "PER"] == []


def test_an_institution_glued_to_a_known_name_is_split() -> None:
    body = "وقال المتحدث باسم الرئاسة نبيل الحداد إن الطريق مفتوح. والتقى نبيل الحداد الوفد."
    glued = body[body.index("الرئاسة") : body.index(" إن")]
    a = _doc("a", body, [(glued, "ORG", False), ("نبيل الحداد", "PER", True)])
    entities, _ = entities_and_quotes([a])
    assert {(e.type, e.name, len(e.mentions)) for e in entities} == {("ORG", "الرئاسة", 1), ("PER", "نبيل الحداد", 2)}
