"""Tests for marsad.clean: furniture removal, metadata moves, headings, spans and the removed-line audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.arabic import is_bullet, normalize
from marsad.clean.rules import Rules, clean, clean_all, load_rules
from marsad.types import Article, RawDocument

TITLE = "افتتاح مكتبة عامة جديدة في وسط المدينة"
P1 = "افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب في مختلف المجالات."
P2 = "وقال رئيس البلدية إن المكتبة ستفتح أبوابها للزوار طوال أيام الأسبوع من الصباح حتى المساء."
P3 = "وأضاف أن المشروع استغرق عامين من العمل بمشاركة عدد من المهندسين والفنانين المحليين."


def _doc(*lines: str, title: str | None = None, published: str | None = None) -> RawDocument:
    """Build a raw scraped document from lines separated by blank lines."""
    return RawDocument("t1", "test.txt", "\n\n".join(lines), title=title, published=published)


def _check_spans(a: Article) -> None:
    """Assert every span points into the body, trimmed, and paragraphs are joined by blank lines."""
    for span in (*a.paragraphs, *a.headings, *a.sentences):
        text = a.text_of(span)
        assert 0 <= span.start < span.end <= len(a.body)
        assert text == text.strip()
    assert "\n\n".join(a.text_of(p) for p in a.paragraphs) == a.body
    assert set(a.headings) <= set(a.paragraphs)
    assert not set(a.headings) & {s for s in a.sentences}


def _reasons(a: Article) -> dict[str, str]:
    """Map each removed line to its reason."""
    return {r.line: r.reason for r in a.removed}


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
    a = clean(_doc(TITLE, P1, line, P2, P3))
    assert _reasons(a).get(line) == reason
    assert line not in a.body.split("\n\n")
    assert P1 in a.body and P2 in a.body and P3 in a.body
    _check_spans(a)


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
    a = clean(_doc(TITLE, P1, line, P2))
    assert line in a.body.split("\n\n")
    assert all(r.line != line for r in a.removed)


def test_masthead_title_and_name_line_are_removed() -> None:
    """A bare masthead title takes the short name line after it along."""
    a = clean(_doc("رئيس التحرير", "سامر خليل", TITLE, P1, P2))
    assert _reasons(a) == {"رئيس التحرير": "masthead", "سامر خليل": "masthead", TITLE: "title"}
    assert a.title == TITLE


def test_related_block_removes_following_headlines_only() -> None:
    """After a "related" marker, the headline lines go; a real paragraph after them ends the block."""
    headlines = [
        "ارتفاع أسعار الذهب في الأسواق المحلية",
        "فوز المنتخب في المباراة الودية أمس",
        # a teaser headline longer than any title limit still belongs to the list
        ("وزراء الزراعة في دول المنطقة يعقدون اجتماعاً طارئاً لبحث موجة الجفاف الطويلة التي ضربت الحقول "
         "بينما يتطلع المزارعون إلى دعم حكومي سريع قبل الموسم"),
    ]
    a = clean(_doc(TITLE, P1, P2, "مقالات ذات صلة", *headlines))
    assert [r.reason for r in a.removed[1:]] == ["related"] * 4
    assert a.body == f"{P1}\n\n{P2}"
    b = clean(_doc(TITLE, P1, "اقرأ أيضاً", headlines[0], P2, P3))
    assert P2 in b.body and P3 in b.body and headlines[0] not in b.body


def test_inline_read_also_line_is_removed() -> None:
    """A "read also: headline" line is related furniture."""
    line = "اقرأ أيضاً: ارتفاع أسعار الذهب في الأسواق المحلية"
    a = clean(_doc(TITLE, P1, line, P2))
    assert _reasons(a)[line] == "related" and line not in a.body


@pytest.mark.parametrize(
    ("repeated", "kept_copies"),
    [("الوفد لحظة وصوله إلى المطار", 0), (P2, 1)],
)
def test_repeated_lines(repeated: str, kept_copies: int) -> None:
    """A short line twice in a row is a photo caption (none kept); a repeated paragraph is kept once."""
    a = clean(_doc(TITLE, P1, repeated, repeated, P3))
    assert a.body.split("\n\n").count(repeated) == kept_copies
    assert sum(r.line == repeated for r in a.removed) == 2 - kept_copies


def test_date_line_fills_published_with_hijri_check() -> None:
    """The date line moves to `published` (source "text"), cross-checked with its Hijri date."""
    line = "الجمعة 7 مارس 2025 الموافق 7 رمضان 1446"
    a = clean(_doc(line, TITLE, P1, P2))
    assert (a.published, a.published_source) == ("2025-03-07", "text")
    assert _reasons(a)[line] == "date" and line not in a.body
    assert a.warnings == ()


def test_hijri_only_date_line_and_mismatch_warning() -> None:
    """A Hijri-only date line gives source "hijri"; a contradicting Gregorian date adds a warning."""
    a = clean(_doc("7 رمضان 1446 هـ", TITLE, P1, P2))
    assert (a.published, a.published_source) == ("2025-03-07", "hijri")
    b = clean(_doc("الجمعة 7 مارس 2025 الموافق 20 رمضان 1446", TITLE, P1, P2))
    assert any(w.startswith("hijri-mismatch") for w in b.warnings)


def test_metadata_date_is_kept_over_text_date() -> None:
    """A publication date from the container wins; the date line is still removed."""
    a = clean(_doc("6 مارس 2025", TITLE, P1, P2, published="2025-03-05"))
    assert a.published == "2025-03-05"
    assert "6 مارس 2025" not in a.body


def test_wire_dateline_gives_date_and_credit() -> None:
    """A "PLACE DATE AGENCY" dateline fills published and credits; a sentence with a date stays."""
    line = "الدمام 5 رمضان 1446 هـ الموافق 5 مارس 2025 م واس"
    a = clean(_doc(TITLE, line, P1, P2))
    assert (a.published, a.credits, _reasons(a)[line]) == ("2025-03-05", ("واس",), "date")
    sentence = "وصل الوفد الرسمي إلى الدمام في 5 مارس 2025 م"
    assert sentence in clean(_doc(TITLE, P1, sentence, P2)).body


@pytest.mark.parametrize("line", ["سلمى يوسف – الدوحة", "مراسلنا ـ عمّان", "بيروت - باريس: «مراسلونا»"])
def test_byline_above_the_body_is_removed(line: str) -> None:
    """A short "name – place" line above the body is a byline, and the title is found after it."""
    a = clean(_doc(line, TITLE, P1, P2))
    assert _reasons(a)[line] == "byline" and a.title == TITLE


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
    a = clean(_doc(TITLE, P1, P2, line))
    assert a.credits == credits
    assert _reasons(a)[line] == "credit" and line not in a.body


def test_summary_block_after_marker_moves_to_outlet_summary() -> None:
    """The bullet list after a summary marker becomes outlet_summary items without bullets."""
    items = ["افتتحت البلدية مكتبة عامة جديدة.", "تضم المكتبة عشرين ألف كتاب."]
    a = clean(_doc(TITLE, "اظهر الملخص", "\n".join(f"- {i}" for i in items), P1, P2))
    assert a.outlet_summary == tuple(items)
    assert all(i not in a.body for i in items) and P1 in a.body
    assert {r.reason for r in a.removed} == {"title", "summary"}


def test_lede_set_apart_by_layout_is_summary() -> None:
    """A lede between the title and the body, set apart by a wider gap, is the outlet's summary."""
    lede = "مكتبة جديدة تفتح أبوابها للقراء، وتضم آلاف الكتب في مختلف المجالات."
    text = f"{TITLE}\n{lede}\n\n\n\n{P1}\n{P2}\n{P3}"
    a = clean(RawDocument("t", "t.txt", text))
    assert a.outlet_summary == (lede,) and a.title == TITLE
    plain = clean(RawDocument("t", "t.txt", f"{TITLE}\n{lede}\n{P1}\n{P2}\n{P3}"))
    assert plain.outlet_summary == () and lede in plain.body


