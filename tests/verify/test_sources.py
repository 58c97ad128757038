"""Tests for marsad.verify.sources: which articles count once (copies, rewrites, one agency, one outlet), and claim counts."""

from __future__ import annotations

import pytest

from marsad.doc import StoryDoc
from marsad.types import Claim, LineagePair
from marsad.verify.sources import LINEAGE, agencies
from marsad.verify.story import verify_story
from tests.verify.helpers import (
    EVACUATED_A,
    FLOOD_A,
    FLOOD_B,
    FLOOD_C,
    GAS_P,
    GAS_Q,
    OUTLET_A,
    OUTLET_B,
    OUTLET_C,
    POWER_CUT,
    analyze,
    by_text,
    fire_records,
    flood_records,
    gas_records,
    only_story,
    record,
)


def _claim_with(story: StoryDoc, text: str) -> Claim:
    """Return the claim one of whose units is `text`."""
    (found,) = [c for c in story.claims or () if any(story.text(u) == text for u in c.units)]
    return found


def _groups(story: StoryDoc) -> set[frozenset[str]]:
    """Return the story's source groups as sets of article ids."""
    return {frozenset(g) for g in story.sources or ()}


def test_a_copy_counts_once_and_an_independent_report_separately() -> None:
    """A copy of A by a third outlet joins A's source; B stays apart: the shared fact has 2 sources from 3 outlets."""
    story = only_story(analyze(*flood_records(), people=False))
    a, b, c = (by_text(story, t).id for t in (FLOOD_A, FLOOD_B, FLOOD_C))
    assert _groups(story) == {frozenset({a, c}), frozenset({b})}
    evacuated = _claim_with(story, EVACUATED_A)
    assert set(evacuated.outlets) == {OUTLET_A, OUTLET_B, OUTLET_C}
    assert evacuated.sources == 2


def test_every_member_is_in_exactly_one_source_group() -> None:
    """The source groups partition the story's members."""
    story = only_story(analyze(*flood_records(), people=False))
    members = [a for g in story.sources or () for a in g]
    assert sorted(members) == sorted(story.story.articles)


def test_a_strong_lineage_pair_joins_two_reports_and_a_weak_one_does_not() -> None:
    """A wire lineage pair scoring LINEAGE joins two otherwise independent reports; one below it does not."""
    story = only_story(analyze(record(FLOOD_A, OUTLET_A), record(FLOOD_B, OUTLET_B), people=False))
    a, b = story.story.articles
    assert len(story.sources or ()) == 2
    for score, groups, shared in ((LINEAGE, 1, 1), (LINEAGE - 0.1, 2, 2)):
        linked = StoryDoc(story.story, story.docs, lineage=(LineagePair(a, b, score),))
        verify_story(linked)
        assert len(linked.sources or ()) == groups, score
        assert _claim_with(linked, EVACUATED_A).sources == shared, score


def test_a_rewrite_fact_by_fact_counts_once() -> None:
    """Two outlets retelling one text sentence by sentence (other words, same facts) are one source."""
    story = only_story(analyze(*fire_records(), people=False))
    assert len(story.sources or ()) == 1
    assert all(c.sources == 1 for c in story.claims or ())
    assert any(len(c.outlets) == 2 for c in story.claims or ())


def test_two_rewrites_of_one_agency_story_count_once() -> None:
    """Two outlets crediting one agency (رويترز) for the same facts are one source; each claim has one."""
    story = only_story(analyze(*gas_records("(رويترز)", "(رويترز)"), people=False))
    assert [agencies(d) for d in story.docs] == [frozenset({"Reuters"})] * 2
    assert len(story.sources or ()) == 1
    shared = [c for c in story.claims or () if len(c.outlets) == 2]
    assert len(shared) == 2 and all(c.sources == 1 for c in shared)


