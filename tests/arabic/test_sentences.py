"""Tests for marsad.arabic.sentences: sentence spans (quotes, decimals, abbreviations) and bullet lines."""

from __future__ import annotations

import pytest

from marsad import arabic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل الوفد. بدأت المحادثات!", ["وصل الوفد.", "بدأت المحادثات!"]),
        ("هل انتهت؟ نعم.", ["هل انتهت؟", "نعم."]),
        # a full stop inside a quotation does not end the sentence
        ('قال الوزير: "وصلنا. وسنبقى". ثم غادر.', ['قال الوزير: "وصلنا. وسنبقى".', "ثم غادر."]),
        ("قال «الأمر انتهى. لا عودة» وغادر.", ["قال «الأمر انتهى. لا عودة» وغادر."]),
        # decimals, dotted dates and abbreviations
        ("بلغ النمو 3.5 في المئة. وارتفع.", ["بلغ النمو 3.5 في المئة.", "وارتفع."]),
        ("صدر في 27.02.2025 قرار. ونفذ.", ["صدر في 27.02.2025 قرار.", "ونفذ."]),
        ("قال د. سامر إن الخطة جاهزة.", ["قال د. سامر إن الخطة جاهزة."]),
        # a quotation whose closing mark is missing does not swallow the line
        ("قال: «بدأنا اليوم. وغداً نكمل", ["قال: «بدأنا اليوم.", "وغداً نكمل"]),
        # bullet lines are sentences of their own
        ("- البند الأول\n- البند الثاني", ["- البند الأول", "- البند الثاني"]),
        ("ثلاث نقاط… ثم بدأ", ["ثلاث نقاط…", "ثم بدأ"]),
        # a full stop that lost its space between two words still ends a sentence; an acronym's dots do not
        ("انتهى الاجتماع.وبدأ الحفل.", ["انتهى الاجتماع.", "وبدأ الحفل."]),
        ('في السنوات المقبلة".والتقى الوفد.', ['في السنوات المقبلة".', "والتقى الوفد."]),
        ("ذكرت شبكة ان.اتش.كيه اليابانية الخبر.", ["ذكرت شبكة ان.اتش.كيه اليابانية الخبر."]),
        ("قال أ.د.خالد العلي إن الخطة جاهزة.", ["قال أ.د.خالد العلي إن الخطة جاهزة."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in arabic.split_sentences(text)] == expected


def test_split_sentences_offsets_shift_into_body() -> None:
    body = "عنوان\n\nجملة أولى. جملة ثانية."
    start = body.index("جملة")
    spans = arabic.split_sentences(body[start:], offset=start)
    assert [body[s:e] for s, e in spans] == ["جملة أولى.", "جملة ثانية."]


@pytest.mark.parametrize(("line", "expected"), [("- بند", True), ("• بند", True), ("1. بند", True), ("-بند", False), ("بند", False)])
def test_is_bullet(line: str, expected: bool) -> None:
    assert arabic.is_bullet(line) is expected
