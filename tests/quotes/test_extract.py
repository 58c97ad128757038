"""Tests for marsad.quotes: quote styles, attribution patterns and span invariants, on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import ingest
from marsad.clean.rules import clean
from marsad.quotes.extract import Quote, quotes, quotes_all, speaker_head
from marsad.types import Article, RawDocument


def _art(body: str, id: str = "t") -> Article:
    """Wrap an invented body as an article."""
    return Article(id=id, origin=id, body=body)


def _direct(body: str) -> list[Quote]:
    """Return the direct quotes of an invented body."""
    return [q for q in quotes(_art(body)) if q.kind == "direct"]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("وقال الوزير سالم النجار: «نحن مستعدون للحوار الجاد».", "نحن مستعدون للحوار الجاد"),
        ("وقال الوزير سالم النجار: “نحن مستعدون للحوار الجاد”.", "نحن مستعدون للحوار الجاد"),
        ('وقال الوزير سالم النجار: "نحن مستعدون للحوار الجاد".', "نحن مستعدون للحوار الجاد"),
        ("وقال الوزير سالم النجار: 'نحن مستعدون للحوار الجاد'.", "نحن مستعدون للحوار الجاد"),
        ("وقال الوزير سالم النجار: ”نحن مستعدون للحوار الجاد“.", "نحن مستعدون للحوار الجاد"),
        ('وقال الوزير سالم النجار: "نحن مستعدون للحوار الجاد\n\nوانتهى الاجتماع مساء.', "نحن مستعدون للحوار الجاد"),
    ],
    ids=["guillemets", "curly", "straight", "single", "swapped-curly", "missing-close"],
)
def test_each_quote_style_gives_the_words_without_marks(body: str, text: str) -> None:
    """Every Arabic news quote style yields one direct quote spanning only the quoted words."""
    found = _direct(body)
    assert [q.text for q in found] == [text]
    assert found[0].speaker_name == "سالم النجار"


def test_apostrophe_inside_a_word_is_not_a_quote() -> None:
    """A single mark between letters (an apostrophe) opens no quote."""
    assert _direct("وقال المدير رامي حداد إن فريق Don't Stop فاز بالجائزة.") == []


@pytest.mark.parametrize(
    ("body", "speaker", "role", "verb"),
    [
        ("وقال المتحدث باسم وزارة الزراعة كريم السعدي إن «المحصول وفير هذا العام».", "كريم السعدي",
         "المتحدث باسم وزارة الزراعة", "قال"),
        ("قال رئيس البلدية الجديد هشام العطار: «سنفتح الحديقة قريبا».", "هشام العطار", "رئيس البلدية الجديد", "قال"),
        ("«سنفتح الحديقة قريبا»، قال هشام العطار.", "هشام العطار", None, "قال"),
        ("وأكدت وزارة الصحة المغربية: «لا توجد إصابات جديدة».", "وزارة الصحة المغربية", None, "أكدت"),
        ("وذكر مسؤول في البلدية أن «الطريق سيغلق يومين».", "مسؤول في البلدية", None, "ذكر"),
        ("وأعلنت الشركة بحسب البيان: «الأرباح ارتفعت».", "الشركة", None, "أعلنت"),
        ("الأسعار ارتفعت «بشكل غير مسبوق»، بحسب غرفة التجارة.", "غرفة التجارة", None, "بحسب"),
        ("المفاوضات «في مراحلها الأخيرة»، نقلا عن مصادر دبلوماسية.", "مصادر دبلوماسية", None, "نقلا"),
        ("ووصفت النقابة الاتفاق بـ«التاريخي».", "النقابة", None, "وصفت"),
    ],
    ids=["role-and-name", "title-colon", "verb-after-quote", "institution", "official",
         "verb-before-source", "bihasab", "naqlan-an", "short-phrase"],
)
def test_direct_quote_speaker_in_the_same_sentence(body: str, speaker: str, role: str | None, verb: str) -> None:
    """The subject of the reporting verb (or the source after a marker) is the speaker, without role words."""
    (q,) = _direct(body)
    assert (q.speaker_name, q.role, q.verb) == (speaker, role, verb)


@pytest.mark.parametrize(
    "second",
    ["وأضاف: «الموسم سيكون طويلا».", "وتابع قائلا: «الموسم سيكون طويلا».", "وأضاف أن «الموسم سيكون طويلا»."],
    ids=["wa-adafa", "qailan", "adafa-anna"],
)
def test_continuation_keeps_the_previous_speaker(second: str) -> None:
    """A verb without a subject in the next sentence continues the last speaker."""
    body = "وقال المدرب يوسف الحايك إن «الفريق جاهز للمباراة». " + second
    found = _direct(body)
    assert [q.speaker_name for q in found] == ["يوسف الحايك", "يوسف الحايك"]


def test_second_quote_in_paragraph_continues_the_first() -> None:
    """Back-to-back quotes in one paragraph share the speaker."""
    found = _direct("وقالت المديرة ليلى منصور: «بدأنا العمل». «وسننتهي قبل الصيف».")
    assert [q.speaker_name for q in found] == ["ليلى منصور", "ليلى منصور"]


@pytest.mark.parametrize(
    "body",
    [
        "«رحلة إلى الجنوب»\n\nوصل الوفد إلى المدينة صباحا.",
        "شاهد الجمهور فيلم «رحلة إلى الجنوب» في الافتتاح.",
        "وجرى الحفل وفقا لما نقلته «وكالة الأنباء المحلية» مساء.",
    ],
    ids=["heading", "title", "source-name"],
)
def test_unattributed_quoted_text_is_not_a_quote(body: str) -> None:
    """Scare quotes, titles and headings in quote marks are dropped."""
    assert quotes(_art(body)) == []


def test_quoted_name_in_the_speaker_phrase_is_a_title() -> None:
    """A quoted agency name before إن is part of the speaker, not a quote."""
    found = quotes(_art('وقالت وكالة "أنباء الساحل" المحلية إن السفينة وصلت إلى الميناء.'))
    assert [(q.kind, q.text) for q in found] == [("indirect", "السفينة وصلت إلى الميناء")]
    assert found[0].speaker_name == 'وكالة "أنباء الساحل" المحلية'


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        ("وقال وزير النقل عادل الراشد إن القطار الجديد سيعمل الشهر المقبل.", "القطار الجديد سيعمل الشهر المقبل",
         "عادل الراشد"),
        ("وأوضحت الهيئة أن التسجيل يبدأ غدا.", "التسجيل يبدأ غدا", "الهيئة"),
        ("وأشار الخبير منير داود إلى أن الأسعار ستنخفض.", "الأسعار ستنخفض", "منير داود"),
        ("وصرحت النائبة سعاد الملا بأن القانون سيعدل قريبا.", "القانون سيعدل قريبا", "سعاد الملا"),
        ("وقال رئيس النادي فادي عمر خلال مؤتمر صحفي اليوم إن المدرب باق.", "المدرب باق", "فادي عمر"),
    ],
    ids=["qala-inna", "awdahat-anna", "ila-anna", "bi-anna", "adverbials-before-inna"],
)
def test_indirect_speech_is_the_clause_after_the_complementizer(body: str, text: str, speaker: str) -> None:
    """Reporting verb + إن/أن/بأن: the clause to the sentence end is an indirect quote."""
    (q,) = quotes(_art(body))
    assert (q.kind, q.text, q.speaker_name) == ("indirect", text, speaker)


def test_indirect_clause_stops_at_the_next_reporting_verb() -> None:
    """A participle like مضيفا starts a new indirect quote for the same speaker."""
    found = quotes(_art("وقال المحافظ سمير بكر إن المياه عادت، مضيفا أن الكهرباء ستعود مساء."))
    assert [(q.text, q.speaker_name) for q in found] == [("المياه عادت", "سمير بكر"),
                                                          ("الكهرباء ستعود مساء", "سمير بكر")]


@pytest.mark.parametrize(
    "body",
    [
        "وأكد المحافظ سمير بكر أن المياه عادت إلى الأحياء، لكنه قال إن الكهرباء ستعود مساء.",
        "وأكد المحافظ سمير بكر أن المياه عادت إلى الأحياء، وهو ما قال إن الكهرباء ستعود بعده.",
    ],
)
def test_indirect_clause_cut_at_a_verb_drops_the_connective_before_it(body: str) -> None:
    first = quotes(_art(body))[0]
    assert first.text == "المياه عادت إلى الأحياء"


def test_a_clause_opened_by_a_verb_and_a_source_is_one_quote() -> None:
    found = quotes(_art("وقال سكان محليون - حسب وكالة الأنباء المحلية - إن الجسر انهار فجرا."))
    assert [(q.text, q.speaker_name) for q in found] == [("الجسر انهار فجرا", "سكان محليون")]


def test_relative_clause_verb_is_no_speaker() -> None:
    """A verb inside a relative clause (التي أعلنت ...) does not take over the quote."""
    (q,) = _direct("وأكد الوزير نبيل حسون أن المناطق التي أعلنت الحكومة ضمها «خارج النقاش».")
    assert q.speaker_name == "نبيل حسون"


@pytest.mark.parametrize(
    "body",
    [
        "وقال الطبيب أحمد سعيد:  « سنبدأ العلاج فورا » .\nوأضاف أن المرضى بخير.",
        "التقى الوزيران.\n\nوقال أحدهما «اللقاء مثمر\n\nوأكدت الوزارة أن الزيارة تستمر يومين.",
    ],
)
def test_spans_reproduce_text(body: str) -> None:
    """Every quote and speaker span points into the body and reproduces its text."""
    found = quotes(_art(body))
    assert found
    for q in found:
        assert body[q.start : q.end] == q.text and q.text == q.text.strip()
        if q.speaker_start is not None and q.speaker_end is not None:
            assert body[q.speaker_start : q.speaker_end] == q.speaker_name


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ('وقال نبيل الحداد: "الطريق مفتوح".', "name"),
        ('وقال رئيس البلدية نبيل الحداد: "الطريق مفتوح".', "name"),
        ('وقالت وزارة النقل المصرية: "الطريق مفتوح".', "institution"),
        ('وقالت الحكومة الأردنية: "الطريق مفتوح".', "institution"),
        ('وقالت وكالة "نجمة" الإخبارية إن الطريق مفتوح.', "institution"),
        ('وقالت الوزارة: "الطريق مفتوح".', "anaphor"),
        ('وأضاف البيان: "الطريق مفتوح".', "statement"),
        ('وقال مسؤول في الوزارة: "الطريق مفتوح".', "official"),
        ('وقال المتحدث باسم البلدية: "الطريق مفتوح".', "official"),
        ('وقال السكان: "الطريق مفتوح".', "generic"),
    ],
)
def test_speaker_head_kind(body: str, kind: str) -> None:
    (quote,) = quotes(_art(body))
    head = speaker_head(quote)
    assert head is not None and head.kind == kind


@pytest.mark.parametrize(
    "body",
    [
        'وقالت الشركة إن حسابها على "تويتر" يضم مليون متابع.',
        'وقال الباحثون في مركز "CDC" إن العدوى تراجعت.',
    ],
)
def test_quoted_names_and_terms_are_not_quotes(body: str) -> None:
    assert _direct(body) == []


def test_quotes_all_keys_by_article() -> None:
    """quotes_all returns each article's quotes under its id."""
    arts = [_art("وقال الوزير سالم النجار: «نعم بالتأكيد».", "a"), _art("لا شيء هنا.", "b")]
    result = quotes_all(arts)
    assert set(result) == {"a", "b"} and len(result["a"]) == 1 and result["b"] == []


def test_seed_articles(seeds_dir: Path) -> None:
    """On real articles: several direct quotes, valid spans, and most direct quotes have a speaker."""
    docs = [d for d in ingest.read_paths([seeds_dir]) if isinstance(d, RawDocument)]
    found = [(a, q) for a in map(clean, docs) for q in quotes(a)]
    assert all(a.body[q.start : q.end] == q.text for a, q in found)
    direct = [q for _, q in found if q.kind == "direct"]
    assert len(direct) >= 10
    assert sum(q.speaker_name is not None for q in direct) >= 0.8 * len(direct)