@pytest.mark.parametrize(("credit_p", "credit_q"), [("", ""), ("(رويترز)", "(أ ف ب)")], ids=["uncredited", "two-agencies"])
def test_independent_reports_of_shared_facts_count_separately(credit_p: str, credit_q: str) -> None:
    """The same two reports, uncredited or crediting different agencies, are two sources: shared facts have 2."""
    story = only_story(analyze(*gas_records(credit_p, credit_q), people=False))
    assert len(story.sources or ()) == 2
    shared = [c for c in story.claims or () if len(c.outlets) == 2]
    assert len(shared) == 2 and all(c.sources == 2 for c in shared)


@pytest.mark.parametrize(("text", "agency"), [
    (GAS_P + "\n\n(رويترز)", "Reuters"),
    ("جزيرة الصدف (أ ف ب) - " + GAS_Q, "AFP"),
    (GAS_Q.replace("كشفت شركة", "ذكرت وكالة الأناضول أن شركة", 1), "Anadolu"),
    (GAS_P, None),
], ids=["last-paragraph", "dateline", "first-paragraph", "none"])
def test_agencies_are_read_from_credits_and_the_first_and_last_paragraphs(text: str, agency: str | None) -> None:
    """An agency named in a credit line, a dateline or the first or last paragraph is credited; none otherwise."""
    (doc,) = analyze(record(text, OUTLET_A), people=False, dates=False).docs
    assert agencies(doc) == (frozenset({agency}) if agency else frozenset())


@pytest.mark.parametrize("lead", ["أعلنت الحكومة الفرنسية", "أعلنت المستشارة الألمانية", "أعلنت السلطنة العمانية",
                                  "أعلنت محافظة قنا"], ids=["french", "german", "omani", "qena"])
def test_an_adjective_in_the_lead_is_no_agency_credit(lead: str) -> None:
    """A nationality adjective or a place named like an agency in the first paragraph credits no agency."""
    p = GAS_P.replace("أعلنت شركة البحار للطاقة", lead, 1)
    q = GAS_Q.replace("كشفت شركة البحار للطاقة", lead, 1)
    story = only_story(analyze(record(p, OUTLET_A, "2024-05-02"), record(q, OUTLET_B, "2024-05-02"), people=False))
    assert [agencies(d) for d in story.docs] == [frozenset(), frozenset()]
    assert len(story.sources or ()) == 2


def test_one_outlets_articles_count_once_in_a_claim() -> None:
    """Two independent texts from one outlet stating one fact give it one source (an outlet does not confirm itself)."""
    story = only_story(analyze(record(FLOOD_A, OUTLET_A), record(FLOOD_B, OUTLET_A), people=False))
    evacuated = _claim_with(story, EVACUATED_A)
    assert len(evacuated.units) == 2
    assert evacuated.outlets == (OUTLET_A,) and evacuated.sources == 1


def test_omitted_by_lists_the_story_outlets_not_stating_a_claim() -> None:
    """A claim's outlets and omitted_by split the story's outlets; the power cut is omitted by the two others."""
    story = only_story(analyze(*flood_records(), people=False))
    every = {OUTLET_A, OUTLET_B, OUTLET_C}
    for claim in story.claims or ():
        assert set(claim.outlets) | set(claim.omitted_by) == every
        assert not set(claim.outlets) & set(claim.omitted_by)
    power = _claim_with(story, POWER_CUT)
    assert set(power.omitted_by) == {OUTLET_A, OUTLET_C}
    assert _claim_with(story, EVACUATED_A).omitted_by == ()


def test_an_article_without_outlet_is_its_own_source() -> None:
    """Articles with no outlet stand for themselves: two independent ones are two sources, named by their ids."""
    story = only_story(analyze(record(FLOOD_A, None), record(FLOOD_B, None), people=False))
    a, b = by_text(story, FLOOD_A).id, by_text(story, FLOOD_B).id
    evacuated = _claim_with(story, EVACUATED_A)
    assert set(evacuated.outlets) == {a, b} and evacuated.sources == 2
    assert _claim_with(story, POWER_CUT).omitted_by == (a,)
