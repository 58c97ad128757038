"""Tests for marsad.quotes.extract: which quoted texts are quotes, indirect speech, continuations, span invariants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad import ingest
from marsad.clean import clean
from marsad.doc import Doc
from marsad.quotes.extract import find_quotes, quotes
from marsad.types import Article, Quote, RawDocument, Span


def _doc(body: str, id: str = "t") -> Doc:
    """Wrap an invented body as an article's Doc."""
    return Doc(Article(id=id, origin=id, body=body))


def _text(doc: Doc, span: Span | None) -> str | None:
    """Return the text of a span, or None for no span."""
    return doc.text(span) if span is not None else None


def _tagged(body: str, *names: tuple[str, str]) -> Doc:
    """Wrap an invented body as a Doc whose tagger found each (text, label) at its first occurrence."""
    doc = _doc(body)
    doc.mentions = tuple(Span(doc.id, (at := body.index(text)), at + len(text), label) for text, label in names)
    return doc


def _said(doc: Doc) -> list[tuple[str, str | None]]:
    """Return (words, speaker) of each quote of a Doc, as text."""
    return [(doc.text(q.span), _text(doc, q.speaker)) for q in quotes(doc)]


def _direct(doc: Doc) -> list[Quote]:
    """Return the direct quotes of an invented article."""
    return [q for q in quotes(doc) if q.kind == "direct"]


@pytest.mark.parametrize(
    "second",
    ["وأضاف: «الموسم سيكون طويلا».", "وتابع قائلا: «الموسم سيكون طويلا».", "وأضاف أن «الموسم سيكون طويلا»."],
    ids=["wa-adafa", "qailan", "adafa-anna"],
)
def test_continuation_keeps_the_previous_speaker(second: str) -> None:
    """A verb without a subject in the next sentence continues the last speaker."""
    doc = _doc("وقال المدرب يوسف الحايك إن «الفريق جاهز للمباراة». " + second)
    assert [_text(doc, q.speaker) for q in _direct(doc)] == ["يوسف الحايك", "يوسف الحايك"]


def test_second_quote_in_paragraph_continues_the_first() -> None:
    """Back-to-back quotes in one paragraph share the speaker."""
    doc = _doc("وقالت المديرة ليلى منصور: «بدأنا العمل». «وسننتهي قبل الصيف».")
    assert [_text(doc, q.speaker) for q in _direct(doc)] == ["ليلى منصور", "ليلى منصور"]


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
    assert quotes(_doc(body)) == []


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
    doc = _doc(body)
    (q,) = quotes(doc)
    assert (q.kind, doc.text(q.span), _text(doc, q.speaker)) == ("indirect", text, speaker)


def test_indirect_clause_stops_at_the_next_reporting_verb() -> None:
    """A participle like مضيفا starts a new indirect quote for the same speaker."""
    doc = _doc("وقال المحافظ سمير بكر إن المياه عادت، مضيفا أن الكهرباء ستعود مساء.")
    assert _said(doc) == [
        ("المياه عادت", "سمير بكر"), ("الكهرباء ستعود مساء", "سمير بكر")]


@pytest.mark.parametrize(
    "body",
    [
        "وأكد المحافظ سمير بكر أن المياه عادت إلى الأحياء، لكنه قال إن الكهرباء ستعود مساء.",
        "وأكد المحافظ سمير بكر أن المياه عادت إلى الأحياء، وهو ما قال إن الكهرباء ستعود بعده.",
    ],
)
def test_indirect_clause_cut_at_a_verb_drops_the_connective_before_it(body: str) -> None:
    """A clause cut at the next verb does not end on the connective that led to it (لكنه، وهو ما)."""
    doc = _doc(body)
    first = quotes(doc)[0]
    assert doc.text(first.span) == "المياه عادت إلى الأحياء"


def test_a_clause_opened_by_a_verb_and_a_source_is_one_quote() -> None:
    """A verb and a source marker opening one clause give one quote, spoken by the verb's subject."""
    doc = _doc("وقال سكان محليون - حسب وكالة الأنباء المحلية - إن الجسر انهار فجرا.")
    assert _said(doc) == [("الجسر انهار فجرا", "سكان محليون")]


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        ("وأكدت وزارة النقل على ضرورة إغلاق الطريق ليلا.", "ضرورة إغلاق الطريق ليلا", "وزارة النقل"),
        ("وكشف مدير الميناء سالم عوض عن افتتاح رصيف جديد.", "افتتاح رصيف جديد", "سالم عوض"),
        ("ودعا الوزير رامي حداد إلى تجريم الاحتكار في الأسواق.", "تجريم الاحتكار في الأسواق", "رامي حداد"),
    ],
    ids=["akkada-ala", "kashafa-an", "daa-ila"],
)
def test_what_was_said_as_a_noun_after_a_preposition(body: str, text: str, speaker: str) -> None:
    """A verb marked `object` + its subject + على/عن/إلى + a noun phrase: the noun phrase is the quote."""
    doc = _doc(body)
    (q,) = quotes(doc)
    assert (q.kind, doc.text(q.span), _text(doc, q.speaker)) == ("indirect", text, speaker)


def test_a_pointing_verb_and_an_ambiguous_form_report_nothing_without_a_complementizer() -> None:
    """"يشير بإصبعه إلى" points, "بين الطرفين" is "between": no quote; "وبيّن أن" reports."""
    assert quotes(_doc("وكان يشير بإصبعه إلى الطريق الجديد.")) == []
    assert quotes(_doc("وقع الاتفاق بين الطرفين في المدينة.")) == []
    assert quotes(_doc("ويزيد التواصل بين شعوب العالم في وقت صار فيه العالم قرية لا يمكن لأحد أن يعيش وحده.")) == []
    doc = _doc("وبيّن المهندس وليد فهمي أن الجسر آمن.")
    assert _said(doc) == [("الجسر آمن", "وليد فهمي")]


def test_a_sentence_opening_with_a_continuation_continues_the_statement() -> None:
    """"… وأكد أن X. كما أن Y.": the second sentence is the same speaker's words."""
    doc = _doc("وقال المحافظ سمير بكر إن المياه عادت. كما أن الكهرباء ستعود مساء.")
    assert _said(doc) == [
        ("المياه عادت", "سمير بكر"), ("الكهرباء ستعود مساء", "سمير بكر")]


def test_a_subjectless_verb_takes_its_own_sentences_subject_before_the_last_speaker() -> None:
    """"ألقى الوزير فلان كلمة أكد فيها أن …": the person the tagger found in the clause speaks, not the last speaker."""
    body = "وقال المحافظ سمير بكر إن الطريق مغلق. وألقى الوزير رامي حداد كلمة أكد فيها أن الأسعار مستقرة."
    doc = _tagged(body, ("رامي حداد", "PER"))
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["سمير بكر", "رامي حداد"]
    doc.mentions = ()
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["سمير بكر", "سمير بكر"]


def test_a_participle_takes_its_own_sentences_subject_before_the_last_speaker() -> None:
    """"ورفض اللاعب فلان … مدعيا أن …": the person of the participle's own clause speaks, not the last speaker."""
    body = "وقال المدير سامي عادل إن العقد انتهى. ورفض اللاعب نبيل فارس العرض مدعيا أن وكيله أخفاه عنه."
    doc = _tagged(body, ("نبيل فارس", "PER"))
    assert _said(doc) == [
        ("العقد انتهى", "سامي عادل"), ("وكيله أخفاه عنه", "نبيل فارس")]


def test_a_clause_opening_with_a_title_speaks_before_a_person_it_names() -> None:
    """"واستقبل الأمين العام الوزير فلان، مؤكدا أن": the title's holder speaks, not the person the clause names."""
    body = "واستقبل الأمين العام في مكتبه الوزير سامي عادل، مؤكدا أن الحوار هو الحل."
    doc = _tagged(body, ("سامي عادل", "PER"))
    assert _said(doc) == [("الحوار هو الحل", "الأمين العام")]


def test_a_family_name_with_the_article_after_a_title_is_the_speaker() -> None:
    """"وأوضح الدكتور الأحمد أن": a definite family name the tagger found on its own after a title is the name."""
    doc = _tagged("وأوضح الدكتور الأحمد أن البرنامج يقبل مئة طالب.", ("الأحمد", "PER"))
    assert _said(doc) == [("البرنامج يقبل مئة طالب", "الأحمد")]


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("وقال الخبير سامي عادل خلال حديثه لـ«الوطن» إن الأسعار سترتفع.", "الأسعار سترتفع", "سامي عادل"),
    ('وأكد المدير سامي عادل، عبر حسابه في موقع "تويتر" أن النادي رفض العرض.', "النادي رفض العرض", "سامي عادل"),
], ids=["outlet-told-in-marks", "site-in-marks"])
def test_a_name_in_marks_between_the_speaker_and_the_complementizer(body: str, text: str, speaker: str) -> None:
    """The outlet told ("لـ«الوطن»") or a site named in marks before إن/أن leaves the clause to the verb."""
    assert _said(_doc(body)) == [(text, speaker)]


