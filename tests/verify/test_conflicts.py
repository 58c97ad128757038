"""Tests for marsad.verify.conflicts: numbers, titles and days two outlets state differently; what is not a conflict."""

from __future__ import annotations

import pytest

from marsad.doc import StoryDoc
from marsad.types import Conflict, Span
from marsad.verify.conflicts import compare
from tests.verify.helpers import (
    FIRE_A,
    FIRE_B,
    OUTLET_A,
    OUTLET_B,
    analyze,
    by_text,
    fire_records,
    only_story,
    read_quantities,
    record,
)

TEAMS_A = "وتمكنت 6 فرق من الدفاع المدني من السيطرة على الحريق بعد ساعات من العمل المتواصل."
TEAMS_B = "وتمكنت 9 فرق من الدفاع المدني من إخماد الحريق والسيطرة عليه قبل الظهر."
MARCH = "شارك {} في المسيرة التي جابت شوارع العاصمة احتجاجا على رفع أسعار الخبز."
LOSSES = "بلغت خسائر الشركة الوطنية للطيران {} خلال العام الماضي بحسب تقريرها السنوي."
DEAD = "{} في انهيار المبنى السكني القديم وسط مدينة طرابلس مساء السبت."


def _pair(a: str, b: str, outlet_b: str = OUTLET_B, title: str | None = None, **options: object) -> StoryDoc:
    """Return the story of two one-day reports of one event, by OUTLET_A and `outlet_b` (under one `title`)."""
    return only_story(analyze(record(a, OUTLET_A, "2024-03-03", title), record(b, outlet_b, "2024-03-03", title),
                              people=bool(options.pop("people", False)), **options))


def _of_kind(story: StoryDoc, kind: str) -> list[Conflict]:
    """Return the story's conflicts of one kind."""
    return [c for c in story.conflicts or () if c.kind == kind]


def _span(story: StoryDoc, text: str) -> Span:
    """Return the span of `text` in the member whose body holds it."""
    doc = by_text(story, text)
    start = doc.body.index(text)
    return Span(doc.id, start, start + len(text), "claim")


def test_six_teams_against_nine_is_a_number_conflict_naming_both_sides() -> None:
    """"تمكنت 6 فرق" / "تمكنت 9 فرق" from two outlets: one number conflict with each value, span and outlet."""
    story = only_story(analyze(*fire_records(), people=False))
    (conflict,) = _of_kind(story, "number")
    assert [(s.value, s.outlet) for s in conflict.sides] == [("6 فرق", OUTLET_A), ("9 فرق", OUTLET_B)]
    for side, body in zip(conflict.sides, (FIRE_A, FIRE_B), strict=True):
        assert side.span.article == by_text(story, body).id
        assert story.text(side.span) == side.value
        assert side.span.label == "value"
    assert "6 فرق" in conflict.description and "9 فرق" in conflict.description
    assert OUTLET_A in conflict.description and OUTLET_B in conflict.description
    (teams,) = [c for c in story.claims or () if _span(story, TEAMS_A) in c.units]
    assert _span(story, TEAMS_B) in teams.units
    assert conflict.claims == (teams.id,)


def test_about_twenty_against_twenty_two_is_no_conflict() -> None:
    """In the same reports, "نحو 20 عاملا" and "22 عاملا" can both be true: the only number conflict is the teams'."""
    story = only_story(analyze(*fire_records(), people=False))
    assert [s.value for c in _of_kind(story, "number") for s in c.sides] == ["6 فرق", "9 فرق"]


@pytest.mark.parametrize(("a", "b"), [
    (MARCH.format("نحو 600 شخص"), MARCH.format("640 شخصا")),
    (MARCH.format("أكثر من 600 شخص"), MARCH.format("900 شخص")),
    (MARCH.format("قرابة ألف شخص"), MARCH.format("1,050 شخصا")),
    (LOSSES.format("26 مليون دولار"), LOSSES.format("26.3 مليون دولار")),
], ids=["about", "over", "about-in-words", "rounded"])
def test_approximate_and_rounded_numbers_are_compatible(a: str, b: str) -> None:
    """An approximate, lower-bound or rounded number meeting the other outlet's precise one is no conflict."""
    story = _pair(a, b)
    assert len(story.claims or ()) == 1  # one fact, aligned
    assert story.conflicts == ()


