"""Tests for marsad.clean.layout: the head zone, the title line, bylines above the body, the lede summary."""

from __future__ import annotations

import pytest

from marsad.clean.article import clean
from marsad.types import RawDocument
from tests.clean.helpers import P1, P2, P3, TITLE, check_spans, make_doc, reasons

SITE = "بوابة النخيل"
BYLINE = "كتب: سامي ناصر"
DATE = "الأحد 9 مارس 2025"


@pytest.mark.parametrize("line", ["سلمى يوسف – الدوحة", "مراسلنا ـ عمّان", "بيروت - باريس: «مراسلونا»"])
def test_byline_above_the_body_is_removed(line: str) -> None:
    """A short "name – place" line above the body is a byline, and the title is found after it."""
    a = clean(make_doc(line, TITLE, P1, P2))
    assert reasons(a)[line] == "byline" and a.title == TITLE


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
    a = clean(make_doc(TITLE, P1, P2))
    assert a.title == TITLE and TITLE not in a.body and reasons(a)[TITLE] == "title"
    b = clean(make_doc(TITLE, P1, P2, title=TITLE))
    assert b.title == TITLE and TITLE not in b.body
    long_line = "أعلنت البلدية أنها ستفتح مكتبة عامة جديدة في وسط المدينة خلال الأسابيع المقبلة بعد انتهاء أعمال الصيانة"
    assert long_line in clean(make_doc(long_line, P1, P2)).body  # too long for a headline: body text
    c = clean(make_doc(P1, P2))
    assert c.title is not None and c.title in P1 and any(w.startswith("title-inferred") for w in c.warnings)


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
    a = clean(make_doc(*lines))
    assert a.title == TITLE and reasons(a)[TITLE] == "title"
    assert [r.line for r in a.removed if r.reason == "masthead"] == masthead
    assert a.body.split("\n\n")[-2:] == [P1, P2]
    check_spans(a)


def test_short_line_above_title_stays_without_page_chrome() -> None:
    """Without menus or metadata in the head zone, a short first line is not dropped as a site name."""
    a = clean(make_doc("كلمة افتتاحية", TITLE, P1, P2))
    assert a.title == TITLE and "كلمة افتتاحية" in a.body.split("\n\n")


def test_title_from_metadata_strips_site_name_above_its_copy() -> None:
    """With a metadata title, its copy in the text is found and the site name above it goes too."""
    a = clean(make_doc("القائمة", SITE, TITLE, P1, P2, title=TITLE))
    assert reasons(a) == {"القائمة": "nav", SITE: "masthead", TITLE: "title"}