def test_a_form_that_is_also_a_noun_reports_with_the_object_it_asks_for() -> None:
    """"وطالب الوزير سامي عادل بإنهاء …" asks; "طالب سعودي" and "علي بن أبي طالب" are no verbs."""
    doc = _doc("وطالب الوزير سامي عادل بإنهاء الإضراب فورا.")
    assert _said(doc) == [("إنهاء الإضراب فورا", "سامي عادل")]
    assert quotes(_doc("وفاز طالب سعودي بجائزة الرياضيات الدولية.")) == []
    assert quotes(_doc("وصلى المصلون في مسجد علي بن أبي طالب بالمدينة.")) == []


def test_a_quoted_name_and_its_description_before_the_complementizer() -> None:
    """'وذكر موقع «عالم التقنية» المتخصص في أخبار الهواتف أن …': the quoted name is in the speaker, no quote."""
    doc = _doc("وذكر موقع «عالم التقنية» المتخصص في أخبار الهواتف الذكية أن الخاصية متاحة للجميع.")
    (quote,) = quotes(doc)
    assert (quote.kind, doc.text(quote.span)) == ("indirect", "الخاصية متاحة للجميع")
    assert quote.speaker is not None and "عالم التقنية" in doc.text(quote.speaker)


def test_a_noun_object_after_a_long_aside_closed_by_a_comma() -> None:
    """"وأشار في كلمة … بمدينة جدة، إلى حرص …": the object preposition comes after the comma of the aside."""
    body = "وقال الوزير سامي عادل إن الخطة جاهزة. وأشار في كلمة ألقاها أمس في حفل الافتتاح بمدينة جدة، إلى حرص الوزارة على التنفيذ."
    assert _said(_doc(body))[-1] == ("حرص الوزارة على التنفيذ", "سامي عادل")


def test_continued_speaking_only_with_a_colon_or_quote_mark() -> None:
    """"وواصل: «…»" goes on speaking; "وواصل الفريق تدريباته" does not."""
    doc = _doc("وقال المدرب سامي عادل إن الفريق جاهز. وواصل: «سنلعب للفوز».")
    assert _said(doc)[-1] == ("سنلعب للفوز", "سامي عادل")
    assert quotes(_doc("وواصل الفريق تدريباته أمس في الملعب.")) == []


def test_what_a_participle_says_may_be_its_object() -> None:
    """"مؤكدا استمرار الدعم": a participle's verbal-noun object is what it says; "غير مؤكدة" is an adjective."""
    doc = _doc("وقال الوزير سامي عادل إن الخطة جاهزة، مؤكدا استمرار الدعم للمزارعين.")
    assert _said(doc)[-1] == ("استمرار الدعم للمزارعين", "سامي عادل")
    assert quotes(_doc("وهبطت الطائرة وسط تقارير غير مؤكدة بوجود تهديد لها.")) == []


def test_a_quoted_name_before_a_colon_is_the_speaker() -> None:
    """'وقال "فلان": "…"': the name in marks is who speaks, and the next statement continues with it."""
    doc = _doc('وقال "العتيبي": "سنعلن القائمة غدا". وأضاف: "التدريبات تبدأ الأحد".')
    assert [(doc.text(q.span), _text(doc, q.speaker)) for q in _direct(doc)] == [
        ("سنعلن القائمة غدا", "العتيبي"), ("التدريبات تبدأ الأحد", "العتيبي")]
    doc = _doc('وقال: "نحن جاهزون": ثم غادر القاعة.')
    assert [doc.text(q.span) for q in _direct(doc)] == ["نحن جاهزون"]


def test_a_verb_that_is_also_another_word_reports_before_a_colon_or_quote_only() -> None:
    """"وزاد «…»" adds to a statement; "وزادت الأسعار «بشكل كبير»" reports nothing."""
    doc = _doc("وقال المدرب حسان نور إن الفريق جاهز. وزاد «اللاعبون في أفضل حالاتهم».")
    assert _said(doc) == [
        ("الفريق جاهز", "حسان نور"), ("اللاعبون في أفضل حالاتهم", "حسان نور")]
    assert quotes(_doc("وزادت الأسعار «بشكل كبير» في السوق هذا الأسبوع.")) == []


def test_a_long_subject_closed_by_a_comma_still_opens_its_clause() -> None:
    """"وأوضح التقرير الذي أصدرته الهيئة … 1436هـ، أن …": past a relative clause and dates, the comma and أن open it."""
    doc = _doc("وأوضح التقرير السنوي الذي أصدرته الهيئة العامة للإحصاء ورصدت فيه نشاط الأسواق منذ بداية"
               " السنة في 1/3/1436هـ وحتى 28/8/1436هـ، أن المبيعات ارتفعت بنسبة كبيرة.")
    assert _said(doc) == [
        ("المبيعات ارتفعت بنسبة كبيرة", "التقرير السنوي")]
    doc = _doc("وأوضح التقرير السنوي الذي أصدرته الهيئة أرقام المبيعات، وقال الخبراء إن السوق مستقرة.")
    assert _said(doc) == [("السوق مستقرة", "الخبراء")]


def test_a_relay_word_without_a_source_after_it_is_a_noun() -> None:
    """"نقل الخدمة" (a transfer) inside a clause neither cuts it nor speaks: a relay verb needs عن after it."""
    doc = _doc("وأوضحت الوزارة في دليلها الجديد، أن حالة العامل تتغير إلى «متغيب وفي انتظار نقل الخدمة» بعد البلاغ.")
    assert [(doc.text(q.span), _text(doc, q.speaker)) for q in quotes(doc) if q.kind == "indirect"] == [
        ("حالة العامل تتغير إلى «متغيب وفي انتظار نقل الخدمة» بعد البلاغ", "الوزارة")]


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("وذكر البيان ثلاثة مواقع استهدفت في المنطقة الشمالية.", "ثلاثة مواقع استهدفت في المنطقة الشمالية", "البيان"),
    ("كما شمل القرار تمديد ساعات العمل في المنافذ الحدودية.", "تمديد ساعات العمل في المنافذ الحدودية", "القرار"),
    ("وأحصى التقرير السنوي 40 مقترحا قدمها الأعضاء خلال الدورة.", "40 مقترحا قدمها الأعضاء خلال الدورة",
     "التقرير السنوي"),
], ids=["reporting-verb", "document-verb", "document-verb-number"])
def test_a_document_says_what_follows_it(body: str, text: str, speaker: str) -> None:
    """With no إن/أن, what follows a document subject in its clause is what the document says."""
    doc = _doc(body)
    assert _said(doc) == [(text, speaker)]


@pytest.mark.parametrize("body", [
    "وحدد المدرب موعد التدريب المقبل يوم الأحد.",
    "وأوضح تقرير مؤشرات الأداء لقطاع الاتصالات الصادر حديثا.",
], ids=["not-a-document", "name-goes-on"])
def test_a_document_verb_or_phrase_without_a_document_object_reports_nothing(body: str) -> None:
    """A document's verb with another subject, and a document's own name running on, give no quote."""
    assert quotes(_doc(body)) == []


