"""Tests for marsad.verify.brief: at most N sentences, each a claim unit quoted exactly, with every source of its claim."""

from __future__ import annotations

import pytest

from marsad.doc import StoryDoc
from marsad.verify.brief import DEFAULT_SENTENCES
from tests.verify.helpers import EVACUATED_A, EVACUATED_B, FLOOD_A, OUTLET_A, analyze, flood_records, only_story, record


def _flood(**options: object) -> StoryDoc:
    """Return the flood story (3 outlets, 6 claims) analysed with the given options."""
    return only_story(analyze(*flood_records(), people=False, **options))


def _check(story: StoryDoc) -> None:
    """Assert the brief's invariants: exact claim units, one per claim, every unit of the claim cited, chosen first."""
    claims = {c.id: c for c in story.claims or ()}
    for sentence in story.summary or ():
        claim = claims[sentence.claim]
        doc = story.doc(sentence.span.article)
        assert doc.body[sentence.span.start:sentence.span.end] == story.text(sentence.span) != ""
        assert sentence.span in claim.units
        assert sentence.sources[0] == sentence.span
        assert sorted(sentence.sources) == sorted(claim.units) and len(sentence.sources) == len(claim.units)
        assert sentence.single_source == (claim.sources == 1)
    chosen = [s.claim for s in story.summary or ()]
    assert len(chosen) == len(set(chosen))


def test_the_default_brief_has_five_sentences() -> None:
    """With more than five claims and no option, the brief has DEFAULT_SENTENCES (5) sentences."""
    story = _flood()
    assert DEFAULT_SENTENCES == 5
    assert len(story.claims or ()) > 5
    assert len(story.summary or ()) == 5
    _check(story)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_brief_has_at_most_the_sentences_asked(n: int) -> None:
    """A brief of N sentences has N sentences when the story has as many claims, each a distinct claim."""
    story = _flood(brief=n)
    assert len(story.summary or ()) == n
    _check(story)


def test_a_brief_longer_than_the_claims_has_one_sentence_per_claim() -> None:
    """Asking for more sentences than claims gives every claim once, never one claim twice."""
    story = _flood(brief=20)
    assert len(story.summary or ()) == len(story.claims or ())
    _check(story)


def test_a_brief_of_no_sentences_is_empty() -> None:
    """brief=0 keeps the claims and gives an empty brief."""
    story = _flood(brief=0)
    assert story.claims and story.summary == ()


def test_the_corroborated_fact_leads_a_one_sentence_brief() -> None:
    """With one sentence, the brief states the fact two independent sources carry, cited with all three units."""
    story = _flood(brief=1)
    (sentence,) = story.summary or ()
    assert story.text(sentence.span) in {EVACUATED_A, EVACUATED_B}
    assert len(sentence.sources) == 3 and not sentence.single_source


def test_single_source_is_set_for_claims_one_source_carries() -> None:
    """Facts only one source states are marked single-source in the brief; the shared one is not."""
    story = _flood(brief=20)
    shared = [s for s in story.summary or () if story.text(s.span) in {EVACUATED_A, EVACUATED_B}]
    others = [s for s in story.summary or () if s not in shared]
    assert len(shared) == 1 and not shared[0].single_source
    assert len(others) == 5 and all(s.single_source for s in others)


def test_a_one_article_story_has_a_single_source_brief() -> None:
    """A story of one article gets a brief too, every sentence single-source with itself as only source."""
    story = only_story(analyze(record(FLOOD_A, OUTLET_A), people=False))
    assert len(story.summary or ()) == 4
    assert all(s.single_source and s.sources == (s.span,) for s in story.summary or ())
    _check(story)