def test_title_from_text_and_from_metadata() -> None:
    """Without metadata the headline line becomes the title; with metadata its copy in the text is removed."""
    a = clean(_doc(TITLE, P1, P2))
    assert a.title == TITLE and TITLE not in a.body and _reasons(a)[TITLE] == "title"
    b = clean(_doc(TITLE, P1, P2, title=TITLE))
    assert b.title == TITLE and TITLE not in b.body
    long_line = "أعلنت البلدية أنها ستفتح مكتبة عامة جديدة في وسط المدينة خلال الأسابيع المقبلة بعد انتهاء أعمال الصيانة"
    assert long_line in clean(_doc(long_line, P1, P2)).body  # too long for a headline: body text
    c = clean(_doc(P1, P2))
    assert c.title is not None and c.title in P1 and any(w.startswith("title-inferred") for w in c.warnings)


@pytest.mark.parametrize(
    "heading", ["تفاصيل الخطة الجديدة", "«العودة إلى القراءة»", '"مكان للجميع"', "هل تنجح التجربة؟"],
)
def test_headings_stay_in_body_as_spans(heading: str) -> None:
    """Short unpunctuated lines between paragraphs are headings: in body, in `headings`, not in sentences."""
    a = clean(_doc(TITLE, P1, heading, P2, P3))
    assert [a.text_of(h) for h in a.headings] == [heading]
    assert all(a.text_of(s) != heading for s in a.sentences)
    _check_spans(a)