def test_a_document_with_a_complementizer_ahead_has_no_object() -> None:
    """"وأوضح التقرير 51 الذي صدر … أن …": what it says follows أن, so "51 الذي صدر …" is no quote."""
    doc = _doc("وأوضح التقرير 51 الذي صدر عن المؤسسة وتلقت الوكالة نسخة منه أن القروض زادت.")
    assert not any(doc.text(q.span).startswith("51") for q in quotes(doc))


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("أعلن أمس الأربعاء وزير الصحة سامر عادل أن عدد الحالات ارتفع.", "عدد الحالات ارتفع", "سامر عادل"),
    ("وبحسب المتحدث باسم الوزارة، فإن عدد الحالات ارتفع إلى عشرين.", "عدد الحالات ارتفع إلى عشرين",
     "المتحدث باسم الوزارة"),
    ("وجاء في التقرير أن المبيعات ارتفعت بنسبة كبيرة.", "المبيعات ارتفعت بنسبة كبيرة", "التقرير"),
    ("وارتفع عدد الحالات إلى عشرين حالة، وفق مصادر رسمية.", "وارتفع عدد الحالات إلى عشرين حالة", "مصادر رسمية"),
    ("وسيبدأ التطبيق مطلع الشهر المقبل، صرح بذلك المتحدث باسم الوزارة.", "وسيبدأ التطبيق مطلع الشهر المقبل",
     "المتحدث باسم الوزارة"),
    ("سيبدأ التطبيق مطلع الشهر المقبل. صرح بذلك المتحدث باسم الوزارة.", "سيبدأ التطبيق مطلع الشهر المقبل",
     "المتحدث باسم الوزارة"),
    ("وبحسب الوزارة، ارتفع عدد الحالات إلى عشرين حالة هذا الأسبوع.",
     "ارتفع عدد الحالات إلى عشرين حالة هذا الأسبوع", "الوزارة"),
    ("وبدأ السكان يعودون إلى منازلهم صباح السبت حسبما ذكر أحد السكان.",
     "وبدأ السكان يعودون إلى منازلهم صباح السبت", "أحد السكان"),
    ("وأغلقت المدارس في المدينة أسبوعا، كما قال المتحدث باسم البلدية، مما أربك الأهالي.",
     "وأغلقت المدارس في المدينة أسبوعا", "المتحدث باسم البلدية"),
    ("وأغلقت المدارس في المدينة أسبوعا، بحسب وسائل إعلام محلية.", "وأغلقت المدارس في المدينة أسبوعا",
     "وسائل إعلام محلية"),
    ("وسيزور الوزير المدينة الأسبوع المقبل، بحسب ما أكد دبلوماسي غربي لمجموعة من الصحافيين.",
     "وسيزور الوزير المدينة الأسبوع المقبل", "دبلوماسي غربي"),
    ("وتراجعت أسعار القمح في الأسواق بحسب ما أفاد المرصد.", "وتراجعت أسعار القمح في الأسواق", "المرصد"),
    ("وقتل خمسة أشخاص في الهجوم، وفق حصيلة جديدة أعلنها مسؤولون في الجيش.", "وقتل خمسة أشخاص في الهجوم",
     "مسؤولون في الجيش"),
    ("وبلغت نسبة المشاركة تسعين في المائة، حسبما ذكرت وسائل إعلام رسمية اليوم (الاثنين).",
     "وبلغت نسبة المشاركة تسعين في المائة", "وسائل إعلام رسمية"),
    ("وأغلقت المحكمة القضية في مارس، كما قالت مدعية المحكمة العليا، مما أربك الدفاع.",
     "وأغلقت المحكمة القضية في مارس", "مدعية المحكمة العليا"),
    ("كما يشمل القرار، تمديد حظر التجول في المدينة أسبوعا.", "تمديد حظر التجول في المدينة أسبوعا", "القرار"),
    ("وبحسب نص القرار، سيتم رفع العقوبات التي تتضمن قيودا على السفر.",
     "سيتم رفع العقوبات التي تتضمن قيودا على السفر", "القرار"),
    ("ونال المرشح ثلث الأصوات، وذلك بحسب الاستطلاع الذي نشرته الصحيفة.", "ونال المرشح ثلث الأصوات", "الاستطلاع"),
    ("وشمل الاستطلاع ألف مواطن من كل دولة.", "ألف مواطن من كل دولة", "الاستطلاع"),
    ("وأكد الوزير سامر عادل في مؤتمر صحفي مشترك عقده مع نظيره عقب اختتام أعمال الحوار اليوم، على أن الحوار مثمر.",
     "الحوار مثمر", "سامر عادل"),
    ("وقال الوزير في كلمته أمام الجلسة الافتتاحية المنعقدة حاليا في العاصمة إن البلدين شريكان.",
     "البلدين شريكان", "الوزير"),
    ("وأوضح المدير أن البرنامج يشارك فيه 100 طالب موهوب بالمرحلتين المتوسطة والثانوية.",
     "البرنامج يشارك فيه 100 طالب موهوب بالمرحلتين المتوسطة والثانوية", "المدير"),
    ("وأوضح د. سامر بلجون أن الاجتماع دوري.", "الاجتماع دوري", "سامر بلجون"),
    ("ولا تشمل الجولة المدينة، إلا أن وزارة الخارجية أكدت أن المباحثات مستمرة.", "المباحثات مستمرة", "وزارة الخارجية"),
], ids=["time-before-subject", "source-then-fa-inna", "found-in-a-text", "source-after", "said-so-after",
        "said-so-next-sentence", "source-then-comma", "as-reported-no-comma", "as-said-between-commas",
        "media-after", "as-a-diplomat-told-reporters", "as-reported-by-any-name", "toll-announced-by",
        "as-reported-today", "participle-as-a-title", "document-verb-then-comma", "document-verb-in-the-account",
        "source-with-a-relative-clause", "document-says-a-number", "far-ala-anna-after-a-comma",
        "far-inna-as-written", "counted-noun-not-a-verb", "abbreviated-title", "subject-after-illa-anna"])
def test_attribution_before_after_and_around_the_words(body: str, text: str, speaker: str) -> None:
    """A time before the subject, a source first or last, "جاء في", "صرح بذلك": the words and who said them."""
    doc = _doc(body)
    assert _said(doc) == [(text, speaker)]


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("وقال مسؤول أمريكي للصحافيين إن الطريق مغلق.", "الطريق مغلق", "مسؤول أمريكي"),
    ("وقال مصدر أمني لوكالة الأنباء أمس إن الطريق مغلق.", "الطريق مغلق", "مصدر أمني"),
    ("وقال المدير العام لوكالة الأنباء إن الطريق مغلق.", "الطريق مغلق", "المدير العام لوكالة الأنباء"),
], ids=["reporters-told", "agency-told", "agency-in-a-title"])
def test_whom_a_speaker_told_is_no_part_of_the_speaker(body: str, text: str, speaker: str) -> None:
    """"للصحافيين"، "لوكالة …" after a speaker is whom they told; after a definite title word, part of the title."""
    assert _said(_doc(body)) == [(text, speaker)]


def test_an_outlet_told_in_marks_after_a_name_is_neither_quote_nor_speaker() -> None:
    """'وقال فلان لشبكة «نجمة» الإخبارية إن': the network's name in marks is whom he told."""
    doc = _tagged("وقال رئيس البلدية سامر عادل لشبكة «نجمة» الإخبارية إن الطريق مغلق.", ("سامر عادل", "PER"))
    assert _said(doc) == [("الطريق مغلق", "سامر عادل")]


@pytest.mark.parametrize(("second", "said"), [
    ("وأكد أهمية الحل السياسي للأزمة.", "أهمية الحل السياسي للأزمة"),
    ("وأعلن استئناف المفاوضات الأسبوع المقبل.", "استئناف المفاوضات الأسبوع المقبل"),
], ids=["said-noun", "verbal-noun"])
def test_a_subjectless_verb_says_its_object(second: str, said: str) -> None:
    """"وأكد أهمية الحل": the speaker before goes on, and what he stressed is the quote, not a speaker."""
    doc = _doc("وقال الوزير إن المحادثات مثمرة. " + second)
    assert _said(doc) == [("المحادثات مثمرة", "الوزير"), (said, "الوزير")]


def test_a_subject_after_its_verb_is_no_object() -> None:
    """"وأعلن مطار المدينة عودة الرحلات": the airport announced; it is not what was announced."""
    doc = _doc("وأعلن مطار المدينة عودة الرحلات إلى طبيعتها.")
    assert [(text, speaker) for text, speaker in _said(doc) if text.startswith("مطار")] == []


@pytest.mark.parametrize(("body", "said"), [
    ("وينص الاتفاق على رفع العقوبات تدريجيا.", [("رفع العقوبات تدريجيا", "الاتفاق")]),
    ("إذ تنص الاتفاقية على حماية المدنيين في المنطقة.", [("حماية المدنيين في المنطقة", "الاتفاقية")]),
    ("وطالب البرلمان بالاطلاع على نص الاتفاق قبل التصويت.", []),
], ids=["document-verb-opens-its-clause", "after-idh", "the-noun-text-of"])
def test_a_documents_verb_reports_only_where_it_opens_its_clause(body: str, said: list[tuple[str, str]]) -> None:
    """"وينص الاتفاق على …" reports what the agreement says; "على نص الاتفاق" is the noun (its text)."""
    assert [q for q in _said(_doc(body)) if q[1] in ("الاتفاق", "الاتفاقية")] == said


@pytest.mark.parametrize(("body", "who"), [
    ('وقالت شبكة "نجمة إن إن" إن الطريق مغلق.', 'شبكة "نجمة إن إن"'),
    ("وذكرت صحيفة «الأيام» البريطانية أن الطريق مغلق.", "صحيفة «الأيام» البريطانية"),
], ids=["closing-mark-after", "name-and-adjective"])
def test_a_speaker_named_in_marks_keeps_both_marks(body: str, who: str) -> None:
    """A speaker span never opens a quote mark it does not close: 'شبكة "نجمة إن إن"', not 'شبكة "نجمة إن إن'."""
    assert _said(_doc(body)) == [("الطريق مغلق", who)]


def test_a_relaying_outlet_after_a_statement_takes_nothing_from_its_speaker() -> None:
    """"وأشار الوزير إلى أن …، وفقا لما ذكرته «الصحيفة»": the minister's words, once, with his name."""
    doc = _doc("وأشار الوزير إلى أن المشروع سيكتمل العام المقبل، وفقا لما ذكرته «الصحيفة».")
    assert _said(doc) == [("المشروع سيكتمل العام المقبل", "الوزير")]


@pytest.mark.parametrize("body", [
    "وتبدأ الدراسة الأحد المقبل، وفقا لأجندة محلية خالصة.",
    "وجاء اللاعب إلى النادي أمس برفقة وكيله.",
    "ووفقا للعادة المتبعة، يجتمع أهالي الحي في الساحة كل عام.",
    "ووفقا لسامر عادل، مدير الشركة في الرياض منذ عامين.",
    "وأعلن المتحدث الحصيلة، إلا أنه لم يذكر الأسماء.",
    "وأعلن المتحدث الحصيلة التي يمكن أن ترتفع.",
], ids=["how-not-who", "came-not-found-in", "fronted-how-not-who", "fronted-source-and-its-title",
        "concession-not-speech", "possibility-not-speech"])
