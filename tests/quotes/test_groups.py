"""Tests for marsad.quotes.groups: the same statement across outlets, on invented quotes and the seed articles."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from marsad import ingest
from marsad.clean import clean
from marsad.doc import Doc
from marsad.quotes.extract import quotes
from marsad.quotes.groups import NO_SPEAKER_THRESHOLD, QuoteGroup, group_quotes, pair_score, speaker_key
from marsad.types import Article, Quote, RawDocument, Span

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


# An invented body opens with its speakers' names; the quotes' offsets are counted after them.
SPEAKERS = 100
# A quote given as (article, text) or (article, text, speaker) or (article, text, speaker, start).
Spec = tuple[Any, ...]


class _Outlets:
    """Invented articles written quote by quote: each quote's words, and its speaker's name, put into its body."""

    def __init__(self) -> None:
        """Start with no article."""
        self.bodies: dict[str, list[str]] = {}
        self.names: dict[tuple[str, str], int] = {}

    def _write(self, article: str, start: int, text: str) -> None:
        """Write `text` at `start` of an article's body (blanks before it); what is there must agree."""
        body = self.bodies.setdefault(article, [" "] * SPEAKERS)
        body.extend(" " * (start + len(text) - len(body)))
        for i, ch in enumerate(text, start):
            assert body[i] in (" ", ch), "two invented quotes of one article overlap with different words"
            body[i] = ch

    def q(self, article: str, text: str, speaker: str | None = "سالم النجار", start: int = 0) -> Quote:
        """Build a direct quote of `text` at `start` in an invented article, said by `speaker` (named in the body)."""
        span = Span(article, SPEAKERS + start, SPEAKERS + start + len(text), "quote")
        self._write(article, span.start, text)
        if speaker is None:
            return Quote(span, "direct")
        at = self.names.get((article, speaker))
        if at is None:
            at = sum(len(name) + 1 for a, name in self.names if a == article)
            assert at + len(speaker) < SPEAKERS, "too many invented speakers in one article"
            self._write(article, at, speaker)
            self.names[article, speaker] = at
        return Quote(span, "direct", speaker=Span(article, at, at + len(speaker), "speaker"))

    def quotes(self, specs: list[Spec]) -> list[Quote]:
        """Build the quotes of a list of specs."""
        return [self.q(*spec) for spec in specs]

    def text(self, span: Span) -> str:
        """Return the text of a span of an invented article."""
        return "".join(self.bodies[span.article])[span.start : span.end]

    def speaker(self, q: Quote) -> str | None:
        """Use the speaker name as the key (stands in for the entity id)."""
        return self.text(q.speaker) if q.speaker else None

    def group(self, quotes: list[Quote]) -> list[QuoteGroup]:
        """Group invented quotes, keyed by their speakers' names."""
        return group_quotes(quotes, self.text, self.speaker)

    def texts(self, groups: list[QuoteGroup]) -> set[frozenset[str]]:
        """Return each group as the set of its member texts."""
        return {frozenset(self.text(m.span) for m in g.members) for g in groups}


def _speaker_key(docs: dict[str, Doc], q: Quote) -> str | None:
    """Return the fallback speaker key of a quote found in one of `docs` (None without a speaker)."""
    return speaker_key(docs[q.article].text(q.speaker) if q.speaker else None)


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
    out = _Outlets()
    found = out.group([out.q(f"outlet-{i}", t) for i, t in enumerate(texts)])
    assert out.texts(found) == {frozenset(e) for e in expected}


@pytest.mark.parametrize("other", ["ريم الحداد", None], ids=["named", "no-speaker"])
def test_different_speakers_group_only_on_a_near_copy(other: str | None) -> None:
    """Two renderings by two speakers (or one unknown) stay apart; one passage copied by outlets is one.

    The copy is one statement whose speaker one outlet's reading got wrong: one group, under the
    speaker most of its quotes have.
    """
    out = _Outlets()
    assert len(out.group([out.q("a", T1), out.q("b", T2, speaker=other)])) == 2
    out = _Outlets()
    found = out.group([out.q("a", T1), out.q("b", T1, speaker=other), out.q("c", T1)])
    assert len(found) == 1
    assert found[0].speaker == "سالم النجار"


@pytest.mark.parametrize(
    ("a", "b", "grouped"),
    [(T1, PARTIAL, True), (T1, T1, True), (T1, T2, False), (W1, W2, False)],
    ids=["partial-copy", "same-text", "translation", "translation-with-number"],
)
def test_no_speaker_groups_only_near_copies(a: str, b: str, grouped: bool) -> None:
    """Quotes without a speaker group only above the strict threshold: copies yes, translations no."""
    assert (pair_score(a, b) >= NO_SPEAKER_THRESHOLD) is grouped
    out = _Outlets()
    found = out.group([out.q("x", a, None), out.q("y", b, None)])
    assert len(found) == (1 if grouped else 2)


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        # One article, two renderings of a near-identical statement: no group from one article alone.
        ([("a", T1), ("a", T2, "سالم النجار", 200)], 2),
        # The same text twice in one article groups (the exception).
        ([("a", T1), ("a", T1, "سالم النجار", 200)], 1),
        # A direct quote nested in the indirect clause that carries it is one rendering.
        ([("a", "وأكد أنه " + PARTIAL), ("a", PARTIAL, "سالم النجار", 9)], 1),
        # An article that split the statement into two quotes: both halves join the other outlet's whole.
        ([("a", "لن نقبل بأي اتفاق يتجاهل حقوق المزارعين"), ("a", PARTIAL, "سالم النجار", 200), ("b", T1)], 1),
    ],
    ids=["two-quotes-one-article", "same-text", "nested", "split-statement"],
)
def test_same_article_rule(specs: list[Spec], expected: int) -> None:
    """Two quotes of one article are evidence for each other only when nested or equal."""
    out = _Outlets()
    assert len(out.group(out.quotes(specs))) == expected


