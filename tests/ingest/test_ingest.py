"""Tests for ingest: every input format into RawDocuments, and one IngestError per bad input."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad import ingest
from marsad.ingest.sniff import detect
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
    {"source": "alwadi", "url": "https://alwadi.example/2", "date_extracted": "2015-07-22 10:00:00",
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


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),
        (ARTICLE.encode("cp1256"), ARTICLE),
        (ARTICLE.replace("\n", "\r\n").encode("utf-8"), ARTICLE),
        (ARTICLE.replace("\n", "\r").encode("cp1256"), ARTICLE),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1256", "crlf", "cr-cp1256"],
)
def test_text_file_decodes_every_supported_encoding(tmp_path: Path, data: bytes, expected: str) -> None:
    """A scraped text file yields its decoded text unchanged but for LF line ends, with the stem as id."""
    path = tmp_path / "khabar.txt"
    path.write_bytes(data)
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.id, doc.origin) == (expected, "khabar", str(path))
    assert (doc.kind, doc.outlet) == ("text", None)


def test_text_without_extension_is_sniffed_as_text(tmp_path: Path) -> None:
    """A file with no extension and text content is read as one plain-text article."""
    path = tmp_path / "article"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.kind == "text" and doc.text == ARTICLE


def test_from_text_builds_a_text_document() -> None:
    """from_text keeps the metadata it is given and normalises line ends."""
    doc = ingest.from_text(
        "سطر\r\nسطر ثان", id="x1", origin="memory", title="ع", outlet="و", published="2025-01-02"
    )
    assert doc == RawDocument("x1", "memory", "سطر\nسطر ثان", "ع", "و", "2025-01-02", "metadata", "text")


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


@pytest.mark.parametrize(("name", "text"), [("feed.rss", RSS), ("feed.xml", RSS), ("feed", RSS)])
def test_rss_feed_yields_one_document_per_item(tmp_path: Path, name: str, text: str) -> None:
    """Each RSS item becomes a document: HTML content as paragraphs, else the summary; dates from pubDate."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.text == f"{PARA_1}\n{PARA_2}"
    link = "https://news.example/a"
    assert (first.id, first.origin, first.outlet) == (sha16(link), link, "نشرة الحقل")
    assert (first.title, first.published) == ("خبر أول", "2025-03-04")
    assert (first.published_source, first.kind) == ("feed", "feed")
    assert second.text == "ملخص الخبر الثاني عن المعرض." and second.published is None


@pytest.mark.parametrize(("channel", "fetched"), [
    ("<lastBuildDate>Thu, 06 Mar 2025 08:00:00 +0300</lastBuildDate>", "2025-03-06"),
    ("<pubDate>Wed, 05 Mar 2025 08:00:00 +0300</pubDate>", "2025-03-05"),
    ("", None),
])
def test_feed_entries_carry_the_channel_date_as_their_capture_day(
    tmp_path: Path, channel: str, fetched: str | None
) -> None:
    """A feed's build (else publication) date is when its entries were fetched at the latest."""
    path = tmp_path / "feed.rss"
    path.write_text(RSS.replace("<title>نشرة الحقل</title>", f"<title>نشرة الحقل</title>{channel}"), encoding="utf-8")
    assert [d.fetched for d in docs_of(read(path))] == [fetched, fetched]


@pytest.mark.parametrize(("field", "fetched"), [("fetched", "2025-03-06"), ("crawled_at", "2025-03-06"), ("note", None)])
def test_json_record_capture_day(tmp_path: Path, field: str, fetched: str | None) -> None:
    """A record's fetch-time field becomes its capture day; other fields do not."""
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"content": ARTICLE, field: "2025-03-06T11:00:00"}, ensure_ascii=False), encoding="utf-8")
    [doc] = docs_of(read(path))
    assert doc.fetched == fetched


def test_atom_feed_entry(tmp_path: Path) -> None:
    """An Atom entry yields its content as text, its link as origin and its updated date."""
    path = tmp_path / "valley.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert (doc.text, doc.origin) == (PARA_1, "https://valley.example/1")
    assert (doc.outlet, doc.published) == ("موقع الوادي", "2025-03-05")