@pytest.mark.parametrize(("a", "b"), [
    (MARCH.format("600 شخص"), MARCH.format("900 شخص")),
    (LOSSES.format("26 مليون دولار"), LOSSES.format("31 مليون دولار")),
], ids=["people", "millions"])
def test_precise_numbers_apart_conflict(a: str, b: str) -> None:
    """The same sentences with two precise numbers that cannot both hold are a number conflict."""
    (conflict,) = _pair(a, b).conflicts or ()
    assert conflict.kind == "number"


def test_an_updated_toll_is_not_a_conflict() -> None:
    """"ارتفع عدد القتلى إلى 19" is the latest of a running count, not a contradiction of 14; "بلغ ... 19" would be."""
    first = DEAD.format("وبلغ عدد القتلى 14 شخصا")
    assert _pair(first, DEAD.format("وارتفع عدد القتلى إلى 19 شخصا")).conflicts == ()
    (conflict,) = _pair(first, DEAD.format("وبلغ عدد القتلى 19 شخصا")).conflicts or ()
    assert [s.value for s in conflict.sides] == ["14 شخصا", "19 شخصا"]


def test_one_outlet_disagreeing_with_itself_is_not_a_conflict() -> None:
    """Two articles of one outlet with 600 and 900 are not two outlets disagreeing (the outlet updated itself)."""
    story = _pair(MARCH.format("600 شخص"), MARCH.format("900 شخص"), outlet_b=OUTLET_A)
    assert story.conflicts == ()


def test_a_sitting_minister_called_former_by_one_outlet_is_a_title_conflict() -> None:
    """One outlet calls the interior minister "السابق" on the day another names him in office: a title conflict."""
    story = only_story(analyze(*fire_records()))
    (conflict,) = _of_kind(story, "title")
    assert [(s.value, s.outlet) for s in conflict.sides] == [("وزير الداخلية", OUTLET_A),
                                                             ("وزير الداخلية السابق", OUTLET_B)]
    assert all(story.text(s.span) == s.value for s in conflict.sides)
    assert "السابق" in conflict.description


def test_identical_statements_have_no_conflict() -> None:
    """Two outlets printing the same report word for word disagree on nothing."""
    story = only_story(analyze(record(FIRE_A, OUTLET_A, url="https://a.example/fire"),
                               record(FIRE_A, OUTLET_B, url="https://b.example/fire")))
    assert len(story.docs) == 2 and len(story.claims or ()) == 4
    assert story.conflicts == ()


def test_two_written_out_days_of_one_claim_are_a_date_conflict() -> None:
    """One opening given on 12 March by one outlet and 14 March by another is a date conflict of resolved days."""
    sentence = "افتتح وزير النقل جسر الوادي الكبير في مدينة الريحان يوم {} مارس 2024 بحضور المحافظ."
    story = _pair(sentence.format(12), sentence.format(14), dates=True)
    (conflict,) = story.conflicts or ()
    assert conflict.kind == "date"
    assert [s.value for s in conflict.sides] == ["2024-03-12", "2024-03-14"]
    assert [story.text(s.span) for s in conflict.sides] == ["يوم 12 مارس 2024", "يوم 14 مارس 2024"]


def test_compare_finds_the_conflict_of_two_spans() -> None:
    """compare(story, a, b) on the two teams sentences gives their number conflict, each side inside its span."""
    story = only_story(analyze(*fire_records(), people=False))
    a, b = _span(story, TEAMS_A), _span(story, TEAMS_B)
    (conflict,) = compare(story, a, b)
    assert conflict.kind == "number"
    assert [(s.value, s.outlet) for s in conflict.sides] == [("6 فرق", OUTLET_A), ("9 فرق", OUTLET_B)]
    assert all(a.start <= s.span.start and s.span.end <= a.end for s in conflict.sides[:1])
    assert all(b.start <= s.span.start and s.span.end <= b.end for s in conflict.sides[1:])


def test_compare_finds_nothing_between_agreeing_or_unrelated_spans() -> None:
    """Comparing two sentences that state one fact alike, or two unrelated ones, finds no conflict."""
    story = only_story(analyze(*fire_records(), people=False))
    opening_a = FIRE_A.split("\n\n")[0]
    opening_b = FIRE_B.split("\n\n")[0]
    assert compare(story, _span(story, opening_a), _span(story, opening_b)) == ()
    assert compare(story, _span(story, opening_a), _span(story, TEAMS_B)) == ()