def test_a_source_that_says_how_and_a_verb_of_coming_report_nothing(body: str) -> None:
    """"وفقا لأجندة …" says how, not who; "جاء" with no في after it is no text's content."""
    assert quotes(_doc(body)) == []


@pytest.mark.parametrize(("body", "speaker"), [
    ("والمسؤولون في الوزارة يؤكدون أن الوضع تحت السيطرة.", "المسؤولون في الوزارة"),
    ("الوزارة تؤكد أن الخطة جاهزة.", "الوزارة"),
    ("وفي الرياض قال إن الخطة جاهزة.", None),
    ("ويضاف إليه خيار «الزعفران» ويرى أن الهيل أفضل.", None),
], ids=["plural-before-present", "institution-before", "place-first", "quoted-term-first"])
def test_a_subject_written_before_its_verb_speaks(body: str, speaker: str | None) -> None:
    """A noun clause right before a verb with no subject after it is its subject; a place or a quoted term is not."""
    doc = _doc(body)
    assert [_text(doc, q.speaker) for q in quotes(doc)] == [speaker]


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("قال سامي عبر تصريح بثه الموقع الرسمي للنادي عبر تطبيقه: أنا سعيد كثيرا في النادي.",
     "أنا سعيد كثيرا في النادي", "سامي"),
    ("أكد محترف النادي الجديد «فادي المنصور» على صعوبة أولى مبارياته مع الفريق.",
     "صعوبة أولى مبارياته مع الفريق", "فادي المنصور"),
], ids=["colon-past-adjuncts", "quoted-name-then-object"])
def test_speech_past_adjuncts_and_a_quoted_name(body: str, text: str, speaker: str) -> None:
    """A colon after the subject's adjuncts opens the words; a quoted name ending in الم… is no participle."""
    doc = _doc(body)
    assert _said(doc) == [(text, speaker)]


@pytest.mark.parametrize(("body", "speaker"), [
    (("وأوضح مدير عام فرع وزارة الشؤون الإسلامية والأوقاف والدعوة والإرشاد في المنطقة الشيخ عادل المنصور،"
      " أن الندوة ناجحة."), "عادل المنصور"),
    ("وذكرت الصحيفة في تقرير لها أن المدرب غادر.", "الصحيفة"),
    ("وقال المسؤول في الوزارة إن المدرب غادر.", "المسؤول في الوزارة"),
], ids=["name-after-a-long-title", "where-an-institution-said-it", "role-in-its-institution"])
def test_the_speaker_is_the_name_after_its_title_and_no_adjunct(body: str, speaker: str) -> None:
    """The name at the end of a 13-word title speaks; "في تقرير لها" is where, not who; "المسؤول في الوزارة" is who."""
    doc = _doc(body)
    assert [_text(doc, q.speaker) for q in quotes(doc)] == [speaker]


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("وعلمت «الوطن» من مصادرها الخاصة أن النادي سيرسل رده قريبا.", "النادي سيرسل رده قريبا", "مصادرها الخاصة"),
    ("وطمأن الرئيس الناخبين في بلاده أنه يعمل على تأمين البلاد.", "أنه يعمل على تأمين البلاد", "الرئيس"),
], ids=["learned-from-its-sources", "reassured"])
def test_what_an_outlet_learned_and_a_reassurance(body: str, text: str, speaker: str) -> None:
    """"علمت X من مصادرها أن": its sources speak; "طمأن X الناخبين أنه": X speaks to them."""
    doc = _doc(body)
    assert _said(doc) == [(text, speaker)]
    assert quotes(_doc("وعلمت الأسرة بالخبر من الجيران مساء أمس.")) == []


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("وقال الوزير لـ«الشرق» إن الاتفاق قريب.", "الاتفاق قريب", "الوزير"),
    ('كشف لـ "الوطن" مصدر مطلع، أن النادي لا يمانع في نقل المباراة.', "النادي لا يمانع في نقل المباراة",
     "مصدر مطلع"),
    ('وأكد المقيم لـ"سبق" أن المستشفى يطالبه بدفع المبلغ.', "المستشفى يطالبه بدفع المبلغ", "المقيم"),
    ("وتحدث مصدر في الوزارة عن وجود مواطن بين المصابين.", "وجود مواطن بين المصابين", "مصدر في الوزارة"),
], ids=["told-an-outlet", "told-an-outlet-first", "verb-with-its-object-inside", "spoke-about"])
def test_the_outlet_told_is_no_quote_and_a_verb_inside_the_words_cuts_nothing(body: str, text: str,
                                                                             speaker: str) -> None:
    """لـ«المنبر» names who was told, not words said; "يطالبه" inside the clause goes on; "تحدث عن" opens words."""
    doc = _doc(body)
    assert _said(doc) == [(text, speaker)]
    assert quotes(_doc("وتحدث الوزير إلى الصحفيين أمس في المؤتمر.")) == []


def test_a_verb_inside_the_words_names_no_next_speaker() -> None:
    """"… أن المستشفى يطالبه بدفع المبلغ، مبيناً أنه …": the participle continues the resident, not "بدفع"."""
    doc = _doc("وأكد المقيم سالم العتيبي أن المستشفى يطالبه بدفع المبلغ كاملا، مبيناً أنه راجع الإدارة مرتين.")
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["سالم العتيبي", "سالم العتيبي"]


def test_a_title_with_its_place_reaches_the_name_and_the_tagged_person_speaks() -> None:
    """A role's place ("… بالأمانة") comes before its name; past a place name in the title, the tagged person speaks.

    "مدير إدارة العمليات بالأمانة راشد الحربي"; "مدير العلاقات العامة بمطار الملك فهد الدولي بالدمام أحمد
    العباسي": not "فهد الدولي".
    """
    doc = _doc("وأوضح مدير إدارة العمليات بالأمانة سامر الحربي، أنه تم ضبط سيارتين محملتين بالمواد.")
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["سامر الحربي"]
    body = "وأكد مدير العلاقات العامة بمطار الملك فهد الدولي بالدمام أحمد العباسي أن المطار استقبل 5 رحلات."
    doc = _tagged(body, ("أحمد العباسي", "PER"))
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["أحمد العباسي"]
    assert quotes(_doc("وأشادت الوزارة بالمحادثات التي جرت أمس بين الطرفين.")) == []


def test_a_call_to_its_addressees_and_a_far_an_are_read_right() -> None:
    """"دعا العبدان المسافرين إلى …": إلى is دعا's; "نقل مباراة … عن" far on is no relay cutting the clause."""
    doc = _doc("كما دعا العبدان المسافرين إلى التواصل مع خطوط الطيران للاستعلام عن رحلاتهم.")
    assert _said(doc) == [
        ("التواصل مع خطوط الطيران للاستعلام عن رحلاتهم", "العبدان")]
    doc = _doc("وقال مصدر مطلع إن النادي لا يمانع في نقل مباراة فريقه تلفزيونيا، ولم تتضح تفاصيل البث عن قرب.")
    assert [doc.text(q.span) for q in quotes(doc)] == [
        "النادي لا يمانع في نقل مباراة فريقه تلفزيونيا، ولم تتضح تفاصيل البث عن قرب"]


def test_a_condemnation_attributes_its_quote_and_ban_is_a_name_before_ki() -> None:
    """"وندد الأمين العام بان كي مون بالهجوم الذي «…»": the quote is his; "بان" before "كي" is no بأن."""
    doc = _doc("وندد الأمين العام للأمم المتحدة بان كي مون أمس بالهجوم الذي «تسبب بمقتل موظف متعاقد».")
    assert [(q.kind, doc.text(q.span), _text(doc, q.speaker)) for q in quotes(doc)] == [
        ("direct", "تسبب بمقتل موظف متعاقد", "بان كي مون")]
    doc = _doc("وأكد الوزير بأن الوضع مستقر تماما.")
    assert [doc.text(q.span) for q in quotes(doc)] == ["الوضع مستقر تماما"]


def test_the_person_spoken_about_is_not_the_speaker() -> None:
    """"وعن راموس قال «…»": Ramos is the topic; the last speaker, the coach, goes on."""
    body = "وقال المدرب رافائيل إن الفريق جاهز. وعن راموس قال «هو لاعب أساسي في فريقنا»."
    doc = _doc(body)
    at = body.index("راموس")
    doc.mentions = (Span("t", body.index("رافائيل"), body.index("رافائيل") + len("رافائيل"), "PER"),
                    Span("t", at, at + len("راموس"), "PER"))
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["رافائيل", "رافائيل"]


def test_a_verb_whose_words_follow_its_attached_ba() -> None:
    """"منوهاً بضرورة تعاون الجميع": نوّه's words follow the ب of the first word that carries one."""
    doc = _doc("وأكد المدير أن الأمانة تكثف المراقبة، منوهاً بضرورة تعاون الجميع لمكافحة الظواهر السلبية.")
    assert _said(doc) == [
        ("الأمانة تكثف المراقبة", "المدير"), ("ضرورة تعاون الجميع لمكافحة الظواهر السلبية", "المدير")]


