"""Shared helpers of the marsad.clean tests: an invented article's lines, raw documents, span checks."""

from __future__ import annotations

from marsad.types import Article, RawDocument

TITLE = "افتتاح مكتبة عامة جديدة في وسط المدينة"
P1 = "افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب في مختلف المجالات."
P2 = "وقال رئيس البلدية إن المكتبة ستفتح أبوابها للزوار طوال أيام الأسبوع من الصباح حتى المساء."
P3 = "وأضاف أن المشروع استغرق عامين من العمل بمشاركة عدد من المهندسين والفنانين المحليين."


def make_doc(*lines: str, title: str | None = None, published: str | None = None) -> RawDocument:
    """Build a raw scraped document from lines separated by blank lines."""
    return RawDocument("t1", "test.txt", "\n\n".join(lines), title=title, published=published)


def check_spans(a: Article) -> None:
    """Assert every span points into the body, trimmed, and paragraphs are joined by blank lines."""
    for span in (*a.paragraphs, *a.headings, *a.sentences):
        text = a.text(span)
        assert span.article == a.id
        assert 0 <= span.start < span.end <= len(a.body)
        assert text == text.strip()
    assert {p.label for p in a.paragraphs} <= {"paragraph"}
    assert {h.label for h in a.headings} <= {"heading"}
    assert {s.label for s in a.sentences} <= {"sentence"}
    assert "\n\n".join(a.text(p) for p in a.paragraphs) == a.body
    heading_ranges = {(h.start, h.end) for h in a.headings}
    assert heading_ranges <= {(p.start, p.end) for p in a.paragraphs}
    assert not heading_ranges & {(s.start, s.end) for s in a.sentences}


def reasons(a: Article) -> dict[str, str]:
    """Map each removed line to its reason."""
    return {r.line: r.reason for r in a.removed}
