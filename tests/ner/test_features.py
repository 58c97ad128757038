"""Tests for marsad.ner.features: the lexicon, token features, lookup keys and proclitics cut off a name.

The lexicon holds the gazetteer, the triggers, the common words and the word clusters.
"""

from __future__ import annotations

import pytest

from marsad.ner.features import build_lexicon, common_words, features, key, proclitic_length

LEXICON = build_lexicon(
    [("LOC", "بغداد"), ("LOC", "لبنان"), ("LOC", "فرنسا"), ("LOC", "القاهرة"), ("LOC", "نيو دلهي"), ("PER", "فيصل")],
    [("ORG", "جهاز"), ("PER", "وزير الخارجية"), ("PER", "الرئيس")],
)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("وبوتين", "بوتين"),  # و is a conjunction; ب belongs to the name
        ("ببغداد", "بغداد"),
        ("لجهاز", "جهاز"),
        ("والقاهرة", "القاهرة"),  # the article stays
        ("بالقاهرة", "القاهرة"),
        ("للأمن", "لأمن"),  # the second ل is the article's: the span starts there (news-set convention)
        ("للبنان", "لبنان"),  # a known name keeps its own ل
        ("لبنان", "لبنان"),
        ("فرنسا", "فرنسا"),  # ف of a known name is no conjunction
        ("وفيصل", "فيصل"),
        ("فرانكو", "فرانكو"),  # ف before a bare name is kept, known or not
        ("فالحكومة", "الحكومة"),
        ("بوتين", "بوتين"),
    ],
)
def test_proclitic_length_strips_only_attached_particles(token: str, expected: str) -> None:
    """The proclitics و ف ب ل ك are cut (of لل the first ل only); letters of the name are kept."""
    assert token[proclitic_length(token, LEXICON):] == expected


@pytest.mark.parametrize(
    ("token", "kind", "expected"),
    [("فالنتينا", "PER", "فالنتينا"), ("فالح", "PER", "فالح"), ("فالعراق", "LOC", "العراق"), ("والخطيب", "PER", "الخطيب")],
)
def test_a_persons_name_beginning_with_fal_keeps_its_first_letter(token: str, kind: str, expected: str) -> None:
    """ف before ال is a conjunction for places and organisations, but part of names like فالنتينا."""
    assert token[proclitic_length(token, LEXICON, kind):] == expected


@pytest.mark.parametrize(("word", "expected"), [("والرئيس", "رئيس"), ("بالعراق", "عراق"), ("للجيش", "جيش"), ("والعراق", "عراق")])
def test_key_drops_conjunction_preposition_and_article(word: str, expected: str) -> None:
    """Lookup keys make والرئيس, الرئيس and رئيس the same entry."""
    assert key(word) == expected


@pytest.mark.parametrize(
    ("tokens", "index", "feature"),
    [
        (["زار", "وزير", "الخارجية", "سامر", "الخطيب"], 3, "tp=PER"),  # two-word trigger just before
        (["زار", "الرئيس", "سامر", "الخطيب"], 3, "tp2=PER"),  # trigger two tokens before
        (["وصل", "إلى", "نيو", "دلهي"], 2, "gB2=LOC"),  # multi-word gazetteer name
        (["وصل", "إلى", "نيو", "دلهي"], 3, "gI2=LOC"),
        (["وصل", "إلى", "وبغداد"], 2, "gk=LOC"),  # gazetteer through the clitic-stripped key
    ],
)
def test_features_mark_triggers_and_gazetteer_windows(tokens: list[str], index: int, feature: str) -> None:
    """Trigger phrases before a token and gazetteer phrases over it become features."""
    assert feature in features(tokens, LEXICON)[index]


@pytest.mark.parametrize(
    ("pairs", "word", "expected"),
    [
        ([("قال", "O")] * 3, "قال", True),  # frequent outside names
        ([("وقال", "O"), ("قال", "O"), ("القال", "O")], "قال", True),  # counted by key, clitics dropped
        ([("قال", "O")] * 2, "قال", False),  # too rare to call common
        ([("سامر", "O")] * 3 + [("سامر", "B-PER")], "سامر", False),  # often a name
    ],
)
def test_common_words_are_frequent_outside_names(pairs: list[tuple[str, str]], word: str, expected: bool) -> None:
    """Only keys seen often, and almost only outside names, become common words."""
    assert (word in common_words(pairs)) is expected


@pytest.mark.parametrize(
    ("index", "feature", "present"),
    [
        (1, "c=7", True),  # the token's own cluster
        (0, "c1=7", True),  # the next token's cluster seen from the left
        (2, "c-1=7", True),
        (1, "rare", False),  # a common word is no name candidate
        (0, "rare", True),
        (1, "b-=زار|سامر", True),  # bigrams with both neighbours
        (1, "b+=سامر|الخطيب", True),
    ],
)
def test_features_carry_clusters_rarity_and_bigrams(index: int, feature: str, present: bool) -> None:
    """Cluster ids, the rare-word flag and neighbour bigrams reach the right tokens."""
    lexicon = build_lexicon([], [], common=["سامر"], clusters={"سامر": "7"})
    assert (feature in features(["زار", "سامر", "الخطيب"], lexicon)[index]) is present