def test_a_verbal_noun_after_a_tagged_name_is_what_it_said() -> None:
    """"وأكد وزير الخارجية عادل الجبير حرص المملكة …": the verbal noun after the name the tagger found; not a title."""
    body = "وأكد وزير الخارجية عادل الجبير حرص المملكة على أمن المنطقة."
    doc = _tagged(body, ("عادل الجبير", "PER"))
    assert _said(doc) == [
        ("حرص المملكة على أمن المنطقة", "عادل الجبير")]
    body = "ودعا محمد السعد مدير الإدارة العامة للجوازات المقيمين إلى تحديث بياناتهم."
    doc = _doc(body)
    doc.mentions = (Span("t", body.index("محمد"), body.index("محمد") + len("محمد السعد"), "PER"),)
    assert [doc.text(q.span) for q in quotes(doc)] == ["تحديث بياناتهم"]


def test_after_amma_the_topic_speaks_and_its_quoted_name_is_no_quote() -> None:
    """'أما العم "حمزة الحكيم"، فبين أنه …': the topic is the speaker, and his name in marks is not a quote."""
    doc = _doc('وقال المدرب عادل إن الفريق جاهز. أما العم "حمزة الحكيم"، فبين أنه يزاول هذه المهنة منذ 25 عاما.')
    assert [(q.kind, doc.text(q.span), _text(doc, q.speaker)) for q in quotes(doc)] == [
        ("indirect", "الفريق جاهز", "عادل"), ("indirect", "أنه يزاول هذه المهنة منذ 25 عاما", "حمزة الحكيم")]


def test_speech_after_a_colon_without_quote_marks_is_an_indirect_quote() -> None:
    """"وأضاف: …" with no quote marks: the words after the colon, for the last speaker."""
    doc = _doc("وقال المدرب حسان نور إن الفريق جاهز. وأضاف: اللاعبون سيتدربون غدا صباحا.")
    assert _said(doc) == [
        ("الفريق جاهز", "حسان نور"), ("اللاعبون سيتدربون غدا صباحا", "حسان نور")]


def test_a_quoted_word_opening_the_clause_keeps_the_indirect_quote() -> None:
    """"ويرى أن «الشاي» أفضل": the clause is no direct quote because its first word is in marks."""
    doc = _doc("ويرى الخباز منير سعد أن «الشاي» أفضل من القهوة.")
    assert [(q.kind, doc.text(q.span)) for q in quotes(doc) if q.kind == "indirect"] == [
        ("indirect", "«الشاي» أفضل من القهوة")]


def test_the_object_preposition_may_follow_adverbials_and_a_quoted_name() -> None:
    """"أعلن النادي مساء أمس عن …"; "أكد المحترف «فلان» على …": the quoted name is the speaker."""
    doc = _doc("وأعلن نادي النجوم مساء أمس عن وصول المدرب الجديد.")
    assert [doc.text(q.span) for q in quotes(doc)] == ["وصول المدرب الجديد"]
    assert quotes(_doc("وأعلن وزراء الدول المطلة على البحر مساء أمس التوصل إلى اتفاق.")) == []  # the participle's على
    doc = _doc("وأكد المحترف الجديد «كارلوس مندي» على صعوبة المباراة الأولى.")
    assert _said(doc) == [
        ("صعوبة المباراة الأولى", "كارلوس مندي")]


def test_a_source_naming_its_speaker_by_a_pronoun_keeps_the_quote() -> None:
    """"«…»، حسب قوله": the marker attributes the quote to the last speaker, who is no new speaker."""
    doc = _doc("وقال المدرب حسان نور إن الفريق جاهز. والمباراة «ستكون صعبة جدا»، حسب قوله.")
    assert [(q.kind, _text(doc, q.speaker)) for q in quotes(doc)] == [("indirect", "حسان نور"), ("direct", "حسان نور")]


def test_a_phrase_opening_with_a_preposition_or_a_pronoun_suffix_is_no_speaker() -> None:
    """"نقلهم لقطار آخر", "تقرير أصدره": what follows the verb is no subject; the last speaker goes on."""
    doc = _doc("وقال المحافظ سمير بكر إن الركاب بخير. وتم نقلهم لقطار آخر، مضيفا أن الرحلة استؤنفت.")
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["سمير بكر", "سمير بكر"]
    doc = _doc("ونقلت الوكالة عن متحدث باسم الصندوق ومقره جنيف قوله إن القرض جاهز.")
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["متحدث باسم الصندوق"]


def test_relative_clause_verb_is_no_speaker() -> None:
    """A verb inside a relative clause (التي أعلنت ...) does not take over the quote."""
    doc = _doc("وأكد الوزير نبيل حسون أن المناطق التي أعلنت الحكومة ضمها «خارج النقاش».")
    (q,) = _direct(doc)
    assert _text(doc, q.speaker) == "نبيل حسون"


@pytest.mark.parametrize(
    "body",
    [
        "وقال الطبيب أحمد سعيد:  « سنبدأ العلاج فورا » .\nوأضاف أن المرضى بخير.",
        "التقى الوزيران.\n\nوقال أحدهما «اللقاء مثمر\n\nوأكدت الوزارة أن الزيارة تستمر يومين.",
    ],
)
def test_spans_reproduce_text(body: str) -> None:
    """Every quote and speaker span points into the body, is labelled for its part, and has no edge blanks."""
    doc = _doc(body)
    found = quotes(doc)
    assert found
    for q in found:
        assert q.article == doc.id and q.span.label == "quote"
        assert 0 <= q.span.start < q.span.end <= len(body)
        assert doc.text(q.span) == doc.text(q.span).strip()
        for part, label in ((q.verb, "verb"), (q.speaker, "speaker"), (q.role, "role")):
            if part is not None:
                assert part.article == doc.id and part.label == label
                assert 0 <= part.start < part.end <= len(body)
                assert doc.text(part) == doc.text(part).strip()


@pytest.mark.parametrize(
    "body",
    [
        'وقالت الشركة إن حسابها على "تويتر" يضم مليون متابع.',
        'وقال الباحثون في مركز "CDC" إن العدوى تراجعت.',
    ],
)
def test_quoted_names_and_terms_are_not_quotes(body: str) -> None:
    """A quoted brand or acronym inside reported speech is a name, not a direct quote."""
    assert _direct(_doc(body)) == []


def test_find_quotes_fills_each_doc() -> None:
    """find_quotes fills every Doc's quotes (an empty tuple when it has none) and keeps quotes already found."""
    a, b = _doc("وقال الوزير سالم النجار: «نعم بالتأكيد».", "a"), _doc("لا شيء هنا.", "b")
    kept = _doc("وقال الوزير سالم النجار: «نعم بالتأكيد».", "c")
    kept.quotes = ()
    find_quotes([a, b, kept])
    assert a.quotes is not None and len(a.quotes) == 1 and a.quotes[0].article == "a"
    assert b.quotes == () and kept.quotes == ()


def test_seed_articles(seeds_dir: Path) -> None:
    """On real articles: several direct quotes, valid spans, and most direct quotes have a speaker."""
    raws = [d for d in ingest.read_paths([seeds_dir]) if isinstance(d, RawDocument)]
    found = [(doc, q) for doc in (Doc(clean(r)) for r in raws) for q in quotes(doc)]
    assert all(q.article == doc.id and 0 <= q.span.start < q.span.end <= len(doc.body) for doc, q in found)
    direct = [q for _, q in found if q.kind == "direct"]
    assert len(direct) >= 10
    assert sum(q.speaker is not None for q in direct) >= 0.8 * len(direct)


def test_a_speaker_phrase_ends_at_its_object_and_a_tagged_person_before_a_fragment_speaks() -> None:
    """"ولم يوضح المتحدث هوية القتيل … مشيرا": هوية opens the object; "وأضاف العباسي بتصريح خاص أن": the person speaks."""
    doc = _doc("ولم يوضح المتحدث هوية القتيل بانتظار إبلاغ عائلته، مشيرا إلى أنه كان يعمل لدى شركة طيران.")
    assert _said(doc) == [
        ("أنه كان يعمل لدى شركة طيران", "المتحدث")]
    doc = _tagged("وأضاف العباسي بتصريح خاص للصحيفة أن الرحلات منتظمة.", ("العباسي", "PER"))
    assert _said(doc) == [("الرحلات منتظمة", "العباسي")]


def test_a_verbal_noun_the_training_text_never_saw_is_the_object_of_a_named_institution() -> None:
    """"أكدت المؤسسة العامة للخطوط الحديدية انتظام الرحلات": انتظام fits a verbal noun's pattern, so it is what was said."""
    doc = _doc("أكدت المؤسسة العامة للخطوط الحديدية انتظام جميع رحلات القطارات أمس.")
    name = "المؤسسة العامة للخطوط الحديدية"
    at = doc.body.index(name)
    doc.mentions = (Span(doc.id, at, at + len(name), "ORG"),)
    assert _said(doc) == [
        ("انتظام جميع رحلات القطارات أمس", name)]
    run_on = name + " انتظام"  # the tagger's name running on into the object
    doc.mentions = (Span(doc.id, at, at + len(run_on), "ORG"),)
    assert [doc.text(q.span) for q in quotes(doc)] == ["انتظام جميع رحلات القطارات أمس"]


