"""Tests for marsad.mentions: story-level repair of tagged mentions (glued names, speakers, untagged names)."""

from __future__ import annotations

import pytest

from marsad import arabic
from marsad.entities.repair import propagate, repair, split_glued
from marsad.quotes.extract import quotes
from marsad.types import Article, Mention


def _article(aid: str, body: str) -> Article:
    """An invented article whose body is one paragraph."""
    return Article(id=aid, origin=aid, body=body, sentences=tuple(arabic.split_sentences(body)))


def _mention(article: Article, text: str, kind: str, last: bool = False) -> Mention:
    """The first (or last) mention of `text` in an article."""
    start = article.body.rindex(text) if last else article.body.index(text)
    return Mention(article.id, start, start + len(text), text, kind)


def _texts(found: dict[str, list[Mention]], aid: str) -> list[tuple[str, str]]:
    """The (text, type) of an article's mentions in body order."""
    return [(m.text, m.type) for m in sorted(found[aid], key=lambda m: m.start)]


def test_a_name_tagged_once_is_tagged_everywhere_in_the_story() -> None:
    a = _article("a", "وصل نبيل الحداد إلى عمّان أمس.")
    b = _article("b", "وقال الحداد إن الوفد وصل إلى عمّان، ثم غادر الحداد.")
    found = propagate([a, b], {"a": [_mention(a, "نبيل الحداد", "PER"), _mention(a, "عمّان", "LOC")], "b": []})
    assert _texts(found, "b") == [("الحداد", "PER"), ("عمّان", "LOC"), ("الحداد", "PER")]
    for m in found["b"]:
        assert b.body[m.start : m.end] == m.text


def test_a_proclitic_stays_outside_the_propagated_mention() -> None:
    a = _article("a", "التقى الوزير نبيل الحداد الوفد، ثم اتصل الرئيس بالحداد مساء.")
    found = propagate([a], {"a": [_mention(a, "نبيل الحداد", "PER")]})
    assert _texts(found, "a") == [("نبيل الحداد", "PER"), ("الحداد", "PER")]
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
    a = _article("a", " و".join(text for text, _ in mentions) + " في الاجتماع.")
    b = _article("b", body_b)
    tagged = [Mention("a", s, s + len(t), t, k) for t, k in mentions for s in [a.body.index(t)]]
    # the second of two equal texts is the later occurrence
    if len(mentions) == 2 and mentions[0][0] == mentions[1][0]:
        s = a.body.rindex(mentions[1][0])
        tagged[1] = Mention("a", s, s + len(mentions[1][0]), mentions[1][0], mentions[1][1])
    assert propagate([a, b], {"a": tagged, "b": []})["b"] == []


def test_glued_institution_and_name_are_split() -> None:
    a = _article("a", "وقال المتحدث باسم الرئاسة نبيل الحداد إن الطريق مفتوح.")
    glued = _mention(a, "الرئاسة نبيل الحداد", "ORG")
    (org, per) = split_glued([glued], frozenset({"نبيل الحداد"}))
    assert (org.text, org.type, per.text, per.type) == ("الرئاسة", "ORG", "نبيل الحداد", "PER")
    assert a.body[per.start : per.end] == per.text


def test_repair_keeps_every_span_faithful() -> None:
    a = _article("a", 'وقال الوزير سامر الخطيب إن "الاتفاق تاريخي". وأضاف الخطيب أن التنفيذ يبدأ غدا.')
    assert repair([a], {"a": []}, {"a": []}) == {"a": []}
    found = repair([a], {"a": []}, {"a": quotes(a)})
    assert [(m.text, m.type) for m in found["a"]] == [("سامر الخطيب", "PER"), ("الخطيب", "PER")]
    assert all(a.body[m.start : m.end] == m.text for m in found["a"])