def test_a_price_read_differently_is_a_conflict_said_to_be_of_a_moving_figure() -> None:
    """Two outlets' readings of a moving price (gold per ounce) disagree, and the conflict says the figure moves."""
    price = "وارتفع سعر الذهب في المعاملات الفورية بعد ظهر الاثنين إلى {} دولار للأوقية وسط تراجع الدولار الأمريكي."
    (conflict,) = _pair(price.format("1091.20"), price.format("1089.40")).conflicts or ()
    assert conflict.kind == "number"
    assert conflict.description.startswith("number (a figure that moves through the day")
    (plain,) = _pair(TEAMS_A, TEAMS_B).conflicts or ()
    assert plain.description.startswith("number: ")


def test_a_rise_against_a_fall_of_one_figure_is_a_conflict() -> None:
    """One outlet says the index rose 9.12 points, the other that it fell 9.12 points: the same figure, turned."""
    index = "{} المؤشر العام للسوق 9.12 نقطة في ختام تداولات الأسبوع عند مستوى قياسي جديد."
    (conflict,) = _pair(index.format("ارتفع"), index.format("تراجع")).conflicts or ()
    assert conflict.kind == "number"
    assert [s.value for s in conflict.sides] == ["9.12 نقطة", "9.12 نقطة"]


def test_two_companies_in_one_template_are_no_conflict() -> None:
    """Results of two companies written in one template share their words but not one figure: not one fact."""
    template = ("وأوضحت الشركة في بيان على موقع السوق أنها حققت صافي ربح خلال الربع الثاني بلغ {} مليون ريال "
                "بارتفاع نسبته {} في المائة عن الربع المماثل من العام السابق.")
    assert _pair(template.format(110, 37), template.format(504, 145)).conflicts == ()


def test_a_total_broken_down_by_the_other_outlet_is_no_conflict() -> None:
    """30 pistols in one report and 10, 8 and 12 pistols in the other are one seizure counted two ways."""
    a = "وضبطت دوريات حرس الحدود في القطاع الجنوبي 30 مسدسا وكميات من الذخيرة الحية خلال عملية أمس."
    b = ("وضبطت دوريات حرس الحدود في القطاع الجنوبي 10 مسدسات و8 مسدسات و12 مسدسا وكميات من الذخيرة "
         "الحية خلال عملية أمس.")
    assert _pair(a, b).conflicts == ()


def test_a_former_title_from_one_outlet_against_one_is_no_conflict() -> None:
    """With only two outlets, "السابق" against the bare title may be shorthand: most outlets must say the other."""
    story = only_story(analyze(*fire_records()[:2]))
    assert _of_kind(story, "title") == []


@pytest.mark.parametrize("text", [
    "وبلغت قيمة المشروع مليار وتسعة وخمسين مليون ريال بحسب بيان الوزارة الصادر أمس.",
    "وخصصت الإدارة (100.000) مائة ألف متر مربع لوقوف الطائرات في المطار الجديد.",
    "وأسفر الهجوم عن استشهاد (15) خمسة عشر مصليا داخل المسجد أثناء صلاة الظهر.",
], ids=["compound-words", "digits-then-words", "parenthesized-digits"])
def test_a_number_written_twice_or_in_many_words_is_not_misread(text: str) -> None:
    """A compound number is read whole or not at all, and a figure restated in words is read once."""
    doc, found = read_quantities(text)
    assert all(q.value in (100000.0, 15.0) for q in found), [(q.value, doc.text(q.span)) for q in found]


BLAST = "وأسفر انفجار سيارة مفخخة في سوق مدينة الحلة جنوب بغداد عن مقتل {} شخصا على الأقل وسقوط نحو {} جريحا."


def test_one_sentence_with_its_qualified_figures_changed_is_a_conflict() -> None:
    """"At least 11 ... about 42" against "at least 13 ... about 37" in one sentence naming one place: two tolls."""
    story = _pair(BLAST.format(11, 42), BLAST.format(13, 37), people=True)
    assert sorted(s.value for c in _of_kind(story, "number") for s in c.sides) == [
        "11 شخصا على الأقل", "13 شخصا على الأقل", "نحو 37 جريحا", "نحو 42 جريحا"]


def test_qualified_figures_that_can_both_hold_are_no_conflict() -> None:
    """"At least 11" against "12", or "about 40" against "42", differ in how they are said, not in what."""
    a = "وأسفر انفجار سيارة مفخخة في سوق مدينة الحلة جنوب بغداد عن مقتل 11 شخصا على الأقل وإصابة نحو 40 شخصا."
    b = "وأسفر انفجار سيارة مفخخة في سوق مدينة الحلة جنوب بغداد عن مقتل 12 شخصا وإصابة 42 شخصا."
    assert _pair(a, b, people=True).conflicts == ()


