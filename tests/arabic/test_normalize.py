"""Tests for marsad.arabic.normalize: the normalized view and its offsets, tokens, token spans, is_arabic."""

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
    assert [text[start:end] for start, end in spans] == ["وبوتينُ", "قالَ", "نعم"]


@pytest.mark.parametrize(("text", "expected"), [("بوتين", True), ("Putin", False), ("بوتين Putin Moscow", False), ("123", False)])
def test_is_arabic(text: str, expected: bool) -> None:
    assert arabic.is_arabic(text) is expected


def test_normalize_spans_equals_normalizing_each_slice() -> None:
    text = "قالَ الوزيرُ: «إنّ المحادثاتِ ٢٠٢٥ مستمرة». Reuters"
    spans = arabic.token_spans(text) + arabic.split_sentences(text)
    assert arabic.normalize_spans(text, spans) == [arabic.normalize(text[start:end]) for start, end in spans]
    assert arabic.normalize_spans(text, []) == []


@pytest.mark.parametrize("text", ["إسطنبولُ", "إسطنبولُ " * 20])
def test_short_and_long_texts_normalize_alike(text: str) -> None:
    assert arabic.normalize(text) == " ".join(["اسطنبول"] * text.count("إسطنبول")) + (" " if text.endswith(" ") else "")


@pytest.mark.parametrize("text", ["وبوتينُ قالَ: نعم", "محـــادثات Reuters 2025 ٣٫٥", "", "«إسطنبول»، اليومَ"])
def test_token_bounds_normalized_agrees_with_token_spans(text: str) -> None:
    starts, ends, words = arabic.token_bounds_normalized(text)
    spans = list(zip(starts, ends, strict=True))
    assert spans == arabic.token_spans(text)
    assert words == [arabic.normalize(text[start:end]) for start, end in spans]
