"""Shared builders for the verification tests: invented reports of invented events, analysed through marsad's API.

Every text here is written for these tests (no place, person or company is real). Three events:
- FLOOD_*: floods in the town of الريحان. FLOOD_A and FLOOD_B are independent reports sharing one fact
  (340 families evacuated); FLOOD_C is FLOOD_A copied by a third outlet with two words changed.
- FIRE_*: a warehouse fire reported by two outlets that disagree on the number of teams (6 / 9) and on
  whether the interior minister is in office (one calls him "السابق").
- GAS_*: a gas find; the two reports share two facts. `gas_records` credits an agency in each.
"""

from __future__ import annotations

from typing import Any

import marsad
from marsad.doc import Analysis, Doc, StoryDoc
from marsad.verify.units import claim_units
from marsad.verify.values import Quantity, quantities

DAY = "2024-11-07"

FLOOD_A = ("غمرت السيول التي ضربت مدينة الريحان مساء الخميس أكثر من مئتي منزل في الأحياء الشرقية.\n\n"
           "وقال محافظ الريحان ماجد العتيبي إن فرق الإنقاذ أجلت 340 عائلة إلى مدارس المدينة.\n\n"
           "وأعلنت مديرية الأرصاد الجوية أن كمية الأمطار بلغت 80 مليمترا خلال ثلاث ساعات فقط.\n\n"
           "وتعطلت حركة السير على الطريق الدولي المؤدي إلى العاصمة طوال الليل بسبب تراكم الطين.")
FLOOD_B = ("أجلت فرق الدفاع المدني 340 عائلة من منازلها في مدينة الريحان بعد أن غمرتها مياه السيول، بحسب "
           "المحافظ ماجد العتيبي.\n\n"
           "وتسببت العاصفة في انقطاع التيار الكهربائي عن نصف أحياء المدينة حتى صباح الجمعة.\n\n"
           "ونقل الهلال الأحمر عشرات المسنين إلى مستشفى الريحان الحكومي للاطمئنان على صحتهم.")
FLOOD_C = FLOOD_A.replace("طوال الليل", "حتى الفجر")
# The one fact FLOOD_A and FLOOD_B share, in each wording (FLOOD_C keeps FLOOD_A's).
EVACUATED_A = "وقال محافظ الريحان ماجد العتيبي إن فرق الإنقاذ أجلت 340 عائلة إلى مدارس المدينة."
EVACUATED_B = ("أجلت فرق الدفاع المدني 340 عائلة من منازلها في مدينة الريحان بعد أن غمرتها مياه السيول، بحسب "
               "المحافظ ماجد العتيبي.")
POWER_CUT = "وتسببت العاصفة في انقطاع التيار الكهربائي عن نصف أحياء المدينة حتى صباح الجمعة."

FIRE_A = ("اندلع حريق كبير فجر الأحد في مستودع للأخشاب بالمنطقة الصناعية في مدينة الزرقاء.\n\n"
          "وتمكنت 6 فرق من الدفاع المدني من السيطرة على الحريق بعد ساعات من العمل المتواصل.\n\n"
          "وقال وزير الداخلية سامي الحداد في مؤتمر صحفي إن التحقيق جار لمعرفة أسباب الحريق.\n\n"
          "وأصيب نحو 20 عاملا بحروق وحالات اختناق نقلوا على إثرها إلى مستشفى الزرقاء الحكومي.")
FIRE_B = ("شب حريق ضخم صباح الأحد في مستودع أخشاب يقع في المنطقة الصناعية بالزرقاء وامتد إلى مصنعين مجاورين.\n\n"
          "وتمكنت 9 فرق من الدفاع المدني من إخماد الحريق والسيطرة عليه قبل الظهر.\n\n"
          "وأكد وزير الداخلية السابق سامي الحداد خلال مؤتمر صحفي أن لجنة تحقق في أسباب الحريق.\n\n"
          "وأسفر الحريق عن إصابة 22 عاملا بحروق واختناق، وفق مستشفى الزرقاء الحكومي.")

# A third outlet on the fire: the minister in office, as in FIRE_A (a title is what most outlets say).
FIRE_C = ("فتحت وزارة الداخلية تحقيقا في حريق اندلع الأحد داخل مستودع أخشاب في المنطقة الصناعية بالزرقاء.\n\n"
          "وقال وزير الداخلية سامي الحداد للصحفيين إن فرق التحقيق تعمل على تحديد أسباب الحريق وحجم الأضرار.")

