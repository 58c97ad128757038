"""HTML pages: main text and metadata through trafilatura; HTML fragments to text through lxml."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from marsad.ingest.base import Item, checked, stable_id
from marsad.ingest.dates import iso_date
from marsad.ingest.decode import declared_charset, text_or_error
from marsad.ingest.text import stem
from marsad.types import IngestError, RawDocument

# Elements after which a fragment's text breaks to a new line (paragraph structure survives).
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "tr", "table", "section", "article", "header", "footer", "pre", "figcaption",
})
SPACES_RE = re.compile(r"[ \t\u00a0]+")
# Only metadata and structured markup are trusted for dates: the page-wide search guesses from
# footers ("© 2025" becomes 2025-01-01, as measured in the dependency notes).
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# htmldate's fallback for a year-only date; a real article published on Jan 1 is rarer than this artefact.
YEAR_ONLY_SUFFIX = "-01-01"
log = logging.getLogger(__name__)


def extract(markup: str, *, id: str, origin: str, url: str | None, max_bytes: int) -> Item:
    """Return the main text and metadata of one HTML page, or an error when it has no article text."""
    import trafilatura  # here: ~0.1 s that only reading HTML pays, not every command (`marsad brief`)

    try:
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            date_extraction_params=DATE_PARAMS,
        )
    # trafilatura on arbitrary markup: whatever it raises must stay this one input's error.
    except Exception as exc:
        log.debug("traceback of trafilatura on %s", origin, exc_info=True)
        return IngestError(origin, f"cannot parse HTML: {type(exc).__name__}: {exc}")
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        return IngestError(origin, "no article text found in HTML")
    published = iso_date(getattr(doc, "date", None))
    if published and published.endswith(YEAR_ONLY_SUFFIX):
        published = None
    page_url = getattr(doc, "url", None) or url
    return checked(
        RawDocument(
            id=id,
            origin=page_url or origin,
            text=text,
            title=getattr(doc, "title", None) or None,
            outlet=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
            published=published,
            published_source="html" if published else None,
            kind="html",
        ),
        max_bytes,
    )


def read_html(
    data: bytes, name: str, origin: str, max_bytes: int, *, url: str | None = None, charset: str | None = None
) -> Iterator[Item]:
    """Yield the article of one HTML page; `url` (from a WARC) names it and gives it a hash id."""
    markup = text_or_error(data, origin, charset or declared_charset(data))
    if isinstance(markup, IngestError):
        yield markup
        return
    doc_id = stable_id(url, markup) if url else stem(name)
    yield extract(markup, id=doc_id, origin=url or origin, url=url, max_bytes=max_bytes)


def fragment_text(markup: str) -> str:
    """Return the text of an HTML fragment, one line per block element, blank lines dropped."""
    if "<" not in markup:
        return markup.strip()
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.LxmlError):
        return markup.strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    lines = (SPACES_RE.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
