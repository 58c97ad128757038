"""Tests for marsad.entities.canonical: mentions merged into entities across spellings, never different ones."""

from __future__ import annotations

from collections import Counter

import pytest

from marsad.doc import Doc
from marsad.entities.canonical import canonicalize
from marsad.types import Article, Entity, Span
from tests.entities.helpers import DISTINCT_NAMES, SPELLING_VARIANTS, article


def run(*docs: tuple[str, str, list[tuple[str, str]]]) -> list[Entity]:
    """Canonicalize a batch of hand-written (id, body, names) articles."""
    built = [article(*d) for d in docs]
    return canonicalize([d for d, _ in built], {d.id: ms for d, ms in built})


def names(entities: list[Entity]) -> set[frozenset[str]]:
    """Return each entity as the set of its variant texts."""
    return {frozenset(text for text, _ in e.variants) for e in entities}


@pytest.mark.parametrize(("a", "b", "rule"), SPELLING_VARIANTS)
def test_spelling_variants_merge(a: str, b: str, rule: str) -> None:
    """Each transliteration or spelling rule makes two spellings one entity."""
    found = run(("x", f"وصل {a} أمس، ثم غادر {b} اليوم.", [(a, "PER"), (b, "PER")]))
    assert len(found) == 1, rule
    assert found[0].variants == tuple(sorted(((a, 1), (b, 1))))


@pytest.mark.parametrize(("a", "b", "kind"), DISTINCT_NAMES)
def test_different_entities_stay_apart(a: str, b: str, kind: str) -> None:
    """Names sharing a part or a skeleton but naming different entities are never merged."""
    found = run(("x", f"التقى {a} مع {b} في العاصمة.", [(a, kind), (b, kind)]))
    assert names(found) == {frozenset({a}), frozenset({b})}


def test_types_must_agree() -> None:
    """A person and a place spelt alike stay two entities."""
    found = run(("x", "زار عمان الوزير عمان في مسقط.", [("عمان", "LOC"), ("عمان", "PER")]))
    assert sorted(e.type for e in found) == ["LOC", "PER"]


@pytest.mark.parametrize(
    ("full", "short"),
    [("فلاديمير بوتين", "بوتين"), ("فلاديمير بوتين", "بوتن"), ("محمد بن سلمان", "بن سلمان"),
     ("دونالد جون ترامب", "دونالد ترامب")],
)
def test_surname_joins_its_full_name(full: str, short: str) -> None:
    """A partial name joins the one full name it ends with, across articles too."""
    found = run(("a", f"استقبل {full} الوفد.", [(full, "PER")]),
                ("b", f"وقال {short} إن الزيارة مهمة.", [(short, "PER")]))
    assert names(found) == {frozenset({full, short})}
    assert found[0].name == full
    assert found[0].articles == ("a", "b")


def test_shared_surname_is_not_merged_without_context() -> None:
    """A surname shared by two different full names stays apart when nothing in context decides."""
    found = run(
        ("a", "التقى سامر الخطيب مع نادر الخطيب في عمان.", [("سامر الخطيب", "PER"), ("نادر الخطيب", "PER")]),
        ("b", "وقال الخطيب إن اللقاء كان مثمرا.", [("الخطيب", "PER")]),
    )
    assert names(found) == {frozenset({"سامر الخطيب"}), frozenset({"نادر الخطيب"}), frozenset({"الخطيب"})}


def test_shared_surname_resolved_by_article() -> None:
    """With two full names sharing a surname, a surname joins the one named in the same article."""
    found = run(
        ("a", "قال سامر الخطيب إن الاتفاق قريب، وأضاف الخطيب أنه متفائل.", [("سامر الخطيب", "PER"), ("الخطيب", "PER")]),
        ("b", "وصل نادر الخطيب إلى بيروت.", [("نادر الخطيب", "PER")]),
    )
    assert names(found) == {frozenset({"سامر الخطيب", "الخطيب"}), frozenset({"نادر الخطيب"})}


def test_shared_surname_resolved_by_role() -> None:
    """With two full names sharing a surname in one article, the stated role decides."""
    body = ("قال وزير المياه سامر الخطيب إن السد جاهز، وقال المتحدث باسم البلدية نادر الخطيب إن الطريق مغلق. "
            "وأكد وزير المياه الخطيب أن العمل مستمر.")
    found = run(("a", body, [("سامر الخطيب", "PER"), ("نادر الخطيب", "PER"), ("الخطيب", "PER")]))
    assert names(found) == {frozenset({"سامر الخطيب", "الخطيب"}), frozenset({"نادر الخطيب"})}


@pytest.mark.parametrize(
    ("a", "b"),
    [("جهاز الأمن الفيدرالي", "جهاز الأمن الفدرالي"), ("جهاز الأمن الفيدرالي", "الأمن الاتحادي"),
     ("الكرملين", "كرملين"), ("حلف شمال الأطلسي", "الناتو")],
)
def test_organisation_synonyms_merge(a: str, b: str) -> None:
    """Organisation names merge through data/org_synonyms.txt synonyms and optional head words."""
    found = run(("x", f"أعلن {a} أمس، ثم أكد {b} ذلك.", [(a, "ORG"), (b, "ORG")]))
    assert len(found) == 1


def test_role_never_reaches_across_another_person() -> None:
    """A title before one person is not given to the next person named after a conjunction."""
    found = run(("a", "اتصل الرئيس سامي الوردي ونظيره نادر الخطيب هاتفيا.",
                 [("سامي الوردي", "PER"), ("نادر الخطيب", "PER")]))
    assert {e.name: e.roles for e in found} == {"سامي الوردي": ("الرئيس",), "نادر الخطيب": ()}


