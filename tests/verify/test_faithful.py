"""Faithful by construction: every claim unit, conflict side and brief sentence of the seeds and of the bundled sample is a span of its article's body."""

from __future__ import annotations

from pathlib import Path

import marsad
from marsad.doc import Analysis
from tests.conftest import ROOT

SAMPLE = ROOT / "examples" / "sample"


def _check(analysis: Analysis) -> int:
    """Assert that every verification span of every story reproduces its text; return how many were checked."""
    checked = 0
    report = analysis.to_json()
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    for story in report["stories"]:
        assert {"claims", "conflicts", "summary", "sources"} <= story.keys()
        spans = [u for c in story["claims"] for u in c["units"]]
        spans += [s for c in story["conflicts"] for s in c["sides"]]
        spans += [s for b in story["summary"] for s in b["sources"]]
        for span in spans:
            assert bodies[span["article"]][span["start"]:span["end"]].strip()
            checked += 1
        for side in (s for c in story["conflicts"] for s in c["sides"]):
            assert side["value"] == " ".join(bodies[side["article"]][side["start"]:side["end"]].split())
        for sentence in story["summary"]:
            first = sentence["sources"][0]
            assert sentence["text"] == bodies[first["article"]][first["start"]:first["end"]]
            assert sentence["claim"] in {c["id"] for c in story["claims"]}
        for claim in story["claims"]:
            first = claim["units"][0]
            assert claim["text"] == bodies[first["article"]][first["start"]:first["end"]]
            assert set(claim["articles"]) <= set(story["articles"])
            assert 1 <= claim["independent_sources"] <= len(claim["articles"])
    return checked


def test_every_span_of_the_seed_stories_reproduces_its_text(seeds_dir: Path) -> None:
    """The seeds' claims, conflicts and brief point into the bodies exactly, and the brief has 5 sentences."""
    analysis = marsad.analyze([seeds_dir], workers=1)
    assert _check(analysis) > 50
    assert all(len(s.summary or ()) == 5 for s in analysis.stories if len(s.claims or ()) >= 5)


def test_every_span_of_the_sample_stories_reproduces_its_text() -> None:
    """The bundled sample's stories pass the same check."""
    analysis = marsad.analyze([SAMPLE], workers=1)
    assert analysis.stories and _check(analysis) > 0
