"""Tests for marsad.clean.rules: which lines are furniture and why, credit names, loading extra rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.clean.article import clean
from marsad.clean.rules import Rules, load_rules
from tests.clean.helpers import P1, P2, P3, TITLE, check_spans, make_doc, reasons


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("|", "symbol"),
        ("•", "symbol"),
        ("* * *", "symbol"),
        ("عاجل", "nav"),
        ("رياضة", "nav"),
        ("اقتصادأخبار العالمآسيا", "nav"),
        ("الرئيسية سياسة محليات", "nav"),
        ("شاركها.", "share"),
        ("اترك تعليقاً", "share"),
        ("لن يتم نشر عنوان بريدك الإلكتروني. الحقول المطلوبة عليها علامة *", "share"),
        ("زر الذهاب إلى الأعلى", "share"),
        ("إغلاق", "share"),
        ("اظهر المزيد", "share"),
        ("+ الخط -", "share"),
        ("استمع إلى الملخص", "share"),
        ("المساهمون", "share"),
        ("فيسبوك تويتر واتساب", "share"),
        ("Exit mobile version", "english-ui"),
        ("Share", "english-ui"),
        ("Read more", "english-ui"),
        ("Facebook Twitter WhatsApp", "english-ui"),
        ("رئيس التحرير: سامر خليل", "masthead"),
        ("لقطة من حفل الافتتاح في القاعة الكبرى (رويترز)", "caption"),
        ("تصوير: منى حداد", "byline"),
        ("الخميس 6 مارس 2025", "date"),
        ("12/03/2025", "date"),
    ],
)
def test_furniture_line_is_removed_with_reason(line: str, reason: str) -> None:
    """Each furniture line is taken out of the body and reported with its reason code."""
    a = clean(make_doc(TITLE, P1, line, P2, P3))
    assert reasons(a).get(line) == reason
    assert line not in a.body.split("\n\n")
    assert P1 in a.body and P2 in a.body and P3 in a.body
    check_spans(a)


@pytest.mark.parametrize(
    "line",
    [
        "عاجل: قال المتحدث إن فرق الإنقاذ وصلت إلى موقع الحادث بعد ساعة من البلاغ.",
        "رئيس التحرير يشرح للزوار مراحل إعداد الصحيفة قبل طباعتها كل ليلة في المطبعة.",
        "المصدر أكد أن الاجتماع سيعقد الأسبوع المقبل بحضور ممثلين عن جميع الأطراف.",
        "صورة الحي القديم تغيرت كثيرا بعد أن رممت البلدية واجهات البيوت الحجرية.",
        "وقالت الوكالة (رويترز) إن المفاوضات ستستأنف في الأسبوع المقبل بعد توقف قصير.",
        "اقرأ أيضا ما كتبه المؤرخون عن المدينة، فهم يرون أن تاريخها يعود إلى قرون طويلة مضت قبل الميلاد.",
        "وأعلنت الشركة في 27 فبراير 2025 عن خطة جديدة لتوسيع أعمالها في المنطقة.",
        "شارك في الحفل أكثر من مئتي ضيف من مختلف المدن.",
    ],
)
def test_similar_looking_body_sentences_are_kept(line: str) -> None:
    """Real sentences that start with or contain furniture words stay in the body."""
    a = clean(make_doc(TITLE, P1, line, P2))
    assert line in a.body.split("\n\n")
    assert all(r.line != line for r in a.removed)


def test_inline_read_also_line_is_removed() -> None:
    """A "read also: headline" line is related furniture."""
    line = "اقرأ أيضاً: ارتفاع أسعار الذهب في الأسواق المحلية"
    a = clean(make_doc(TITLE, P1, line, P2))
    assert reasons(a)[line] == "related" and line not in a.body


def test_wire_dateline_gives_date_and_credit() -> None:
    """A "PLACE DATE AGENCY" dateline fills published and credits; a sentence with a date stays."""
    line = "الدمام 5 رمضان 1446 هـ الموافق 5 مارس 2025 م واس"
    a = clean(make_doc(TITLE, line, P1, P2))
    assert (a.published, a.credits, reasons(a)[line]) == ("2025-03-05", ("واس",), "date")
    sentence = "وصل الوفد الرسمي إلى الدمام في 5 مارس 2025 م"
    assert sentence in clean(make_doc(TITLE, P1, sentence, P2)).body


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("(وكالات)", ("وكالات",)),
        ("(صحيفة المدينة، رويترز)", ("صحيفة المدينة", "رويترز")),
        ("(الأناضول، أ ف ب)", ("الأناضول", "أ ف ب")),
        ("المصدر: رويترز", ("رويترز",)),
        ("المصدر - فرانس برس، وكالات", ("فرانس برس", "وكالات")),
    ],
)
def test_credit_lines_move_to_credits(line: str, credits: tuple[str, ...]) -> None:
    """Credit lines become separate credit names and leave the body."""
    a = clean(make_doc(TITLE, P1, P2, line))
    assert a.credits == credits
    assert reasons(a)[line] == "credit" and line not in a.body


def test_load_rules_extra_extends_the_lists(tmp_path: Path) -> None:
    """A user file in the same format adds phrases, sections and agencies."""
    extra = tmp_path / "extra.tsv"
    extra.write_text("# my site\nshare\tأرسل لصديق\nsection\tمدونات\nagency\tوكالة النجوم\n", encoding="utf-8")
    rules = load_rules(extra)
    assert isinstance(rules, Rules)
    a = clean(make_doc(TITLE, P1, "أرسل لصديق", "مدوناتمحليات", P2, "(وكالة النجوم)"), rules)
    assert reasons(a) == {TITLE: "title", "أرسل لصديق": "share", "مدوناتمحليات": "nav", "(وكالة النجوم)": "credit"}
    assert a.credits == ("وكالة النجوم",)
    base = clean(make_doc(TITLE, P1, "أرسل لصديق", P2))
    assert "أرسل لصديق" in base.body


@pytest.mark.parametrize(
    "line",
    ["اتصل بنا", "من نحن", "سياسة الخصوصية", "شروط الاستخدام", "أعلن معنا", "النشرة البريدية", "اشترك",
     "تسجيل الدخول"],
)
def test_menu_and_contact_items_are_nav(line: str) -> None:
    """Site menu and contact items are navigation furniture, in the head and at the foot."""
    for lines in ([line, TITLE, P1, P2], [TITLE, P1, P2, line]):
        a = clean(make_doc(*lines))
        assert reasons(a)[line] == "nav" and a.title == TITLE


@pytest.mark.parametrize(
    "line",
    ["كتب: سامي ناصر", "كتبت: ليلى حداد", "بقلم: مازن العلي", "بقلم مازن العلي", "إعداد: فريق التحرير",
     "تحرير: هالة منصور", "حوار: رامي يوسف", "تصوير: منى حداد", "كتب - سامي ناصر"],
)
def test_bylines_in_head_zone_and_at_end(line: str) -> None:
    """Byline prefixes with a short name are removed as "byline", under the title and at the end."""
    for lines in ([TITLE, line, P1, P2], [TITLE, P1, P2, line]):
        a = clean(make_doc(*lines))
        assert reasons(a)[line] == "byline" and line not in a.body.split("\n\n")
        assert a.headings == () and a.title == TITLE


@pytest.mark.parametrize(
    "line",
    ["كتب الطالب رسالة طويلة إلى والده يشرح فيها ظروف الدراسة.", "تحرير المدينة استغرق ثلاثة أسابيع",
     "كتب: رسالة الطالب إلى والده، وفيها يشرح ظروف الدراسة في الخارج."],
)
def test_body_lines_starting_like_bylines_stay(line: str) -> None:
    """A sentence that merely opens with a byline word, or a long "كتب:" line, stays in the body."""
    a = clean(make_doc(TITLE, P1, line, P2))
    assert line in a.body.split("\n\n")


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("المصدر: وكالة أنباء النجمة", ("وكالة أنباء النجمة",)),
        ("المصدر : رويترز", ("رويترز",)),
        ("(خاص - شبكة الوادي)", ("شبكة الوادي",)),
        ("(مكتب الشمال)", ("مكتب الشمال",)),
        ("(مكتب الشمال، صحيفة الغد)", ("مكتب الشمال", "صحيفة الغد")),
    ],
)
def test_credit_lines_with_unknown_sources_at_the_end(line: str, credits: tuple[str, ...]) -> None:
    """Below the last paragraph, credit lines name any source, known agency or not."""
    a = clean(make_doc(TITLE, P1, P2, line, "شارك"))
    assert a.credits == credits and reasons(a)[line] == "credit"


@pytest.mark.parametrize(
    "lines",
    [
        [TITLE, P1, "(مكتب الشمال)", P2],  # between paragraphs: an aside, not a credit
        [TITLE, P1, P2, "(والله ولي التوفيق)."],  # ends like a sentence
        [TITLE, P1, P2, "بين الغيم والنخيل", "يسافر قلبي بعيدا", "(سالم الراوي)"],  # a poem's author line
        [TITLE, P1, "المصدر: وكالة أنباء النجمة", P2],  # an unknown source inside the body is kept
    ],
)
def test_unknown_credit_names_elsewhere_stay_in_body(lines: list[str]) -> None:
    """Unknown names in parentheses or after "المصدر:" are credits only right under the last paragraph."""
    a = clean(make_doc(*lines))
    assert a.credits == ()
    assert all(r.reason != "credit" for r in a.removed)


def test_wire_end_mark_is_removed() -> None:
    """A wire "end" mark at the foot of the story is furniture, not a credit."""
    a = clean(make_doc(TITLE, P1, P2, "(انتهى)"))
    assert reasons(a)["(انتهى)"] == "end-mark" and a.credits == ()
