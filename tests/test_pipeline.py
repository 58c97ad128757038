"""Tests for the pipeline: analyses of files into stories, and incremental ingest into the store."""

from __future__ import annotations

import zipfile
from pathlib import Path

from marsad import pipeline
from marsad.store import Store


def _story_sets(stories: tuple[object, ...] | list[object]) -> list[set[str]]:
    """Member sets of stories, for order-free comparison."""
    return [set(s.articles) for s in stories]  # type: ignore[attr-defined]


def test_analyze_groups_one_event_and_leaves_the_other_apart(corpus: Path) -> None:
    result = pipeline.analyze([corpus])
    assert {a.id for a in result.articles} == {"a", "b", "c", "other"}
    assert sorted(_story_sets(result.stories), key=len) == [{"other"}, {"a", "b", "c"}]
    assert result.errors == ()


def test_every_span_reproduces_body_text(corpus: Path) -> None:
    for art in pipeline.analyze([corpus]).articles:
        for span in (*art.paragraphs, *art.sentences, *art.headings):
            assert 0 <= span.start < span.end <= len(art.body)
            assert art.text_of(span).strip() == art.text_of(span)


def test_bad_input_is_one_error_and_the_batch_goes_on(corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.bin").write_bytes(bytes(range(256)) * 8)
    result = pipeline.analyze([corpus, corpus / "missing.txt"])
    assert {a.id for a in result.articles} == {"a", "b", "c", "other"}
    failed = sorted(Path(e.origin).name for e in result.errors)
    assert failed == ["blob.bin", "empty.txt", "missing.txt"]
    assert all("\n" not in str(e) for e in result.errors)


def test_same_stem_twice_gets_distinct_ids(corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "again"
    other.mkdir()
    (other / "a.txt").write_text((corpus / "other.txt").read_text(encoding="utf-8"), encoding="utf-8")
    ids = [a.id for a in pipeline.analyze([corpus / "a.txt", other / "a.txt"]).articles]
    assert ids == ["a", "a-2"]


def test_ingest_is_idempotent_and_joins_existing_stories(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    late = tmp_path / "late"
    late.mkdir()
    (late / "c.txt").write_text((corpus / "c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "c.txt").unlink()
    with Store.open(db) as store:
        first = pipeline.ingest_into(store, [corpus])
        assert set(first.added) == {"a", "b", "other"}
        event = store.story_of("a")
        assert event is not None and store.story_of("b") == event
        again = pipeline.ingest_into(store, [corpus])
        assert again.added == () and again.skipped == 3
        later = pipeline.ingest_into(store, [late])
        assert later.added == ("c",)
        assert store.story_of("c") == event
        story = store.story(event)
        assert story is not None and set(story.articles) == {"a", "b", "c"}
        assert store.story_of("other") != event


def test_a_50_mb_file_is_refused_by_name_and_the_rest_is_read(corpus: Path) -> None:
    huge = corpus / "huge.txt"
    with huge.open("wb") as fh:
        line = ("كلمة " * 200 + "\n").encode("utf-8")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(line * 100)
    result = pipeline.analyze([corpus])
    assert {a.id for a in result.articles} == {"a", "b", "c", "other"}
    assert [(Path(e.origin).name, "larger than" in e.message) for e in result.errors] == [("huge.txt", True)]


def test_truncated_archive_in_a_batch_is_one_error(corpus: Path, tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x.txt", (corpus / "other.txt").read_text(encoding="utf-8"))
    data = archive.read_bytes()
    (corpus / "cut.zip").write_bytes(data[: len(data) // 2])
    result = pipeline.analyze([corpus])
    assert {a.id for a in result.articles} == {"a", "b", "c", "other"}
    assert [Path(e.origin).name for e in result.errors] == ["cut.zip"]
