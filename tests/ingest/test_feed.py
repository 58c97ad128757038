"""Tests for marsad.ingest.feed: RSS and Atom feeds, one document per entry, dated by the feed."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.ingest.feed import declares_entities
from marsad.types import RawDocument
from tests.ingest.helpers import ATOM, PARA_1, PARA_2, RSS, docs_of, errors_of, read, sha16


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


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title>
<item><title>&lol3;</title><description>&lol3; خبر عن المحادثات بين الوفدين في المدينة</description></item>
</channel></rss>
"""


@pytest.mark.parametrize("name", ["lolz.xml", "lolz.rss", "lolz"])
def test_a_feed_declaring_entities_is_refused_by_name(tmp_path: Path, name: str) -> None:
    """A "billion laughs" feed is one clear error naming the file, never an article titled with an entity."""
    path = tmp_path / name
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    [item] = read(path)
    assert not isinstance(item, RawDocument)
    assert item.origin == str(path) and "declares entities" in item.message


def test_a_doctype_without_entities_is_read() -> None:
    """A DOCTYPE that declares no entity is no reason to refuse a feed."""
    assert not declares_entities(b'<?xml version="1.0"?><!DOCTYPE rss [<!ELEMENT rss ANY>]><rss/>')
    assert declares_entities(b'<!doctype x [\n<!entity e SYSTEM "file:///etc/passwd">\n]><x>&e;</x>')


def test_an_item_error_names_the_file_the_item_and_its_link(tmp_path: Path) -> None:
    """An item without text is one error naming the feed file, the item's position and its link; the rest is read."""
    feed = RSS.replace("<description>ملخص الخبر الثاني عن المعرض.</description>", "<description></description>")
    path = tmp_path / "news.rss"
    path.write_text(feed, encoding="utf-8")
    items = read(path)
    [err] = errors_of(items)
    assert err.origin == f"{path}#2 (https://news.example/b)" and err.message == "article has no text"
    assert [d.origin for d in docs_of(items)] == ["https://news.example/a"]
