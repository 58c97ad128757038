"""Tests for marsad.verify.values: numbers in digits and words, their nouns, the ranges qualifiers allow, dates left out."""

from __future__ import annotations

import math

import pytest

from marsad.verify.values import Quantity
from tests.verify.helpers import read_quantities


def _one(text: str, **options: object) -> tuple[str, Quantity]:
    """Return the text and the quantity of an invented sentence holding exactly one."""
    doc, found = read_quantities(text, **options)
    assert len(found) == 1, [doc.text(q.span) for q in found]
    return doc.text(found[0].span), found[0]


def _meet(a: str, b: str) -> bool:
    """Return whether the one quantity of each of two invented sentences can both be true."""
    return _one(a)[1].meets(_one(b)[1]) and _one(b)[1].meets(_one(a)[1])


HOURS = "قال المتحدث إن فرق الإنقاذ عملت {} لإخماد الحريق في مصنع الورق الكبير."


@pytest.mark.parametrize(("text", "value", "written"), [
    ("أعلنت الوزارة أن 12 مدرسة أغلقت أبوابها في المحافظة بسبب العاصفة الثلجية.", 12, "12 مدرسة"),
    ("أعلنت الوزارة أن ١٢ مدرسة أغلقت أبوابها في المحافظة بسبب العاصفة الثلجية.", 12, "١٢ مدرسة"),
    ("أعلنت الوزارة أن 1,700 طالب تلقوا منحا دراسية في الجامعات الحكومية هذا الفصل.", 1700, "1,700 طالب"),
    ("بلغ عدد سكان البلاد 26.3 مليون نسمة وفق التعداد الذي أجرته دائرة الإحصاء.", 26_300_000,
     "26.3 مليون نسمة"),
    ("بلغ عدد سكان البلاد ٢٦٫٣ مليون نسمة وفق التعداد الذي أجرته دائرة الإحصاء العامة.", 26_300_000,
     "٢٦٫٣ مليون نسمة"),
    ("قال المتحدث إن خمسة وعشرين عاملا أصيبوا في الحريق الذي اندلع في مصنع الورق.", 25, "خمسة وعشرين عاملا"),
    ("قال المتحدث إن خمسة وعشرون عاملا أصيبوا في الحريق الذي اندلع في مصنع الورق.", 25, "خمسة وعشرون عاملا"),
    ("وصل إلى المدينة ثلاثة عشر فريقا من المتطوعين للمساعدة في إزالة آثار السيول الجارفة.", 13,
     "ثلاثة عشر فريقا"),
    ("استقبل معرض الكتاب في دورته الجديدة مئة ألف زائر خلال أسبوعه الأول بحسب إدارته.", 100_000,
     "مئة ألف زائر"),
    ("تبرع رجال الأعمال في المدينة بثلاثة آلاف بطانية لإيواء الأسر التي شردتها السيول.", 3000,
     "بثلاثة آلاف بطانية"),
    (HOURS.format("ست ساعات ونصف"), 6.5, "ست ساعات ونصف"),
], ids=["digits", "arabic-indic", "thousands-comma", "decimal-million", "arabic-decimal-million", "words-genitive",
        "words-nominative", "teen", "hundred-thousand", "thousands-word", "and-a-half"])
def test_a_number_is_read_with_its_noun_in_either_script(text: str, value: float, written: str) -> None:
    """Digits of either script, "1,700", decimals, scale words and number words give the value; the span holds its noun."""
    span_text, q = _one(text)
    assert q.value == pytest.approx(value)
    assert span_text == written
    assert q.low <= q.value <= q.high


@pytest.mark.parametrize("twelve", ["١٢", "اثنتي عشرة"])
def test_one_count_in_either_script_or_in_words_reads_alike(twelve: str) -> None:
    """"١٢ مدرسة" and "اثنتي عشرة مدرسة" give the value, noun key and range of "12 مدرسة"."""
    sentence = "أعلنت الوزارة أن {} مدرسة أغلقت أبوابها في المحافظة بسبب العاصفة الثلجية."
    latin, other = _one(sentence.format("12"))[1], _one(sentence.format(twelve))[1]
    assert (other.value, other.noun, other.low, other.high) == (latin.value, latin.noun, latin.low, latin.high)