def test_people_in_words_said_after_a_colon_and_a_participle_after_a_verb_take_the_last_speaker() -> None:
    """"قال كافو …: … نيمار …، وأضاف قائلا:": نيمار is spoken of, so وأضاف and قائلا keep كافو."""
    doc = _doc("فقد قال كافو في تصريحات صحفية: يجب تكريس نيمار للعب، وأضاف قائلا: المشكلة أن نيمار يلعب كثيرا.")
    doc.mentions = tuple(Span(doc.id, m.start(), m.end(), "PER") for m in re.finditer("كافو|نيمار", doc.body))
    assert {_text(doc, q.speaker) for q in quotes(doc)} == {"كافو"}


def test_a_verb_that_is_also_a_common_word_reaches_past_a_long_subject_that_names_a_person() -> None:
    """"ويتوقع المهاجم الإسباني الدولي دييجو كوستا أن": a tagged person makes the far أن the verb's own."""
    body = "ويتوقع المهاجم الإسباني الدولي دييجو كوستا أن يتخطى زميله الموسم المحبط."
    doc = _doc(body)
    assert quotes(doc) == []  # untagged, the أن is too far for يتوقع
    at = body.index("دييجو كوستا")
    doc = _doc(body)
    doc.mentions = (Span(doc.id, at, at + len("دييجو كوستا"), "PER"),)
    assert _said(doc) == [
        ("يتخطى زميله الموسم المحبط", "دييجو كوستا")]
    doc = _doc("وأبان مدير فرع الجمعية أن المسابقة تضمنت أعمالا متميزة.")
    assert [doc.text(q.span) for q in quotes(doc)] == ["المسابقة تضمنت أعمالا متميزة"]


def test_a_source_marker_that_credits_nothing_names_no_next_speaker() -> None:
    """"وفق الرغبات التالية التي …" credits no words, so the next subjectless verb keeps the spokesman."""
    doc = _doc("وقال المتحدث إن القبول تم. وتم القبول وفق الرغبات التالية التي أدخلتها الطالبة في البوابة. "
               "وأضاف أن النتائج نهائية.")
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["المتحدث", "المتحدث"]


def test_a_relative_clause_after_a_verb_inside_the_words_is_no_speaker() -> None:
    """"مستندات تؤكد ما ذهب إليه": "ما ذهب إليه" is what they confirm; the next "وأضاف" is still the husband."""
    doc = _doc("وقال الزوج إن لديه مستندات تؤكد ما ذهب إليه. وأضاف أن الجامعة أخطأت في حقه.")
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["الزوج", "الزوج"]


def test_a_source_between_commas_credits_the_clause_before_it() -> None:
    """"…، بحسب محللين، وفي ظل ذلك …": the analysts said what comes before the marker."""
    doc = _doc("حققت البورصة ارتفاعا، ويعود هذا الارتفاع إلى نتائج الشركات الجيدة، بحسب محللين، "
               "وفي ظل ذلك ارتفع المؤشر العام.")
    (q,) = quotes(doc)
    assert doc.text(q.span).endswith("نتائج الشركات الجيدة") and _text(doc, q.speaker) == "محللين"


def test_a_place_ending_like_a_pronoun_does_not_cut_the_speaker_phrase() -> None:
    """"مدير فنون أبها أحمد السروي": أبها ends in ها but the tagger put it in a name, so the person is reached."""
    body = "وقال مدير فنون أبها أحمد السروي، إن لجنة التحكيم بدأت أعمالها."
    doc = _tagged(body, ("أبها", "LOC"), ("أحمد السروي", "PER"))
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["أحمد السروي"]


def test_a_subjectless_verb_takes_the_subject_that_opens_its_sentence() -> None:
    """"أصدرت جامعة تبوك بيانا …، وقالت إن": the university speaks, not the teacher the statement names."""
    body = "أصدرت جامعة تبوك بيانا تبرأت فيه من وفاة المعلمة، وقالت إن الوفاة لا علاقة لها بالقبول."
    doc = _tagged(body, ("جامعة تبوك", "ORG"), ("المعلمة", "PER"))
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["جامعة تبوك"]


def test_an_unnamed_source_after_a_marker_is_the_whole_description_without_the_markers_lam() -> None:
    """"وفقا لمصادر مطلعة، فإن …": the speaker is "مصادر مطلعة" (no name in it, no ل of the marker)."""
    for body in ("ووفقا لمصادر مطلعة، فإن الحوار سيبدأ غدا.", "وبحسب مصادر مطلعة، فإن الحوار سيبدأ غدا."):
        doc = _doc(body)
        assert _said(doc) == [("الحوار سيبدأ غدا", "مصادر مطلعة")]


def test_a_source_marker_in_a_verbs_clause_relays_its_words_and_the_verbs_subject_speaks() -> None:
    """"وأضافت الوزارة بحسب «عكاظ» أن …": the ministry speaks, the newspaper only relays it."""
    doc = _doc("وأضافت الوزارة بحسب «عكاظ» أن المؤسسة المخالفة تعاقب بإيقاف الخدمة.")
    assert _said(doc) == [("المؤسسة المخالفة تعاقب بإيقاف الخدمة", "الوزارة")]


def test_who_had_said_it_before_stands_after_sabaqa_li() -> None:
    """"وسبق لوسائل إعلام إسبانية أن ذكرت أن …": the media said it, not the coach quoted before."""
    doc = _doc("وقال المدرب خالد العلي إن اللاعب باق. وسبق لوسائل إعلام إسبانية أن ذكرت أن اللاعب يريد الرحيل.")
    assert _said(doc) == [("اللاعب باق", "خالد العلي"), ("اللاعب يريد الرحيل", "وسائل إعلام إسبانية")]


def test_an_unnamed_sources_description_names_no_one_past_its_first_word() -> None:
    """"مصادر عسكرية اتصلت بها وكالة …": no word of the description is taken for a person's name."""
    doc = _doc("وقالت مصادر عسكرية اتصلت بها وكالة الصحافة الفرنسية إن المهاجمين اقتحموا الفندق.")
    (q,) = quotes(doc)
    assert doc.text(q.span) == "المهاجمين اقتحموا الفندق" and _text(doc, q.speaker).startswith("مصادر عسكرية")


@pytest.mark.parametrize("body, said", [
    ("وأفادت البعثة الدولية عن وجود عنصر يعمل لديها بين القتلى.", "وجود عنصر يعمل لديها بين القتلى"),
    ("كما تعهدت المؤسسة بالإعلان عن نتائج التحقيق.", "الإعلان عن نتائج التحقيق"),
    ("وقال الأب إن الأمر خطير، مطالبا بتشكيل لجنة للتحقيق.", "تشكيل لجنة للتحقيق"),
], ids=["afada-an", "taahhada-bi", "mutaliban-bi"])
def test_verbs_whose_words_follow_a_preposition_as_a_noun_phrase(body: str, said: str) -> None:
    """أفاد عن، تعهد بـ، مطالبا بـ: what was reported, pledged or demanded is the noun phrase after them."""
    assert said in [doc_text for doc_text, _ in _said(_doc(body))]


def test_a_reporting_verbs_form_inside_the_words_does_not_end_them() -> None:
    """"… أن المهندس فلان تابع بنفسه الموقف": تابع is the clause's verb (followed), not "he went on"."""
    doc = _doc("ولفت المتحدث إلى أن المهندس محمد الزيد تابع بنفسه الموقف من غرفة التحكم. وتابع المتحدث: «الرحلات منتظمة».")
    assert _said(doc) == [("المهندس محمد الزيد تابع بنفسه الموقف من غرفة التحكم", "المتحدث"),
                          ("الرحلات منتظمة", "المتحدث")]


def test_a_complementizers_form_inside_a_tagged_name_opens_nothing() -> None:
    """"وقال لويس فان غال إن …": فان is part of the person's name; the words start after إن."""
    body = "وقال لويس فان غال إن الفريق جاهز للموسم."
    doc = _tagged(body, ("لويس فان غال", "PER"))
    assert _said(doc) == [("الفريق جاهز للموسم", "لويس فان غال")]



@pytest.mark.parametrize("body, said, who", [
    ("وأورد التقرير أن حركة الرياح شمالية.", "حركة الرياح شمالية", "التقرير"),
    ("ووجدت الدراسة أن نسبة البطالة منخفضة.", "نسبة البطالة منخفضة", "الدراسة"),
    ("وألمح التقرير إلى أن الأسعار سترتفع.", "الأسعار سترتفع", "التقرير"),
    ("وشرح المدير سعد العريني أن البرنامج سيبدأ غدا.", "البرنامج سيبدأ غدا", "سعد العريني"),
    ("وقال السكان إن الأسعار مرتفعة، لافتين إلى أن التمر غال.", "التمر غال", "السكان"),
    ("قالت «رويترز» في تحليل لها بأن أزمة الديون عميقة.", "أزمة الديون عميقة", "رويترز"),
    ('وأفادت وكالة الأنباء المحلية "نجمة " أن الأمطار أدت إلى انهيار منازل.', "الأمطار أدت إلى انهيار منازل",
     "وكالة الأنباء المحلية"),
], ids=["awrada", "wajadat-document", "almaha-ila", "sharaha-anna", "plural-participle", "title-then-adverbials",
        "title-with-a-space-before-its-closing-mark"])