def test_malformed_feed_with_entries_still_yields_them(tmp_path: Path) -> None:
    """A feed cut after its items is malformed XML, but its complete entries are kept."""
    path = tmp_path / "cut.rss"
    path.write_text(RSS.replace("</channel></rss>", "<item><title>ناقص"), encoding="utf-8")
    docs = docs_of(read(path))
    assert [d.origin for d in docs[:2]] == ["https://news.example/a", "https://news.example/b"]


def test_jsonl_bad_line_is_one_error_and_others_go_on(tmp_path: Path) -> None:
    """A broken JSONL line is reported as file:line while the good lines still become documents."""
    path = tmp_path / "items.jsonl"
    good = {"text": ARTICLE, "link": "https://a.example/1", "outlet": "أ", "date": "2025-03-01"}
    lines = [json.dumps(good), "", "{not json", json.dumps({"body": PARA_1})]
    path.write_text("\n".join(lines), encoding="utf-8")
    first, err, last = read(path)
    assert isinstance(first, RawDocument) and isinstance(err, IngestError) and isinstance(last, RawDocument)
    assert (first.id, first.outlet) == (sha16("https://a.example/1"), "أ")
    assert (first.published, first.published_source) == ("2025-03-01", "metadata")
    assert err.origin == f"{path}:3" and "invalid JSON" in err.message
    assert (last.id, last.origin, last.text) == (sha16(PARA_1), f"{path}:4", PARA_1)


def test_json_array_in_saudinewsnet_layout(tmp_path: Path) -> None:
    """A JSON array of source/url/date_extracted/title/content objects maps every field."""
    path = tmp_path / "day.json"
    path.write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    docs = read(path)
    assert [(d.id, d.origin, d.outlet, d.title, d.published) for d in docs_of(docs)] == [
        (sha16("https://alhaql.example/1"), "https://alhaql.example/1", "alhaql", "عنوان أول", "2015-07-21"),
        (sha16("https://alwadi.example/2"), "https://alwadi.example/2", "alwadi", "عنوان ثان", "2015-07-22"),
    ]
    assert docs_of(docs)[0].text == ARTICLE


@pytest.mark.parametrize(
    ("content", "count"),
    [(json.dumps(RECORDS[0]), 1), ("\n".join(json.dumps(r) for r in RECORDS), 2)],
    ids=["single-object", "jsonl-in-json"],
)
def test_json_single_object_and_lines(tmp_path: Path, content: str, count: int) -> None:
    """A .json file may hold one object, or (misnamed) JSON Lines."""
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    assert len(docs_of(read(path))) == count


def test_zip_members_read_by_their_own_format_and_nested(tmp_path: Path) -> None:
    """Zip members are read by extension or sniffing, nested zips included, with archive!member origins."""
    inner = zip_bytes({"deep.txt": ARTICLE.encode()})
    path = tmp_path / "bundle.zip"
    path.write_bytes(zip_bytes({
        "a.txt": ARTICLE.encode("cp1256"),
        "b.jsonl": json.dumps({"text": PARA_1}).encode(),
        "noext": ARTICLE.encode(),
        "inner.zip": inner,
        "__MACOSX/._a.txt": b"\x00\x05",
    }))
    items = read(path)
    assert not errors_of(items)
    assert [(d.id, d.origin) for d in docs_of(items)] == [
        ("a", f"{path}!a.txt"),
        (sha16(PARA_1), f"{path}!b.jsonl:1"),
        ("noext", f"{path}!noext"),
        ("deep", f"{path}!inner.zip!deep.txt"),
    ]


