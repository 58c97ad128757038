"""Tests for marsad.ner.clusters: distributional word clusters (PPMI, SVD, k-means) of tokenized texts."""

from __future__ import annotations

from marsad.ner.clusters import build_clusters


def test_clusters_group_words_seen_between_the_same_neighbours() -> None:
    """Words used in the same contexts share a cluster; words used elsewhere do not."""
    texts = []
    for city in ("بغداد", "القاهرة", "دمشق"):
        texts += [["وصل", "الوفد", "إلى", city, "أمس"]] * 6
    for verb in ("قال", "أكد", "أوضح"):
        texts += [["ثم", verb, "المتحدث", "باسم", "الوزارة"]] * 6
    clusters = build_clusters(texts, clusters=2, dimensions=2)
    assert clusters["بغداد"] == clusters["قاهره"] == clusters["دمشق"]
    assert clusters["قال"] == clusters["اكد"] != clusters["بغداد"]