def test_short_sentence_is_not_a_heading() -> None:
    """A short line that ends with a full stop is a paragraph, not a heading."""
    a = clean(_doc(TITLE, P1, "وانتهى الحفل مساء.", P2))
    assert a.headings == ()


def test_spans_and_audit_on_a_full_scraped_page() -> None:
    """On a page with every kind of furniture, spans are exact and every input line is kept or audited."""
    lines = ["الأحد 9 مارس 2025", "رئيس التحرير", "سامر خليل", "عاجل", "محلياتثقافة وفنون", TITLE,
             "صورة المكتبة من الداخل", "صورة المكتبة من الداخل", P1, "|", "تفاصيل المشروع", P2, P3,
             "(وكالات)", "شاركها", "أخبار ذات صلة", "ارتفاع أسعار الذهب في الأسواق المحلية", "Exit mobile version"]
    a = clean(_doc(*lines))
    _check_spans(a)
    assert a.body.split("\n\n") == [P1, "تفاصيل المشروع", P2, P3]
    audited = [r.line for r in a.removed] + a.body.split("\n\n")
    assert sorted(audited) == sorted(lines)
    assert (a.title, a.published, a.credits) == (TITLE, "2025-03-09", ("وكالات",))
    assert len(a.sentences) == 3


def test_load_rules_extra_extends_the_lists(tmp_path: Path) -> None:
    """A user file in the same format adds phrases, sections and agencies."""
    extra = tmp_path / "extra.tsv"
    extra.write_text("# my site\nshare\tأرسل لصديق\nsection\tمدونات\nagency\tوكالة النجوم\n", encoding="utf-8")
    rules = load_rules(extra)
    assert isinstance(rules, Rules)
    a = clean(_doc(TITLE, P1, "أرسل لصديق", "مدوناتمحليات", P2, "(وكالة النجوم)"), rules)
    assert _reasons(a) == {TITLE: "title", "أرسل لصديق": "share", "مدوناتمحليات": "nav", "(وكالة النجوم)": "credit"}
    assert a.credits == ("وكالة النجوم",)
    base = clean(_doc(TITLE, P1, "أرسل لصديق", P2))
    assert "أرسل لصديق" in base.body


def test_clean_all_keeps_order() -> None:
    """clean_all cleans every document in order."""
    docs = [RawDocument(str(i), f"{i}.txt", f"{TITLE}\n\n{P1}") for i in range(3)]
    assert [a.id for a in clean_all(docs)] == ["0", "1", "2"]


def test_seeds_are_cleaned_generically(seeds_dir: Path) -> None:
    """On every real seed: no furniture phrase, lone symbol or English UI line remains; metadata is moved."""
    rules = load_rules()
    phrases = set(rules.phrases)
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        a = clean(RawDocument(path.stem, str(path), raw), rules)
        _check_spans(a)
        assert a.title, path.name
        assert len(a.sentences) >= 5, path.name
        for para in a.body.split("\n\n"):
            key = " ".join("".join(c if c.isalnum() or c.isspace() else " " for c in normalize(para)).split())
            assert key not in phrases, (path.name, para)
            assert any(c.isalnum() for c in para), (path.name, para)
            assert any("\u0600" <= c <= "\u06ff" for c in para), (path.name, para)
        stripped = [ln.strip() for ln in raw.splitlines() if ln.strip()]
        audited = [r.line for r in a.removed] + a.body.split("\n\n")
        assert sorted(audited) == sorted(stripped), path.name
        date_lines = [r.line for r in a.removed if r.reason == "date"]
        assert bool(date_lines) == (a.published is not None), path.name
        if any(r.reason == "credit" for r in a.removed):
            assert a.credits, path.name
        bullets = [ln for ln in stripped if is_bullet(ln)]
        if bullets:
            assert len(a.outlet_summary) >= len(bullets), path.name


SITE = "بوابة النخيل"
BYLINE = "كتب: سامي ناصر"
DATE = "الأحد 9 مارس 2025"


@pytest.mark.parametrize(
    ("lines", "masthead"),
    [
        # menu, a contact item and the site name above the headline, then date and byline
        (["الرئيسية", "سياسة", "اتصل بنا", SITE, "محليات", TITLE, DATE, BYLINE, P1, P2], [SITE]),
        # a teaser line above the headline: the one set above the date line wins (the teaser, too long
        # for a site name, stays in the body: a leftover is better than a false removal)
        (["عاجل", "ارتفاع أسعار الخضار في الأسواق الشعبية", TITLE, DATE, P1, P2], []),
        # a repeated photo caption between headline and body is no title
        (["القائمة", SITE, TITLE, "واجهة المكتبة الجديدة", "واجهة المكتبة الجديدة", P1, P2], [SITE]),
        # headline right above the first paragraph, nothing else
        ([TITLE, P1, P2], []),
    ],
)
def test_title_is_chosen_in_the_head_zone(lines: list[str], masthead: list[str]) -> None:
    """The headline is picked among the head-zone lines; short lines above it are masthead furniture."""
    a = clean(_doc(*lines))
    assert a.title == TITLE and _reasons(a)[TITLE] == "title"
    assert [r.line for r in a.removed if r.reason == "masthead"] == masthead
    assert a.body.split("\n\n")[-2:] == [P1, P2]
    _check_spans(a)


