"""Tests for marsad.stories.lineage: wire re-wordings outscore independent reports and unrelated articles."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from marsad import arabic
from marsad.doc import Doc
from marsad.stories.lineage import MIN_SCORE, lineage_of_groups, lineage_pairs
from marsad.types import Article, Span

# Two re-wordings of one invented wire story.
WIRE_A = """افتتح حاكم مقاطعة الوادي الأخضر سليم الراشدي يوم الثلاثاء سد النهر الكبير الجديد الذي بلغت تكلفته 420 مليون دولار بعد سبع سنوات من العمل.
وقال الراشدي في كلمة أمام المهندسين والعمال إن "هذا السد سيحمي آلاف المزارعين من الفيضانات ويوفر المياه لمواسم طويلة".
ويبلغ ارتفاع السد 85 مترا، ويستطيع تخزين نحو 900 مليون متر مكعب من المياه، بحسب بيان لوزارة الري في المقاطعة.
وأكدت الوزارة أن محطة الكهرباء الملحقة بالسد ستنتج 120 ميغاواط عند تشغيلها الكامل في الربيع المقبل.
وكانت فيضانات عام 2019 قد دمرت أكثر من ثلاثة آلاف منزل في القرى المحيطة بالنهر وأجبرت آلاف الأسر على النزوح.
وانتقدت جماعات بيئية المشروع وقالت إنه "يهدد الأسماك النادرة في مجرى النهر" وطالبت بدراسة مستقلة لآثاره."""

WIRE_B = """دشن سليم الراشدي حاكم مقاطعة الوادي الأخضر الثلاثاء السد الجديد على النهر الكبير بتكلفة بلغت 420 مليون دولار، بعد أعمال استمرت سبع سنوات.
وأضاف الراشدي خلال خطاب ألقاه أمام العمال والمهندسين أن «السد سيحمي آلاف المزارعين من خطر الفيضانات وسيوفر المياه لمواسم طويلة».
وذكر بيان صادر عن وزارة الري في المقاطعة أن ارتفاع السد يصل إلى 85 مترا وأنه قادر على تخزين قرابة 900 مليون متر مكعب من المياه.
وأوضحت الوزارة أن محطة الكهرباء التابعة للسد ستنتج 120 ميغاواط عند تشغيلها بالكامل في الربيع المقبل.
يذكر أن فيضانات 2019 دمرت ما يزيد على ثلاثة آلاف منزل في القرى المحيطة بالنهر وأجبرت آلاف العائلات على النزوح.
في المقابل انتقدت جماعات بيئية المشروع، معتبرة أنه «يشكل تهديدا للأسماك النادرة في مجرى النهر»، وطالبت بإجراء دراسة مستقلة لآثاره."""

# The same invented event, reported independently.
INDEPENDENT = """شهدت مقاطعة الوادي الأخضر احتفالا رسميا بمناسبة تشغيل السد الجديد، وسط حضور شعبي كبير من سكان القرى القريبة.
وتحدث مراسلنا مع عدد من المزارعين الذين عبروا عن أملهم في أن ينهي المشروع معاناتهم المتكررة مع مياه النهر.
وقال أحد المزارعين إن أرضه غرقت مرتين خلال السنوات الماضية وإنه خسر محصوله بالكامل.
ويعد السد الذي كلف 420 مليون دولار أكبر مشروع للبنية التحتية في المقاطعة منذ عقود، ويرى خبراء أن أثره على الاقتصاد المحلي سيظهر خلال سنوات.
وكان الحاكم قد وعد بأن "السد سيحمي المزارعين" عند وضع حجر الأساس عام 2018.
ولم يتسن الحصول على تعليق من المسؤولين حول موعد تشغيل محطة الكهرباء."""

UNRELATED = """فاز فريق النجوم على ضيفه فريق الساحل بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء الجمعة.
وسجل المهاجم كريم ناصر هدفين في الشوط الأول قبل أن يضيف زميله الهدف الثالث من ركلة جزاء.
وقال مدرب الفريق بعد المباراة إن "اللاعبين قدموا أداء رائعا رغم الحرارة الشديدة".
وبهذا الفوز يرتفع رصيد النجوم إلى 30 نقطة في صدارة الدوري."""


def doc(aid: str, body: str, with_spans: bool = True) -> Doc:
    """Build a Doc of an article made by hand, with or without sentence spans."""
    spans = tuple(Span(aid, s, e, "sentence") for s, e in arabic.split_sentences(body)) if with_spans else ()
    return Doc(Article(id=aid, origin=aid, body=body, sentences=spans))


def scores(docs: list[Doc]) -> dict[frozenset[str], float]:
    """Return every pair's score (min_score 0) keyed by the pair of ids."""
    return {frozenset((p.a, p.b)): p.score for p in lineage_pairs(docs, min_score=0.0)}


