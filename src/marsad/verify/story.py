"""The verification stage: claims, independent sources, conflicts and the brief of each story, computed once."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from marsad.doc import StoryDoc
from marsad.types import BriefSentence, Claim, Span
from marsad.verify.brief import DEFAULT_SENTENCES, MAX_CHARS, brief
from marsad.verify.claims import Alignment, align
from marsad.verify.conflicts import find_conflicts
from marsad.verify.sources import count_sources, outlet, source_groups
from marsad.verify.units import claim_units


def verify_stories(stories: Sequence[StoryDoc], sentences: int = DEFAULT_SENTENCES) -> None:
    """Fill in the sources, claims, conflicts and brief (of `sentences` sentences) of each story."""
    for story in stories:
        if story.claims is None:
            verify_story(story, sentences)


def verify_story(story: StoryDoc, sentences: int = DEFAULT_SENTENCES) -> None:
    """Fill in one story's sources, claims, conflicts and brief.

    A story of one article has nothing to align or compare: each unit is a claim of one source, and its
    brief is its first units (news states its main facts first), without the vectors a longer story needs.
    """
    if len(story.docs) == 1:
        _single(story, sentences)
        return
    alignment = align(story)
    story.sources = source_groups(story, alignment)
    claims = _claims(story, alignment)
    story.claims = claims
    story.conflicts = find_conflicts(story, alignment, _claim_of_unit(alignment, claims))
    story.summary = brief(alignment, claims, sentences)


def _single(story: StoryDoc, sentences: int) -> None:
    """Fill in the verification of a story of one article."""
    doc = story.docs[0]
    units = [u.span for u in claim_units(doc)]
    story.sources = ((doc.id,),)
    story.claims = tuple(Claim(_claim_id((span,)), (span,), (outlet(doc),), 1, ()) for span in units)
    story.conflicts = ()
    lead = [(span, claim) for span, claim in zip(units, story.claims, strict=True)
            if span.end - span.start <= MAX_CHARS][:max(sentences, 0)]
    story.summary = tuple(BriefSentence(span, claim.id, (span,), True) for span, claim in lead)


def _claim_id(spans: Sequence[Span]) -> str:
    """Return a claim's id: "k" + 10 hex digits of sha1 of its units' positions."""
    key = "|".join(f"{s.article}:{s.start}:{s.end}" for s in spans)
    return "k" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _claims(story: StoryDoc, alignment: Alignment) -> tuple[Claim, ...]:
    """Build the story's claims from the aligned units, counting independent sources, in story order."""
    group_of = {a: k for k, group in enumerate(story.sources or ()) for a in group}
    outlets = list(dict.fromkeys(outlet(d) for d in story.docs))
    out = []
    for units in alignment.claims:
        spans = tuple(alignment.units[i].span for i in units)
        docs = [story.docs[alignment.articles[i]] for i in units]
        carried = tuple(dict.fromkeys(outlet(d) for d in docs))
        out.append(Claim(_claim_id(spans), spans, carried,
                         count_sources(docs, group_of), tuple(o for o in outlets if o not in carried)))
    return tuple(out)


def _claim_of_unit(alignment: Alignment, claims: Sequence[Claim]) -> list[str]:
    """Return the claim id of every unit, index for index."""
    of = [""] * len(alignment.units)
    for claim, units in zip(claims, alignment.claims, strict=True):
        for i in units:
            of[i] = claim.id
    return of
