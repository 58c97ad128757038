"""The values that flow through marsad: raw documents, cleaned articles, labelled spans and stories.

Every result marsad finds in an article (a name, a quote and its speaker, a date, a clause of the
timeline) is a `Span`: the article's id, a half-open character range of its cleaned `body` and a
label. A span never copies text: `article.text(span)` (or `Doc.text`) reads it from the body.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, NamedTuple, get_args

# The types of named entity.
EntityType = Literal["PER", "LOC", "ORG", "MISC"]
ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)
PERSON: EntityType = "PER"
# What a span marks: an entity mention, a part of the article's layout, a quote and its parts, a time
# expression, a clause of the timeline, a claim unit and a compared value in it, a word a search matched.
SpanLabel = Literal[
    "PER", "LOC", "ORG", "MISC",
    "heading", "paragraph", "sentence",
    "quote", "speaker", "role", "verb",
    "date", "duration",
    "clause",
    "claim", "value",
    "match",
]
# How an article's publication date was known, strongest evidence first.
DateSource = Literal["text", "hijri", "html", "feed", "metadata", "inferred"]
DATE_SOURCES: tuple[DateSource, ...] = get_args(DateSource)
INFERRED: DateSource = "inferred"


class Span(NamedTuple):
    """A labelled half-open character range [start, end) of one article's `body`: the shape of every result."""

    article: str
    start: int
    end: int
    label: SpanLabel


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
    published_source: DateSource | None = None
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
    """A cleaned article: `body` is the text every result points into; its layout is spans of it."""

    id: str
    origin: str
    body: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: DateSource | None = None
    credits: tuple[str, ...] = ()
    outlet_summary: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    headings: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()
    fetched: str | None = None  # ISO day the page was captured: the ingest time an undated article is read against

    def text(self, span: Span) -> str:
        """Return the body text a span points to."""
        return self.body[span.start : span.end]

    def with_id(self, id: str) -> Article:
        """Return the article under another id, its layout spans pointing at the new id."""
        def moved(spans: tuple[Span, ...]) -> tuple[Span, ...]:
            """Return the spans re-pointed at the new id."""
            return tuple(s._replace(article=id) for s in spans)

        return replace(self, id=id, headings=moved(self.headings), paragraphs=moved(self.paragraphs),
                       sentences=moved(self.sentences))


QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True)
class Quote:
    """One quote of an article: its span, direct or indirect, and the spans of its reporting word, speaker and role."""

    span: Span  # label "quote": the quoted words (marks left out) or the reported clause
    kind: QuoteKind
    verb: Span | None = None  # label "verb": the reporting verb or source marker it hangs on
    speaker: Span | None = None  # label "speaker": the name, or the whole institution phrase, that speaks
    role: Span | None = None  # label "role": the title written before the name

    @property
    def article(self) -> str:
        """Return the id of the article the quote is in."""
        return self.span.article


Granularity = Literal["day", "month", "year", "range"]


@dataclass(frozen=True)
class TimeExpression:
    """One temporal expression: its span (label "date" or "duration") and its resolved value, or why it has none.

    value is ISO "YYYY-MM-DD", "YYYY-MM", "YYYY" or "start/end" (None when unresolved or a duration);
    anchor is the ISO day a relative expression was resolved against; reason says why it is
    unresolved, or carries a warning; duration is ISO 8601 (PT6H30M, P2Y) for durations.
    """

    span: Span
    value: str | None
    granularity: Granularity | None
    anchor: str | None
    relative: bool
    reason: str | None = None
    duration: str | None = None

    @property
    def kind(self) -> str:
        """Return "date" or "duration"."""
        return self.span.label


@dataclass(frozen=True)
class Inference:
    """An article's publication day (ISO) as its text and story allow, or None; its evidence; a contradiction."""

    value: str | None
    evidence: tuple[str, ...] = ()
    conflict: str | None = None


@dataclass(frozen=True)
class Entity:
    """One real-world entity of a story: display name, type, spellings with counts, articles, roles and mentions."""

    id: str
    name: str
    type: EntityType
    variants: tuple[tuple[str, int], ...]
    articles: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class AttributedQuote:
    """A quote of a story with its id, the story entity that said it (when one is named) and its cross-outlet group."""

    id: str
    quote: Quote
    speaker: str | None
    group: str


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event of a story: its date and every source clause (spans labelled "clause"), first one first."""

    date: str
    granularity: Granularity
    spans: tuple[Span, ...]
    background: bool

    @property
    def articles(self) -> tuple[str, ...]:
        """Return the ids of the articles that report the event, in order."""
        return tuple(dict.fromkeys(s.article for s in self.spans))


@dataclass(frozen=True)
class LineagePair:
    """Two articles that share a wire source, with the evidence score in [0, 1]."""

    a: str
    b: str
    score: float


@dataclass(frozen=True)
class Claim:
    """One fact of a story: the units (spans labelled "claim") that state it, one per article at most, and who says it.

    `sources` counts independent lineages: articles of one wire story, near-duplicate group or outlet count once.
    `omitted_by` lists the story's outlets none of whose articles state it. An article without an outlet
    stands for itself (its id is its outlet).
    """

    id: str
    units: tuple[Span, ...]
    outlets: tuple[str, ...]
    sources: int
    omitted_by: tuple[str, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        """Return the ids of the articles that state the claim, in order."""
        return tuple(dict.fromkeys(s.article for s in self.units))


ConflictKind = Literal["number", "date", "place", "title", "nationality", "speaker", "occurrence"]


@dataclass(frozen=True)
class ConflictSide:
    """One side of a conflict: the value as read (spaces collapsed) and the span it is written in, with its outlet."""

    value: str
    span: Span  # label "value": the words holding the value, inside a claim unit
    outlet: str


@dataclass(frozen=True)
class Conflict:
    """Two units of a story that state one fact with values that cannot both hold."""

    id: str
    kind: ConflictKind
    description: str
    sides: tuple[ConflictSide, ...]
    claims: tuple[str, ...]  # the ids of the claims each side's unit belongs to


@dataclass(frozen=True)
class BriefSentence:
    """One sentence of a story's brief: a claim unit chosen to state the claim, and every unit that states it."""

    span: Span  # the chosen wording, a unit of the claim
    claim: str
    sources: tuple[Span, ...]  # every unit of the claim, the chosen one first
    single_source: bool


@dataclass(frozen=True)
class Story:
    """One real-world event as clustering found it: its article ids in order, a title and a time span."""

    id: str
    title: str | None
    articles: tuple[str, ...]
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class StoryChange:
    """A stored story merged into another or split, when new articles came.

    `merged`: `old` no longer exists and resolves to `new`; `split`: some of `old`'s members left for `new`.
    """

    kind: str
    old: str
    new: str


def chronological(article: Article) -> tuple[bool, str, str]:
    """Sort key for articles: by publication date, undated ones last, then by id."""
    return (article.published is None, article.published or "", article.id)
