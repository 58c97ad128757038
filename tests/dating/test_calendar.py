"""Tests for marsad.dating.calendar: absolute dates, Hijri conversion, date lines and their cross-checks.

Month-name families, month pairs, digits and numeric forms.
"""

from __future__ import annotations

import pytest

from marsad.arabic.normalize import normalize_with_offsets
from marsad.dating.calendar import find_dates, is_date_line, publication_date


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وصل الوفد في 3 يناير 2024 إلى المدينة", "2024-01-03"),
        ("وصل الوفد في 3 كانون الثاني 2024 إلى المدينة", "2024-01-03"),
        ("وصل الوفد في 3 جانفي 2024 إلى المدينة", "2024-01-03"),
        ("افتتح المعرض يوم 14 فيفري 2023", "2023-02-14"),
        ("افتتح المعرض يوم 14 شباط 2023", "2023-02-14"),
        ("تنطلق الدورة في 2 أفريل 2022", "2022-04-02"),
        ("تنطلق الدورة في 2 إبريل 2022", "2022-04-02"),
        ("عقد الاجتماع في 9 ماي 2021", "2021-05-09"),
        ("عقد الاجتماع في 9 أيار 2021", "2021-05-09"),
        ("صدر القرار في 30 جوان 2020", "2020-06-30"),
        ("صدر القرار في 30 حزيران 2020", "2020-06-30"),
        ("بدأ المهرجان في 5 جويلية 2019", "2019-07-05"),
        ("بدأ المهرجان في 5 تموز 2019", "2019-07-05"),
        ("عاد الفريق في 15 أوت 2018", "2018-08-15"),
        ("عاد الفريق في 15 أغسطس 2018", "2018-08-15"),
        ("عاد الفريق في 15 اغسطس 2018", "2018-08-15"),
        ("عاد الفريق في 15 آب 2018", "2018-08-15"),
        ("أعلنت النتائج في 1 تشرين الأول 2017", "2017-10-01"),
        ("أعلنت النتائج في 20 كانون الأول 2016", "2016-12-20"),
        ("أعلنت النتائج في ٢٠ ديسمبر ٢٠١٦", "2016-12-20"),
    ],
)
def test_month_name_families_and_digits(text: str, value: str) -> None:
    """Every Arabic month-name family and Arabic-Indic digits give the same ISO value, with a faithful span."""
    (d,) = find_dates(text)
    assert d.value == value
    assert d.calendar == "gregorian"
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "text",
    ["جرى اللقاء في 18 فبراير/شباط 2025 في العاصمة", "جرى اللقاء في 18 شباط/فبراير 2025 في العاصمة",
     "جرى اللقاء في 18 فبراير/ شباط 2025 في العاصمة", "جرى اللقاء في 18 فبراير (شباط) 2025 في العاصمة",
     "جرى اللقاء في 18 فبراير شباط 2025 في العاصمة"],
)
def test_month_pairs_are_one_mention(text: str) -> None:
    """A month written in two families ("فبراير/شباط") is one date covering both names."""
    (d,) = find_dates(text)
    assert d.value == "2025-02-18"
    assert "شباط" in d.text and "فبراير" in d.text


@pytest.mark.parametrize(
    ("text", "value"),
    [("28/02/2025", "2025-02-28"), ("28-2-2025", "2025-02-28"), ("28.02.2025", "2025-02-28"),
     ("2025-02-28", "2025-02-28"), ("2025/2/28", "2025-02-28"), ("٢٨/٠٢/٢٠٢٥", "2025-02-28"),
     ("وقع الحادث في 28/02/2025.", "2025-02-28"), ("وقع الحادث في 2025-02-28.", "2025-02-28")],
)
def test_numeric_dates(text: str, value: str) -> None:
    """Numeric day-month-year and ISO-like year-month-day forms are read."""
    assert [d.value for d in find_dates(text)] == [value]


@pytest.mark.parametrize(
    "text",
    ["وقع الحادث في 18 فبراير الماضي", "بلغت النسبة 28.02 في المئة", "رقم القضية 12/2025/7", "31/02/2025",
     "في 3 أغسطس 1066"],
)
def test_no_date_without_day_month_year(text: str) -> None:
    """Incomplete, impossible or implausible dates and number look-alikes give no absolute date."""
    assert find_dates(text) == []


def test_weekday_prefix_is_part_of_the_mention() -> None:
    """A weekday before the date is included in the span and recorded (Monday = 0)."""
    (d,) = find_dates("الجمعة، 7 مارس 2025")
    assert d.weekday == 4 and d.text == "الجمعة، 7 مارس 2025" and d.value == "2025-03-07"


