"""Tests for marsad.ner.lists: names mined after list heads, and listed names standing alone tagged in context."""

from __future__ import annotations

from collections import Counter

import pytest

from marsad.arabic import normalize
from marsad.ner import lists
from marsad.ner.features import TOKEN_RE, digest


def test_mining_counts_the_words_after_list_heads() -> None:
    """A word after نادي goes to the club list; a stopword or a head after it does not."""
    texts = ["فاز نادي النجوم على نادي من الأندية", "وقال نادي النجوم إن", "صحيفة الضياء: نادي جمعية"]
    after, total = lists.mine(texts)
    assert after[("club", normalize("النجوم"))] == 2
    assert after[("media", normalize("الضياء"))] == 1
    assert ("club", "من") not in after
    assert not any(word == normalize("جمعية") for _, word in after)
    assert total[normalize("النجوم")] == 2


def test_selection_applies_the_counts_and_the_share() -> None:
    """An armed group needs MIN_SHARE of its uses after a head: a common word that follows one is left out."""
    word, common = normalize("الظلام"), normalize("الناس")
    after = {("group", word): 30, ("group", common): 30, ("club", word): 1}
    total = {word: 40, common: 3000}
    rows = lists.select(Counter(after), Counter(total))
    assert rows == [("group", word, 30)]


def _tag(text: str, words: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Tag one invented document with a given list table; return (word, tag) of its tagged words."""
    raw = [TOKEN_RE.findall(s) for s in text.split("\n")]
    norms = [[normalize(w) for w in s] for s in raw]
    table = {digest(normalize(w)): kind for w, kind in words.items()}
    monkeypatch.setattr(lists, "_lists", lambda: table)
    lists._LISTED.clear()
    try:
        out = lists.tag_alone(raw, norms, [["O"] * len(s) for s in raw])
    finally:
        lists._LISTED.clear()  # no answer from the invented table outlives the test
    return [(w, t) for s, ts in zip(raw, out, strict=True) for w, t in zip(s, ts, strict=True) if t != "O"]


def test_a_club_alone_is_tagged_in_a_sports_report_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """"النجوم" is the club when the report is about sport, a common word elsewhere."""
    table = {"النجوم": "club"}
    sports = "فاز النجوم في المباراة\nوقال مدرب الفريق إن اللاعب أحرز هدفا في الدوري"
    assert _tag(sports, table, monkeypatch) == [("النجوم", "B-ORG")]
    assert _tag("ظهرت النجوم في السماء ليلا", table, monkeypatch) == []


def test_a_medium_alone_is_tagged_in_quote_marks_or_a_dateline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A listed newspaper is tagged between quote marks or dashes, not as a common word in a sentence."""
    table = {"الضياء": "media"}
    assert _tag("وقال لـ«الضياء» إن", table, monkeypatch) == [("الضياء", "B-ORG")]
    assert _tag("الرياض - الضياء: أعلن", table, monkeypatch) == [("الضياء", "B-ORG")]
    assert _tag("انتشر الضياء في الغرفة", table, monkeypatch) == []


def test_listed_words_are_found_the_same_after_the_seen_words_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_SEEN the words seen are forgotten, and a lookup still finds every listed word it is given."""
    table = {digest(normalize(w)): kind for w, kind in {"النجوم": "club", "الضياء": "media"}.items()}
    monkeypatch.setattr(lists, "_lists", lambda: table)
    monkeypatch.setattr(lists, "MAX_SEEN", 3)
    seen = lists._ListedWords()
    first = {normalize(w) for w in ("النجوم", "فاز", "الضياء")}
    assert seen.lookup(first) == {normalize("النجوم"): "club", normalize("الضياء"): "media"}
    # two new words overflow the bound: the two listed words seen before must still be found
    assert seen.lookup(first | {"في", "الدوري"}) == {normalize("النجوم"): "club", normalize("الضياء"): "media"}
