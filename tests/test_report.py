"""Tests for the JSON report: its shape and that every span points into its article's body."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad import pipeline, report
from marsad.doc import StoryDoc
from marsad.types import IngestError

ARTICLE_FIELDS = {"id", "origin", "outlet", "title", "published", "published_source", "credits",
                  "outlet_summary", "body", "removed", "dates", "published_evidence"}
STORY_FIELDS = {"id", "title", "articles", "near_duplicates", "lineage", "entities", "quotes", "timeline"}
DATE_FIELDS = {"text", "start", "end", "value", "granularity", "anchor", "kind"}
TIMELINE_FIELDS = {"date", "granularity", "text", "articles", "spans", "background"}
ENTITY_FIELDS = {"id", "name", "type", "variants", "articles", "roles", "mentions"}
QUOTE_FIELDS = {"id", "speaker", "speaker_name", "text", "article", "start", "end", "kind", "group"}


def _report(paths: list[Path]) -> dict[str, object]:
    """Analyse paths and build the report dict."""
    return report.build(pipeline.analyze(paths))


def test_report_has_the_documented_fields(corpus: Path) -> None:
    doc = _report([corpus])
    assert isinstance(doc["articles"], list) and isinstance(doc["stories"], list)
    for art in doc["articles"]:
        assert set(art) >= ARTICLE_FIELDS
    for story in doc["stories"]:
        assert set(story) >= STORY_FIELDS
        for pair in story["lineage"]:
            assert len(pair["articles"]) == 2 and 0.0 <= pair["score"] <= 1.0
        assert all(set(e) >= ENTITY_FIELDS for e in story["entities"])
        assert all(set(q) >= QUOTE_FIELDS and q["kind"] in ("direct", "indirect") for q in story["quotes"])


def test_report_moves_metadata_out_of_the_body(corpus: Path) -> None:
    arts = {a["id"]: a for a in _report([corpus])["articles"]}  # type: ignore[union-attr]
    assert arts["a"]["published"] == "2025-10-14" and arts["a"]["published_source"] == "text"
    assert arts["b"]["published"] == "2025-10-14"
    assert "رويترز" in arts["b"]["credits"]
    assert "رويترز" not in arts["b"]["body"]
    assert "اترك تعليقاً" not in arts["a"]["body"]
    assert {r["line"] for r in arts["a"]["removed"]} >= {"شارك", "اترك تعليقاً"}
    assert arts["a"]["title"].startswith("وزراء المياه")


def test_report_is_written_atomically_as_utf8(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "r.json"
    report.write(_report([corpus]), target)
    text = target.read_text(encoding="utf-8")
    assert "نهر الوادي" in text  # Arabic is not \u-escaped
    assert json.loads(text)["schema"] == report.SCHEMA_VERSION
    assert not list(target.parent.glob("*.tmp"))


def test_seeds_form_one_story_with_clean_bodies(seeds_dir: Path) -> None:
    doc = _report([seeds_dir])
    arts = doc["articles"]
    assert isinstance(arts, list) and len(arts) == 5
    stories = doc["stories"]
    assert isinstance(stories, list) and len(stories) == 1 and len(stories[0]["articles"]) == 5
    for art in arts:
        lines = [line.strip() for line in art["body"].split("\n") if line.strip()]
        assert all(any(ch.isalpha() for ch in line) for line in lines), art["id"]
        assert art["title"], art["id"]
    assert any(a["published_source"] == "hijri" or a["published"] for a in arts)
    assert any(a["credits"] for a in arts)
    assert any(a["outlet_summary"] for a in arts)


def test_entity_and_quote_spans_reproduce_body_text(corpus: Path) -> None:
    doc = _report([corpus])
    bodies = {a["id"]: a["body"] for a in doc["articles"]}  # type: ignore[union-attr]
    spans = [(m["article"], m["start"], m["end"], m["text"])
             for s in doc["stories"] for e in s["entities"] for m in e["mentions"]]  # type: ignore[union-attr]
    spans += [(q["article"], q["start"], q["end"], q["text"]) for s in doc["stories"] for q in s["quotes"]]  # type: ignore[union-attr]
    assert spans
    assert all(bodies[a][start:end] == text for a, start, end, text in spans)


@pytest.mark.parametrize("field", ["paragraphs", "sentences", "headings"])
def test_report_spans_reproduce_text(corpus: Path, field: str) -> None:
    for art in _report([corpus])["articles"]:  # type: ignore[union-attr]
        for start, end in art[field]:
            assert art["body"][start:end].strip() != ""


def test_date_and_timeline_spans_reproduce_text(corpus: Path) -> None:
    doc = _report([corpus])
    bodies = {a["id"]: a["body"] for a in doc["articles"]}  # type: ignore[union-attr]
    dates = [(a["id"], d) for a in doc["articles"] for d in a["dates"]]  # type: ignore[union-attr]
    assert dates and all(set(d) >= DATE_FIELDS and bodies[aid][d["start"]:d["end"]] == d["text"] for aid, d in dates)
    events = [e for s in doc["stories"] for e in s["timeline"]]  # type: ignore[union-attr]
    assert events and all(set(e) >= TIMELINE_FIELDS for e in events)
    for e in events:
        first = e["spans"][0]
        assert bodies[first["article"]][first["start"]:first["end"]] == e["text"]
        assert set(e["articles"]) == {s["article"] for s in e["spans"]}


def test_report_without_the_date_stage_has_no_date_fields(corpus: Path) -> None:
    doc = report.build(pipeline.analyze([corpus], people=False, dates=False))
    assert all("dates" not in a for a in doc["articles"]) and all("timeline" not in s for s in doc["stories"])
    assert all("entities" not in s and "quotes" not in s for s in doc["stories"])


def test_analysis_to_json_is_the_report(corpus: Path) -> None:
    """Analysis.to_json gives the report object of build()."""
    result = pipeline.analyze([corpus], dates=False)
    assert result.to_json() == report.build(result)


def test_write_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    """With no path (or "-") JSON goes to standard output, Arabic readable."""
    report.write({"كلمة": 1})
    report.write([1], "-")
    assert capsys.readouterr().out == '{\n "كلمة": 1\n}\n[\n 1\n]\n'


def test_a_streamed_report_is_the_built_one_story_by_story(corpus: Path, tmp_path: Path) -> None:
    """write_streamed gives build()'s object with the articles story by story, and the errors read at the end."""
    result = pipeline.analyze([corpus, corpus / "missing.txt"], workers=1)
    built = report.build(result)
    errors: list[IngestError] = []

    def stream() -> Iterator[StoryDoc]:
        """Yield the stories; the errors arrive while they are read, as analyze_stream fills them."""
        yield from result.stories
        errors.extend(result.errors)

    report.write_streamed(stream(), errors, tmp_path / "r.json")
    written = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in built["articles"]}
    assert written["stories"] == built["stories"] and len(written["errors"]) == 1
    assert written["articles"] == [by_id[i] for s in built["stories"] for i in s["articles"]]
    assert written["errors"] == built["errors"] and len(written["articles"]) == len(built["articles"])


def test_a_streamed_report_of_nothing_is_valid_json(tmp_path: Path) -> None:
    """No story and no error: empty lists, not a broken file."""
    report.write_streamed(iter(()), [], tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["articles"] == []


def test_a_failing_stream_leaves_no_report(corpus: Path, tmp_path: Path) -> None:
    """A stream that fails half-way leaves neither the report nor its temporary file."""
    result = pipeline.analyze([corpus], people=False, dates=False, verify=False, workers=1)

    def failing() -> Iterator[StoryDoc]:
        """Yield one story, then fail."""
        yield result.stories[0]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        report.write_streamed(failing(), [], tmp_path / "out" / "r.json")
    assert list((tmp_path / "out").iterdir()) == []