@pytest.mark.parametrize(
    ("text", "value", "hijri"),
    [("29 شعبان 1446", "2025-02-28", "1446-08-29"), ("1 رمضان 1446 هـ", "2025-03-01", "1446-09-01"),
     ("10 ذو الحجة 1445هـ", "2024-06-16", "1445-12-10"), ("29/8/1446هـ", "2025-02-28", "1446-08-29")],
)
def test_hijri_dates_are_converted(text: str, value: str, hijri: str) -> None:
    """Hijri dates (names or numbers with هـ) convert to Gregorian ISO and keep the Hijri value."""
    (d,) = find_dates(text)
    assert (d.calendar, d.value, d.hijri) == ("hijri", value, hijri)
    assert d.text == text  # the span includes the trailing هـ with its tatweel


@pytest.mark.parametrize(
    ("line", "value", "source", "warning"),
    [
        ("الجمعة 28 فبراير 2025 الموافق 29 شعبان 1446", "2025-02-28", "text", None),
        ("الجمعة 28 فبراير 2025 الموافق 30 شعبان 1446", "2025-02-28", "text", None),  # ±1 day allowed
        ("الجمعة 28 فبراير 2025 الموافق 20 شعبان 1446", "2025-02-28", "text", "hijri-mismatch"),
        ("الخميس 28 فبراير 2025", "2025-02-28", "text", "weekday-mismatch"),
        ("السبت 1 رمضان 1446 هـ", "2025-03-01", "hijri", None),
        ("نشر في: 12/03/2024 - 10:45 ص", "2024-03-12", "text", None),
    ],
)
def test_publication_date_cross_checks(line: str, value: str, source: str, warning: str | None) -> None:
    """The date line gives the value; Hijri and weekday disagreements become warnings."""
    pub = publication_date(["خبر قصير بلا تاريخ", line])
    assert pub is not None
    assert (pub.value, pub.source, pub.line) == (value, source, line)
    if warning is None:
        assert pub.warnings == ()
    else:
        assert any(w.startswith(warning) for w in pub.warnings)


@pytest.mark.parametrize(
    ("line", "expected"),
    [("27 فبراير 2025", True), ("آخر تحديث: 27 فبراير 2025 - 14:05", True),
     ("التقى الوزيران في 27 فبراير 2025 بالعاصمة", False), ("لا تاريخ هنا", False)],
)
def test_is_date_line(line: str, expected: bool) -> None:
    """Only lines holding nothing but a date and stamp words are date lines."""
    assert is_date_line(line) is expected


def test_publication_date_ignores_dates_inside_sentences() -> None:
    """A date inside a body sentence is not a publication date."""
    assert publication_date(["قال الوزير إن الاتفاق وقع في 24 فبراير 2022 بعد مفاوضات."]) is None


def test_a_weekday_before_its_date_and_spaced_slashes_are_one_date() -> None:
    """"يوم الأحد الموافق 10 / 10 / 1436ه" is one date (the weekday is part of it), not a weekday and a year."""
    (found,) = find_dates("تبدأ المقابلات اعتبارا من يوم الأحد الموافق 10 / 10 / 1436ه ولمدة أربعة أيام.")
    assert found.text == "يوم الأحد الموافق 10 / 10 / 1436ه"
    assert (found.value, found.weekday, found.hijri) == ("2015-07-26", 6, "1436-10-10")


def test_spaced_slashes_only_with_spaces_on_both_sides() -> None:
    """"10 / 10 / 1436" is a date; "10 - 10 - 2015" (a score, a range) is not read as one."""
    assert [d.value for d in find_dates("بدءا من 10 / 10 / 1436 هـ")] == ["2015-07-26"]
    assert find_dates("انتهت المباراتان 10 - 10 - 2015 نقطة") == []


def test_dates_far_into_a_text_among_other_numbers_are_read_whole() -> None:
    """The pattern runs only around four-digit numbers: dates anywhere, whole, and numbers that are no year."""
    filler = "وقال المتحدث إن الاجتماع تناول ملفات عدة بينها 12345 ملفا و 678 قضية. " * 8
    text = (filler + "يوم الأربعاء الموافق 25 من شهر تشرين الثاني / نوفمبر، 2015 م. " + filler
            + "وفي 2015-11-26 ثم في 3/12/1437   هـ انتهى العمل في 1500 موقع")
    found = find_dates(text)
    assert [d.value for d in found] == ["2015-11-25", "2015-11-26", "2016-09-04"]
    assert found[0].text.startswith("يوم الأربعاء") and found[0].text.endswith("2015 م")
    assert found[2].text.endswith("هـ") and all(text[d.start:d.end] == d.text for d in found)


def test_a_normalized_view_given_finds_the_same_spans() -> None:
    """find_dates with the caller's normalize_with_offsets gives what it finds normalizing itself, spans on the text."""
    text = "وَصَلَ الوفدُ يومَ الأحد ١٥ رمضان ١٤٣٦هـ، ثم غادر في 3 يوليـــو 2015 بعد ساعات."
    found = find_dates(text, normalize_with_offsets(text))
    assert found == find_dates(text)
    assert [d.value for d in found] == ["2015-07-02", "2015-07-03"]
    assert all(text[d.start : d.end] == d.text for d in found)