def test_gzip_is_read_as_its_inner_format(tmp_path: Path) -> None:
    """A .txt.gz file is decompressed and read as text named by the inner stem."""
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and (doc.id, doc.text) == ("story", ARTICLE)


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses(tmp_path: Path, compress: bool) -> None:
    """Each HTML response record goes through the HTML path with its target URI; other records are skipped."""
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(warc_bytes(compress, captured="2025-03-05T10:00:00Z"))
    items = read(path)
    assert not errors_of(items)
    assert [(d.origin, d.id, d.kind) for d in docs_of(items)] == [
        ("https://news.example/w1", sha16("https://news.example/w1"), "html"),
        ("https://news.example/w2", sha16("https://news.example/w2"), "html"),
    ]
    assert docs_of(items)[0].text == f"{PARA_1}\n{PARA_2}"
    assert [d.fetched for d in docs_of(items)] == ["2025-03-05", "2025-03-05"]  # the capture day, WARC-Date


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_truncated_warc_keeps_complete_records_then_one_error(tmp_path: Path, compress: bool) -> None:
    """A WARC cut inside its last record yields the complete records, then one truncation error."""
    data = warc_bytes(compress)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[:-40])
    items = read(path)
    assert [d.origin for d in docs_of(items)] == ["https://news.example/w1"]
    assert isinstance(items[-1], IngestError) and "truncated" in items[-1].message
    assert len(errors_of(items)) == 1


def bad_inputs() -> list[tuple[str, bytes, str]]:
    """Return (file name, content, expected message fragment) for every bad single-file input."""
    return [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n ", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file, not text"),
        ("french.txt", "Le président a dit à la presse.".encode("cp1252") * 5, "not UTF-8 or windows-1256"),
        ("cut.zip", zip_bytes({"a.txt": ARTICLE.encode()})[:-30], "truncated or corrupt zip"),
        ("cut.txt.gz", gzip.compress(ARTICLE.encode() * 20)[:-25], "truncated or corrupt gzip"),
        ("junk.gz", b"\x1f\x8bnot really gzip", "truncated or corrupt gzip"),
        ("broken.xml", b"<?xml version='1.0'?><rss><channel><title>x</ti", "malformed XML feed"),
        ("cut.warc", warc_bytes(False)[:30], "truncated or corrupt WARC"),
        ("broken.json", b'[{"text": "x"', "invalid JSON"),
        ("empty.json", b"[]", "empty JSON array"),
    ]


@pytest.mark.parametrize(("name", "data", "fragment"), bad_inputs(), ids=[case[0] for case in bad_inputs()])
def test_bad_input_is_exactly_one_error(tmp_path: Path, name: str, data: bytes, fragment: str) -> None:
    """Each bad input gives exactly one one-line IngestError naming the file, and no document."""
    path = tmp_path / name
    path.write_bytes(data)
    [err] = read(path)
    assert isinstance(err, IngestError)
    assert err.origin == str(path) and fragment in err.message and "\n" not in str(err)


@pytest.mark.parametrize(
    ("name", "data"), [("big.txt", ARTICLE.encode() * 10), ("big.html", ARTICLE_PAGE.encode())]
)
def test_file_over_max_bytes_is_an_error(tmp_path: Path, name: str, data: bytes) -> None:
    """A single-article file larger than max_bytes is refused before it is parsed."""
    path = tmp_path / name
    path.write_bytes(data)
    [err] = read(path, max_bytes=200)
    assert isinstance(err, IngestError) and "larger than 200 bytes" in err.message


def test_max_bytes_applies_to_each_article_of_a_container(tmp_path: Path) -> None:
    """In a container, only the article over max_bytes is an error; the small one is kept."""
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": "قصير"}) + "\n" + json.dumps({"text": "طويل " * 200}))
    small, big = read(path, max_bytes=300)
    assert isinstance(small, RawDocument) and isinstance(big, IngestError)
    assert "larger than 300" in big.message


def test_missing_path_and_empty_glob_are_errors(tmp_path: Path) -> None:
    """A path that names nothing is reported by read_paths as one error each."""
    items = list(ingest.read_paths([tmp_path / "absent.txt", str(tmp_path / "*.nothing")]))
    assert [(e.origin, e.message) for e in errors_of(items)] == [
        (str(tmp_path / "absent.txt"), "no such file or directory"),
        (str(tmp_path / "*.nothing"), "no files match this pattern"),
    ]


