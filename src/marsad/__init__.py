"""marsad: turn many Arabic news articles from many outlets into one verified story.

    >>> import marsad
    >>> analysis = marsad.analyze(["../shared/seeds"])            # files, folders, globs; or
    >>> analysis = marsad.analyze_records([{"text": "...", "outlet": "..."}])
    >>> story = analysis.stories[0]                                 # a StoryDoc
    >>> [story.text(m) for e in story.entities for m in e.mentions]  # every result is a Span of a body

The types (Span, Article, Story, Quote, TimeExpression, Entity, ...) are in marsad.types, the
annotated containers (Doc, StoryDoc, Analysis) in marsad.doc, the store in marsad.store.
"""

__version__ = "0.1.0"

from pathlib import Path

from marsad.compiled import use_source_when_stale

use_source_when_stale(__name__, Path(__file__).parent)  # before any module that may be compiled is imported

from marsad.doc import Analysis, Doc, StoryDoc
from marsad.pipeline import IngestResult, Progress, add_articles, analyze, analyze_records, ingest_into
from marsad.store import Store
from marsad.types import (
    Article,
    AttributedQuote,
    Entity,
    Inference,
    IngestError,
    LineagePair,
    Quote,
    Span,
    Story,
    TimeExpression,
    TimelineEvent,
)

__all__ = [
    "Analysis",
    "Article",
    "AttributedQuote",
    "Doc",
    "Entity",
    "Inference",
    "IngestError",
    "IngestResult",
    "LineagePair",
    "Progress",
    "Quote",
    "Span",
    "Store",
    "Story",
    "StoryDoc",
    "TimeExpression",
    "TimelineEvent",
    "__version__",
    "add_articles",
    "analyze",
    "analyze_records",
    "ingest_into",
]
