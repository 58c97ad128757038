"""Hand-written feeds for the watch tests: RSS, JSON Feed and a news sitemap built from invented reports."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from tests.conftest import EVENT_A, EVENT_B, EVENT_C, OTHER

REPORTS = {"a": EVENT_A, "b": EVENT_B, "c": EVENT_C, "other": OTHER}


def _title(text: str) -> str:
    """Return a report's first line that reads as a headline."""
    return next(line for line in text.splitlines() if len(line.split()) > 4)


def rss(*names: str, base: str = "https://news.example") -> bytes:
    """Return an RSS 2.0 feed with one item per named report (its full text as the description)."""
    items = "".join(
        f"<item><title>{escape(_title(REPORTS[n]))}</title><link>{base}/{n}</link>"
        f"<guid>{base}/{n}</guid><pubDate>Tue, 14 Oct 2025 10:00:00 GMT</pubDate>"
        f"<description>{escape(REPORTS[n])}</description></item>" for n in names)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الاختبار</title>'
            f"<link>{base}</link><description>-</description>{items}</channel></rss>").encode()


def json_feed(*names: str, base: str = "https://json.example") -> bytes:
    """Return a JSON Feed 1.1 with one item per named report."""
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "صحيفة جيسون", "items": [
        {"id": n, "url": f"{base}/{n}", "title": _title(REPORTS[n]), "content_text": REPORTS[n],
         "date_published": "2025-10-14T12:00:00Z"} for n in names]}, ensure_ascii=False).encode()


def page(name: str) -> bytes:
    """Return an HTML news page holding one report."""
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in REPORTS[name].splitlines() if line.strip())
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{escape(_title(REPORTS[name]))}'
            f'</title><meta property="article:published_time" content="2025-10-14T09:00:00Z"></head><body>'
            f"<article><h1>{escape(_title(REPORTS[name]))}</h1>{paragraphs}</article></body></html>").encode()


def sitemap(urls: list[str]) -> bytes:
    """Return a news sitemap listing the page URLs."""
    entries = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication_date>2025-10-14T0{k}:00:00Z"
        f"</news:publication_date></news:news></url>" for k, u in enumerate(urls))
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{entries}</urlset>').encode()