def test_a_restated_figure_is_never_a_side() -> None:
    """Figures after "أي ما يعادل" restate the one before them: two restatements of different totals do not clash."""
    a = ("وبلغت القيمة السوقية للأسهم المصدرة بنهاية الشهر 2023 مليار ريال، فيما بلغت قيمة الأسهم المتداولة "
         "84 مليار ريال أي ما يعادل 22 مليار دولار.")
    b = "وبلغت القيمة السوقية للأسهم المصدرة بنهاية الشهر 2023 مليار ريال أي ما يعادل 539 مليار دولار."
    assert _pair(a, b).conflicts == ()


def test_figures_of_two_quoted_names_are_no_conflict() -> None:
    """Two films' takings in one template («...» against “...”) are two facts, whatever their words share."""
    a = "وتراجع فيلم «الطريق الطويل» من المركز الثاني إلى الخامس هذا الأسبوع مسجلا إيرادات قدرها 11 مليون دولار."
    b = "وتراجع فيلم “ليلة باردة” من المركز الثاني إلى الثالث هذا الأسبوع مسجلا إيرادات قدرها 8 ملايين دولار."
    assert _pair(a, b).conflicts == ()
    assert _of_kind(_pair(a, b.replace("“ليلة باردة”", "«الطريق الطويل»")), "number")


# A figure in common (120 كم): two units whose figures all differ are read as one template filled twice.
CRASH = "{} إثر تصادم حافلة وشاحنة على بعد 120 كم من بلدة الوادي الأخضر شمال المحافظة."


def test_tolls_told_with_different_verbs_are_compared() -> None:
    """"توفي 9 أشخاص وأصيب 41 آخرون" / "لقي 7 أشخاص مصرعهم وأصيب 29 آخرون": the dead and the injured disagree."""
    story = _pair(CRASH.format("توفي 9 أشخاص وأصيب 41 آخرون"), CRASH.format("لقي 7 أشخاص مصرعهم وأصيب 29 آخرون"))
    assert sorted(sorted(s.value for s in c.sides) for c in _of_kind(story, "number")) == [
        ["29", "41"], ["7 أشخاص", "9 أشخاص"]]
    assert _pair(CRASH.format("توفي 9 أشخاص وأصيب 41 آخرون"), CRASH.format("لقي 9 أشخاص مصرعهم وأصيب 41 آخرون")
                 ).conflicts == ()


def test_a_toll_anchored_by_the_same_injured_count_is_compared_however_worded() -> None:
    """Two differently worded units give 27 and 26 dead and both 227 injured: the dead disagree (an exact count)."""
    a = ("وأكدت الوزارة أن الشبكة لا علاقة لها بتفجير مسجد الإمام في حي الصوابر الشهر الماضي، والذي أدى لمقتل "
         "27 شخصا وإصابة 227 آخرين.")
    b = ("بعد شهر من كشف ملابسات تفجير مسجد الإمام في حي الصوابر، الذي راح ضحيته 26 شخصا وأصاب 227 آخرين، "
         "أعلنت السلطات القبض على خلية من خمسة أشخاص.")
    title = "تفجير مسجد الإمام في حي الصوابر"  # one event's two reports, whose opening words differ
    assert [sorted(s.value for s in c.sides) for c in _of_kind(_pair(a, b, title=title), "number")] == [
        ["26 شخصا", "27 شخصا"]]
    assert _of_kind(_pair(a, b.replace("26 شخصا", "27 شخصا"), title=title), "number") == []


WORKS = ("وفي السياق ذاته أوضح مدير المشاريع في الأمانة أنه {} البدء في أعمال ربط طرق الخدمة بجسر السلام "
         "وعدد من أحياء العزيزية الشمالية.")


def test_one_statement_said_to_be_coming_and_done_is_an_occurrence_conflict() -> None:
    """"سيتم البدء" / "تم البدء" in one copied statement: the work has begun, or not yet."""
    (conflict,) = _of_kind(_pair(WORKS.format("سيتم"), WORKS.format("تم")), "occurrence")
    assert sorted((s.value, s.outlet) for s in conflict.sides) == [("تم البدء", OUTLET_B), ("سيتم البدء", OUTLET_A)]
    assert _of_kind(_pair(WORKS.format("تم"), WORKS.format("تم")), "occurrence") == []


