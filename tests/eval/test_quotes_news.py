"""Tests for eval.quotes_news: when a marsad quote finds a gold one, and when its speaker is the gold speaker."""

from __future__ import annotations

from eval.quotes_news import _best, _speaker_right

from marsad.types import AttributedQuote, Entity, Quote, Span


def _quote(start: int, end: int, speaker: tuple[int, int] | None = None, entity: str | None = None) -> AttributedQuote:
    """Return an attributed quote of article "a" over [start, end), with a speaker span and entity when given."""
    said = Span("a", *speaker, "speaker") if speaker else None
    return AttributedQuote(f"q{start}", Quote(Span("a", start, end, "quote"), "indirect", speaker=said), entity, "g")


def test_a_gold_quote_is_found_by_the_quote_covering_half_of_it() -> None:
    """The marsad quote covering most of the gold one is taken when it covers at least half; a quote elsewhere never."""
    gold = {"doc": "a", "body": (100, 200)}
    near, most = _quote(90, 140), _quote(120, 260)
    assert _best(gold, (near, most)) is most
    assert _best(gold, (_quote(170, 300),)) is None
    assert _best({"doc": "b", "body": (100, 200)}, (most,)) is None


def test_the_speaker_is_right_through_its_span_or_its_entity() -> None:
    """Right when the speaker span meets a place the story writes the gold speaker, or the entity it resolved to does."""
    written = [("a", (10, 20))]
    assert _speaker_right(_quote(50, 80, speaker=(12, 18)), written, ())
    entity = Entity("per-1", "س", "PER", (("س", 1),), ("a",), (), (Span("a", 10, 20, "PER"),))
    assert _speaker_right(_quote(50, 80, speaker=(30, 35), entity="per-1"), written, (entity,))
    assert not _speaker_right(_quote(50, 80, speaker=(30, 35)), written, (entity,))
