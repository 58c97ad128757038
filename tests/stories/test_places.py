"""Tests for marsad.stories.places and its part in the story score: places of an opening, agreeing or apart."""

from __future__ import annotations

import numpy as np
import pytest

from marsad.datafiles import rows
from marsad.stories import cluster
from marsad.stories.cluster import PLACE_FACTOR, similarity
from marsad.stories.places import factors, matrices, named
from marsad.types import Article

KEYS = [key for key, _, _ in rows("places.tsv")]


def keys(text: str) -> set[str]:
    """Return the keys of the places named in a text."""
    return {KEYS[p] for p in named(text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("اندلع حريق في مستودع بتبوك فجر اليوم", {"SA.tabuk"}),
    ("وصل الوفد وبالرياض عقد اجتماعه الأول", {"SA.riyadh"}),
    ("رحلة من جدة للإسكندرية", {"SA.jeddah", "EG.alexandria"}),
    ("حريق يصرع طفلين في المدينة المنورة", {"SA.madinah"}),
    ("اجتمع مجلس المدينة مساء أمس", set()),  # "the city": a common word, never compared
    ("مؤتمر في المنطقة الشرقية", {"SA.eastern"}),
])
def test_places_are_read_through_clitics_and_at_their_longest(text: str, expected: set[str]) -> None:
    assert keys(text) == expected


def test_a_place_agrees_with_what_it_lies_in_and_not_with_a_sibling() -> None:
    texts = ["حادث في جدة", "حادث في منطقة مكة المكرمة", "حادث في تبوك", "حادث في السعودية", "حادث بلا مكان"]
    exact, reach = matrices([named(t) for t in texts])
    f = factors(exact, reach, 0.5)
    assert f[0, 1] == f[1, 0] == 1.0  # Jeddah lies in the Makkah region
    assert f[0, 2] == f[1, 2] == 0.5  # Tabuk lies in neither
    assert f[2, 3] == 1.0  # a city and its country
    assert (f[4] == 1.0).all()  # naming no place says nothing


# One invented template, filled with two cities or with two invented (unlisted) town names.
FIRE = "الدفاع المدني يخمد حريقا في مستودع للأخشاب في {} دون إصابات وتستمر أعمال التبريد في {} حتى المساء"


def _pair(first: str, second: str) -> float:
    """Return the story similarity of the fire template told in `first` and in `second`."""
    a = Article("a", "t/a", body=FIRE.format(first, first), title=f"حريق مستودع في {first}", published="2015-08-01")
    b = Article("b", "t/b", body=FIRE.format(second, second), title=f"حريق مستودع في {second}", published="2015-08-01")
    return similarity(a, b)


def test_two_cities_lower_the_score_by_the_place_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    apart = _pair("تبوك", "نجران")
    monkeypatch.setattr(cluster, "PLACE_FACTOR", 1.0)
    assert apart == pytest.approx(PLACE_FACTOR * _pair("تبوك", "نجران"), rel=1e-5)


def test_a_city_and_its_region_keep_the_score(monkeypatch: pytest.MonkeyPatch) -> None:
    together = _pair("أبها", "عسير")
    monkeypatch.setattr(cluster, "PLACE_FACTOR", 0.0)
    assert together == pytest.approx(_pair("أبها", "عسير"), rel=1e-5) and together > 0


def test_factors_are_symmetric_on_a_batch() -> None:
    texts = ["في الرياض", "في دبي والرياض", "في دبي", "في القاهرة", "لا شيء"]
    f = factors(*matrices([named(t) for t in texts]), 0.7)
    assert np.array_equal(f, f.T)
