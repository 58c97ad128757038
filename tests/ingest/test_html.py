"""Tests for marsad.ingest.html: an HTML page's main text, sub-headings and metadata, or one error."""

from __future__ import annotations

from pathlib import Path

from marsad.types import IngestError, RawDocument
from tests.ingest.helpers import ARTICLE_PAGE, HEADING, PARA_1, PARA_2, page, read


def test_html_page_gives_main_text_headings_and_metadata(tmp_path: Path) -> None:
    """An HTML page yields paragraphs and sub-headings as lines, without navigation or footer."""
    path = tmp_path / "maarad.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    lines = doc.text.split("\n")
    assert PARA_1 in lines and PARA_2 in lines and HEADING in lines
    assert "الرئيسية" not in doc.text and "محفوظة" not in doc.text
    assert (doc.id, doc.kind, doc.origin) == ("maarad", "html", "https://news.example/agri/1")
    assert (doc.title, doc.outlet) == ("معرض للمنتجات المحلية", "صحيفة الحقل")
    assert (doc.published, doc.published_source) == ("2025-03-04", "html")


def test_html_in_cp1256_with_meta_charset(tmp_path: Path) -> None:
    """A windows-1256 page declaring its charset is decoded correctly; no URL means the path is the origin."""
    markup = page(f"<p>{PARA_1}</p><p>{PARA_2}</p>").replace("charset='utf-8'", "charset='windows-1256'")
    path = tmp_path / "legacy.htm"
    path.write_bytes(markup.encode("cp1256"))
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert PARA_1 in doc.text and doc.origin == str(path) and doc.published is None


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    """A page with nothing to extract is one error, not an empty article."""
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
    [err] = read(path)
    assert isinstance(err, IngestError) and "no article text" in err.message
