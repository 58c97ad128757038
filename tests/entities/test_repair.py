"""Tests for marsad.entities.repair: story-level repair of mentions (glued names, missed speakers, untagged names)."""

from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.entities.repair import propagate, repair, speaker_mentions, split_glued
from marsad.ner.features import phrase_key
from marsad.quotes.extract import quotes
from marsad.types import Article, Span


def _doc(aid: str, body: str) -> Doc:
    """An invented article whose body is one paragraph."""
    return Doc(Article(id=aid, origin=aid, body=body))


def _mention(doc: Doc, text: str, kind: str, last: bool = False) -> Span:
    """The first (or last) mention of `text` in an article."""
    start = doc.body.rindex(text) if last else doc.body.index(text)
    return Span(doc.id, start, start + len(text), kind)


def _texts(found: dict[str, list[Span]], doc: Doc) -> list[tuple[str, str]]:
    """The (text, type) of an article's mentions in body order."""
    return [(doc.text(m), m.label) for m in sorted(found[doc.id], key=lambda m: m.start)]


def test_a_name_tagged_once_is_tagged_everywhere_in_the_story() -> None:
    a = _doc("a", "وصل نبيل الحداد إلى عمّان أمس.")
    b = _doc("b", "وقال الحداد إن الوفد وصل إلى عمّان، ثم غادر الحداد.")
    found = propagate([a, b], {"a": [_mention(a, "نبيل الحداد", "PER"), _mention(a, "عمّان", "LOC")], "b": []})
    assert _texts(found, b) == [("الحداد", "PER"), ("عمّان", "LOC"), ("الحداد", "PER")]
    assert all(m.article == "b" and 0 <= m.start < m.end <= len(b.body) for m in found["b"])


def test_a_proclitic_stays_outside_the_propagated_mention() -> None:
    a = _doc("a", "التقى الوزير نبيل الحداد الوفد، ثم اتصل الرئيس بالحداد مساء.")
    found = propagate([a], {"a": [_mention(a, "نبيل الحداد", "PER")]})
    assert _texts(found, a) == [("نبيل الحداد", "PER"), ("الحداد", "PER")]
    assert found["a"][1].start == a.body.index("بالحداد") + 1


@pytest.mark.parametrize(
    ("mentions", "body_b"),
    [
        # A family name shared by two people of the story stands for neither.
        ([("نبيل الحداد", "PER"), ("سامي الحداد", "PER")], "وقال الحداد إن الوفد وصل."),
        # A name tagged with two types is left as the tagger had it.
        ([("الأردن", "LOC"), ("الأردن", "ORG")], "وقال الأردن إن الوفد وصل."),
        # MISC is not propagated.
        ([("النخب الغربية", "MISC")], "وتحدث عن النخب الغربية طويلا."),
    ],
)
def test_ambiguous_or_weak_names_are_not_propagated(mentions: list[tuple[str, str]], body_b: str) -> None:
    a = _doc("a", " و".join(text for text, _ in mentions) + " في الاجتماع.")
    b = _doc("b", body_b)
    tagged = [_mention(a, t, k) for t, k in mentions]
    # the second of two equal texts is the later occurrence
    if len(mentions) == 2 and mentions[0][0] == mentions[1][0]:
        tagged[1] = _mention(a, *mentions[1], last=True)
    assert propagate([a, b], {"a": tagged, "b": []})["b"] == []


def test_glued_institution_and_name_are_split() -> None:
    a = _doc("a", "وقال المتحدث باسم الرئاسة نبيل الحداد إن الطريق مفتوح.")
    glued = _mention(a, "الرئاسة نبيل الحداد", "ORG")
    (org, per) = split_glued(a, [glued], frozenset({"نبيل الحداد"}))
    assert (a.text(org), org.label, a.text(per), per.label) == ("الرئاسة", "ORG", "نبيل الحداد", "PER")
    assert (org.article, per.article) == ("a", "a")


def test_a_speaker_the_tagger_missed_becomes_a_mention() -> None:
    """A named speaker after a role word is a PER mention; the type the story gave the name elsewhere wins."""
    a = _doc("a", 'وقال الوزير سامر الخطيب إن "الاتفاق تاريخي".')
    a.quotes = tuple(quotes(a))
    assert [(a.text(m), m.label) for m in speaker_mentions(a, [])] == [("سامر الخطيب", "PER")]
    typed = speaker_mentions(a, [], {phrase_key("سامر الخطيب"): "ORG"})
    assert [(a.text(m), m.label) for m in typed] == [("سامر الخطيب", "ORG")]
    assert speaker_mentions(a, [_mention(a, "سامر الخطيب", "PER")]) == []


def test_repair_keeps_every_span_faithful() -> None:
    a = _doc("a", 'وقال الوزير سامر الخطيب إن "الاتفاق تاريخي". وأضاف الخطيب أن التنفيذ يبدأ غدا.')
    a.mentions, a.quotes = (), ()
    assert repair([a]) == {"a": []}
    a.quotes = tuple(quotes(a))
    found = repair([a])
    assert [(a.text(m), m.label) for m in found["a"]] == [("سامر الخطيب", "PER"), ("الخطيب", "PER")]
    assert all(m.article == "a" and 0 <= m.start < m.end <= len(a.body) for m in found["a"])
