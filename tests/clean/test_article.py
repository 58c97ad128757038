"""Tests for marsad.clean.article: whole-document cleaning, metadata moved aside, spans, removed lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.arabic import is_bullet, normalize
from marsad.clean.article import MAX_BODY_CHARS, clean, clean_all
from marsad.clean.chars import plain_chars
from marsad.clean.rules import load_rules
from marsad.types import RawDocument
from tests.clean.helpers import P1, P2, P3, TITLE, check_spans, make_doc, reasons


def test_masthead_title_and_name_line_are_removed() -> None:
    """A bare masthead title takes the short name line after it along."""
    a = clean(make_doc("رئيس التحرير", "سامر خليل", TITLE, P1, P2))
    assert reasons(a) == {"رئيس التحرير": "masthead", "سامر خليل": "masthead", TITLE: "title"}
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
    a = clean(make_doc(TITLE, P1, P2, "مقالات ذات صلة", *headlines))
    assert [r.reason for r in a.removed[1:]] == ["related"] * 4
    assert a.body == f"{P1}\n\n{P2}"
    b = clean(make_doc(TITLE, P1, "اقرأ أيضاً", headlines[0], P2, P3))
    assert P2 in b.body and P3 in b.body and headlines[0] not in b.body


@pytest.mark.parametrize(
    ("repeated", "kept_copies"),
    [("الوفد لحظة وصوله إلى المطار", 0), (P2, 1)],
)
def test_repeated_lines(repeated: str, kept_copies: int) -> None:
    """A short line twice in a row is a photo caption (none kept); a repeated paragraph is kept once."""
    a = clean(make_doc(TITLE, P1, repeated, repeated, P3))
    assert a.body.split("\n\n").count(repeated) == kept_copies
    assert sum(r.line == repeated for r in a.removed) == 2 - kept_copies


def test_date_line_fills_published_with_hijri_check() -> None:
    """The date line moves to `published` (source "text"), cross-checked with its Hijri date."""
    line = "الجمعة 7 مارس 2025 الموافق 7 رمضان 1446"
    a = clean(make_doc(line, TITLE, P1, P2))
    assert (a.published, a.published_source) == ("2025-03-07", "text")
    assert reasons(a)[line] == "date" and line not in a.body
    assert a.warnings == ()


def test_hijri_only_date_line_and_mismatch_warning() -> None:
    """A Hijri-only date line gives source "hijri"; a contradicting Gregorian date adds a warning."""
    a = clean(make_doc("7 رمضان 1446 هـ", TITLE, P1, P2))
    assert (a.published, a.published_source) == ("2025-03-07", "hijri")
    b = clean(make_doc("الجمعة 7 مارس 2025 الموافق 20 رمضان 1446", TITLE, P1, P2))
    assert any(w.startswith("hijri-mismatch") for w in b.warnings)


def test_metadata_date_is_kept_over_text_date() -> None:
    """A publication date from the container wins; the date line is still removed."""
    a = clean(make_doc("6 مارس 2025", TITLE, P1, P2, published="2025-03-05"))
    assert a.published == "2025-03-05"
    assert "6 مارس 2025" not in a.body


def test_summary_block_after_marker_moves_to_outlet_summary() -> None:
    """The bullet list after a summary marker becomes outlet_summary items without bullets."""
    items = ["افتتحت البلدية مكتبة عامة جديدة.", "تضم المكتبة عشرين ألف كتاب."]
    a = clean(make_doc(TITLE, "اظهر الملخص", "\n".join(f"- {i}" for i in items), P1, P2))
    assert a.outlet_summary == tuple(items)
    assert all(i not in a.body for i in items) and P1 in a.body
    assert {r.reason for r in a.removed} == {"title", "summary"}


@pytest.mark.parametrize(
    "heading", ["تفاصيل الخطة الجديدة", "«العودة إلى القراءة»", '"مكان للجميع"', "هل تنجح التجربة؟"],
)
def test_headings_stay_in_body_as_spans(heading: str) -> None:
    """Short unpunctuated lines between paragraphs are headings: in body, in `headings`, not in sentences."""
    a = clean(make_doc(TITLE, P1, heading, P2, P3))
    assert [a.text(h) for h in a.headings] == [heading]
    assert all(a.text(s) != heading for s in a.sentences)
    check_spans(a)


def test_short_sentence_is_not_a_heading() -> None:
    """A short line that ends with a full stop is a paragraph, not a heading."""
    a = clean(make_doc(TITLE, P1, "وانتهى الحفل مساء.", P2))
    assert a.headings == ()


def test_spans_and_audit_on_a_full_scraped_page() -> None:
    """On a page with every kind of furniture, spans are exact and every input line is kept or audited."""
    lines = ["الأحد 9 مارس 2025", "رئيس التحرير", "سامر خليل", "عاجل", "محلياتثقافة وفنون", TITLE,
             "صورة المكتبة من الداخل", "صورة المكتبة من الداخل", P1, "|", "تفاصيل المشروع", P2, P3,
             "(وكالات)", "شاركها", "أخبار ذات صلة", "ارتفاع أسعار الذهب في الأسواق المحلية", "Exit mobile version"]
    a = clean(make_doc(*lines))
    check_spans(a)
    assert a.body.split("\n\n") == [P1, "تفاصيل المشروع", P2, P3]
    audited = [r.line for r in a.removed] + a.body.split("\n\n")
    assert sorted(audited) == sorted(lines)
    assert (a.title, a.published, a.credits) == (TITLE, "2025-03-09", ("وكالات",))
    assert len(a.sentences) == 3


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
    a = clean(make_doc(TITLE, para, P2))
    assert a.credits == credits
    assert a.body.split("\n\n")[0] == para


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
        check_spans(a)
        assert a.title, path.name
        assert len(a.sentences) >= 5, path.name
        for para in a.body.split("\n\n"):
            key = " ".join("".join(c if c.isalnum() or c.isspace() else " " for c in normalize(para)).split())
            assert key not in phrases, (path.name, para)
            assert any(c.isalnum() for c in para), (path.name, para)
            assert any("\u0600" <= c <= "\u06ff" for c in para), (path.name, para)
        stripped = [ln.strip() for ln in plain_chars(raw).splitlines() if ln.strip()]
        audited = [r.line for r in a.removed] + a.body.split("\n\n")
        assert sorted(audited) == sorted(stripped), path.name
        date_lines = [r.line for r in a.removed if r.reason == "date"]
        assert bool(date_lines) == (a.published is not None), path.name
        if any(r.reason == "credit" for r in a.removed):
            assert a.credits, path.name
        bullets = [ln for ln in stripped if is_bullet(ln)]
        if bullets:
            assert len(a.outlet_summary) >= len(bullets), path.name


def test_an_over_long_body_stops_at_the_cap_with_the_rest_removed() -> None:
    """Paragraphs past MAX_BODY_CHARS are removed as over-length, with a warning; one huge paragraph is cut at a space."""
    para = "قال المتحدث إن العمل في المشروع مستمر وفق الجدول الزمني المعلن من قبل الوزارة. " * 20
    many = clean(RawDocument("a", "a.txt", "\n\n".join(f"{para}({k})" for k in range(100))))
    check_spans(many)
    assert len(many.body) <= MAX_BODY_CHARS and len(many.body) > MAX_BODY_CHARS - len(para)
    assert [r.reason for r in many.removed].count("over-length") == 100 - len(many.paragraphs)
    assert any(w.startswith("over-length") for w in many.warnings)
    one = clean(RawDocument("b", "b.txt", para * 50))
    [rest] = [r.line for r in one.removed if r.reason == "over-length"]
    assert len(one.body) <= MAX_BODY_CHARS and " ".join((one.body + " " + rest).split()) == " ".join((para * 50).split())
