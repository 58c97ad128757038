"""Tests for marsad.entities.resolve: a story's entity matched to a stored entity (entity_key blocking, choose)."""

from __future__ import annotations

import pytest

from marsad.entities.resolve import choose, entity_key

PUTIN = ("p-putin", "فلاديمير بوتين")
LAVROV = ("p-lavrov", "سيرغي لافروف")
SAMER = ("p-samer", "سامر الخطيب")
NADER = ("p-nader", "نادر الخطيب")


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("فلاديمير بوتين", "بوتن", "PER"),
        ("سيرجي لافروف", "سيرغي لافروف", "PER"),
        ("دونالد ترامب", "ترمب", "PER"),
        ("حلف شمال الأطلسي", "الناتو", "ORG"),
        ("الكرملين", "كرملين", "ORG"),
    ],
    ids=["surname-variant", "jim-ghain", "long-vowel", "org-synonym", "article"],
)
def test_names_of_one_entity_share_a_key(a: str, b: str, kind: str) -> None:
    """Spelling variants, a person's surname and organisation synonyms fall in one block, keyed by type."""
    key = entity_key(a, kind)
    assert key is not None and key.startswith(f"{kind}:")
    assert entity_key(b, kind) == key


def test_keys_keep_types_and_surnames_apart() -> None:
    """The same name under another type, or another surname, is another block; a name of no word has none."""
    assert entity_key("عمان", "LOC") != entity_key("عمان", "PER")
    assert entity_key("سامر الخطيب", "PER") != entity_key("سامر الحداد", "PER")
    assert entity_key("", "PER") is None
    assert entity_key("«»", "ORG") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("فلاديمير بوتين", "p-putin"),
        ("فلاديمير بوتن", "p-putin"),
        ("بوتين", "p-putin"),
        ("بوتن", "p-putin"),
        ("سيرجي لافروف", "p-lavrov"),
        ("دميتري بيسكوف", None),
    ],
    ids=["same-name", "variant", "surname", "surname-variant", "jim-ghain", "nobody"],
)
def test_a_name_variant_picks_the_stored_candidate(name: str, expected: str | None) -> None:
    """A spelling variant or a person's surname picks the one stored entity it names; an unknown name picks none."""
    assert choose(name, "PER", [PUTIN, LAVROV]) == expected


def test_organisation_synonym_picks_the_stored_organisation() -> None:
    """An organisation written with a synonym picks the stored organisation."""
    assert choose("الناتو", "ORG", [("o-nato", "حلف شمال الأطلسي"), ("o-un", "الأمم المتحدة")]) == "o-nato"


def test_prefer_wins_when_it_is_a_candidate() -> None:
    """The entity this name had before in the story wins while it is a candidate, whatever its display name."""
    assert choose("بوتين", "PER", [PUTIN, LAVROV], prefer="p-lavrov") == "p-lavrov"
    assert choose("بوتين", "PER", [PUTIN, LAVROV], prefer="p-gone") == "p-putin"
    assert choose("دميتري بيسكوف", "PER", [PUTIN], prefer="p-gone") is None
    assert choose("بوتين", "PER", [], prefer="p-putin") is None


def test_an_ambiguous_surname_picks_none() -> None:
    """A surname that names two stored people picks neither."""
    assert choose("الخطيب", "PER", [SAMER, NADER]) is None


@pytest.mark.parametrize(
    ("name", "candidates", "expected"),
    [
        ("الخطيب", [SAMER, NADER, ("p-khatib", "الخطيب")], "p-khatib"),
        ("سامر الخطيب", [SAMER, ("p-khatib", "الخطيب")], "p-samer"),
        ("سامر الخطيب", [("p-khatib", "الخطيب"), SAMER], "p-samer"),
        ("سامر الخطيب", [SAMER, ("p-samer-2", "سامر الخطيب")], None),
        ("الخطيب", [SAMER, NADER, ("p-khatib", "الخطيب"), ("p-khatib-2", "الخطيب")], None),
    ],
    ids=["surname-stored-alone", "full-name", "full-name-listed-second", "two-full-names", "two-surnames"],
)
def test_several_matches_pick_the_one_full_name_match(name: str, candidates: list[tuple[str, str]],
                                                      expected: str | None) -> None:
    """When several candidates match, the one with as many words wins if it is the only one; otherwise none."""
    assert choose(name, "PER", candidates) == expected