def test_more_reporting_forms(body: str, said: str, who: str) -> None:
    """أورد، وجد (a document's)، ألمح إلى، شرح أن، plural participles, and an outlet's name in marks (spaced or not) before adverbials."""
    assert (said, who) in _said(_doc(body))


def test_found_and_explanation_are_no_reporting_verbs_without_their_cues() -> None:
    """"ووجد اللاعب نفسه" (a person finding), "إضافة إلى شرح المواد" (a noun): no quote, and no quote cut at them."""
    assert _said(_doc("ووجد اللاعب نفسه أمام المرمى، وأن الحارس بعيد.")) == []
    doc = _doc("وقال المصدر إن المباحثات تتعلق بالتطورات إضافة إلى شرح مواد الاتفاق.")
    assert _said(doc) == [("المباحثات تتعلق بالتطورات إضافة إلى شرح مواد الاتفاق", "المصدر")]


def test_a_name_set_off_by_commas_after_a_title_speaks() -> None:
    """"ممثل الغرفة، بيتر هينشكليف، إن" and "الأمين العام للمجلس، الدكتور فلان، عن": the person, not the title."""
    for body, name in (("وقال ممثل غرفة الملاحة، بيتر هينشكليف، إن المشروع ضخم.", "بيتر هينشكليف"),
                       ("وأكد الأمين العام للمجلس، الدكتور عبداللطيف الزياني، أن التصريح مرفوض.", "عبداللطيف الزياني")):
        doc = _tagged(body, (name, "PER"))
        assert [_text(doc, q.speaker) for q in quotes(doc)] == [name]


def test_a_definite_adjective_stays_with_its_title_but_a_year_does_not() -> None:
    """"الأمين العام" speaks whole; in "الحكومة العام الماضي" the year is no part of the speaker."""
    assert _said(_doc("وأكد الأمين العام أن الاجتماع ناجح.")) == [("الاجتماع ناجح", "الأمين العام")]
    assert _said(_doc("وأعلنت الحكومة العام الماضي أن الميزانية متوازنة.")) == [("الميزانية متوازنة", "الحكومة")]


def test_a_name_spoken_to_is_no_subject_of_a_subjectless_participle() -> None:
    """"ووجه الرئيس حديثه لـأوباما قائلا:": أوباما is addressed; the participle keeps the last speaker."""
    body = "وقال الرئيس كينياتا إن البلاد ترحب بالزوار. ووجه حديثه لأوباما قائلا: «إفريقيا مفتوحة للتجارة»."
    doc = _tagged(body, ("كينياتا", "PER"), ("أوباما", "PER"))
    assert [_text(doc, q.speaker) for q in quotes(doc)] == ["كينياتا", "كينياتا"]



def test_marks_after_a_colon_open_what_was_said_even_when_an_an_clause_follows() -> None:
    """'وقال مميش: «…»، مشيرا إلى أن …': the quoted words are a direct quote, not a title in the speaker phrase."""
    body = "وقال مميش: «استخدمنا 45 كراكة في الحفر»، مشيرا إلى أن الأعمال انتهت."
    doc = _tagged(body, ("مميش", "PER"))
    assert _said(doc) == [("استخدمنا 45 كراكة في الحفر", "مميش"), ("الأعمال انتهت", "مميش")]


def test_a_named_speakers_object_may_come_after_a_time() -> None:
    """"أعلنت وزارة الصحة اليوم الأحد، عدم تسجيل …": what the ministry announced, past the day."""
    body = "وأعلنت وزارة الصحة اليوم الأحد، عدم تسجيل أي حالة جديدة."
    doc = _tagged(body, ("وزارة الصحة", "ORG"))
    assert _said(doc) == [("عدم تسجيل أي حالة جديدة", "وزارة الصحة")]


def test_a_relay_with_a_pronoun_quotes_the_one_spoken_of_before() -> None:
    """"ونقل موقع النادي عنه قوله: «…»": the coach, named before, is quoted; the site only relays."""
    doc = _doc("وقال المدرب إن الفريق جاهز. ونقل موقع النادي عنه قوله للصحافيين: «الاستقبال كان رائعا».")
    assert _said(doc) == [("الفريق جاهز", "المدرب"), ("الاستقبال كان رائعا", "المدرب")]


def test_a_verbs_gender_tells_its_object_from_its_subject() -> None:
    """"ودعا الحكومة والمعارضة إلى": a masculine verb's feminine noun is whom it called on; the speaker goes on."""
    doc = _doc("وقال الرئيس إن الأزمة صعبة، ودعا الحكومة والمعارضة إلى الحوار الوطني. وقالت الحكومة إن الوضع مستقر.")
    assert _said(doc) == [("الأزمة صعبة", "الرئيس"), ("الحوار الوطني", "الرئيس"), ("الوضع مستقر", "الحكومة")]
    doc = _doc("وقالت الصحيفة إن الزيارة تاريخية، ودعت الكينيين إلى التمثل به.")
    assert [who for _, who in _said(doc)] == ["الصحيفة", "الصحيفة"]


def test_aqarra_reports_only_with_its_cue() -> None:
    """"وأقر الرئيس بأن …" reports; "أقر المجلس الميزانية" (approved) does not."""
    assert _said(_doc("وأقر الرئيس بأن الطريق ما زال طويلا.")) == [("الطريق ما زال طويلا", "الرئيس")]
    assert _said(_doc("وأقر المجلس الميزانية الجديدة للعام المقبل.")) == []


def test_a_title_that_names_no_one_may_say_a_verbal_noun() -> None:
    """"وأكد المتحدث الرسمي للوزارة انتظام الرحلات": no name, but a title speaks, and its object is said."""
    assert _said(_doc("وأكد المتحدث الرسمي للوزارة انتظام الرحلات.")) == [("انتظام الرحلات", "المتحدث الرسمي للوزارة")]
    assert _said(_doc("وأكد المتحدث الرسمي للوزارة الموعد.")) == []


@pytest.mark.parametrize("body, said, who", [
    ("وأكد المدير العام أن المشروع تأخر، مفيدا بأن العمل سيستأنف غدا.", "العمل سيستأنف غدا", "المدير العام"),
    ("وقال المحلل إن السوق مستقرة، متوقعا أن ترتفع الأسعار.", "ترتفع الأسعار", "المحلل"),
    ("واستبعد الوزير أن تتأخر الانتخابات.", "تتأخر الانتخابات", "الوزير"),
    ("ووعد المدرب بأن الفريق سيعود أقوى.", "الفريق سيعود أقوى", "المدرب"),
    ("واشترطت الجامعة أن يكون المتقدم حاصلا على الشهادة.", "يكون المتقدم حاصلا على الشهادة", "الجامعة"),
], ids=["mufidan", "mutawaqqian", "istabada", "waada", "ishtarata"])
def test_forms_that_completed_the_reporting_lemmas(body: str, said: str, who: str) -> None:
    """Participles and verbs added to complete their lemmas: مفيدا، متوقعا، استبعد، وعد، اشترط (with their أن)."""
    assert (said, who) in _said(_doc(body))


def test_a_plural_verb_has_its_subject_in_it_the_phrase_after_it_is_whom_it_speaks_to() -> None:
    """"وطالبوا المجتمع الدولي بالتدخل": the community is asked, not who asks; the speakers go on."""
    doc = _doc("وقال السكان إن الطريق خطر. وطالبوا المجتمع الدولي بالتدخل العاجل لحل الأزمة.")
    assert [who for _, who in _said(doc)] == ["السكان", "السكان"]


def test_an_object_may_follow_an_aside_between_commas_or_a_time() -> None:
    """"وأكد الصندوق، في بيان صادر عنه أمس، تلقيه خطابا", "أكد مصدر أمني صباح اليوم خروج …"; an aside must close."""
    assert _said(_doc("وأكد الصندوق، في بيان صادر عنه أمس، تلقيه خطابا من الحكومة.")) == [
        ("تلقيه خطابا من الحكومة", "الصندوق")]
    assert _said(_doc("وأكد مصدر أمني صباح اليوم خروج الجنود من المستشفى.")) == [
        ("خروج الجنود من المستشفى", "مصدر أمني")]
    assert _said(_doc("وأكد الصندوق، في بيان صادر عنه أمس ورقة العمل.")) == []


def test_words_after_a_colon_without_marks_run_to_the_end_of_their_paragraph() -> None:
    """"وقال المدرب: … . إنه لاعب كبير." is one statement; the next reporting verb, or a new line, ends it."""
    doc = _doc("وقال المدرب للصحفيين: الفريق يعرف ما يريد. إنه فريق كبير. وأضاف أن الموسم طويل.\nوصل الفريق.")
    assert _said(doc) == [("الفريق يعرف ما يريد. إنه فريق كبير", "المدرب"), ("الموسم طويل", "المدرب")]