def test_two_batches_numbered_differently_are_no_conflict() -> None:
    """"الدفعة الثانية ... خمس شاحنات" / "الدفعة الثالثة ... 3 شاحنات" are two batches, not one count."""
    sentence = "وصلت أمس الدفعة {} من المساعدات الطبية إلى مدينة الوادي الأخضر على متن {} قادمة عبر المنفذ البري."
    assert _pair(sentence.format("الثانية", "خمس شاحنات"), sentence.format("الثالثة", "3 شاحنات")).conflicts == ()
    assert _of_kind(_pair(sentence.format("الثالثة", "خمس شاحنات"), sentence.format("الثالثة", "3 شاحنات")), "number")


def test_weekdays_with_a_direction_disagreeing_are_a_date_conflict() -> None:
    """"يوم الأحد الماضي" / "يوم السبت الماضي" for one death, the same day of publication: a date conflict."""
    sentence = "ونعى النادي رئيسه الأسبق خالد المطيري الذي وافته المنية {} في مستشفى المدينة بعد صراع مع المرض."
    story = _pair(sentence.format("يوم الأحد الماضي"), sentence.format("يوم السبت الماضي"), dates=True)
    (conflict,) = story.conflicts or ()
    assert conflict.kind == "date"
    assert sorted(story.text(s.span) for s in conflict.sides) == ["يوم الأحد الماضي", "يوم السبت الماضي"]


@pytest.mark.parametrize(("a", "b"), [
    ("أمس", "أمس الأول"),  # read against a publication day that may be a day off
    ("الاثنين", "الثلاثاء"),  # bare weekdays: last or next is the date stage's guess
    ("الاثنين المقبل", "أمس الاثنين"),  # one weekday written at two times
], ids=["relative-days", "bare-weekdays", "one-weekday"])
def test_days_that_may_be_read_against_different_days_are_no_conflict(a: str, b: str) -> None:
    """Relative days without a weekday, bare weekdays and one weekday named by both never raise a date conflict."""
    sentence = "واجتمع مجلس إدارة النادي {} في مقره بمدينة الوادي الأخضر لبحث ملف التعاقدات الجديدة."
    assert _pair(sentence.format(a), sentence.format(b), dates=True).conflicts == ()


def test_a_date_said_of_something_else_is_no_conflict() -> None:
    """A weekday of the finding against the weekday planned for the analysis: the words before them differ."""
    a = "وسيفحص الخبراء في المختبر قطعة الحطام التي عثر عليها أول أمس الأربعاء قرب سواحل الجزيرة."
    b = "وسيفحص الخبراء في المختبر قطعة الحطام قرب سواحل الجزيرة ويتوقع أن يتم تحليلها السبت المقبل."
    assert _pair(a, b, dates=True).conflicts == ()


def test_figures_in_other_spellings_are_read_whole() -> None:
    """"310.000.000.00 ريال" is 310 million against "31 مليار ريال"; "(000ر12)" is twelve thousand like "12 ألفا"."""
    cost = "وأنشئ مستشفى شرق المدينة بسعة 300 سرير بتكلفة إجمالية قدرها {} بتمويل حكومي كامل."
    (conflict,) = _pair(cost.format("310.000.000.00 ريال"), cost.format("31 مليار ريال")).conflicts or ()
    assert [s.value for s in conflict.sides] == ["310.000.000.00 ريال", "31 مليار ريال"]
    guests = "وحقق البرنامج آمال ما يزيد على {} من أسر الشهداء القادمين من أنحاء العالم هذا العام."
    assert _pair(guests.format("(000ر12)"), guests.format("12 ألفا")).conflicts == ()


def test_a_weekday_against_a_date_months_off_is_no_conflict() -> None:
    """"الاثنين الماضي" against "26 فبراير 2025", a year off, are said of two things; two days off they clash."""
    a = "واجتمعت اللجنة التنفيذية للاتحاد في مقرها الاثنين الماضي وحددت موعدا للجمعية العمومية غير العادية."
    b = "واجتمعت اللجنة التنفيذية للاتحاد في مقرها يوم 26 فبراير 2025 وحددت موعدا للجمعية العمومية غير العادية."
    assert _pair(a, b, dates=True).conflicts == ()
    near = b.replace("يوم 26 فبراير 2025", "يوم 28 فبراير 2024")
    assert _of_kind(_pair(a, near, dates=True), "date")


