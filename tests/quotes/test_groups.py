"""Tests for marsad.quote_groups: the same statement across outlets, on invented quotes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from marsad import ingest
from marsad.clean.rules import clean
from marsad.quotes.extract import Quote, quotes
from marsad.quotes.groups import NO_SPEAKER_THRESHOLD, QuoteGroup, group_quotes, pair_score, speaker_key
from marsad.types import Article, RawDocument

# One invented English statement ("We will not accept any agreement that ignores the rights of
# farmers, and we will continue the talks with our neighbours next month.") in three translations.
T1 = "لن نقبل بأي اتفاق يتجاهل حقوق المزارعين، وسنواصل المحادثات مع جيراننا الشهر المقبل"
T2 = "لن نوافق على أي اتفاقية تتجاهل حقوق الفلاحين، وسنستمر في المحادثات مع جيراننا في الشهر القادم"
T3 = "لن نقبل أي اتفاق يتغاضى عن حقوق المزارعين، وسنتابع المفاوضات مع دول الجوار الشهر المقبل"
PARTIAL = "سنواصل المحادثات مع جيراننا"
# Two other statements of the same speaker on the same topic.
D1 = "أسعار القمح ارتفعت هذا العام بسبب الجفاف ونحتاج إلى دعم المزارعين في الموسم المقبل"
D2 = "المحادثات مع الجيران كانت صعبة لكن الاتفاق على تقاسم المياه ما زال ممكنا"
# A second statement, translated twice ("Water prices will rise by 15 percent in summer").
W1 = "أسعار المياه سترتفع بنسبة 15 في المئة خلال الصيف"
W2 = "ستزيد أسعار الماء بنسبة 15% في فصل الصيف"
# One short phrase in two outlets: a foreign word spelt with ج and with غ, and a word whose و is a root
# letter, bare in one and with the article in the other (the light stemmer gives اضح and واضح).
G1 = "براجماتية ونظرة واضحة"
G2 = "البراغماتية والنظرة الواضحة"


def _q(article: str, text: str, speaker: str | None = "سالم النجار", start: int = 0) -> Quote:
    """Build a direct quote of `text` at `start` in an invented article."""
    return Quote(article, start, start + len(text), text, "direct", "قال", None, None, speaker, None)


def _by_speaker(q: Quote) -> str | None:
    """Use the speaker name as the key (stands in for the entity id)."""
    return q.speaker_name


def _texts(groups: list[QuoteGroup]) -> set[frozenset[str]]:
    """Return each group as the set of its member texts."""
    return {frozenset(m.text for m in g.members) for g in groups}


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([T1, T2, T3], [{T1, T2, T3}]),
        ([T1, T2, T3, PARTIAL], [{T1, T2, T3, PARTIAL}]),
        ([T1, PARTIAL], [{T1, PARTIAL}]),
        ([W1, W2], [{W1, W2}]),
        ([T1, T2, D1, D2], [{T1, T2}, {D1}, {D2}]),
        ([T1, T2, T3, PARTIAL, D1, D2], [{T1, T2, T3, PARTIAL}, {D1}, {D2}]),
        ([T1, W1, T2, W2], [{T1, T2}, {W1, W2}]),
        ([G1, G2], [{G1, G2}]),
    ],
    ids=["three-translations", "translations-and-partial", "partial", "numbers", "different-statements",
         "all-of-one-topic", "two-statements-two-outlets", "spelling"],
)
def test_one_speaker_groups_by_statement(texts: list[str], expected: list[set[str]]) -> None:
    """Renderings of one statement from different outlets group; other statements of the speaker stay apart."""
    found = group_quotes([_q(f"outlet-{i}", t) for i, t in enumerate(texts)], _by_speaker)
    assert _texts(found) == {frozenset(e) for e in expected}


@pytest.mark.parametrize("other", ["ريم الحداد", None], ids=["named", "no-speaker"])
def test_different_speakers_never_group(other: str | None) -> None:
    """The same words by two different speakers (or one unknown) are two groups."""
    found = group_quotes([_q("a", T1), _q("b", T1, speaker=other)], _by_speaker)
    assert len(found) == 2
    assert {g.speaker for g in found} == {"سالم النجار", other}


@pytest.mark.parametrize(
    ("a", "b", "grouped"),
    [(T1, PARTIAL, True), (T1, T1, True), (T1, T2, False), (W1, W2, False)],
    ids=["partial-copy", "same-text", "translation", "translation-with-number"],
)
def test_no_speaker_groups_only_near_copies(a: str, b: str, grouped: bool) -> None:
    """Quotes without a speaker group only above the strict threshold: copies yes, translations no."""
    assert (pair_score(_q("x", a), _q("y", b)) >= NO_SPEAKER_THRESHOLD) is grouped
    found = group_quotes([_q("x", a, None), _q("y", b, None)], _by_speaker)
    assert len(found) == (1 if grouped else 2)


@pytest.mark.parametrize(
    ("quotes_", "expected"),
    [
        # One article, two renderings of a near-identical statement: no group from one article alone.
        ([_q("a", T1), _q("a", T2, start=200)], 2),
        # The same text twice in one article groups (the exception).
        ([_q("a", T1), _q("a", T1, start=200)], 1),
        # A direct quote nested in the indirect clause that carries it is one rendering.
        ([_q("a", "وأكد أنه " + PARTIAL), _q("a", PARTIAL, start=9)], 1),
        # An article that split the statement into two quotes: both halves join the other outlet's whole.
        ([_q("a", "لن نقبل بأي اتفاق يتجاهل حقوق المزارعين"), _q("a", PARTIAL, start=200), _q("b", T1)], 1),
    ],
    ids=["two-quotes-one-article", "same-text", "nested", "split-statement"],
)
def test_same_article_rule(quotes_: list[Quote], expected: int) -> None:
    """Two quotes of one article are evidence for each other only when nested or equal."""
    assert len(group_quotes(quotes_, _by_speaker)) == expected


def test_deterministic_and_order_independent() -> None:
    """Shuffling the input changes neither the groups, their order, nor their ids."""
    items = [_q(f"o{i}", t) for i, t in enumerate([T1, W1, D1, T2, PARTIAL, W2, T3, D2])]
    first = group_quotes(items, _by_speaker)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert group_quotes(shuffled, _by_speaker) == first


@pytest.mark.parametrize("extra", [[], [_q("z", D1)], [_q("z", W1), _q("y", D2)]], ids=["none", "one", "two"])
def test_ids_depend_only_on_members(extra: list[Quote]) -> None:
    """A group's id is a hash of its members' positions: unrelated quotes do not change it."""
    (group,) = [g for g in group_quotes([_q("a", T1), _q("b", T2), *extra], _by_speaker) if len(g.members) == 2]
    alone = group_quotes([_q("b", T2), _q("a", T1)], _by_speaker)
    assert [group.id] == [g.id for g in alone]
    assert group.id != group_quotes([_q("a", T1), _q("b", T2, start=5)], _by_speaker)[0].id


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("فلاديمير بوتين", "بوتن", True),
        ("سيرجي لافروف", "سيرغي لافروف", True),
        ("ديمتري بيسكوف", "دميتري بيسكوف", True),
        ("وزارة الخارجية الأمريكية", "وزارة الخارجية الأميركية", True),
        ("وزارة الخارجية الروسية", "وزارة الخارجية الأمريكية", False),
        ("سالم النجار", "سالم الحداد", False),
    ],
    ids=["long-vowel", "jim-ghain", "vowel-slip", "institution-spelling", "two-ministries", "two-people"],
)
def test_speaker_key_folds_spellings(a: str, b: str, same: bool) -> None:
    """The fallback key merges spelling variants of one name and keeps different names apart."""
    assert (speaker_key(_q("a", T1, a)) == speaker_key(_q("b", T1, b))) is same


def test_speaker_key_is_none_without_a_speaker() -> None:
    """A quote with no speaker name has no key."""
    assert speaker_key(_q("a", T1, None)) is None


def test_invented_articles_end_to_end() -> None:
    """Quotes extracted from invented articles group across outlets with spans into their bodies."""
    bodies = {
        "one": f"وقال وزير الزراعة سالم النجار: «{T1}».\n\nوأضاف النجار: «{D1}».",
        "two": f"وصرح الوزير سالم النجار بأن «{T2}».",
    }
    articles = [Article(id=k, origin=k, body=v) for k, v in bodies.items()]
    found = [q for a in articles for q in quotes(a) if q.kind == "direct"]
    groups = group_quotes(found, speaker_key)
    bodies_by_id = {a.id: a.body for a in articles}
    assert all(bodies_by_id[m.article][m.start : m.end] == m.text for g in groups for m in g.members)
    assert _texts(groups) == {frozenset({T1, T2}), frozenset({D1})}


def test_seed_articles(seeds_dir: Path) -> None:
    """On the real seeds: some cross-outlet groups form, and no group mixes speaker keys."""
    docs = [d for d in ingest.read_paths([seeds_dir]) if isinstance(d, RawDocument)]
    found = [q for a in map(clean, docs) for q in quotes(a)]
    groups = group_quotes(found, speaker_key)
    assert sum(len(g.members) for g in groups) == len(found)
    cross = [g for g in groups if len({m.article for m in g.members}) > 1]
    assert len(cross) >= 3
    assert all(len({speaker_key(m) for m in g.members}) == 1 for g in groups)