def test_bil_qawl_reports_only_with_its_cue() -> None:
    """"وختم بالقول: …" reports (the last speaker goes on); "الالتزام بالقول والعمل" does not."""
    doc = _doc("وقال اللاعب إن الجماهير رائعة. وختم بالقول: أتقدم بالشكر للجماهير.")
    assert _said(doc) == [("الجماهير رائعة", "اللاعب"), ("أتقدم بالشكر للجماهير", "اللاعب")]
    assert _said(_doc("ونريد الالتزام بالقول والعمل في المرحلة المقبلة.")) == []


def test_a_time_or_concession_before_an_is_no_speech() -> None:
    """"قبل أن يبدأ جولة", "رغم أن …": the أن of a time or a concession opens nothing."""
    doc = _doc("وقال الرئيس التركي في مؤتمر صحافي قبل أن يبدأ جولة «لن نتراجع عن قرارنا».")
    assert _said(doc) == [("لن نتراجع عن قرارنا", "الرئيس التركي")]
    assert _said(_doc("وتحسن أداء الفريق بعد أن عاد المدرب من إجازته.")) == []


def test_a_word_qualifying_a_noun_after_a_roles_preposition_is_no_name() -> None:
    """"وقال الرئيس في مؤتمر صحافي" names no صحافي; a name after a definite word there still speaks."""
    assert _said(_doc("وقال الرئيس التركي في مؤتمر صحافي «نحن مستعدون».")) == [("نحن مستعدون", "الرئيس التركي")]
    body = "وقال مدير الإعلام في أمانة المنطقة سعد الثويني إن الفعاليات ناجحة."
    doc = _tagged(body, ("سعد الثويني", "PER"))
    assert _said(doc) == [("الفعاليات ناجحة", "سعد الثويني")]


@pytest.mark.parametrize("body, said, who", [
    ("وقال اللاعب عبر حسابه في «تويتر»: لا يعيبني أن أعتذر للجماهير.", "لا يعيبني أن أعتذر للجماهير", "اللاعب"),
    ("وأضافت المجموعة في التحليل الذي نقلته الوكالة، أن أسعار الغذاء تراجعت.", "أسعار الغذاء تراجعت", "المجموعة"),
    ("وأكد المتحدث الرسمي لهيئة المهندسين على ضرورة ضبط الجودة.", "ضرورة ضبط الجودة", "المتحدث الرسمي لهيئة المهندسين"),
    ("وأشار المجلس في بيانه إلى اهتمام المملكة باستقرار السوق.", "اهتمام المملكة باستقرار السوق", "المجلس"),
    ("وقالت الشرطة إن المتهم أقر بالسرقة أمام المحققين.", "المتهم أقر بالسرقة أمام المحققين", "الشرطة"),
], ids=["title-mark-then-colon", "relative-clause-verb", "genitive-not-participle", "ashara-ila-noun",
        "the-clauses-own-verb"])
def test_speech_past_titles_relative_clauses_and_its_own_verb(body: str, said: str, who: str) -> None:
    """A title's closing mark before a colon, a relative clause's verb, a genitive الم… and the clause's own verb."""
    assert (said, who) in _said(_doc(body))


def test_words_in_marks_before_a_time_clause_are_a_direct_quote_not_a_title() -> None:
    """'وقال المحلل "…" بعد أن …': the marks hold what he said; بعد أن opens no speech and names no one."""
    doc = _doc('وقال المحلل المالي "كل العوامل تشير إلى الاستقرار" بعد أن أنهت الأسهم تداولاتها.')
    assert _said(doc) == [("كل العوامل تشير إلى الاستقرار", "المحلل المالي")]


def test_a_name_the_tagger_found_in_marks_is_no_quote() -> None:
    """'في حوار مع «الشرق الأوسط»': the paper's name in marks is no words said; a description in marks is."""
    doc = _tagged("وقال الوزير في حوار مع «الشرق الأوسط» إن الحوار «مثمر جدا».", ("الشرق الأوسط", "ORG"))
    assert [doc.text(q.span) for q in quotes(doc) if q.kind == "direct"] == ["مثمر جدا"]


def test_a_tagged_name_that_reads_as_a_particle_or_a_common_word_still_speaks() -> None:
    """"المقدم علي بن عمير الشهراني" (علي normalizes to على), "ديدييه ريندرز" (…يه): the whole tagged name speaks."""
    body = "وأوضح المتحدث باسم الدفاع المدني المقدم علي بن عمير الشهراني، أن الحريق محدود."
    doc = _tagged(body, ("علي بن عمير الشهراني", "PER"))
    assert _said(doc) == [("الحريق محدود", "علي بن عمير الشهراني")]
    doc = _tagged("وقال وزير خارجية بلجيكا ديدييه ريندرز إن العقوبات ممكنة.", ("بلجيكا", "LOC"), ("ديدييه ريندرز", "PER"))
    assert _said(doc) == [("العقوبات ممكنة", "ديدييه ريندرز")]


@pytest.mark.parametrize("body, names, said, who", [
    ("واتهمت حماس إسرائيل بمحاولة التأثير على علاقاتها الخارجية.", (("حماس", "ORG"), ("إسرائيل", "LOC")),
     "محاولة التأثير على علاقاتها الخارجية", "حماس"),
    ("ومن جهته اتهم الزوج، جامعة المدينة بتغيير رغبات قبول ابنته دون علمه.", (),
     "تغيير رغبات قبول ابنته دون علمه", "الزوج"),
    ("واتهم الحزب الكردي أنقرة بالتواطؤ مع التنظيم في المنطقة.", (("أنقرة", "LOC"),),
     "التواطؤ مع التنظيم في المنطقة", "الحزب الكردي"),
    ("وقال المدير إن العمل مستمر. واتهم الحكومة بالتقصير في دعم المشروع.", (),
     "التقصير في دعم المشروع", "المدير"),
], ids=["two-names", "comma", "body-then-place", "one-word-addressee"])
def test_an_accusation_gives_what_the_accused_did_and_who_accused(
        body: str, names: tuple[tuple[str, str], ...], said: str, who: str) -> None:
    """اتهم/ناشد: the addressee stands between the subject and ب; what follows ب was said, by the subject."""
    assert (said, who) in _said(_tagged(body, *names))


def test_a_passive_accusation_names_no_speaker() -> None:
    """"واتهم بدعم …" (was accused of): nobody is quoted."""
    assert _said(_doc("وواجه الرئيس السابق انتقادات حادة واتهم بدعم النظام حتى اللحظة الأخيرة.")) == []


def test_a_quoted_subject_before_a_verbal_noun_object_speaks() -> None:
    """'وأكدت "الهيئة" عدم …': the quoted body speaks and the verbal noun is what it said; a short quote stays one."""
    assert _said(_doc('وأكدت "الهيئة" عدم تسجيل أي إصابات جديدة خلال الأسبوع.')) == [
        ("عدم تسجيل أي إصابات جديدة خلال الأسبوع", "الهيئة")]
    assert _said(_doc('وأكد "الوضع جيد" مصدر مسؤول.')) == [("الوضع جيد", None)]


@pytest.mark.parametrize("body, said, who", [
    ("وبحسب وكالة «نجمة»، قتل ثلاثة أشخاص في الحادث.", "قتل ثلاثة أشخاص في الحادث", "نجمة"),
    ("وبحسب تقرير «الشركة» استمر ارتفاع البورصة بقيادة قطاع البنوك.", "استمر ارتفاع البورصة بقيادة قطاع البنوك",
     "تقرير «الشركة»"),
    ("ووفقا لصحيفة «الأيام» البريطانية، فقد اضطر السائقون إلى التخفيف من السرعة.",
     "فقد اضطر السائقون إلى التخفيف من السرعة", "صحيفة «الأيام» البريطانية"),
], ids=["comma", "no-comma", "adjective-then-comma"])
def test_a_fronted_source_named_in_marks_after_its_head_word(body: str, said: str, who: str) -> None:
    """"بحسب وكالة «نجمة»، …": the name in marks belongs to the source, and the account follows it."""
    assert _said(_doc(body)) == [(said, who)]



def test_a_sentence_opening_with_wa_anna_continues_the_statement() -> None:
    """". وأن Y.": the next sentence of the paragraph, opening with وأن, is more of the same speaker's words."""
    doc = _doc("وأكد المدير أن العمل سيبدأ غدا في الموقع. وأن الشركة ستنهي المشروع. وأن التكلفة لن ترتفع هذا العام.")
    assert _said(doc) == [("العمل سيبدأ غدا في الموقع", "المدير"), ("الشركة ستنهي المشروع", "المدير"),
                          ("التكلفة لن ترتفع هذا العام", "المدير")]
    assert _said(_doc("وأكد المدير أن العمل سيبدأ غدا في الموقع.\nوأن الشركة ستنهي المشروع قبل الصيف.")) == [
        ("العمل سيبدأ غدا في الموقع", "المدير")]  # a new paragraph: not the same statement
