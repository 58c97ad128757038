"""Tests for marsad.entities.names: spelling rules, same_entity, name_key (core/skeleton forms) and trim_mention."""

from __future__ import annotations

import pytest

from marsad.arabic import core, skeleton
from marsad.entities.names import Lexicon, name_key, same_entity, trim_mention, words_match
from marsad.types import Span
from tests.entities.helpers import DISTINCT_NAMES, SPELLING_VARIANTS


@pytest.mark.parametrize(("a", "b", "rule"), SPELLING_VARIANTS)
def test_spelling_variants_are_one_name(a: str, b: str, rule: str) -> None:
    """Each transliteration or spelling rule makes two spellings one name."""
    assert same_entity(a, b, "PER"), rule


@pytest.mark.parametrize(("a", "b", "kind"), DISTINCT_NAMES)
def test_different_names_are_not_one_entity(a: str, b: str, kind: str) -> None:
    """Names sharing a part or a skeleton but naming different entities do not match."""
    assert not same_entity(a, b, kind)


@pytest.mark.parametrize(
    ("full", "short"),
    [("فلاديمير بوتين", "بوتين"), ("فلاديمير بوتين", "بوتن"), ("محمد بن سلمان", "بن سلمان"),
     ("دونالد جون ترامب", "دونالد ترامب")],
)
def test_a_persons_partial_name_matches_the_full_name_it_ends(full: str, short: str) -> None:
    """For persons, a name that ends the other (or keeps its first and last words) names the same person."""
    assert same_entity(full, short, "PER") and same_entity(short, full, "PER")


@pytest.mark.parametrize(
    ("a", "b"),
    [("جهاز الأمن الفيدرالي", "جهاز الأمن الفدرالي"), ("جهاز الأمن الفيدرالي", "الأمن الاتحادي"),
     ("الكرملين", "كرملين"), ("حلف شمال الأطلسي", "الناتو")],
)
def test_organisation_synonyms_match(a: str, b: str) -> None:
    """Organisation names match through data/org_synonyms.txt synonyms and optional head words."""
    assert same_entity(a, b, "ORG")


def test_person_name_words_are_not_read_as_organisation_synonyms() -> None:
    """Optional organisation heads are not dropped from persons' names."""
    assert not same_entity("جهاز الخطيب", "الخطيب جهاز", "PER")
    assert not same_entity("شركة", "الخطيب", "PER")


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("سيرجي لافروف", "PER", ("سيرغي", "لافروف")),
        ("جهاز الخطيب", "PER", ("غهاز", "خطيب")),
        ("الكرملين", "ORG", ("كرملين",)),
        ("جهاز الخطيب", "ORG", ("خطيب",)),
        ("جهاز", "ORG", ("غهاز",)),
        ("", "PER", ()),
    ],
    ids=["person-core-words", "person-keeps-heads", "article-dropped", "optional-head-dropped",
         "head-alone-kept", "empty"],
)
def test_name_key(text: str, kind: str, key: tuple[str, ...]) -> None:
    """A name's key is its core words; for non-persons optional head words go, unless nothing else is left."""
    assert name_key(text, kind) == key


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [("حلف شمال الأطلسي", "الناتو", "ORG"), ("جهاز الأمن الفيدرالي", "الأمن الاتحادي", "ORG"),
     ("الولايات المتحدة الأمريكية", "الولايات المتحدة", "LOC")],
)
def test_name_key_applies_synonyms_to_non_persons(a: str, b: str, kind: str) -> None:
    """Synonyms (longest phrase first) give two names of one organisation or place one key."""
    assert name_key(a, kind) == name_key(b, kind)
    assert name_key(a, "PER") != name_key(b, "PER")


def test_name_key_follows_the_lexicon_given() -> None:
    """With a lexicon without synonyms or optional heads, a non-person's key is its core words."""
    bare = Lexicon(synonyms=(), optional=frozenset(), distinct=frozenset(), particles=frozenset(), roles=frozenset())
    assert name_key("جهاز الخطيب", "ORG", bare) == ("غهاز", "خطيب")
    assert name_key("الناتو", "ORG", bare) == ("ناتو",)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("الكرملين", "كرملين"), ("سيرجي", "سيرغي"), ("إسطنبول", "اسطنبول"), ("ال", "ال")],
)
def test_core(word: str, expected: str) -> None:
    """The core form drops ال, folds ج into غ and normalizes hamza/alef."""
    assert core(word) == expected


@pytest.mark.parametrize(("a", "b"), [("ترامب", "ترمب"), ("زيلينسكي", "زيلينكسي"), ("سيرغي", "سرغي")])
def test_skeleton_blocks_variants_together(a: str, b: str) -> None:
    """Variants accepted by words_match share a skeleton, so blocking never hides them."""
    assert words_match(core(a), core(b))
    assert skeleton(core(a)) == skeleton(core(b))


@pytest.mark.parametrize(
    ("text", "trimmed"),
    [
        ("أمامه نبيل الحداد", "نبيل الحداد"),
        ("مدينتا نورا وسلمى اللتان", "مدينتا نورا وسلمى"),
        ("نبيل الحداد", "نبيل الحداد"),
        ("بدوره", None),
    ],
)
def test_edge_words_are_cut_from_a_mention(text: str, trimmed: str | None) -> None:
    """Words never at a name's edge (data/name_edge_words.txt) are cut off; a mention of nothing else is dropped."""
    body = f"وقال {text} إن الطريق مفتوح."
    start = body.index(text)
    got = trim_mention(body, Span("a", start, start + len(text), "PER"))
    if trimmed is None:
        assert got is None
    else:
        assert got is not None and body[got.start : got.end] == trimmed
        assert (got.article, got.label) == ("a", "PER")