FIXTURES = [("a", WIRE_A), ("b", WIRE_B), ("ind", INDEPENDENT), ("other", UNRELATED)]


@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5])
def test_rewordings_outscore_independent_and_unrelated_in_any_order(order: tuple[int, ...]) -> None:
    """The wire pair ranks first, an independent report of the event above an unrelated article."""
    s = scores([doc(*FIXTURES[i]) for i in order])
    wire = s[frozenset(("a", "b"))]
    assert wire > max(s[frozenset(("a", "ind"))], s[frozenset(("b", "ind"))])
    assert s[frozenset(("a", "ind"))] >= s[frozenset(("a", "other"))]
    assert all(0.0 <= v <= 1.0 for v in s.values())


@pytest.mark.parametrize(
    ("pair", "linked"),
    [(("a", "b"), True), (("a", "ind"), False), (("b", "ind"), False), (("a", "other"), False)],
)
def test_default_min_score_links_only_the_wire_pair(pair: tuple[str, str], linked: bool) -> None:
    """At MIN_SCORE only the two re-wordings of the wire story are returned."""
    found = {frozenset((p.a, p.b)) for p in lineage_pairs([doc(*f) for f in FIXTURES])}
    assert (frozenset(pair) in found) is linked


@pytest.mark.parametrize("min_score", [0.0, 0.1, MIN_SCORE, 0.9, 1.0])
def test_min_score_is_a_cut(min_score: float) -> None:
    """Every returned pair reaches min_score, and the result is sorted best first."""
    pairs = lineage_pairs([doc(*f) for f in FIXTURES], min_score=min_score)
    assert all(p.score >= min_score for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    if min_score == 0.0:
        assert len(pairs) == 6


def test_missing_sentence_spans_fall_back_to_splitting_the_body() -> None:
    """Articles built without sentence spans score like those with spans."""
    with_spans = scores([doc("a", WIRE_A), doc("b", WIRE_B)])
    without = scores([doc("a", WIRE_A, False), doc("b", WIRE_B, False)])
    assert without == with_spans
    assert with_spans[frozenset(("a", "b"))] >= MIN_SCORE


@pytest.mark.parametrize(
    "bodies",
    [["", ""], ["", WIRE_A], ["   \n ", "؟!"], [WIRE_A], [], ["12 13", "12 13"]],
)
def test_degenerate_inputs_do_not_crash(bodies: list[str]) -> None:
    """Empty, blank, sentence-free or single articles give pairs with scores in [0, 1] and no error."""
    pairs = lineage_pairs([doc(str(i), b) for i, b in enumerate(bodies)], min_score=0.0)
    assert len(pairs) == len(bodies) * (len(bodies) - 1) // 2
    assert all(0.0 <= p.score <= 1.0 for p in pairs)


def test_seed_articles_score_in_range(seeds_dir: Path) -> None:
    """On the real seed articles every pair gets a score in [0, 1] and at most a few pairs are linked."""
    docs = [doc(p.name, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    everything = lineage_pairs(docs, min_score=0.0)
    assert len(everything) == len(docs) * (len(docs) - 1) // 2
    assert all(0.0 <= p.score <= 1.0 for p in everything)
    assert len(lineage_pairs(docs)) < len(everything)


def test_groups_together_give_each_group_its_own_pairs() -> None:
    """Groups scored in one call give what each gives alone, and a wire pair is found inside a mixed group."""
    groups = [[doc("a", WIRE_A), doc("ind", INDEPENDENT)], [doc("b", WIRE_B), doc("other", UNRELATED)],
              [doc("a2", WIRE_A)], [], [doc("b2", WIRE_B), doc("a3", WIRE_A), doc("x", UNRELATED)]]
    together = lineage_of_groups(groups, min_score=0.0)
    assert together == [lineage_pairs(g, min_score=0.0) for g in groups]
    assert {frozenset((p.a, p.b)) for p in together[4] if p.score >= MIN_SCORE} == {frozenset(("b2", "a3"))}