def _range(phrase: str) -> tuple[float, float]:
    """Return the range of the one quantity of an invented sentence counting marchers as `phrase`."""
    span_text, q = _one(f"قالت الشرطة إن {phrase} شاركوا في المسيرة التي جابت شوارع العاصمة أمس.")
    assert span_text == phrase
    return q.low, q.high


def test_a_round_number_allows_its_rounding_only() -> None:
    """"600 شخص" allows 560-640 (written to the hundred) but not 500 or 800."""
    low, high = _range("600 شخص")
    assert low <= 560 and high >= 640
    assert low > 500 and high < 800


def test_rounding_is_at_least_half_a_unit_and_at_most_a_tenth_of_large_values() -> None:
    """"7 أشخاص" allows 6.5 (half a unit) but not 5; "10 أشخاص" is not 5-15 (at most 10% of it below)."""
    low, high = _range("7 أشخاص")
    assert low <= 6.5 and high >= 7.5 and low > 5
    low, high = _range("10 أشخاص")
    assert low >= 9 and high < 15


def test_about_widens_the_range_by_a_tenth() -> None:
    """"نحو 600 شخص" allows 540-660 (10% each way, beyond the rounding) but not 400 or 800."""
    low, high = _range("نحو 600 شخص")
    assert low <= 540 and high >= 660
    assert low > 400 and high < 800
    plain = _range("600 شخص")
    assert low < plain[0] and high > plain[1]


def test_over_has_no_upper_bound() -> None:
    """"أكثر من 600 شخص" allows any number from about 600 up, not 400."""
    low, high = _range("أكثر من 600 شخص")
    assert high == math.inf and 400 < low <= 600


def test_under_has_no_lower_bound() -> None:
    """"أقل من 50 شخصا" allows anything from 0 to about 50, not 80."""
    low, high = _range("أقل من 50 شخصا")
    assert low == 0 and 50 <= high < 80


def test_over_six_hours_meets_about_six_and_a_half() -> None:
    """"أكثر من ست ساعات" and "نحو ست ساعات ونصف" can both be true."""
    assert _meet(HOURS.format("أكثر من ست ساعات"), HOURS.format("نحو ست ساعات ونصف"))


@pytest.mark.parametrize("six", ["ست ساعات", "نحو ست ساعات", "6 ساعات"])
def test_six_hours_does_not_meet_three_hours(six: str) -> None:
    """Six hours, even about six, cannot be three hours."""
    assert not _meet(HOURS.format(six), HOURS.format("ثلاث ساعات"))


@pytest.mark.parametrize(("a", "b"), [
    ("26 مليون دولار", "26.3 مليون دولار"),
    ("600 دولار", "640 دولار"),
    ("نحو 20 مليون دولار", "22 مليون دولار"),
    ("ستة ملايين دولار", "6 ملايين دولار"),
])
def test_rounded_and_approximate_numbers_meet_precise_ones(a: str, b: str) -> None:
    """A round number meets a precise one within its rounding, an approximate one within 10%."""
    sentence = "بلغت خسائر الشركة الوطنية للطيران {} خلال العام الماضي بحسب تقريرها السنوي."
    assert _meet(sentence.format(a), sentence.format(b))


@pytest.mark.parametrize(("a", "b"), [("10 ملايين دولار", "15 مليون دولار"), ("600 دولار", "900 دولار")])
def test_numbers_apart_do_not_meet(a: str, b: str) -> None:
    """Two precise numbers further apart than their rounding cannot both be true."""
    sentence = "بلغت خسائر الشركة الوطنية للطيران {} خلال العام الماضي بحسب تقريرها السنوي."
    assert not _meet(sentence.format(a), sentence.format(b))


