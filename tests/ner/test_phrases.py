"""Tests for marsad.ner.phrases: a head noun and its modifier chain made one organisation or place name."""

from __future__ import annotations

import pytest

from marsad.arabic import normalize
from marsad.ner import phrases
from marsad.ner.features import TOKEN_RE
from marsad.ner.tagger import load_tagger


def _phrases(sentence: str, tags: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Return (tokens, type) of the phrases of an invented sentence, the tagger's tags given by word.

    Tokens as written: proclitics are cut when the tagger makes spans of them (tagger._proclitic).
    """
    raw = TOKEN_RE.findall(sentence)
    words = [normalize(w) for w in raw]
    given = tags or {}
    bio = [given.get(w, "O") for w in raw]
    found = phrases.find(words, bio, load_tagger()[1].lexicon, raw)
    return [(" ".join(raw[a:b]), kind) for a, b, kind, _ in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("أعلنت وزارة الشؤون الإسلامية والدعوة والإرشاد في بيان", ("وزارة الشؤون الإسلامية والدعوة والإرشاد", "ORG")),
        ("وقالت المديرية العامة للجوازات إن", ("المديرية العامة للجوازات", "ORG")),
        ("نقل المصاب إلى مستشفى الملك فهد التخصصي ببريدة أمس", ("مستشفى الملك فهد التخصصي ببريدة", "ORG")),
        ("وصل الوفد إلى مطار الملك خالد الدولي مساء", ("مطار الملك خالد الدولي", "LOC")),
        ("سقطت أمطار على منطقة عسير اليوم", ("منطقة عسير", "LOC")),
        ("ووقع نادي الهلال عقدا", ("نادي الهلال", "ORG")),
    ],
)
def test_a_head_and_its_chain_are_one_name(sentence: str, expected: tuple[str, str]) -> None:
    """The chain runs through definite words, genitives with ل, coordination and a final place with ب."""
    assert expected in _phrases(sentence)


def test_a_sector_head_takes_the_place_the_tagger_found() -> None:
    """"صحة القصيم" is the health directorate of a region: a sector head needs a place after it."""
    assert _phrases("وأعلنت صحة القصيم حالة الطوارئ", {"القصيم": "B-LOC"}) == [("صحة القصيم", "ORG")]
    assert _phrases("وأعلنت صحة المواطنين جيدة") == []


def test_the_chain_stops_at_a_person_a_title_or_a_generic_word() -> None:
    """A name after the institution, a role word or a describing adjective ends the chain."""
    assert _phrases("ووقع نادي الهلال سامي الجابر", {"سامي": "B-PER", "الجابر": "I-PER"}) == [("نادي الهلال", "ORG")]
    assert _phrases("أكد رئيس هيئة الرياضة الدكتور فلان") == [("هيئة الرياضة", "ORG")]
    assert _phrases("وجه مدير شرطة محافظة رابغ العميد فهد") == [("شرطة محافظة رابغ", "ORG")]
    assert _phrases("وقال لاعب فريق النصر الأول إن", {"النصر": "B-ORG"}) == [("النصر", "ORG")]  # فريق describes


def test_a_common_word_the_tagger_left_out_ends_the_chain() -> None:
    """A verbal noun or a verb after the name is no part of it, though some list entry holds the word."""
    assert _phrases("أعلنت الهيئة العامة للطيران المدني تأجيل الرحلات") == [("الهيئة العامة للطيران المدني", "ORG")]
    assert _phrases("وكانت هيئة الطيران المدني أعلنت عن تأجيل الرحلات") == [("هيئة الطيران المدني", "ORG")]


def test_an_indefinite_word_after_a_definite_one_ends_the_chain() -> None:
    """Adjectives agree in definiteness: "عاينت" after "الوطني" opens what the organisation did."""
    assert _phrases("وأكد أن الهيئة العامة للسياحة والتراث الوطني عاينت القناة") == [
        ("الهيئة العامة للسياحة والتراث الوطني", "ORG")]
    assert _phrases("وأنهى نادي النصر تمارينه اليومية") == [("نادي النصر", "ORG")]
    assert _phrases("وزار مستشفى الملك فهد التخصصي") == [("مستشفى الملك فهد التخصصي", "ORG")]


def test_a_word_with_a_possessive_pronoun_is_no_part_of_a_name() -> None:
    """"مجلس إدارته": the pronoun shows only as written (إدارته, normalized إداره), and ends the chain."""
    assert _phrases("عن نية مجلس إدارته تكريم الشاعر السعودي الكبير") == []
    assert _phrases("عن نية مجلس إدارة نادي الهلال تكريم الشاعر", {"الهلال": "B-ORG"}) != []


def test_back_references_and_generic_phrases_are_no_names() -> None:
    """A definite head alone is a back-reference; a weak head needs a name-like word after it."""
    assert _phrases("وأوضحت الوزارة أن العمل مستمر") == []
    assert _phrases("وذكرت مجموعة من الشباب أن") == []
    assert _phrases("وتابعت الحركة الاعتيادية في الشارع") == []
    assert _phrases("وقعت الهيئة الوطنية للتراث والأكاديمية الملكية اتفاقا") == [("الهيئة الوطنية للتراث", "ORG")]
    assert _phrases("وفاز المنتخب السعودي على ضيفه") == []  # a definite head with an adjective only is described
    assert _phrases("أعلنت القيادة العامة للقوات المسلحة في بيان") == [("القيادة العامة للقوات المسلحة", "ORG")]


def test_a_stronger_head_inside_a_weak_one_is_the_name() -> None:
    """"إدارة نادي النصر": the management is no name of its own, the club is; its name is one word."""
    assert _phrases("وأعلنت إدارة نادي النصر التعاقد مع") == [("نادي النصر", "ORG")]
    assert _phrases("وقال نادي بلوفيستا التركي إن") == [("نادي بلوفيستا", "ORG")]  # the nationality describes it


def test_a_place_head_ending_in_an_institution_adjective_is_an_organisation() -> None:
    """A medical city is a hospital: ORG, though مدينة opens places."""
    assert ("مدينة الملك فهد الطبية", "ORG") in _phrases("نقل إلى مدينة الملك فهد الطبية بالرياض")


def test_apply_rewrites_the_tags_of_a_phrase_and_leaves_the_rest() -> None:
    """The tagger's place inside the phrase is dropped; a name it cut into stands alone after it."""
    tags = ["O", "B-LOC", "I-LOC", "O"]
    assert phrases.apply(tags, [(0, 2, "ORG", False)]) == ["B-ORG", "I-ORG", "B-LOC", "O"]


def test_a_first_name_after_the_chain_is_the_person_it_holds() -> None:
    """"ومدير مستشفى الأطفال يوسف القضيب": the hospital's name stops at a first name, and the rest is a person."""
    sentence = "وحضر مدير مستشفى الأطفال يوسف القضيب"
    given = {"مستشفى": "B-ORG", "الأطفال": "I-ORG", "يوسف": "I-ORG", "القضيب": "I-ORG"}
    assert _phrases(sentence, given) == [("مستشفى الأطفال", "ORG")]
    raw = TOKEN_RE.findall(sentence)
    words = [normalize(w) for w in raw]
    tags = [given.get(w, "O") for w in raw]
    lexicon = load_tagger()[1].lexicon
    found = phrases.find(words, tags, lexicon, raw)
    assert phrases.apply(tags, found, words, lexicon) == ["O", "O", "B-ORG", "I-ORG", "B-PER", "I-PER"]
    # The tagger's own organisation is cut too, after a definite word but not after a title: "الملك فيصل".
    words = [normalize(w) for w in ["باسم", "اللجنة", "رنا", "الحلبي", "و", "مؤسسة", "الملك", "فيصل"]]
    tags = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG"]
    assert phrases.apply(tags, [], words, lexicon) == ["O", "B-ORG", "B-PER", "I-PER", "O", "B-ORG", "I-ORG", "I-ORG"]


def test_a_token_that_normalizes_to_nothing_ends_a_chain() -> None:
    """A run of tatweel or diacritics alone ("ـــ") is a token with no letters: the chain stops, nothing fails."""
    assert _phrases("أعلنت وزارة ـــ الصحة اليوم") == []
    assert _phrases("أعلنت وزارة الصحة ـــ اليوم") == [("وزارة الصحة", "ORG")]


def test_a_definite_noun_after_a_relational_adjective_ends_the_chain() -> None:
    """"وزارة الخارجية الإسرائيلية التعليمات": the adjective closed the name, after a nationality even before و."""
    assert _phrases("وأصدرت وزارة الخارجية الإسرائيلية التعليمات") == [("وزارة الخارجية الإسرائيلية", "ORG")]
    assert _phrases("وتعاونت وزارة الداخلية السعودية والشرطة") == [("وزارة الداخلية السعودية", "ORG")]