def test_a_quoted_term_inside_a_statement_joins_no_other_statement() -> None:
    """«الجفاف» quoted inside one statement's clause stays with it: its word in another statement joins nothing.

    Two outlets each give two statements of one speaker; one outlet quotes a single term inside its
    first statement. The term goes to the group of the clause that carries it, and the two
    statements stay two groups.
    """
    out = _Outlets()
    carrier = "أسعار القمح ارتفعت هذا العام بسبب «الجفاف الطويل» ونحتاج إلى دعم المزارعين"
    term_at = carrier.index("الجفاف")
    other = "الجفاف الطويل أضر بالمحادثات مع الجيران لكن الاتفاق على تقاسم المياه ما زال ممكنا"
    found = out.group(out.quotes([
        ("a", carrier), ("a", "الجفاف الطويل", "سالم النجار", term_at), ("a", other, "سالم النجار", 300),
        ("b", D1), ("b", other, "سالم النجار", 300)]))
    assert out.texts(found) == {frozenset({carrier, "الجفاف الطويل", D1}), frozenset({other})}


def test_a_part_giving_a_figure_the_whole_lacks_is_another_statement() -> None:
    """"40 مقترحا قدمها الأعضاء" inside the words of "2 قراران بمقترحين قدمهما الأعضاء …" is not a part of it."""
    whole = "أصدر المجلس 26 قرارا منها قراران بمقترحين لمشروعات أنظمة جديدة قدمها الأعضاء استنادا للمادة الثالثة"
    part = "40 مقترحا لمشروعات أنظمة جديدة قدمها الأعضاء استنادا للمادة الثالثة"
    assert pair_score(part, whole) == 0.0
    assert pair_score("مقترحات لمشروعات أنظمة جديدة قدمها الأعضاء استنادا للمادة الثالثة", whole) > 0.5


def test_deterministic_and_order_independent() -> None:
    """Shuffling the input changes neither the groups, their order, nor their ids."""
    out = _Outlets()
    items = [out.q(f"o{i}", t) for i, t in enumerate([T1, W1, D1, T2, PARTIAL, W2, T3, D2])]
    first = out.group(items)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert out.group(shuffled) == first


@pytest.mark.parametrize("extra", [[], [("z", D1)], [("z", W1), ("y", D2)]], ids=["none", "one", "two"])
def test_ids_depend_only_on_members(extra: list[Spec]) -> None:
    """A group's id is a hash of its members' positions: unrelated quotes do not change it."""
    out = _Outlets()
    (group,) = [g for g in out.group([out.q("a", T1), out.q("b", T2), *out.quotes(extra)]) if len(g.members) == 2]
    alone = out.group([out.q("b", T2), out.q("a", T1)])
    assert [group.id] == [g.id for g in alone]
    moved = _Outlets()
    assert group.id != moved.group([moved.q("a", T1), moved.q("b", T2, start=5)])[0].id


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
    out = _Outlets()
    key_a, key_b = (speaker_key(out.speaker(q)) for q in (out.q("a", T1, a), out.q("b", T1, b)))
    assert (key_a == key_b) is same


def test_speaker_key_is_none_without_a_speaker() -> None:
    """A quote with no speaker name has no key."""
    out = _Outlets()
    assert speaker_key(out.speaker(out.q("a", T1, None))) is None
    assert speaker_key("") is None


def test_invented_articles_end_to_end() -> None:
    """Quotes extracted from invented articles group across outlets with spans into their bodies."""
    bodies = {
        "one": f"وقال وزير الزراعة سالم النجار: «{T1}».\n\nوأضاف النجار: «{D1}».",
        "two": f"وصرح الوزير سالم النجار بأن «{T2}».",
    }
    docs = {k: Doc(Article(id=k, origin=k, body=v)) for k, v in bodies.items()}
    found = [q for d in docs.values() for q in quotes(d) if q.kind == "direct"]
    groups = group_quotes(found, lambda s: docs[s.article].text(s), lambda q: _speaker_key(docs, q))
    assert all(0 <= m.span.start < m.span.end <= len(bodies[m.article]) for g in groups for m in g.members)
    assert {frozenset(docs[m.article].text(m.span) for m in g.members) for g in groups} == {
        frozenset({T1, T2}), frozenset({D1})}


def test_seed_articles(seeds_dir: Path) -> None:
    """On the real seeds: some cross-outlet groups form, and a group mixes speaker keys only over a near copy."""
    raws = [d for d in ingest.read_paths([seeds_dir]) if isinstance(d, RawDocument)]
    docs = {doc.id: doc for doc in (Doc(clean(r)) for r in raws)}
    found = [q for d in docs.values() for q in quotes(d)]
    groups = group_quotes(found, lambda s: docs[s.article].text(s), lambda q: _speaker_key(docs, q))
    assert sum(len(g.members) for g in groups) == len(found)
    cross = [g for g in groups if len({m.article for m in g.members}) > 1]
    assert len(cross) >= 3
    for g in groups:
        if len({_speaker_key(docs, m) for m in g.members}) > 1:
            assert any(a.article != b.article and pair_score(docs[a.article].text(a.span), docs[b.article].text(b.span))
                       >= NO_SPEAKER_THRESHOLD for a in g.members for b in g.members)