def test_short_line_above_title_stays_without_page_chrome() -> None:
    """Without menus or metadata in the head zone, a short first line is not dropped as a site name."""
    a = clean(_doc("كلمة افتتاحية", TITLE, P1, P2))
    assert a.title == TITLE and "كلمة افتتاحية" in a.body.split("\n\n")


def test_title_from_metadata_strips_site_name_above_its_copy() -> None:
    """With a metadata title, its copy in the text is found and the site name above it goes too."""
    a = clean(_doc("القائمة", SITE, TITLE, P1, P2, title=TITLE))
    assert _reasons(a) == {"القائمة": "nav", SITE: "masthead", TITLE: "title"}


@pytest.mark.parametrize(
    "line",
    ["اتصل بنا", "من نحن", "سياسة الخصوصية", "شروط الاستخدام", "أعلن معنا", "النشرة البريدية", "اشترك",
     "تسجيل الدخول"],
)
def test_menu_and_contact_items_are_nav(line: str) -> None:
    """Site menu and contact items are navigation furniture, in the head and at the foot."""
    for lines in ([line, TITLE, P1, P2], [TITLE, P1, P2, line]):
        a = clean(_doc(*lines))
        assert _reasons(a)[line] == "nav" and a.title == TITLE


@pytest.mark.parametrize(
    "line",
    ["كتب: سامي ناصر", "كتبت: ليلى حداد", "بقلم: مازن العلي", "بقلم مازن العلي", "إعداد: فريق التحرير",
     "تحرير: هالة منصور", "حوار: رامي يوسف", "تصوير: منى حداد", "كتب - سامي ناصر"],
)
def test_bylines_in_head_zone_and_at_end(line: str) -> None:
    """Byline prefixes with a short name are removed as "byline", under the title and at the end."""
    for lines in ([TITLE, line, P1, P2], [TITLE, P1, P2, line]):
        a = clean(_doc(*lines))
        assert _reasons(a)[line] == "byline" and line not in a.body.split("\n\n")
        assert a.headings == () and a.title == TITLE


@pytest.mark.parametrize(
    "line",
    ["كتب الطالب رسالة طويلة إلى والده يشرح فيها ظروف الدراسة.", "تحرير المدينة استغرق ثلاثة أسابيع",
     "كتب: رسالة الطالب إلى والده، وفيها يشرح ظروف الدراسة في الخارج."],
)
def test_body_lines_starting_like_bylines_stay(line: str) -> None:
    """A sentence that merely opens with a byline word, or a long "كتب:" line, stays in the body."""
    a = clean(_doc(TITLE, P1, line, P2))
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
    a = clean(_doc(TITLE, P1, P2, line, "شارك"))
    assert a.credits == credits and _reasons(a)[line] == "credit"


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
    a = clean(_doc(*lines))
    assert a.credits == ()
    assert all(r.reason != "credit" for r in a.removed)


@pytest.mark.parametrize(
    ("opening", "credits"),
    [
        ("الخرطوم (وكالة أنباء النيل) - أعلنت", ("وكالة أنباء النيل",)),
        ("رام الله (رويترز) - أعلنت", ("رويترز",)),
        ("بغداد - وكالة الرافدين: أعلنت", ("وكالة الرافدين",)),
        ("تونس - أ ف ب: أعلنت", ("أ ف ب",)),
        ("القاهرة - قال الوزير: أعلنت", ()),
        ("أعلنت", ()),
    ],
)
def test_wire_dateline_credits_agency_and_keeps_paragraph(opening: str, credits: tuple[str, ...]) -> None:
    """A wire dateline opening the first paragraph credits its agency; the paragraph stays whole in the body."""
    para = f"{opening} البلدية صباح اليوم افتتاح مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب."
    a = clean(_doc(TITLE, para, P2))
    assert a.credits == credits
    assert a.body.split("\n\n")[0] == para


def test_wire_end_mark_is_removed() -> None:
    """A wire "end" mark at the foot of the story is furniture, not a credit."""
    a = clean(_doc(TITLE, P1, P2, "(انتهى)"))
    assert _reasons(a)["(انتهى)"] == "end-mark" and a.credits == ()