@pytest.mark.parametrize("dates", [True, False], ids=["dates", "no-dates"])
@pytest.mark.parametrize("text", [
    "وقع الحادث في 26/7/2015 على الطريق الصحراوي بين المدينتين الجنوبيتين وأسفر عن أضرار.",
    "افتتحت الحكومة عام 2015 مستشفى المدينة الجنوبية الجديد بحضور وزير الصحة والمحافظ.",
    "افتتحت الحكومة في 2015 مستشفى المدينة الجنوبية الجديد بحضور وزير الصحة والمحافظ.",
], ids=["slashed-date", "am-year", "bare-year"])
def test_years_and_dates_are_not_quantities(text: str, *, dates: bool) -> None:
    """A day written with slashes and a year (with or without عام) count nothing, whether or not dates are computed."""
    doc, found = read_quantities(text, dates=dates)
    assert [doc.text(q.span) for q in found] == []


def test_a_year_beside_a_count_leaves_the_count() -> None:
    """In "عام 2015 ... 40 مليون دولار" only the cost is a quantity."""
    _, q = _one("افتتحت الحكومة عام 2015 مستشفى جديدا في المدينة الجنوبية بتكلفة 40 مليون دولار.")
    assert (q.value, q.noun) == (40_000_000, "دولار")


@pytest.mark.parametrize(("text", "value"), [
    ("ارتفعت نسبة البطالة في البلاد إلى 12 في المئة خلال الربع الأخير بحسب دائرة الإحصاء.", 12),
    ("ارتفعت نسبة البطالة في البلاد إلى 12.5% خلال الربع الأخير من العام بحسب دائرة الإحصاء.", 12.5),
    ("ارتفعت نسبة البطالة في البلاد إلى 12 بالمئة خلال الربع الأخير بحسب دائرة الإحصاء.", 12),
    ("ارتفعت نسبة البطالة في البلاد واحدا بالمئة خلال الربع الأخير بحسب دائرة الإحصاء.", 1),  # tanween
])
def test_percentages_count_percent(text: str, value: float) -> None:
    """"%"، "في المئة" and "بالمئة" make the number a percentage (noun "%"), its range the rounding of its digits."""
    _, q = _one(text)
    assert (q.value, q.noun) == (pytest.approx(value), "%")
    assert q.low <= value <= q.high and q.high - q.low < 2


def test_the_arabic_percent_sign_counts_percent() -> None:
    """"١٢٫٥٪" is a percentage, as "12.5%" is."""
    _, q = _one("ارتفعت نسبة البطالة في البلاد إلى ١٢٫٥٪ خلال الربع الأخير من العام بحسب دائرة الإحصاء.")
    assert (q.value, q.noun) == (pytest.approx(12.5), "%")


def test_a_percentage_span_holds_its_percent_sign() -> None:
    """The value span of "12.5%" and of "١٢٫٥٪" holds the sign, as the span of "12 في المئة" holds its words."""
    sentence = "ارتفعت نسبة البطالة في البلاد إلى {} خلال الربع الأخير من العام بحسب دائرة الإحصاء."
    for written in ("12.5%", "١٢٫٥٪", "12 في المئة"):
        assert _one(sentence.format(written))[0] == written


@pytest.mark.parametrize("day", ["يوم 12 مارس 2024", "في 12 آذار الماضي", "في 3 رمضان"],
                         ids=["gregorian", "levantine-month", "hijri"])
def test_a_day_of_the_month_is_not_a_quantity_without_the_dates_stage(day: str) -> None:
    """A day number before a month name counts nothing, whether or not date expressions were computed."""
    doc, found = read_quantities(f"افتتح وزير النقل جسر الوادي الكبير في مدينة الريحان {day} بحضور المحافظ.",
                                 dates=False)
    assert [doc.text(q.span) for q in found] == []


def test_a_number_ending_the_body_is_read_without_error() -> None:
    """A number that is the last thing in a body (nothing after it, not even a mark) counts nothing and raises nothing."""
    _, found = read_quantities("بلغ عدد المشاركين في الدورة التدريبية الأولى للمدربين الجدد 250")
    assert found == []


