"""Tests for marsad.watch.sources against a real HTTP server on 127.0.0.1: feeds, JSON Feed, sitemaps, folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.types import IngestError, RawDocument
from marsad.watch.fetch import FetchError
from marsad.watch.sources import FolderSource, Seen, SourceError, UrlSource, page_urls
from tests.watch.feeds import json_feed, page, rss, sitemap
from tests.watch.server import Site, serving

RSS = "application/rss+xml"


def test_a_feed_gives_each_entry_once_and_an_unchanged_feed_answers_304() -> None:
    with serving(Site()) as site:
        site.pages["/rss"] = (rss("a", "other"), RSS)
        feed = UrlSource(site.url("/rss"))
        first = feed.poll()
        assert [d.origin for d in first if isinstance(d, RawDocument)] == ["https://news.example/a",
                                                                           "https://news.example/other"]
        assert feed.poll() == []
        assert site.answered("/rss", 304) == 1
        site.pages["/rss"] = (rss("a", "other", "b"), RSS)  # one new entry on top of the old ones
        assert [d.origin for d in feed.poll() if isinstance(d, RawDocument)] == ["https://news.example/b"]


def test_a_json_feed_is_read_by_its_version() -> None:
    with serving(Site()) as site:
        site.pages["/feed.json"] = (json_feed("a", "c"), "application/feed+json")
        docs = [d for d in UrlSource(site.url("/feed.json")).poll() if isinstance(d, RawDocument)]
        assert [(d.origin, d.outlet, d.published) for d in docs] == [
            ("https://json.example/a", "صحيفة جيسون", "2025-10-14"), ("https://json.example/c", "صحيفة جيسون", "2025-10-14")]


def test_a_sitemap_gives_its_new_pages_newest_first_and_retries_a_page_that_failed() -> None:
    with serving(Site()) as site:
        urls = [site.url(f"/news/{n}.html") for n in ("a", "b")]
        for n in ("a", "b"):
            site.pages[f"/news/{n}.html"] = (page(n), "text/html; charset=utf-8")
        site.pages["/sitemap.xml"] = (sitemap(urls), "application/xml")
        site.failing.add("/news/a.html")
        source = UrlSource(site.url("/sitemap.xml"))
        first = source.poll()
        assert [type(i) for i in first] == [RawDocument, IngestError]  # b is the newer; a failed
        assert str(first[1]) == f"{urls[0]}: HTTP 500 broken on purpose"
        site.failing.clear()
        site.pages["/sitemap.xml"] = (sitemap([*urls, site.url("/news/other.html")]), "application/xml")
        site.pages["/news/other.html"] = (page("other"), "text/html; charset=utf-8")
        again = source.poll()
        assert sorted(d.origin for d in again if isinstance(d, RawDocument)) == sorted([urls[0], site.url("/news/other.html")])


def test_a_server_error_and_an_unreachable_host_are_fetch_errors_naming_the_url() -> None:
    with serving(Site()) as site:
        site.failing.add("/rss")
        with pytest.raises(FetchError, match=r"/rss: HTTP 500"):
            UrlSource(site.url("/rss")).poll()
        gone = site.url("/rss")
    with pytest.raises(FetchError, match=r"/rss: .*[Rr]efused"):
        UrlSource(gone).poll()


@pytest.mark.parametrize("body", [b"<rss><channel><item><title>x", b"\x00\x01binary\xff"])
def test_a_feed_that_cannot_be_read_fails_the_poll(body: bytes) -> None:
    with serving(Site()) as site:
        site.pages["/rss"] = (body, RSS)
        with pytest.raises(SourceError):
            UrlSource(site.url("/rss")).poll()


def test_a_sitemap_with_entities_or_an_index_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    with pytest.raises(SourceError, match="entities"):
        page_urls(bomb, "s.xml")
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>x</loc></sitemap></sitemapindex>'
    with pytest.raises(SourceError, match="index"):
        page_urls(index, "s.xml")


def test_a_folder_gives_new_and_changed_files_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("وصل الوفد إلى الرياض صباح اليوم لبدء محادثات حول التجارة.", encoding="utf-8")
    folder = FolderSource(tmp_path)
    assert len(folder.poll()) == 1
    assert folder.poll() == []
    (tmp_path / "b.txt").write_text("افتتح المعرض الدولي للكتاب أبوابه أمام الزوار في جدة مساء أمس.", encoding="utf-8")
    assert [Path(i.origin).name for i in folder.poll()] == ["b.txt"]
    with pytest.raises(SourceError, match="no such folder"):
        FolderSource(tmp_path / "missing").poll()


def test_seen_forgets_the_oldest_keys_beyond_its_limit() -> None:
    seen = Seen(limit=3)
    for key in "abcde":
        seen.add(key)
    assert len(seen) == 3 and "a" not in seen and "b" not in seen and "e" in seen
