"""Shared inputs for the ingest tests: invented articles, pages, feeds, records, archives and WARCs, and readers."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad import ingest
from marsad.types import IngestError, RawDocument

ARTICLE = "وصل وفد الوزارة إلى المدينة صباح الأحد.\nوقال المتحدث إن الزيارة تستمر ثلاثة أيام.\n"
PARA_1 = "افتتح وزير الزراعة اليوم معرضاً للمنتجات المحلية في العاصمة بمشاركة مئتي مزارع من مختلف المحافظات."
PARA_2 = "وقال الوزير إن المعرض يهدف إلى دعم صغار المزارعين وفتح أسواق جديدة لمنتجاتهم داخل البلاد وخارجها."
HEADING = "تفاصيل المعرض"


def page(body: str, head: str = "") -> str:
    """Return a small HTML page with a navigation bar, `body` inside <article> and a footer."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        "<nav><a href='/'>الرئيسية</a> | <a href='/x'>أخبار</a></nav>"
        f"<article>{body}</article><footer>جميع الحقوق محفوظة © 2024</footer></body></html>"
    )


ARTICLE_PAGE = page(
    f"<h1>معرض للمنتجات المحلية</h1><p>{PARA_1}</p><h2>{HEADING}</h2><p>{PARA_2}</p>",
    "<title>معرض للمنتجات المحلية</title>"
    "<meta property='og:site_name' content='صحيفة الحقل'>"
    "<link rel='canonical' href='https://news.example/agri/1'>"
    "<meta property='article:published_time' content='2025-03-04T09:00:00+03:00'>",
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>نشرة الحقل</title><link>https://news.example/</link>
<item><title>خبر أول</title><link>https://news.example/a</link>
<pubDate>Tue, 04 Mar 2025 09:00:00 +0300</pubDate>
<content:encoded><![CDATA[<p>{PARA_1}</p><p>{PARA_2}</p>]]></content:encoded></item>
<item><title>خبر ثان</title><link>https://news.example/b</link>
<description>ملخص الخبر الثاني عن المعرض.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موقع الوادي</title>
<entry><title>خبر أطلس</title><link href="https://valley.example/1"/><updated>2025-03-05T10:00:00Z</updated>
<content type="html">&lt;p&gt;{PARA_1}&lt;/p&gt;</content></entry></feed>"""

RECORDS = [
    {"source": "alhaql", "url": "https://alhaql.example/1", "date_extracted": "2015-07-21 02:51:32",
     "title": "عنوان أول", "author": "مراسل", "content": ARTICLE},
    {"source": "alwadi", "url": "https://alwadi.example/2", "date_extracted": "2015-07-29 10:00:00",
     "title": "عنوان ثان", "author": "", "content": PARA_1},
]


def sha16(value: str) -> str:
    """Return the expected stable id: the first 16 hex digits of SHA-1."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]


def read(path: Path, **kwargs: int) -> list[RawDocument | IngestError]:
    """Read one path fully."""
    return list(ingest.read_paths([path], **kwargs))


def docs_of(items: list[RawDocument | IngestError]) -> list[RawDocument]:
    """Return only the documents."""
    return [item for item in items if isinstance(item, RawDocument)]


def errors_of(items: list[RawDocument | IngestError]) -> list[IngestError]:
    """Return only the errors."""
    return [item for item in items if isinstance(item, IngestError)]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """Return a zip archive holding `members`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def warc_bytes(compress: bool, captured: str | None = None) -> bytes:
    """Return a WARC with two HTML responses and one image response (captured now, or at `captured`)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, mime, body in (
        ("https://news.example/w1", "text/html; charset=utf-8", page(f"<p>{PARA_1}</p><p>{PARA_2}</p>")),
        ("https://news.example/logo.png", "image/png", "PNG"),
        ("https://news.example/w2", "text/html; charset=utf-8", page(f"<p>{PARA_2}</p><p>{PARA_1}</p>")),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body.encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": captured} if captured else None,
            )
        )
    return buffer.getvalue()
