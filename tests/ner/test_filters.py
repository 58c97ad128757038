"""Tests for marsad.ner.filters: back-references, months, formulae and relational adjectives are no names."""

from __future__ import annotations

from marsad.arabic import normalize
from marsad.ner import filters
from marsad.ner.tagger import load_tagger


def _filter(words: list[str], tags: list[str]) -> list[str]:
    """Apply the filters to one invented sentence (words normalized as the tagger does)."""
    return filters.apply([normalize(w) for w in words], tags, load_tagger()[1].lexicon)


def test_back_references_months_and_formulae_alone_are_dropped() -> None:
    """"المدينة" alone is a back-reference, "رمضان" a month, "الله" a formula, "ريال" a currency; a longer name stays."""
    assert _filter(["زار", "أمين", "المدينة"], ["O", "O", "B-LOC"]) == ["O", "O", "O"]
    assert _filter(["في", "شهر", "رمضان"], ["O", "O", "B-PER"]) == ["O", "O", "O"]
    assert _filter(["العاصمة", "المقدسة"], ["B-LOC", "I-LOC"]) == ["B-LOC", "I-LOC"]
    assert _filter(["100", "الف", "ريال"], ["O", "O", "B-ORG"]) == ["O", "O", "O"]  # a currency, not a club
    assert _filter(["ريال", "مدريد"], ["B-ORG", "I-ORG"]) == ["B-ORG", "I-ORG"]


def test_a_relational_adjective_after_a_definite_noun_describes_it() -> None:
    """"الخام السعودية" is Saudi crude; after a preposition or an indefinite noun it names the country."""
    assert _filter(["صادرات", "الخام", "السعودية"], ["O", "O", "B-LOC"]) == ["O", "O", "O"]
    assert _filter(["صادرات", "السعودية"], ["O", "B-LOC"]) == ["O", "B-LOC"]
    assert _filter(["في", "السعودية"], ["O", "B-LOC"]) == ["O", "B-LOC"]
    assert _filter(["قالت", "تالجو", "الإسبانية"], ["O", "B-ORG", "B-PER"]) == ["O", "B-ORG", "O"]


def test_an_adjective_before_a_person_is_left_outside() -> None:
    """"الحارس النصراوي عبدالله الشمري": the club adjective is no part of the name."""
    tags = _filter(["الحارس", "النصراوي", "عبدالله", "الشمري"], ["O", "B-PER", "I-PER", "I-PER"])
    assert tags == ["O", "O", "B-PER", "I-PER"]
    assert _filter(["الموالي", "للأكراد", "أردوغان"], ["O", "B-PER", "I-PER"]) == ["O", "O", "B-PER"]


def test_a_complementizer_is_no_name_alone_nor_before_one_but_a_month_may_open_one() -> None:
    """"فإن كيري": the person is كيري; "فإن" alone is no person; "رجب طيب أردوغان" keeps its first name."""
    assert _filter(["وبحسب", "دبلوماسي", "فإن", "كيري"], ["O", "O", "B-PER", "I-PER"]) == ["O", "O", "O", "B-PER"]
    assert _filter(["وبحسب", "دبلوماسي", "فإن", "الوزير"], ["O", "O", "B-PER", "O"]) == ["O", "O", "O", "O"]
    assert _filter(["قال", "رجب", "طيب", "أردوغان"], ["O", "B-PER", "I-PER", "I-PER"]) == ["O", "B-PER", "I-PER", "I-PER"]


def test_a_known_place_after_an_indefinite_noun_or_in_a_dateline_is_tagged() -> None:
    """"صادرات السعودية": the country of a construct; "سبق- أبها:": a dateline's city, not a newspaper."""
    assert _filter(["ارتفعت", "صادرات", "السعودية"], ["O", "O", "O"]) == ["O", "O", "B-LOC"]
    assert _filter(["ارتفعت", "الصادرات", "السعودية"], ["O", "O", "O"]) == ["O", "O", "O"]
    assert _filter(["زار", "لكوريا", "الشمالية"], ["O", "O", "O"]) == ["O", "O", "O"]  # after a name it describes
    assert _filter(["سبق", "-", "أبها", ":", "دشن"], ["O", "O", "O", "O", "O"]) == ["O", "O", "B-LOC", "O", "O"]
