"""Tests for marsad.dating.expressions: each family of temporal expressions, resolved on an anchor, and its spans."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.dating.expressions import _YEAR, KEY_AFTER, _families, expressions
from marsad.dating.grammar import load_grammar
from marsad.types import Span, TimeExpression

THU = dt.date(2025, 2, 20)  # a Thursday
SUN = dt.date(2023, 10, 15)  # a Sunday
NEW_YEAR = dt.date(2025, 1, 3)  # a Friday, just after a year boundary
LEAP = dt.date(2024, 3, 1)  # a Friday, the day after 29 February


def texts(text: str, anchor: dt.date | None) -> list[str]:
    """Return the texts of the expressions found in `text`, read from the text through their spans."""
    return [text[e.span.start : e.span.end] for e in expressions(text, anchor)]


def only(text: str, anchor: dt.date | None) -> tuple[str, TimeExpression]:
    """Return the text and the single expression found in `text`, failing when there is not exactly one."""
    found = expressions(text, anchor)
    assert len(found) == 1, texts(text, anchor)
    return text[found[0].span.start : found[0].span.end], found[0]


def check(text: str, anchor: dt.date | None, expr: str, value: str | None, granularity: str | None) -> None:
    """Assert the one expression of `text` has this text, value and granularity."""
    said, found = only(text, anchor)
    assert (said, found.value, found.granularity) == (expr, value, granularity)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("وافتُتح الجسر في 4 أبريل 2019 وسط احتفال.", "4 أبريل 2019", "2019-04-04"),
        ("واستقال النائب في ٧ تموز ٢٠٢١ بعد خلاف.", "٧ تموز ٢٠٢١", "2021-07-07"),
        ("وانطلقت الدورة في 12 جويلية 2022 بتونس.", "12 جويلية 2022", "2022-07-12"),
        ("وصدر الحكم بتاريخ 03/05/2020 عن المحكمة", "03/05/2020", "2020-05-03"),
        ("وجرى التصويت الأحد 5 نوفمبر/تشرين الثاني 2023 في البلدية.",
         "الأحد 5 نوفمبر/تشرين الثاني 2023", "2023-11-05"),
        ("وهبط السهم إلى أدنى مستوى منذ 18 مارس آذار 2021 قبل أن يرتفع.", "18 مارس آذار 2021", "2021-03-18"),
    ],
)
def test_absolute_dates(text: str, expr: str, value: str) -> None:
    check(text, THU, expr, value, "day")
    assert not only(text, THU)[1].relative


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value"),
    [
        ("وبدأ الإضراب في 11 فبراير/شباط الحالي.", THU, "11 فبراير/شباط الحالي", "2025-02-11"),
        ("ووصلت السفينة في 20 ديسمبر الماضي.", NEW_YEAR, "20 ديسمبر الماضي", "2024-12-20"),
        ("وتعقد الجولة في 9 مارس المقبل.", THU, "9 مارس المقبل", "2025-03-09"),
        ("وفاز الفريق في 2 يناير.", THU, "2 يناير", "2025-01-02"),
        ("وسيزور الوفد المدينة في 2 يناير.", dt.date(2024, 12, 20), "2 يناير", "2025-01-02"),
        ("وافتتح المعرض في 29 فبراير الماضي.", dt.date(2025, 3, 5), "29 فبراير الماضي", "2024-02-29"),
        ("وتسلم مهامه في الخامس من أيار الماضي.", THU, "الخامس من أيار الماضي", "2024-05-05"),
        ("وعاد الوفد في 9 من الشهر الماضي.", THU, "9 من الشهر الماضي", "2025-01-09"),
    ],
)
def test_day_month_without_year(text: str, anchor: dt.date, expr: str, value: str) -> None:
    check(text, anchor, expr, value, "day")


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value", "granularity"),
    [
        ("وتوافق الذكرى 10 محرم 1446 هـ.", THU, "10 محرم 1446 هـ", "2024-07-16", "day"),
        ("وحرر العقد في 30 شعبان 1446 هـ.", THU, "30 شعبان 1446 هـ", "2025-03-01", "day"),
        ("وتزدحم الأسواق في شهر رمضان المقبل.", THU, "شهر رمضان المقبل", "2025-03-01/2025-03-29", "range"),
        ("وارتفعت الأسعار في رمضان الماضي.", THU, "رمضان الماضي", "2024-03-11/2024-04-09", "range"),
        ("وشهد عام 1445 هـ إصلاحات.", THU, "عام 1445 هـ", "2023-07-19/2024-07-06", "range"),
    ],
)
def test_hijri(text: str, anchor: dt.date, expr: str, value: str, granularity: str) -> None:
    check(text, anchor, expr, value, granularity)


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value"),
    [
        ("اجتمع القادة الثلاثاء في القمة.", THU, "الثلاثاء", "2025-02-18"),
        ("وسيجتمع القادة الثلاثاء في القمة.", THU, "الثلاثاء", "2025-02-25"),
        ("ومن المقرر أن يصل الوفد السبت.", THU, "السبت", "2025-02-22"),
        ("الأربعاء سيفتتح الوزير المعرض.", THU, "الأربعاء", "2025-02-26"),
        ("وقال الوزير الأربعاء إن المعرض سيفتتح قريبا.", THU, "الأربعاء", "2025-02-19"),
        ("وأكد الوزير الخميس أن الحوار مستمر.", THU, "الخميس", "2025-02-20"),
        ("وزار الرئيس المصنع الخميس الماضي.", THU, "الخميس الماضي", "2025-02-13"),
        ("ويزور الرئيس المصنع الخميس المقبل.", THU, "الخميس المقبل", "2025-02-27"),
        ("وانعقد المؤتمر يوم الاثنين في الفندق.", THU, "يوم الاثنين", "2025-02-17"),
        ("وأعلنت الشركة اليوم الخميس أرباحها.", THU, "اليوم الخميس", "2025-02-20"),
        ("وأعلنت الشركة أمس الأربعاء أرباحها.", THU, "أمس الأربعاء", "2025-02-19"),
        ("وتعلن الشركة غدا الجمعة أرباحها.", THU, "غدا الجمعة", "2025-02-21"),
        ("وأعلنت الوزارة اليوم (الخميس) قرارها.", THU, "اليوم (الخميس)", "2025-02-20"),
        ("وعبرت القافلة الحدود الأحد.", SUN, "الأحد", "2023-10-15"),
        ("ووصلت الطائرة الخميس إلى المطار.", LEAP, "الخميس", "2024-02-29"),
        ("وأغلقت المتاجر الثلاثاء.", NEW_YEAR, "الثلاثاء", "2024-12-31"),
    ],
)
def test_weekdays(text: str, anchor: dt.date, expr: str, value: str) -> None:
    check(text, anchor, expr, value, "day")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("وأعلنت الوزارة مساء أمس الأربعاء الحصيلة.", "مساء أمس الأربعاء", "2025-02-19"),
        ("ووصل الوفد صباح اليوم إلى المطار.", "صباح اليوم", "2025-02-20"),
        ("وتنطلق القافلة فجر غد الجمعة نحو الحدود.", "فجر غد الجمعة", "2025-02-21"),
        ("وشنت الطائرات غارات ليلة الثلاثاء.", "ليلة الثلاثاء", "2025-02-18"),
        ("واندلع الحريق ظهر 3 فبراير 2025 في السوق.", "ظهر 3 فبراير 2025", "2025-02-03"),
        ("ووقع الزلزال عصر الأحد الماضي.", "عصر الأحد الماضي", "2025-02-16"),
        ("ومساء الاثنين عاد الهدوء إلى المدينة.", "مساء الاثنين", "2025-02-17"),
        ("وتفتح الأبواب صباح 5 مارس المقبل.", "صباح 5 مارس المقبل", "2025-03-05"),
        ("وسقطت الصواريخ منتصف ليل الأحد.", "منتصف ليل الأحد", "2025-02-16"),
    ],
)
def test_a_daypart_joins_the_day_after_it(text: str, expr: str, value: str) -> None:
    check(text, THU, expr, value, "day")


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("ووصل الوفد صباح اليوم التالي.", None),
        ("وأحيا المصلون ليلة القدر في المسجد.", None),
        ("وتحدث المحاضر عن عصر النهضة.", None),
        ("وقضى الوزير الصباح في المكتب أمس.", "أمس"),
        ("واستمرت المعارك منذ أسبوع مساء.", "منذ أسبوع"),
    ],
)
def test_a_daypart_alone_or_before_no_day_is_no_date(text: str, expr: str | None) -> None:
    assert texts(text, THU) == ([expr] if expr else [])


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("ويلتقي الفريقان الليلة في الملعب.", "الليلة", "2025-02-20"),
        ("وتقام الحفلة هذه الليلة في المسرح.", "هذه الليلة", "2025-02-20"),
        ("وهطلت أمطار غزيرة الليلة الماضية.", "الليلة الماضية", "2025-02-19"),
        ("وسهر الجمهور ليلة أمس في الساحة.", "ليلة أمس", "2025-02-19"),
        ("ويصل الوفد غد الجمعة إلى عمان.", "غد الجمعة", "2025-02-21"),
        ("ويسري القرار ابتداء من غد.", "غد", "2025-02-21"),
        ("وتستأنف الجلسة بعد غد في المجلس.", "بعد غد", "2025-02-22"),
    ],
)
def test_tonight_and_tomorrow_without_alef(text: str, expr: str, value: str) -> None:
    check(text, THU, expr, value, "day")


@pytest.mark.parametrize(
    "text",
    ["وفي الليلة الأولى من المهرجان غنت الفرقة.", "ونعمل من أجل غد أفضل.", "وأصيب الطفل بتضخم في الغدة.",
     "وجلس الضيوف قرب الغدير."],
)
def test_night_and_tomorrow_words_that_are_no_date(text: str) -> None:
    assert expressions(text, THU) == []


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("ويبدأ العمل بالقانون في الفاتح من جانفي 2026.", "الفاتح من جانفي 2026", "2026-01-01"),
        ("وتسلم مهامه في الأول من مارس 2024.", "الأول من مارس 2024", "2024-03-01"),
        ("وتنتهي المهلة في العاشر من أبريل 2025.", "العاشر من أبريل 2025", "2025-04-10"),
        ("وولد في الحادي والثلاثين من ديسمبر 1990.", "الحادي والثلاثين من ديسمبر 1990", "1990-12-31"),
        ("وصادف الثاني والعشرون من مايو 2019 عطلة رسمية.", "الثاني والعشرون من مايو 2019", "2019-05-22"),
        ("وتسلم مهامه في الفاتح من نوفمبر الماضي.", "الفاتح من نوفمبر الماضي", "2024-11-01"),
    ],
)
def test_ordinal_days_of_the_month(text: str, expr: str, value: str) -> None:
    check(text, THU, expr, value, "day")


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value", "warns"),
    [
        # 21 April is a Friday in 2023 (the anchor's year), not in 2022 (the past-narrative default).
        ("وأعلنت الحكومة عطلة من الجمعة 21 أبريل.", dt.date(2023, 4, 20), "الجمعة 21 أبريل", "2023-04-21", False),
        # 2 January is a Thursday in 2025, the year after the anchor's.
        ("ويفتتح المعرض الخميس 2 يناير في العاصمة.", dt.date(2024, 12, 30), "الخميس 2 يناير", "2025-01-02", False),
        # No year around the anchor has 21 April on a Saturday: the past default, with a warning.
        ("وأعلنت الحكومة عطلة من السبت 21 أبريل.", dt.date(2023, 4, 20), "السبت 21 أبريل", "2022-04-21", True),
        # A qualifier is stronger evidence than the weekday.
        ("ووصل الوفد الجمعة 21 أبريل الماضي.", dt.date(2023, 4, 20), "الجمعة 21 أبريل الماضي", "2022-04-21", True),
    ],
)
def test_a_weekday_picks_the_year_of_a_day_month(text: str, anchor: dt.date, expr: str, value: str,
                                                 warns: bool) -> None:
    check(text, anchor, expr, value, "day")
    assert ("weekday-mismatch" in (only(text, anchor)[1].reason or "")) == warns


@pytest.mark.parametrize(
    ("text", "expr", "value", "granularity"),
    [
        ("وانطلقت الحملة قبل أسبوع.", "قبل أسبوع", "2025-02-10/2025-02-16", "range"),
        ("وأطلقت الوزارة المنصة قبل أسبوعين.", "قبل أسبوعين", "2025-02-03/2025-02-09", "range"),
        ("وتعطلت المحطة منذ ثلاثة أسابيع.", "منذ ثلاثة أسابيع", "2025-01-27/2025-02-02", "range"),
        ("وغادر الوفد قبل نحو أسبوعين.", "قبل نحو أسبوعين", "2025-02-03/2025-02-09", "range"),
        ("وانطلقت القافلة قبل أسبوع ونصف.", "قبل أسبوع ونصف", "2025-02-10", "day"),
        ("وأغلق المعبر قبل ثلاثة أيام.", "قبل ثلاثة أيام", "2025-02-17", "day"),
        ("ووقعت الاتفاقية قبل شهر.", "قبل شهر", "2025-01", "month"),
        ("وانتخب المجلس قبل عامين.", "قبل عامين", "2023", "year"),
        ("وتراجعت الأسعار في الأسابيع الثلاثة الماضية.", "الأسابيع الثلاثة الماضية", "2025-01-30/2025-02-19", "range"),
    ],
)
def test_counted_weeks_are_iso_weeks(text: str, expr: str, value: str, granularity: str) -> None:
    check(text, THU, expr, value, granularity)


def test_weekday_against_the_anchor_warns() -> None:
    _, found = only("وأعلنت الشركة اليوم الجمعة أرباحها.", THU)
    assert found.value == "2025-02-21" and found.reason is not None and "weekday-mismatch" in found.reason


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value"),
    [
        ("وأعلن المتحدث أمس النتائج.", THU, "أمس", "2025-02-19"),
        ("ويعلن المتحدث النتائج اليوم.", THU, "اليوم", "2025-02-20"),
        ("وتبدأ المباراة غداً في الملعب.", THU, "غداً", "2025-02-21"),
        ("وجرت المباراة أول أمس في الملعب.", THU, "أول أمس", "2025-02-18"),
        ("وتجري المباراة بعد غد في الملعب.", dt.date(2024, 12, 31), "بعد غد", "2025-01-02"),
        ("وصرح الوزير بالأمس بأن الوضع هادئ.", dt.date(2024, 3, 1), "الأمس", "2024-02-29"),
    ],
)
def test_relative_days(text: str, anchor: dt.date, expr: str, value: str) -> None:
    check(text, anchor, expr, value, "day")


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value", "granularity"),
    [
        ("وتراجعت البورصة الأسبوع الماضي.", THU, "الأسبوع الماضي", "2025-02-10/2025-02-16", "range"),
        ("وتنعقد الجلسة الأسبوع المقبل.", dt.date(2024, 12, 30), "الأسبوع المقبل", "2025-01-06/2025-01-12", "range"),
        ("وسجلت الصادرات ارتفاعا الشهر الماضي.", NEW_YEAR, "الشهر الماضي", "2024-12", "month"),
        ("وارتفع الدين العام الماضي.", NEW_YEAR, "العام الماضي", "2024", "year"),
        ("ويتوقع البنك نموا هذا العام.", THU, "هذا العام", "2025", "year"),
        ("وخصصت الوزارة ميزانية للعام المقبل.", THU, "للعام المقبل", "2026", "year"),
        ("وتراجع الإنتاج في السنة الماضية.", THU, "السنة الماضية", "2024", "year"),
        ("وشهد الأسبوع قبل الماضي احتجاجات.", THU, "الأسبوع قبل الماضي", "2025-02-03/2025-02-09", "range"),
    ],
)
def test_relative_periods(text: str, anchor: dt.date, expr: str, value: str, granularity: str) -> None:
    check(text, anchor, expr, value, granularity)


@pytest.mark.parametrize(
    ("text", "expr", "value", "granularity"),
    [
        ("وغادر السفير البلاد قبل يومين.", "قبل يومين", "2025-02-18", "day"),
        ("وتولى الرئاسة منذ ثلاث سنوات.", "منذ ثلاث سنوات", "2022", "year"),
        ("وتعلن النتائج بعد أسبوع.", "بعد أسبوع", "2025-02-24/2025-03-02", "range"),
        ("وتوقف العمل منذ شهرين.", "منذ شهرين", "2024-12", "month"),
        ("وقتل 12 شخصا خلال الأيام الثلاثة الماضية.", "الأيام الثلاثة الماضية", "2025-02-17/2025-02-19", "range"),
        ("وأغلقت المدارس في الأيام الأربعة الماضية.", "الأيام الأربعة الماضية", "2025-02-16/2025-02-19", "range"),
        ("ويتوقع هطول أمطار خلال اليومين المقبلين.", "اليومين المقبلين", "2025-02-21/2025-02-22", "range"),
        ("وسجلت 30 إصابة في الساعات الـ24 الماضية.", "الساعات الـ24 الماضية", "2025-02-19/2025-02-20", "range"),
    ],
)
def test_counted_relatives(text: str, expr: str, value: str, granularity: str) -> None:
    check(text, THU, expr, value, granularity)


@pytest.mark.parametrize(
    ("text", "expr", "reason"),
    [
        ("وتعيش القرية منذ سنوات أزمة.", "منذ سنوات", "vague count"),
        ("وتكررت الحوادث في الأيام القليلة الماضية.", "الأيام القليلة الماضية", "vague count"),
        ("ووقع الاتفاق قبل يومين من الانتخابات.", "قبل يومين", "relative to an event"),
    ],
)
def test_unresolvable_counts_say_why(text: str, expr: str, reason: str) -> None:
    said, found = only(text, THU)
    assert said == expr and found.value is None and reason in (found.reason or "")


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value"),
    [
        ("وشهدت المدينة منتصف يناير/كانون الثاني أمطارا.", THU, "منتصف يناير/كانون الثاني", "2025-01-11/2025-01-20"),
        ("ووقعت الأمطار منتصف يناير الماضي.", NEW_YEAR, "منتصف يناير الماضي", "2024-01-11/2024-01-20"),
        ("وتبدأ المرحلة مطلع العام المقبل.", THU, "مطلع العام المقبل", "2026-01-01/2026-04-30"),
        ("وينتهي التسجيل أواخر الشهر الجاري.", LEAP, "أواخر الشهر الجاري", "2024-03-21/2024-03-31"),
        ("وبلغت الأسعار ذروتها أواخر فبراير.", LEAP, "أواخر فبراير", "2024-02-21/2024-02-29"),
        ("وتأسس الاتحاد مطلع 2010.", THU, "مطلع 2010", "2010-01-01/2010-04-30"),
    ],
)
def test_parts_of_months_and_years(text: str, anchor: dt.date, expr: str, value: str) -> None:
    check(text, anchor, expr, value, "range")


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value", "granularity"),
    [
        ("وفي عام 2008 بدأت الأزمة.", THU, "عام 2008", "2008", "year"),
        ("وتأسس النادي في ١٩٩٩.", THU, "١٩٩٩", "1999", "year"),
        ("وأطلقت الخطة في نوفمبر الماضي.", THU, "نوفمبر الماضي", "2024-11", "month"),
        ("وتراجعت المبيعات في كانون الأول الماضي.", NEW_YEAR, "كانون الأول الماضي", "2024-12", "month"),
        ("وارتفعت الأسعار في أوت 2023.", THU, "أوت 2023", "2023-08", "month"),
        ("وتعقد الانتخابات في شهر مايو المقبل.", THU, "شهر مايو المقبل", "2025-05", "month"),
    ],
)
def test_year_and_month_only(text: str, anchor: dt.date, expr: str, value: str, granularity: str) -> None:
    check(text, anchor, expr, value, granularity)


@pytest.mark.parametrize(
    ("text", "expr", "duration"),
    [
        ("واستمر الاجتماع ست ساعات ونصف.", "ست ساعات ونصف", "PT6H30M"),
        ("وبقي في المنصب أكثر من عامين.", "أكثر من عامين", "P2Y"),
        ("وانتظر الركاب نصف ساعة.", "نصف ساعة", "PT30M"),
        ("ودامت الجولة ٣ أيام.", "٣ أيام", "P3D"),
        ("وتوقفت الملاحة لمدة شهر.", "شهر", "P1M"),
        ("واستمر البناء عامين ونصف.", "عامين ونصف", "P2Y6M"),
    ],
)
def test_durations_are_not_dates(text: str, expr: str, duration: str) -> None:
    said, found = only(text, THU)
    assert (said, found.kind, found.duration, found.value) == (expr, "duration", duration, None)
    assert found.span.label == "duration"


@pytest.mark.parametrize(
    "text",
    ["ومارس النواب ضغوطا على الحكومة.", "ويحتفل العالم باليوم العالمي للمياه.", "وبلغ عدد الزوار 2000 زائر.",
     "وناقش المجلس سياسة جديدة.", "وأعلن في اليوم التالي انسحابه.", "وبلغ الزمن 2.7 ثانية في السباق.",
     "واشترى الهاتف الأحدث في السوق."],
)
def test_no_false_expressions(text: str) -> None:
    assert expressions(text, THU) == []


@pytest.mark.parametrize(
    ("text", "expr"),
    [("وأعلن المتحدث أمس النتائج.", "أمس"), ("وزار الرئيس المصنع الخميس الماضي.", "الخميس الماضي"),
     ("وتعقد الجولة في 9 مارس المقبل.", "9 مارس المقبل")],
)
def test_no_anchor_leaves_relatives_unresolved(text: str, expr: str) -> None:
    said, found = only(text, None)
    assert said == expr and found.value is None and found.anchor is None
    assert found.reason is not None and "no anchor" in found.reason


def test_absolute_dates_need_no_anchor() -> None:
    _, found = only("ووقعت الحادثة في 4 أبريل 2019.", None)
    assert found.value == "2019-04-04" and found.anchor is None


def test_a_count_beyond_the_calendar_is_unresolved_with_a_reason() -> None:
    (found,) = expressions("وبني المعبد قبل 2500 سنة.", dt.date(2015, 7, 21))
    assert found.value is None and found.reason == "outside the supported calendar range"


def test_spans_name_the_article_and_label_dates_and_durations() -> None:
    text = "وأعلن الوزير أمس أن المحادثات استمرت ست ساعات."
    found = expressions(text, THU, "a7")
    assert [e.span for e in found] == [
        Span("a7", text.index("أمس"), text.index("أمس") + 3, "date"),
        Span("a7", text.index("ست ساعات"), text.index("ست ساعات") + len("ست ساعات"), "duration"),
    ]
    assert [e.kind for e in found] == ["date", "duration"]


def test_patterns_read_around_their_words_and_never_a_cut_word() -> None:
    """Expressions anywhere are found; a stretch that ends inside a word never reads its first letters ("اب")."""
    filler = "ناقش المجلس تقارير اللجان الفرعية ومقترحات الأعضاء بالتفصيل. " * 6
    cut = "وانعقد في سبتمبر " + "ش" * (KEY_AFTER - 7) + " في ابواب"  # KEY_AFTER characters past سبتمبر: in ابواب
    text = filler + "وبحلول 3 سبتمبر 2025 أو بعد ثلاثة أيام " + filler + cut
    assert texts(text, NEW_YEAR) == ["3 سبتمبر 2025", "بعد ثلاثة أيام", "سبتمبر"]


def test_every_family_has_the_words_its_stretches_are_found_by() -> None:
    """Each family `find` runs is keyed by some word (the year family by its digits), and every key names one.

    A family left out of Grammar.keys, or keyed under another name, would silently never be read.
    """
    keyed = set().union(*load_grammar().keys.values()) | _YEAR
    assert keyed == {name for name, _, _ in _families()}