@pytest.mark.parametrize(("text", "value"), [
    ("وحكم على المتهم بغرامة قدرها مائتي وخمسين ألف درهم في القضية.", 250_000),
    ("وحكم على المتهم بغرامة قدرها مئتين وخمسة وعشرين ألف درهم في القضية.", 225_000),
    ("وضبطت الجمارك كبسولات تزن ستمائة وواحدا وثمانين جراما في أمتعة المسافر.", 681),
], ids=["hundreds-and-tens", "hundreds-units-tens", "tanween"])
def test_hundreds_with_their_tens_are_one_number(text: str, value: int) -> None:
    """A number in words with hundreds, units and tens is read whole, never as its tail alone."""
    assert _one(text)[1].value == value


def test_the_end_of_a_range_is_no_count() -> None:
    """"بسرعة 20 – 45 كم" gives no count of its own: its two ends are a range."""
    _, found = read_quantities("وتكون الرياح شمالية غربية بسرعة 20 – 45 كم في الساعة على الجزء الجنوبي.")
    assert [q.value for q in found] == []


def test_a_toll_is_marked_dead_or_injured() -> None:
    """The nearest toll word makes a number a count of the dead or the injured, whatever noun follows."""
    _, found = read_quantities("لقي 7 أشخاص مصرعهم وأصيب 29 آخرون في تصادم حافلة وشاحنة على الطريق الدولي.")
    assert [(q.value, q.toll) for q in found] == [(7, "dead"), (29, "injured")]


def test_one_long_figure_with_a_scale_word_added_meets_itself() -> None:
    """"665,932,983 مليون ريال" and "665.932.983 ريالا" are one figure written alike, a scale word added by one."""
    sentence = "وبلغت الكلفة الإجمالية لمشروعات تصريف مياه الأمطار في المنطقة {} بحسب الأمانة."
    assert _meet(sentence.format("665,932,983 مليون ريال"), sentence.format("665.932.983 ريالا"))
    assert not _meet(sentence.format("5 ملايين ريال"), sentence.format("5 آلاف ريال"))


@pytest.mark.parametrize(("text", "value", "written"), [
    ("وبلغت قيمة التعويضات المصروفة لأصحاب المزارع 84 مليونا و250 ألف ريال هذا العام.", 84_250_000,
     "84 مليونا و250 ألف ريال"),
    ("وقدرت الهيئة خسائر الموسم بنحو 3 ملايين و600 ألف دولار في تقريرها الأخير.", 3_600_000,
     "3 ملايين و600 ألف دولار"),
    ("وتسلم النادي من رعاته هذا الموسم 2 مليارا و15 مليون ريال وفق الميزانية.", 2_015_000_000,
     "2 مليارا و15 مليون ريال"),
], ids=["million-tanween-and-thousands", "millions-and-thousands", "billion-tanween-and-millions"])
def test_a_figure_in_two_scales_is_one_number(text: str, value: int, written: str) -> None:
    """"84 مليونا و250 ألف ريال" is 84,250,000 riyals: the tail after و takes its own smaller scale."""
    span_text, q = _one(text)
    assert q.value == value
    assert span_text == written


@pytest.mark.parametrize(("text", "value"), [
    ("وضبطت الدورية في القارب ستة وعشرين فاصلة خمسة كيلوجرامات من المواد المخدرة.", 26.5),
    ("وارتفع مؤشر السوق 9 فاصلة 75 نقطة في ختام تعاملات الأسبوع.", 9.75),
], ids=["words", "digits"])
def test_a_decimal_written_out_is_one_number(text: str, value: float) -> None:
    """"ستة وعشرين فاصلة خمسة كيلوجرامات" is 26.5 kilograms, not 26 of one thing and 5 of another."""
    assert _one(text)[1].value == pytest.approx(value)


def test_a_toll_word_that_begins_with_waw_is_a_toll_word() -> None:
    """"وفاة 3 أشخاص": a list word whose own first letter is و (وفاة) is matched, not read as و + فاة."""
    _, found = read_quantities("وأعلنت وزارة الصحة وفاة 3 أشخاص بفيروس كورونا في المنطقة الشرقية خلال الأسبوع.")
    assert [(q.value, q.toll) for q in found] == [(3, "dead")]
