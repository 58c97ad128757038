"""Tests for marsad.verify.claims: units of different outlets stating one fact align into one claim, others do not."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from marsad.doc import Doc
from marsad.types import Span
from marsad.verify.claims import ALIGN, _vectors
from marsad.verify.conflicts import similarity
from marsad.verify.units import Unit
from tests.verify.helpers import (
    EVACUATED_A,
    EVACUATED_B,
    FLOOD_A,
    FLOOD_B,
    OUTLET_A,
    OUTLET_B,
    POWER_CUT,
    analyze,
    by_text,
    flood_records,
    only_story,
    record,
)

# One outlet states the evacuation twice (a lead and the governor's figure); the other once.
TWICE = ("أجلت فرق الإنقاذ 340 عائلة من الأحياء الشرقية لمدينة الريحان بعد أن غمرتها السيول.\n\n"
         "وقال المحافظ إن فرق الإنقاذ أجلت حتى الآن 340 عائلة من الأحياء الشرقية في مدينة الريحان.\n\n"
         "وتعطلت حركة السير على الطريق الدولي المؤدي إلى العاصمة طوال الليل بسبب تراكم الطين.")
ONCE = ("وأجلت فرق الدفاع المدني 340 عائلة من الأحياء الشرقية في الريحان إثر السيول.\n\n"
        "ونقل الهلال الأحمر عشرات المسنين إلى مستشفى الريحان الحكومي للاطمئنان على صحتهم.")


def test_two_outlets_rewording_one_fact_make_one_claim() -> None:
    """The evacuation, told in other words by an independent outlet (and copied by a third), is one claim of three units."""
    story = only_story(analyze(*flood_records(), people=False))
    texts = [{story.text(u) for u in c.units} for c in story.claims or ()]
    (evacuated,) = [t for t in texts if EVACUATED_A in t]
    assert evacuated == {EVACUATED_A, EVACUATED_B}
    (claim,) = [c for c in story.claims or () if story.text(c.units[0]) in evacuated]
    assert len(claim.units) == 3 and set(claim.articles) == {d.id for d in story.docs}


def test_unrelated_sentences_of_one_story_stay_apart() -> None:
    """A fact only one outlet reports (the power cut) is a claim of its own, one unit long."""
    story = only_story(analyze(*flood_records(), people=False))
    (power,) = [c for c in story.claims or () if any(story.text(u) == POWER_CUT for u in c.units)]
    assert len(power.units) == 1
    assert power.outlets == (OUTLET_B,)


def test_two_reports_sharing_one_fact_have_one_joint_claim() -> None:
    """Two independent reports sharing one fact: that claim holds both; every other sentence is a claim alone."""
    story = only_story(analyze(record(FLOOD_A, OUTLET_A), record(FLOOD_B, OUTLET_B), people=False))
    joint = [c for c in story.claims or () if len(c.units) > 1]
    assert [{story.text(u) for u in c.units} for c in joint] == [{EVACUATED_A, EVACUATED_B}]
    assert len(story.claims or ()) == 6  # 4 + 3 units, 2 of them joined
    assert all(len(c.units) == 1 and len(c.outlets) == 1 for c in story.claims or () if c not in joint)


def test_a_claim_holds_at_most_one_unit_of_an_article() -> None:
    """An article stating a fact twice gives it one unit; its second statement stays apart, though as similar."""
    story = only_story(analyze(record(TWICE, OUTLET_A), record(ONCE, OUTLET_B), people=False))
    twice, once = by_text(story, TWICE), by_text(story, ONCE)
    first, second = (_span(twice, t) for t in TWICE.split("\n\n")[:2])
    other = _span(once, ONCE.split("\n\n", maxsplit=1)[0])
    assert similarity(story, first, other) >= ALIGN and similarity(story, second, other) >= ALIGN
    for claim in story.claims or ():
        assert len(claim.articles) == len(set(claim.articles)) == len(claim.units)
    (evacuated,) = [c for c in story.claims or () if other in c.units]
    assert len(evacuated.units) == 2 and (first in evacuated.units) != (second in evacuated.units)


def test_claims_cover_every_unit_once_in_story_order() -> None:
    """No unit is in two claims; claims come in member order, ids unique; each claim's first unit is its text."""
    story = only_story(analyze(*flood_records(), people=False))
    units = [u for c in story.claims or () for u in c.units]
    assert len(units) == len(set(units))
    members = [d.id for d in story.docs]
    firsts = [(members.index(c.units[0].article), c.units[0].start) for c in story.claims or ()]
    assert firsts == sorted(firsts)
    ids = [c.id for c in story.claims or ()]
    assert len(ids) == len(set(ids))


def _span(doc: Doc, text: str) -> Span:
    """Return the claim span of `text` in a member's body."""
    start = doc.body.index(text)
    return Span(doc.id, start, start + len(text), "claim")


def test_unit_vectors_do_not_depend_on_the_python_hash_seed() -> None:
    """The units' TF-IDF columns come in one order in every process, so float sums and the brief's ties do too."""
    code = (
        "import hashlib, marsad;"
        "from tests.verify.helpers import flood_records;"
        "from marsad.verify.claims import align;"
        "m = align(marsad.analyze_records(flood_records(), workers=1).stories[0]).vectors;"
        "print(hashlib.sha1(m.indices.tobytes() + m.data.tobytes()).hexdigest())"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_unit_vectors_are_the_normalized_tfidf_of_their_terms() -> None:
    """Each row is binary terms times smoothed IDF scaled to length 1, a unit without terms zero; columns by first use."""
    terms = [{"سيل", "مدينة", "340"}, set(), {"سيل", "عائلة"}, {"مدينة", "سيل", "طريق"}]
    units = [Unit(Span("a", k, k + 1, "claim"), frozenset(t), 0.0) for k, t in enumerate(terms)]
    m = _vectors(units)
    vocab = list(dict.fromkeys(w for t in terms for w in sorted(t)))
    df = np.array([sum(w in t for t in terms) for w in vocab])
    dense = np.array([[w in t for w in vocab] for t in terms], dtype=float) * (np.log(5 / (1 + df)) + 1.0)
    norms = np.linalg.norm(dense, axis=1)
    assert m.has_sorted_indices and m.shape == (4, len(vocab))
    assert np.allclose(m.toarray(), dense / np.where(norms == 0, 1.0, norms)[:, None], rtol=0, atol=1e-12)
    assert m[1].nnz == 0
