"""What is new in one watched source: a folder's new or changed files, a feed's new entries, a sitemap's new pages.

Every source answers `poll()` with the items (documents, and errors naming what could not be read)
that it did not give before. It remembers a bounded number of keys (SEEN_LIMIT), so a long watch
holds no more than that; a repeat that it has forgotten is skipped by the store anyway.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from lxml import etree

from marsad.ingest import read_file
from marsad.ingest.base import MAX_ARTICLE_BYTES, Item
from marsad.ingest.feed import declares_entities
from marsad.ingest.files import walk
from marsad.ingest.route import read_bytes
from marsad.types import IngestError, RawDocument
from marsad.watch import fetch

SEEN_LIMIT = 50_000  # keys (entry ids, page URLs, files) remembered per source
PAGES_PER_POLL = 50  # new pages of a sitemap fetched in one poll (the rest wait for the next): politeness
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)

Getter = Callable[[str, str | None, str | None], fetch.Response]


class SourceError(Exception):
    """A source that could not be polled this time: one line naming it (it is retried later)."""


class Source(Protocol):
    """A watched source: a name, and what it has that it did not give before."""

    name: str

    def poll(self) -> list[Item]:
        """Return the new items; raise SourceError (or fetch.FetchError) when the source cannot be read."""
        ...


class Seen:
    """A set of keys that forgets the oldest beyond `limit` (insertion order)."""

    def __init__(self, limit: int = SEEN_LIMIT) -> None:
        """Start empty."""
        self._keys: dict[str, None] = {}
        self._limit = limit

    def __contains__(self, key: object) -> bool:
        """Tell whether `key` was added (and not yet forgotten)."""
        return key in self._keys

    def __len__(self) -> int:
        """Return how many keys are remembered."""
        return len(self._keys)

    def add(self, key: str) -> None:
        """Remember `key`, forgetting the oldest key when full."""
        self._keys[key] = None
        if len(self._keys) > self._limit:
            del self._keys[next(iter(self._keys))]


class FolderSource:
    """A folder: files that are new, or changed since the last poll (size or modification time)."""

    def __init__(self, folder: Path) -> None:
        """Watch `folder` (and its sub-folders; hidden files are skipped as by `ingest`)."""
        self.name = str(folder)
        self._folder = folder
        self._state: dict[str, tuple[int, int]] = {}

    def poll(self) -> list[Item]:
        """Return the items of the files added or changed since the last poll."""
        if not self._folder.is_dir():
            raise SourceError(f"{self._folder}: no such folder")
        state: dict[str, tuple[int, int]] = {}
        items: list[Item] = []
        for path in walk(self._folder):
            try:
                info = path.stat()
            except OSError:
                continue  # gone between the listing and now: the next poll sees it or not
            state[str(path)] = (info.st_mtime_ns, info.st_size)
            if self._state.get(str(path)) != state[str(path)]:
                items.extend(read_file(path, max_bytes=MAX_ARTICLE_BYTES))
        self._state = state  # files that disappeared are forgotten
        return items


class UrlSource:
    """A URL of an RSS/Atom feed, a JSON Feed or a news sitemap, polled with conditional requests."""

    def __init__(self, url: str, get: Getter = fetch.get) -> None:
        """Watch `url`; `get` fetches (fetch.get, or a stand-in)."""
        self.name = url
        self._get = get
        self._etag: str | None = None
        self._modified: str | None = None
        self._seen = Seen()

    def poll(self) -> list[Item]:
        """Return the entries (or sitemap pages) not given before; nothing when the server says unchanged."""
        answer = self._get(self.name, self._etag, self._modified)
        self._etag, self._modified = answer.etag, answer.modified
        if answer.body is None:
            return []
        if is_sitemap(answer.body):
            return self._pages(page_urls(answer.body, self.name))
        items = list(read_bytes(answer.body, _file_name(self.name), self.name, MAX_ARTICLE_BYTES))
        if items and all(isinstance(i, IngestError) for i in items):
            raise SourceError(str(items[0]))
        new = [i for i in items if isinstance(i, IngestError) or i.id not in self._seen]
        for item in new:
            if isinstance(item, RawDocument):
                self._seen.add(item.id)
        return new

    def _pages(self, urls: list[str]) -> list[Item]:
        """Fetch the sitemap's pages not fetched before (PAGES_PER_POLL at most) and read each as HTML."""
        items: list[Item] = []
        for url in [u for u in urls if u not in self._seen][:PAGES_PER_POLL]:
            try:
                answer = self._get(url, None, None)
            except fetch.FetchError as exc:
                items.append(IngestError(url, str(exc).removeprefix(f"{url}: ")))
                continue  # tried again at the next poll
            self._seen.add(url)
            if answer.body:
                items.extend(read_bytes(answer.body, _file_name(url) or "page.html", url, MAX_ARTICLE_BYTES))
        return items


def is_sitemap(body: bytes) -> bool:
    """Tell whether an answer is an XML sitemap (a urlset or a sitemap index) rather than a feed."""
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<") and (b"<urlset" in head or b"<sitemapindex" in head)


def page_urls(body: bytes, origin: str) -> list[str]:
    """Return a sitemap's page URLs, the most recently published first (as listed when no dates)."""
    if declares_entities(body):
        raise SourceError(f"{origin}: sitemap declares entities in its DOCTYPE: refused")
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"{origin}: malformed sitemap: {exc}") from None
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        raise SourceError(f"{origin}: a sitemap index: watch the news sitemaps it lists instead")
    listed = list(_listed(root))
    dated = sorted((item for item in listed if item[1]), key=lambda item: item[1], reverse=True)
    return [url for url, _ in dated] + [url for url, when in listed if not when]


def _listed(root: etree._Element) -> Iterator[tuple[str, str]]:
    """Yield each http(s) page URL of a urlset with its publication date (news:publication_date, else lastmod)."""
    for entry in root.iter(f"{SITEMAP_NS}url"):
        loc = (entry.findtext(f"{SITEMAP_NS}loc") or "").strip()
        if fetch.is_url(loc):
            when = entry.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date") or entry.findtext(f"{SITEMAP_NS}lastmod")
            yield loc, (when or "").strip()


def _file_name(url: str) -> str:
    """Return the last path segment of a URL (what format detection reads as the file name)."""
    return urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]


def source(given: str, get: Getter = fetch.get) -> Source:
    """Return the source a command-line argument names: a URL, else a folder."""
    return UrlSource(given, get) if fetch.is_url(given) else FolderSource(Path(given))