def test_roles_are_kept_with_the_entity() -> None:
    """An entity keeps every distinct role stated next to its mentions, in order of appearance."""
    found = run(
        ("a", "قال الرئيس الروسي فلاديمير بوتين إن الحوار بدأ.", [("فلاديمير بوتين", "PER")]),
        ("b", "وأكد الرئيس بوتين أن الحوار مستمر.", [("بوتين", "PER")]),
    )
    assert [e.roles for e in found] == [("الرئيس الروسي", "الرئيس")]


def test_display_name_variant_counts_articles_and_mentions() -> None:
    """The display name is the most frequent full form; variants are counted; spans point into bodies."""
    docs = [
        ("a", "وصل دونالد ترامب. ثم تحدث ترامب.", [("دونالد ترامب", "PER"), ("ترامب", "PER")]),
        ("b", "قال ترمب إن دونالد ترمب لن يتراجع، وكرر ترمب ذلك.",
         [("ترمب", "PER"), ("دونالد ترمب", "PER"), ("ترمب", "PER")]),
        ("c", "رحب دونالد ترامب بالقرار.", [("دونالد ترامب", "PER")]),
    ]
    built = [article(*d) for d in docs]
    [entity] = canonicalize([d for d, _ in built], {d.id: ms for d, ms in built})
    assert entity.name == "دونالد ترامب"
    assert entity.variants == (("ترمب", 2), ("دونالد ترامب", 2), ("ترامب", 1), ("دونالد ترمب", 1))
    assert entity.articles == ("a", "b", "c")
    by_id = {d.id: d for d, _ in built}
    assert len(entity.mentions) == 6
    assert all(m.label == "PER" and 0 <= m.start < m.end <= len(by_id[m.article].body) for m in entity.mentions)
    assert Counter(by_id[m.article].text(m) for m in entity.mentions) == dict(entity.variants)


def test_deterministic_ids_and_order() -> None:
    """The same batch in any order gives the same entities, ids and order; ids depend on type and name."""
    docs = [
        ("a", "قال فلاديمير بوتين إن سيرغي لافروف سيسافر.", [("فلاديمير بوتين", "PER"), ("سيرغي لافروف", "PER")]),
        ("b", "وأكد بوتن أن لافروف سيعود.", [("بوتن", "PER"), ("لافروف", "PER")]),
    ]
    built = [article(*d) for d in docs]
    first = canonicalize([d for d, _ in built], {d.id: ms for d, ms in built})
    again = canonicalize([d for d, _ in built], {d.id: list(reversed(ms)) for d, ms in reversed(built)})
    assert [(e.id, e.name) for e in first] == [(e.id, e.name) for e in again]
    assert len({e.id for e in first}) == 2
    place = run(("c", "زار فلاديمير بوتين المدينة.", [("فلاديمير بوتين", "LOC")]))
    assert place[0].id != next(e.id for e in first if e.name == "فلاديمير بوتين")


@pytest.mark.parametrize(
    "mention",
    [Span("a", 4, 40, "PER"), Span("b", 4, 9, "PER"), Span("a", 5, 5, "PER")],
    ids=["past-the-body", "other-article", "empty"],
)
def test_mention_that_is_no_span_of_its_article_is_rejected(mention: Span) -> None:
    """A mention that does not point into its article's body is an error, not a silent wrong entity."""
    doc = Doc(Article("a", "a", "قال بوتين ذلك."))
    with pytest.raises(ValueError, match="is no span of article"):
        canonicalize([doc], {"a": [mention]})


def test_mentions_of_an_unknown_article_are_rejected() -> None:
    """Mentions given for an article not in the batch are an error."""
    doc = Doc(Article("a", "a", "قال بوتين ذلك."))
    with pytest.raises(ValueError, match="unknown article"):
        canonicalize([doc], {"z": [Span("z", 4, 9, "PER")]})


def test_display_name_tie_goes_to_the_spelling_with_the_article() -> None:
    """Between two spellings as frequent and as long in words, the one with the article (الأمم) is the name."""
    body = "دعا المسؤول الأمم المتحدة إلى التدخل، وطالب للأمم المتحدة بدور أكبر."
    doc = Doc(Article(id="t", origin="t", body=body))
    whole = body.index("الأمم")
    cut = body.index("للأمم") + 2  # the span a لل-prefixed mention gets: "أمم المتحدة"
    mentions = {"t": [Span("t", whole, whole + len("الأمم المتحدة"), "ORG"),
                      Span("t", cut, cut + len("أمم المتحدة"), "ORG")]}
    (entity,) = canonicalize([doc], mentions)
    assert entity.name == "الأمم المتحدة"


def test_direction_marks_stay_out_of_display_names() -> None:
    """A mention written with a right-to-left mark inside is shown without it; its span still covers it."""
    marked = "\u200fسيرغي لافروف"
    [entity] = run(("x", f"قال {marked} إن المحادثات مستمرة، وأضاف سيرغي لافروف أنها مفيدة.",
                    [(marked, "PER"), ("سيرغي لافروف", "PER")]))
    assert entity.name == "سيرغي لافروف" and entity.variants == (("سيرغي لافروف", 2),)
    assert entity.mentions[0].end - entity.mentions[0].start == len(marked)


def test_a_place_with_its_designator_joins_the_bare_name_which_names_it() -> None:
    """"مدينة الحمراء" and "الحمراء" are one place, shown without the designator that adds no word to the name."""
    [entity] = run(("a", "وصل الوفد إلى مدينة الحمراء أمس.", [("مدينة الحمراء", "LOC")]),
                   ("b", "وفي الحمراء عقد الاجتماع.", [("الحمراء", "LOC")]))
    assert entity.name == "الحمراء"
    assert dict(entity.variants) == {"مدينة الحمراء": 1, "الحمراء": 1}
