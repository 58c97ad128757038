"""Tests for the Arabic text core: normalization, tokens, stems and sentence spans."""

from __future__ import annotations

import pytest

from marsad import arabic


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("إسطنبول", "اسطنبول"),  # hamza under alef
        ("أنقرة", "انقره"),  # hamza over alef, ta marbuta
        ("آمال", "امال"),  # madda
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مُحادَثاتٌ", "محادثات"),  # diacritics
        ("محـــادثات", "محادثات"),  # tatweel
        ("مسؤول", "مسوول"),  # waw with hamza
        ("٢٠٢٥", "2025"),  # Arabic-Indic digits
        ("۱۴", "14"),  # Persian digits
        ("«نص»", '"نص"'),  # guillemets
        ("“نص”", '"نص"'),  # curly quotes
        ("هل؟", "هل?"),  # Arabic question mark
        ("Reuters", "reuters"),
        ("بو\u200cتين", "بوتين"),  # zero-width non-joiner
    ],
)
def test_normalize_folds_variants(variant: str, canonical: str) -> None:
    assert arabic.normalize(variant) == canonical


def test_normalize_with_offsets_maps_back_to_original() -> None:
    text = "قالَ الرئيسُ «إنّ» ٣"
    norm, offsets = arabic.normalize_with_offsets(text)
    assert norm == arabic.normalize(text)
    assert len(offsets) == len(norm)
    for i, ch in enumerate(norm):
        assert arabic.normalize(text[offsets[i]]) == ch


def test_tokens_split_words_and_numbers() -> None:
    assert arabic.tokens("التقى الوفدان، يوم ٢٧ فبراير، لمدة 6.5 ساعات.") == [
        "التقي", "الوفدان", "يوم", "27", "فبراير", "لمده", "6.5", "ساعات"]


def test_token_spans_cover_original_text_with_diacritics() -> None:
    text = "وبوتينُ قالَ: نعم"
    spans = arabic.token_spans(text)
    assert [s.text(text) for s in spans] == ["وبوتينُ", "قالَ", "نعم"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("المحادثات", "محادثات"), ("والمحادثات", "محادثات"), ("الدبلوماسيين", "دبلوماسيين")],
)
def test_stem_joins_inflected_forms(a: str, b: str) -> None:
    assert arabic.stem(arabic.normalize(a)) == arabic.stem(arabic.normalize(b))


def test_stem_keeps_different_words_apart() -> None:
    assert arabic.stem("سفاره") != arabic.stem("سياره")


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
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text(text) for s in arabic.split_sentences(text)] == expected


def test_split_sentences_offsets_shift_into_body() -> None:
    body = "عنوان\n\nجملة أولى. جملة ثانية."
    start = body.index("جملة")
    spans = arabic.split_sentences(body[start:], offset=start)
    assert [s.text(body) for s in spans] == ["جملة أولى.", "جملة ثانية."]


@pytest.mark.parametrize(("text", "expected"), [("بوتين", True), ("Putin", False), ("بوتين Putin Moscow", False), ("123", False)])
def test_is_arabic(text: str, expected: bool) -> None:
    assert arabic.is_arabic(text) is expected


@pytest.mark.parametrize(("line", "expected"), [("- بند", True), ("• بند", True), ("1. بند", True), ("-بند", False), ("بند", False)])
def test_is_bullet(line: str, expected: bool) -> None:
    assert arabic.is_bullet(line) is expected


def test_normalize_spans_equals_normalizing_each_slice() -> None:
    text = "قالَ الوزيرُ: «إنّ المحادثاتِ ٢٠٢٥ مستمرة». Reuters"
    spans = arabic.token_spans(text) + arabic.split_sentences(text)
    assert arabic.normalize_spans(text, spans) == [arabic.normalize(s.text(text)) for s in spans]
    assert arabic.normalize_spans(text, []) == []


@pytest.mark.parametrize("text", ["إسطنبولُ", "إسطنبولُ " * 20])
def test_short_and_long_texts_normalize_alike(text: str) -> None:
    assert arabic.normalize(text) == " ".join(["اسطنبول"] * text.count("إسطنبول")) + (" " if text.endswith(" ") else "")


@pytest.mark.parametrize("text", ["وبوتينُ قالَ: نعم", "محـــادثات Reuters 2025 ٣٫٥", "", "«إسطنبول»، اليومَ"])
def test_token_spans_normalized_agrees_with_token_spans(text: str) -> None:
    spans, words = arabic.token_spans_normalized(text)
    assert spans == arabic.token_spans(text)
    assert words == [arabic.normalize(s.text(text)) for s in spans]
