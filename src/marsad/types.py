"""The types that flow through marsad: raw documents, articles with spans into `body`, and stories."""

from __future__ import annotations

from dataclasses import dataclass, field

# How an article's publication date was known, strongest evidence first.
DATE_SOURCES = ("text", "hijri", "html", "feed", "metadata", "inferred")


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into an article's `body`."""

    start: int
    end: int

    def text(self, body: str) -> str:
        """Return the slice of `body` this span covers."""
        return body[self.start : self.end]


@dataclass(frozen=True)
class Removed:
    """One line taken out of the scraped text, with the rule that removed it (kept for audit)."""

    line: str
    reason: str


@dataclass(frozen=True)
class RawDocument:
    """What an ingest reader produces: text plus whatever metadata the container carried."""

    id: str
    origin: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: str | None = None
    kind: str = "text"
    fetched: str | None = None  # ISO day the page was captured (a WARC record's date, a feed's build date)


@dataclass(frozen=True)
class IngestError:
    """One input that could not be read, with a one-line reason naming it."""

    origin: str
    message: str

    def __str__(self) -> str:
        """Render as the one-line error shown to users."""
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class Article:
    """A cleaned article: `body` is the text every later result points into by (start, end)."""

    id: str
    origin: str
    body: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    credits: tuple[str, ...] = ()
    outlet_summary: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    headings: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()
    fetched: str | None = None  # ISO day the page was captured: the ingest time an undated article is read against

    def text_of(self, span: Span) -> str:
        """Return the body text a span points to."""
        return self.body[span.start : span.end]


@dataclass(frozen=True)
class Mention:
    """A named-entity mention: a span of an article's `body` (without attached proclitics) and its type."""

    article: str
    start: int
    end: int
    text: str
    type: str  # PER, LOC, ORG or MISC


@dataclass(frozen=True)
class LineagePair:
    """Two articles that share a wire source, with the evidence score in [0, 1]."""

    a: str
    b: str
    score: float


@dataclass(frozen=True)
class Story:
    """One real-world event: a set of article ids with a title and a time span."""

    id: str
    title: str | None
    articles: tuple[str, ...]
    start: str | None = None
    end: str | None = None
    near_duplicates: tuple[tuple[str, ...], ...] = ()
    lineage: tuple[LineagePair, ...] = field(default_factory=tuple)


def chronological(article: Article) -> tuple[bool, str, str]:
    """Sort key for articles: by publication date, undated ones last, then by id."""
    return (article.published is None, article.published or "", article.id)
