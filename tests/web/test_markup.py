"""Tests for marsad.web.markup: highlighted runs, the timeline's geometry, the claims matrix, snippets, labels."""

from __future__ import annotations

from typing import Any

from marsad.web import markup


def test_segments_cut_at_every_mark_and_rebuild_the_body() -> None:
    body = "قال الوزير محمد علي إن الاتفاق جاهز"
    marks = [{"kind": "quote", "start": 21, "end": len(body)}, {"kind": "entity", "start": 11, "end": 19,
                                                                 "label": "محمد علي"}]
    runs = markup.segments(body, marks, cited=(4, 14))
    assert "".join(r.text for r in runs) == body
    kinds = {r.text: r.kinds for r in runs}
    assert kinds["قال "] == ()
    assert kinds["الوزير "] == ("cited",)
    assert kinds["محم"] == ("cited", "entity")
    assert kinds["د علي"] == ("entity",)
    assert [r.anchor for r in runs].count(True) == 1 and runs[1].anchor


def test_segments_ignore_marks_outside_the_body() -> None:
    runs = markup.segments("نص قصير", [{"kind": "entity", "start": 3, "end": 99}], cited=(5, 2))
    assert [(r.text, r.kinds) for r in runs] == [("نص قصير", ())]


def test_the_timeline_puts_the_earliest_date_on_the_right() -> None:
    events = [{"date": "2025-02-27", "text": "الاجتماع", "spans": [{"article": "a", "start": 0, "end": 5}]},
              {"date": "2024", "text": "ز" * 200, "spans": []},
              {"date": "2025-02", "text": "في فبراير", "spans": []}]
    tl = markup.timeline(events)
    x = [r["x"] for r in tl["rows"]]
    assert x[1] == tl["right"] and x[0] == tl["left"] and tl["left"] < x[2] < tl["right"]
    assert (tl["first"], tl["last"]) == ("2024", "2025-02-27")
    assert len(tl["rows"][1]["label"]) == markup.LABEL_CHARS and tl["rows"][1]["text"] == "ز" * 200
    assert [r["y"] for r in tl["rows"]] == sorted({r["y"] for r in tl["rows"]})


def _story() -> dict[str, Any]:
    """Three members (two of one outlet, one of none), two claims and a conflict on one of them."""
    return {"members": [{"id": "a1", "outlet": "الوكالة"}, {"id": "a2", "outlet": None},
                        {"id": "a3", "outlet": "الوكالة"}],
            "claims": [{"id": "c1", "text": "س", "units": [], "independent_sources": 2, "outlets": ["الوكالة", "a2"],
                        "articles": ["a1", "a2"]},
                       {"id": "c2", "text": "ص", "units": [], "independent_sources": 1, "outlets": ["a2"],
                        "articles": ["a2"]}],
            "conflicts": [{"claims": ["c2"]}]}


def test_the_claims_matrix_has_a_column_per_outlet_and_sets_single_source_claims_apart() -> None:
    mx = markup.claims_matrix(_story())
    assert mx["outlets"] == ["الوكالة", "مقال 2"]
    assert [(r["id"], r["cells"]) for r in mx["shared"]] == [("c1", [True, True])]
    assert [(r["id"], r["cells"], r["conflict"]) for r in mx["single"]] == [("c2", [False, True], True)]


def test_an_article_of_no_outlet_counts_as_a_source_of_its_own() -> None:
    assert markup.source_count(_story()["members"]) == 2
    assert markup.outlet_labels(_story()) == {"a1": "الوكالة", "a2": "مقال 2", "a3": "الوكالة"}


def test_snippet_parts_mark_the_bracketed_matches() -> None:
    assert markup.snippet_parts("…في [إسطنبول] و[أنقرة]") == [("…في ", False), ("إسطنبول", True), (" و", False),
                                                             ("أنقرة", True)]
    assert markup.snippet_parts("قوس [ مفتوح") == [("قوس [ مفتوح", False)]


def test_coverage_bars_add_up_to_the_whole() -> None:
    bars = markup.outlet_shares([{"outlet": "أ", "articles": 3}, {"outlet": "ب", "articles": 1}])
    assert [(b["x"], b["width"], b["percent"]) for b in bars] == [(0.0, 75.0, 75.0), (75.0, 25.0, 25.0)]


def test_a_citation_opens_the_article_at_its_span() -> None:
    assert markup.citation_link({"article": "a/1", "start": 3, "end": 9}) == "/articles/a%2F1?start=3&end=9#cited"


def test_quotes_are_grouped_by_speaker_then_statement_named_speakers_first() -> None:
    def q(speaker: str | None, name: str | None, group: str) -> dict[str, Any]:
        """Return a quote object of the JSON report."""
        return {"speaker": speaker, "speaker_name": name, "group": group, "text": group}

    story = {"quotes": [q(None, None, "g0"), q("e1", "الوزير", "g1"), q("e1", "الوزير", "g1"), q("e1", "الوزير", "g2")]}
    groups = markup.quote_groups(story)
    assert [g["name"] for g in groups] == ["الوزير", ""]
    assert [len(s) for s in groups[0]["statements"]] == [2, 1]