def test_dates_of_readings_at_two_times_of_day_are_no_conflict() -> None:
    """A price's lowest "since 18 March" at one hour and "since February 2010" at another are two readings."""
    gold = "ونزل سعر الذهب في السوق الفورية إلى 1077 دولارا للأوقية {} وهو أدنى مستوى له منذ {}."
    at_four = gold.format("بحلول الساعة 0400 بتوقيت جرينتش", "فبراير شباط 2010")
    assert _pair(at_four, gold.format("بحلول الساعة 1001 بتوقيت جرينتش", "18 مارس آذار"), dates=True).conflicts == ()
    assert _of_kind(_pair(at_four, gold.format("بحلول الساعة 0400 بتوقيت جرينتش", "18 مارس آذار"), dates=True),
                    "date")


HOTEL = "وقال المتحدث إن فرق الدفاع المدني باشرت صباح اليوم حريقا في فندق {} وانحصر في غرفة بالدور الخامس دون إصابات."


def test_one_fire_in_two_districts_is_a_place_conflict() -> None:
    """"في فندق بحي الروضة" / "في فندق بحي النسيم": one district named differently by two outlets."""
    story = _pair(HOTEL.format("بحي الروضة"), HOTEL.format("بحي النسيم"))
    (conflict,) = _of_kind(story, "place")
    assert sorted(story.text(s.span) for s in conflict.sides) == ["بحي الروضة", "بحي النسيم"]


@pytest.mark.parametrize(("a", "b"), [
    ("بحي كريتر", "بحي كراتر"),  # one name transliterated two ways
    ("بحي الروضة", "في حي الروضة"),  # the same district
    ("بمنطقة الرياض", "بمنطقة عسير"),  # a region: one template is announced for each
])
def test_places_that_may_be_one_or_are_not_small_places_are_no_conflict(a: str, b: str) -> None:
    """Spelling variants, the same name, and regions (not small places) raise no place conflict."""
    assert _of_kind(_pair(HOTEL.format(a), HOTEL.format(b)), "place") == []


def test_a_district_the_other_outlet_also_names_is_no_conflict() -> None:
    """An outlet that names the other's district elsewhere may be listing both: no conflict."""
    b = HOTEL.format("بحي النسيم") + " وكان حريق آخر قد اندلع الأسبوع الماضي في حي الروضة المجاور."
    assert _of_kind(_pair(HOTEL.format("بحي الروضة"), b), "place") == []


INJURY = "وتعرض المهاجم {} كارلوس مينديث لكسر في عظم يده اليسرى خلال التدريبات وسيغيب عن الملاعب ثلاثة أسابيع."


def test_one_player_given_two_nationalities_is_a_nationality_conflict() -> None:
    """"المهاجم الأوروغوياني" / "المهاجم الباراغوياني" for one player: two countries for one person."""
    story = _pair(INJURY.format("الأوروغوياني"), INJURY.format("الباراغوياني"), people=True)
    (conflict,) = _of_kind(story, "nationality")
    assert sorted((s.value, s.outlet) for s in conflict.sides) == [("الأوروغوياني", OUTLET_A),
                                                                   ("الباراغوياني", OUTLET_B)]


@pytest.mark.parametrize("b", [
    INJURY.format("الأورغوياني"),  # another spelling of one country
    INJURY.format("الأوروغوياني"),
    INJURY.format("الباراغوياني") + " ويحمل اللاعب الجنسية الأوروغويانية أيضا.",  # a dual national
    INJURY.format("الدولي"),  # no nationality
])
def test_nationalities_that_may_both_hold_are_no_conflict(b: str) -> None:
    """Spellings of one country, one outlet naming both countries, or an adjective that is no nationality."""
    assert _of_kind(_pair(INJURY.format("الأوروغوياني"), b, people=True), "nationality") == []


def test_an_adjective_after_another_name_is_not_the_persons_nationality() -> None:
    """In "مدرب تشيلسي الإنجليزي جوزيه …" the adjective is the club's: no conflict with "البرتغالي"."""
    coach = "وقال مدرب {} جوزيه ماركيز إن فريقه سيخوض مباراته المقبلة دون ثلاثة من لاعبيه الأساسيين."
    assert _of_kind(_pair(coach.format("نادي تشيلسي الإنجليزي"), coach.format("الفريق البرتغالي"), people=True),
                    "nationality") == []