GAS_P = ("أعلنت شركة البحار للطاقة اكتشاف حقل غاز بحري جديد قبالة سواحل جزيرة الصدف الجنوبية.\n\n"
         "وقال الرئيس التنفيذي للشركة كريم الزين إن الإنتاج التجريبي من الحقل سيبدأ مطلع الصيف المقبل.\n\n"
         "وتأمل الحكومة أن يخفض الاكتشاف فاتورة استيراد الوقود التي أرهقت الموازنة العامة.\n\n"
         "وارتفعت أسهم الشركة في البورصة المحلية فور الإعلان عن الاكتشاف الجديد.\n\n"
         "ويعد هذا الاكتشاف الثالث من نوعه في المنطقة خلال العقد الأخير.")
GAS_Q = ("كشفت شركة البحار للطاقة عن حقل غاز بحري جديد قرب السواحل الجنوبية لجزيرة الصدف.\n\n"
         "وأوضح كريم الزين الرئيس التنفيذي للشركة أن الحقل سيبدأ الإنتاج التجريبي في بداية الصيف.\n\n"
         "وشهدت الجزيرة خلال الشهر الماضي احتجاجات على ارتفاع أسعار الكهرباء والماء.\n\n"
         "وتخطط الحكومة لإنشاء ميناء جديد لتصدير المنتجات الزراعية إلى الدول المجاورة.\n\n"
         "ويعمل معظم سكان الجزيرة في صيد الأسماك والزراعة منذ عقود طويلة.")

OUTLET_A, OUTLET_B, OUTLET_C = "صحيفة الفجر", "موقع النهار", "إذاعة الشرق"


def record(text: str, outlet: str | None, published: str = DAY, title: str | None = None,
           url: str | None = None) -> dict[str, Any]:
    """Return an input record of an invented article (no outlet when `outlet` is None; its id from `url` if given)."""
    found: dict[str, Any] = {"text": text, "title": title or text.split("\n", maxsplit=1)[0][:40], "published": published}
    if outlet is not None:
        found["outlet"] = outlet
    if url is not None:
        found["url"] = url
    return found


def analyze(*records: dict[str, Any], **options: Any) -> Analysis:
    """Analyse records in memory (public API), one process."""
    return marsad.analyze_records(list(records), workers=1, **options)


def only_story(analysis: Analysis) -> StoryDoc:
    """Return the one story of an analysis (it must have exactly one)."""
    assert len(analysis.stories) == 1, [s.story.articles for s in analysis.stories]
    return analysis.stories[0]


def flood_records() -> list[dict[str, Any]]:
    """Return the three flood reports: A, B independent; C a copy of A by a third outlet."""
    return [record(FLOOD_A, OUTLET_A, title="سيول تغمر منازل الريحان"),
            record(FLOOD_B, OUTLET_B, title="إجلاء 340 عائلة في الريحان"),
            record(FLOOD_C, OUTLET_C, title="السيول تغمر مئتي منزل في الريحان")]


def fire_records() -> list[dict[str, Any]]:
    """Return the fire reports, one day: two outlets, and a third naming the minister as FIRE_A does."""
    return [record(FIRE_A, OUTLET_A, "2024-03-03", "حريق في مستودع أخشاب بالزرقاء"),
            record(FIRE_B, OUTLET_B, "2024-03-03", "حريق ضخم يلتهم مستودعا في الزرقاء"),
            record(FIRE_C, OUTLET_C, "2024-03-03", "الداخلية تحقق في حريق الزرقاء")]


def gas_records(credit_p: str = "", credit_q: str = "") -> list[dict[str, Any]]:
    """Return the two gas reports, each closing with its credit line when one is given ("(رويترز)")."""
    return [record(GAS_P + (f"\n\n{credit_p}" if credit_p else ""), OUTLET_A, "2024-05-02", "اكتشاف غاز قبالة الصدف"),
            record(GAS_Q + (f"\n\n{credit_q}" if credit_q else ""), OUTLET_B, "2024-05-02", "حقل غاز جديد في الصدف")]


def by_text(story: StoryDoc, text: str) -> Doc:
    """Return the member whose body holds `text`."""
    found = [d for d in story.docs if text in d.body]
    assert len(found) == 1, text
    return found[0]


def one_doc(text: str, **options: Any) -> Doc:
    """Return the Doc of one invented article, analysed alone."""
    (doc,) = analyze(record(text, OUTLET_A, "2024-03-02"), people=False, **options).docs
    return doc


def unit_texts(text: str) -> list[str]:
    """Return the texts of the claim units of one invented article."""
    doc = one_doc(text)
    return [doc.text(u.span) for u in claim_units(doc)]


def read_quantities(text: str, **options: Any) -> tuple[Doc, list[Quantity]]:
    """Return one invented article's Doc and the quantities of all its claim units, in order."""
    doc = one_doc(text, **options)
    return doc, [q for u in claim_units(doc) for q in quantities(doc, u.span)]