def test_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OS error while opening a file becomes one error (simulated: tests may run as root)."""
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        """Fail like a file without read permission."""
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    [err] = read(path)
    assert isinstance(err, IngestError) and err.message == "cannot read: Permission denied"


def test_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    """A directory of good and bad files yields every good document plus one error per bad file."""
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.bin").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "sub" / "d.jsonl").write_text(json.dumps(RECORDS[1]), encoding="utf-8")
    (folder / "sub" / "e.zip").write_bytes(b"PK\x03\x04 truncated")
    (folder / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    items = read(folder)
    assert [d.id for d in docs_of(items)] == ["a", sha16("https://alwadi.example/2")]
    assert [Path(e.origin).name for e in errors_of(items)] == ["b.txt", "c.bin", "e.zip"]


def test_expand_directories_globs_and_order(tmp_path: Path) -> None:
    """expand lists directory files recursively in sorted order, expands globs and lists each file once."""
    for name in ("b.txt", "a/z.txt", "a/y.html", ".git/config"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = ingest.expand([tmp_path, str(tmp_path / "*.txt"), tmp_path / "missing"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/y.html", "a/z.txt", "b.txt"]


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    """Reading the same inputs twice gives the same ids in the same order."""
    (tmp_path / "day.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    first = [d.id for d in docs_of(read(tmp_path))]
    second = [d.id for d in docs_of(read(tmp_path))]
    assert first == second and len(set(first)) == 4


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.txt", b"PK\x03\x04rest", "zip"),
        ("a.html", b"\x1f\x8b\x08", "gzip"),
        ("a.warc.gz", b"\x1f\x8b\x08", "warc"),
        ("noext", b"WARC/1.0\r\n", "warc"),
        ("a.txt", b"<!DOCTYPE html><html>", "html"),
        ("a.html", b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        ("noext", b"\xef\xbb\xbf<feed xmlns='x'>", "feed"),
        ("noext", b"[{\"text\": 1}]", "json"),
        ("a.ndjson", b"{\"text\": 1}", "jsonl"),
        ("a.txt", "[خبر] نص".encode(), "text"),
        ("noext", "نص عادي".encode(), "text"),
    ],
)
def test_detect_by_magic_markup_extension_then_content(name: str, head: bytes, kind: str) -> None:
    """Magic bytes beat the extension, markup roots beat it too, and content decides when it is missing."""
    assert detect(name, head) == kind


def test_seeds_read_as_five_text_documents(seeds_dir: Path) -> None:
    """The real seed directory gives five text documents whose ids are the file stems."""
    items = read(seeds_dir)
    assert not errors_of(items)
    assert sorted(d.id for d in docs_of(items)) == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert len(items) == 5 and all(d.text.strip() for d in docs_of(items))


def test_saudinewsnet_zip_yields_one_item_per_array_entry(data_dir: Path) -> None:
    """One real SaudiNewsNet day zip gives one document or error per object of its JSON array."""
    path = min((data_dir / "saudinewsnet" / "dataset").glob("*.zip"))
    with zipfile.ZipFile(path) as archive:
        expected = sum(len(json.loads(archive.read(name))) for name in archive.namelist())
    items = read(path)
    assert len(items) == expected
    assert len(docs_of(items)) > 0.9 * expected
    assert all(d.outlet and d.published and d.origin.startswith("http") for d in docs_of(items))


def container_fixtures() -> dict[str, bytes]:
    """Return one small valid input per container format, to be damaged by the robustness test."""
    return {
        "a.rss": RSS.encode(),
        "a.json": json.dumps(RECORDS).encode(),
        "a.jsonl": "\n".join(json.dumps(r) for r in RECORDS).encode(),
        "a.zip": zip_bytes({"x.txt": ARTICLE.encode(), "y.html": ARTICLE_PAGE.encode()}),
        "a.txt.gz": gzip.compress(ARTICLE.encode()),
        "a.warc.gz": warc_bytes(True),
    }


@pytest.mark.parametrize("name", list(container_fixtures()))
@pytest.mark.parametrize("fraction", [0.1, 0.35, 0.6, 0.85, 0.97])
def test_damaged_input_never_raises(tmp_path: Path, name: str, fraction: float) -> None:
    """A container cut anywhere, or with flipped bytes, still yields at least one item and raises nothing."""
    data = container_fixtures()[name]
    cut = int(len(data) * fraction)
    flipped = data[:cut] + bytes([data[cut] ^ 0xFF]) + data[cut + 1 :]
    for variant, content in (("cut", data[:cut]), ("flip", flipped)):
        path = tmp_path / f"{variant}-{name}"
        path.write_bytes(content)
        assert read(path), f"{variant} at {cut} gave nothing"
