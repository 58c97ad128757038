"""Tests for the pipeline: analyses of files into stories, and incremental ingest into the store."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest

from marsad import pipeline, report
from marsad.doc import Doc, StoryDoc
from marsad.store import Store
from marsad.stories import spill
from marsad.stories.cluster import restory
from marsad.types import Article, StoryChange


def _story_sets(stories: tuple[StoryDoc, ...] | list[StoryDoc]) -> list[set[str]]:
    """Member sets of stories, for order-free comparison."""
    return [set(s.story.articles) for s in stories]


def _people(story: StoryDoc) -> tuple[object, object]:
    """A story's entities and attributed quotes, as the store returns them."""
    return story.entities, story.quotes


def test_analyze_groups_one_event_and_leaves_the_other_apart(corpus: Path) -> None:
    result = pipeline.analyze([corpus])
    assert {a.id for a in result.articles} == {"a", "b", "c", "other"}
    assert sorted(_story_sets(result.stories), key=len) == [{"other"}, {"a", "b", "c"}]
    assert result.errors == ()


def test_every_span_reproduces_body_text(corpus: Path) -> None:
    for art in pipeline.analyze([corpus]).articles:
        for span in (*art.paragraphs, *art.sentences, *art.headings):
            assert 0 <= span.start < span.end <= len(art.body)
            assert art.text(span).strip() == art.text(span)
            assert span.article == art.id


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


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stream_reading_inputs_on_workers_gives_the_ids_read_gives(corpus: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     workers: int) -> None:
    """Inputs spilled by different workers: a stem met again is renamed in its part as `read` names it."""
    other = tmp_path / "again"
    other.mkdir()
    (other / "a.txt").write_text((corpus / "other.txt").read_text(encoding="utf-8"), encoding="utf-8")
    paths = [corpus / "a.txt", other / "a.txt", corpus / "b.txt"]
    monkeypatch.setattr(pipeline, "STREAM_ARTICLES", 1)  # a part an article: the renamed one is rewritten alone
    streamed = {d.id: d.body for s in pipeline.analyze_stream(paths, people=False, dates=False, workers=workers)
                for d in s.docs}
    assert streamed == {d.id: d.body for d in pipeline.read(paths, workers=1)[0]}
    assert sorted(streamed) == ["a", "a-2", "b"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_story_lists_its_near_duplicates_batch_or_stream(corpus: Path, workers: int) -> None:
    """A copy of an article with spaces changed is a near-duplicate of it in its story, in both runs alike."""
    from tests.conftest import EVENT_A

    (corpus / "a_copy.txt").write_text(EVENT_A.replace(" ", "  ", 5), encoding="utf-8")
    batch = pipeline.analyze([corpus], people=False, dates=False, verify=False, workers=workers)
    streamed = list(pipeline.analyze_stream([corpus], people=False, dates=False, verify=False, workers=workers))
    for stories in (batch.stories, streamed):
        assert [s.near_duplicates for s in stories if s.near_duplicates] == [(("a", "a_copy"),)]


@pytest.mark.parametrize("twice", [["DIR", "DIR/a.txt"], ["DIR/a.txt", "DIR"], ["DIR/a.txt", "DIR/../corpus/a.txt"]])
def test_a_file_named_twice_is_read_once(corpus: Path, twice: list[str]) -> None:
    """A folder and a file in it (or two spellings of one path) give that article once, no near-duplicate of itself."""
    result = pipeline.analyze([p.replace("DIR", str(corpus)) for p in twice], people=False, dates=False)
    assert sorted(d.id for d in result.docs) == (["a", "b", "c", "other"] if "DIR" in twice else ["a"])
    assert all(not s.near_duplicates for s in result.stories)


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
        assert story is not None and set(story.story.articles) == {"a", "b", "c"}
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


LATER = """الأحد 8 مارس 2026

افتتاح محطة لتحلية المياه في العقبة

افتتح الوزير سامر الخطيب، اليوم الأحد، محطة جديدة لتحلية المياه في مدينة العقبة بحضور عدد من المسؤولين.

وقال الخطيب إن "المحطة ستوفر المياه لخمسين ألف أسرة".
"""


def _hold_back(corpus: Path, tmp_path: Path, name: str) -> Path:
    """Move one corpus file into its own folder (to ingest later); return that folder."""
    late = tmp_path / "late"
    late.mkdir()
    (late / name).write_text((corpus / name).read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / name).unlink()
    return late


def test_ingest_stores_the_people_a_batch_analysis_finds(corpus: Path, tmp_path: Path) -> None:
    """Each stored story's entities and quotes equal what `analyze` finds for it, spans included."""
    expected = {s.id: _people(s) for s in pipeline.analyze([corpus]).stories}
    with Store.open(tmp_path / "m.db") as store:
        result = pipeline.ingest_into(store, [corpus])
        assert {s.id for s in result.stories} == set(expected)
        for sid, found in expected.items():
            assert store.story_people(sid) == found
        quotes = store.quotes()
        assert quotes and len(quotes) == sum(len(q or ()) for _, q in expected.values())
        for q in quotes:
            article = store.article(q.quote.quote.article)
            span = q.quote.quote.span
            assert article is not None and 0 <= span.start < span.end <= len(article.body)


def test_reingest_keeps_one_store_entity_per_name(corpus: Path, tmp_path: Path) -> None:
    """Ingesting the same files again changes no entity: same ids, counts and spellings."""
    with Store.open(tmp_path / "m.db") as store:
        pipeline.ingest_into(store, [corpus])
        first = store.entities(limit=1000)
        pipeline.ingest_into(store, [corpus])
        assert store.entities(limit=1000) == first
        names = [e.name for e in first]
        assert len(names) == len(set(names)) and any(e.name == "سامر الخطيب" for e in first)


def test_a_story_that_grows_gets_people_over_all_its_members(corpus: Path, tmp_path: Path) -> None:
    """A late article joining a stored story recomputes that story's people over stored and new members alike."""
    expected = {s.id: _people(s) for s in pipeline.analyze([corpus]).stories}
    late = _hold_back(corpus, tmp_path, "c.txt")
    with Store.open(tmp_path / "m.db") as store:
        pipeline.ingest_into(store, [corpus])
        event = store.story_of("a")
        assert event is not None
        pipeline.ingest_into(store, [late])
        assert store.story_of("c") == event
        assert store.story_people(event) == expected[event]


def test_no_people_stores_none_and_a_later_ingest_fills_the_grown_story(corpus: Path, tmp_path: Path) -> None:
    """With people off nothing is stored; a later ingest with people computes the story it grows, stored members too."""
    late = _hold_back(corpus, tmp_path, "c.txt")
    with Store.open(tmp_path / "m.db") as store:
        result = pipeline.ingest_into(store, [corpus], people=False)
        assert store.entities() == [] and store.quotes() == []
        assert all(store.story_people(s.id) is None for s in result.stories)
        pipeline.ingest_into(store, [late])
        event = store.story_of("c")
        assert event is not None
        found = store.story_people(event)
        assert found is not None
        amman = [e for e in found[0] if e.type == "LOC" and "عم" in e.name]
        assert len(amman) == 1 and set(amman[0].articles) == {"a", "b", "c"}
        assert store.story_people(store.story_of("other") or "") is None  # untouched story stays without


def test_one_person_in_two_stories_is_one_store_entity(corpus: Path, tmp_path: Path) -> None:
    """The minister of the water story and of a later unrelated story is one store entity with both stories."""
    later = tmp_path / "later"
    later.mkdir()
    (later / "later.txt").write_text(LATER, encoding="utf-8")
    with Store.open(tmp_path / "m.db") as store:
        pipeline.ingest_into(store, [corpus])
        pipeline.ingest_into(store, [later])
        assert store.story_of("later") not in {store.story_of("a"), None}
        minister = store.entities(type="PER", name="الخطيب")
        assert len(minister) == 1 and minister[0].stories == 2
        record = store.entity(minister[0].id)
        assert record is not None and {store.story_of("a"), store.story_of("later")} == set(record.stories)
        assert "later" in {m.article for m in record.mentions}


def test_a_story_keeps_its_start_and_title_when_an_ingest_loads_only_some_members(corpus: Path, tmp_path: Path) -> None:
    """Members outside the new article's time window still count for the story's dates and title."""
    docs, _ = pipeline.read([corpus])
    days = {"a": "2025-02-01", "b": "2025-02-04", "c": "2025-02-10", "other": "2025-02-01"}
    dated = {d.id: dataclasses.replace(d.article, published=days[d.id]) for d in docs}
    with Store.open(tmp_path / "m.db") as store:
        first = pipeline.add_articles(store, [dated["a"], dated["b"], dated["other"]], people=False)
        (event,) = [s for s in first.stories if "a" in s.story.articles]
        assert [a.id for a, _ in store.neighbours([dated["c"]])] == ["b"]  # "a" is out of the window
        pipeline.add_articles(store, [dated["c"]], people=False)
        grown = store.story(event.id)
        assert grown is not None and set(grown.story.articles) == {"a", "b", "c"}
        assert grown.story.start == "2025-02-01"
        assert grown.title in {dated[i].title for i in "abc"}


def _stored_as(store: Store, stories: dict[str, list[Article]]) -> None:
    """Store articles grouped as given (story id → members), as an older, wrong clustering might have."""
    docs = {a.id: Doc(a) for members in stories.values() for a in members}
    store.save(list(docs.values()), [StoryDoc(restory(sid, members), tuple(docs[a.id] for a in members))
                                     for sid, members in stories.items()])


def test_two_stored_stories_of_one_event_merge_and_the_later_id_resolves(corpus: Path, tmp_path: Path) -> None:
    """A report that shows two stored stories to be one event merges them; the older id survives."""
    docs, _ = pipeline.read([corpus])
    dated = {d.id: dataclasses.replace(d.article, published="2025-02-01") for d in docs}
    with Store.open(tmp_path / "m.db") as store:
        _stored_as(store, {"s-first": [dataclasses.replace(dated["a"], published="2025-01-31")],
                           "s-second": [dated["b"]]})
        result = pipeline.add_articles(store, [dated["c"]], people=False, verify=False)
        assert result.changes == (StoryChange("merged", "s-second", "s-first"),)
        assert store.story("s-second") is None and store.resolve("s-second") == ["s-first"]
        merged = store.story("s-first")
        assert merged is not None and set(merged.story.articles) == {"a", "b", "c"}
        assert store.changes("s-first") == [StoryChange("merged", "s-second", "s-first")]


def test_a_stored_member_of_another_event_splits_off_and_the_story_goes_on(corpus: Path, tmp_path: Path) -> None:
    """When the evidence says a stored member reports another event, it leaves under a new id."""
    docs, _ = pipeline.read([corpus])
    dated = {d.id: dataclasses.replace(d.article, published="2025-02-01") for d in docs}
    with Store.open(tmp_path / "m.db") as store:
        _stored_as(store, {"s-mixed": [dated["a"], dated["other"]]})
        result = pipeline.add_articles(store, [dated["b"]], people=False, verify=False)
        [change] = result.changes
        assert (change.kind, change.old) == ("split", "s-mixed") and change.new != "s-mixed"
        assert store.story_of("other") == change.new and store.resolve("s-mixed") == ["s-mixed"]
        kept = store.story("s-mixed")
        assert kept is not None and set(kept.story.articles) == {"a", "b"}
        assert {s.id for s in result.stories} == {"s-mixed", change.new}


def test_ingest_file_by_file_groups_as_one_batch(corpus: Path, tmp_path: Path) -> None:
    """Ingesting a corpus one file at a time gives the stories of one analysis of it."""
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    with Store.open(tmp_path / "m.db") as store:
        for path in files:
            pipeline.ingest_into(store, [path], people=False, verify=False)
        stored = {frozenset(s.story.articles) for s in store.stories(limit=100)}
    batch = {frozenset(s.story.articles) for s in pipeline.analyze([corpus], people=False, verify=False).stories}
    assert stored == batch


@pytest.mark.parametrize(("dates", "fetched", "expected"), [
    (True, None, ("2025-03-13", "inferred")),  # "أمس الأربعاء": the Thursday before its capture on Friday the 14th
    (True, "2025-03-21", ("2025-03-20", "inferred")),  # --fetched gives the capture day the file does not
    (False, None, (None, None)),
])
def test_ingest_stores_an_undated_article_with_its_inferred_day(
    tmp_path: Path, dates: bool, fetched: str | None, expected: tuple[str | None, str | None]
) -> None:
    record = {"content": "افتتح وزير الصحة أمس الأربعاء مستشفى الأطفال الجديد في المدينة.",
              "url": "https://news.example/u", **({} if fetched else {"fetched": "2025-03-14"})}
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with Store.open(tmp_path / "m.db") as store:
        [aid] = pipeline.ingest_into(store, [path], people=False, dates=dates, fetched=fetched).added
        stored = store.article(aid)
    assert stored is not None and (stored.published, stored.published_source) == expected


def test_two_sites_files_of_one_name_are_both_stored(tmp_path: Path) -> None:
    """siteB/index.txt ingested after siteA/index.txt is a new article (its content differs), not "already stored"."""
    texts = {"siteA": "افتتح الوزير مستشفى جديدا في المدينة صباح اليوم بحضور عدد من المسؤولين والأهالي.",
             "siteB": "أعلنت الهيئة نتائج مسابقة القراءة السنوية للطلاب في المدارس الحكومية والأهلية."}
    for site, text in texts.items():
        (tmp_path / site).mkdir()
        (tmp_path / site / "index.txt").write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "m.db") as store:
        first = pipeline.ingest_into(store, [tmp_path / "siteA"], people=False, verify=False)
        second = pipeline.ingest_into(store, [tmp_path / "siteB"], people=False, verify=False)
        assert first.added == ("index",) and second.added == ("index-2",) and second.skipped == 0
        stored = store.article("index-2")
        assert stored is not None and stored.body.startswith("أعلنت الهيئة")


def test_a_formatting_variant_is_already_stored_and_search_reads_presentation_forms(tmp_path: Path) -> None:
    """The same article with NBSPs, ﻻ and trailing spaces is skipped; words written in presentation forms are found."""
    text = "قال المتحدث إنه لا تراجع عن قرار إغلاق المصنع القديم في الحي الصناعي بعد الحريق."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace(" ", "\u00a0", 3).replace("لا", "ﻻ") + "  \n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("ﺃﻋﻠﻨﺖ ﺍﻟﺒﻠﺪﻳﺔ ﺇﻏﻼﻕ ﺍﻟﺸﺎﺭﻉ ﺍﻟﺮﺋﻴﺴﻲ ﻟﻠﺼﻴﺎﻧﺔ ﺃﺳﺒﻮﻋﺎ ﻛﺎﻣﻼ ﺑﺪءﺍ ﻣﻦ ﺍﻟﻐﺪ.", encoding="utf-8")
    with Store.open(tmp_path / "m.db") as store:
        first = pipeline.ingest_into(store, [tmp_path / "a.txt"], people=False, verify=False)
        again = pipeline.ingest_into(store, [tmp_path / "b.txt", tmp_path / "c.txt"], people=False, verify=False)
        assert first.added == ("a",) and again.added == ("c",) and again.skipped == 1
        assert [hit.article_id for hit in store.search("البلدية")] == ["c"]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_stream_annotates_in_batches_what_analyze_finds_at_once(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    workers: int) -> None:
    """Stories streamed a batch at a time (here one story a batch, on kept workers) carry exactly one analysis's results."""
    batch = pipeline.analyze([corpus], workers=1)
    monkeypatch.setattr(pipeline, "STREAM_ARTICLES", 1)
    monkeypatch.setattr(pipeline, "MIN_ITEMS", 1)  # every batch to the workers, however small
    errors: list[object] = []
    streamed = list(pipeline.analyze_stream([corpus, corpus / "missing.txt"], workers=workers, errors=errors))
    assert [report.story_json(s) for s in streamed] == [report.story_json(s) for s in batch.stories]
    assert [report.article_json(d) for s in streamed for d in s.docs] == [
        report.article_json(d) for s in batch.stories for d in s.docs]
    assert len(errors) == 1 and len(streamed) >= 2


def test_the_stream_reads_a_window_at_a_time_and_leaves_no_spill(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A story that closed is yielded before later windows are read; the stories are analyze's; the spill goes."""
    from tests.conftest import EVENT_A, EVENT_B, EVENT_C, OTHER

    dated = [("a", EVENT_A, "2025-10-14"), ("b", EVENT_B, "2025-10-15"), ("o", OTHER, "2025-10-15"),
             ("c", EVENT_C, "2025-12-01"), ("o2", OTHER, "2026-02-02")]  # each month far from the others
    lines = [json.dumps({"url": f"https://example.org/{aid}", "title": text.strip().splitlines()[0],
                         "text": text, "published": day}, ensure_ascii=False) for aid, text, day in dated]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    read: list[object] = []
    original = spill.read_articles

    def recording(*args: object, **kwargs: object) -> list[Article]:
        """Note each window read back from the spill."""
        read.append(args[1] if len(args) > 1 else None)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(spill, "read_articles", recording)
    monkeypatch.setattr(pipeline.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(pipeline, "STREAM_ARTICLES", 1)  # a story a batch, and a document a spilled part
    stream = pipeline.analyze_stream([tmp_path / "feed.jsonl"], people=False, workers=1)
    first = next(stream)
    # October's stories close once December is read (news has moved on); February is not read yet.
    assert any(span and span[0] == "2025-12-01" for span in read)
    assert not any(span and span[0] >= "2026-02-01" for span in read)
    streamed = [first, *stream]
    batch = pipeline.analyze([tmp_path / "feed.jsonl"], people=False, workers=1)
    assert sorted(map(sorted, _story_sets(streamed))) == sorted(map(sorted, _story_sets(batch.stories)))
    assert len(streamed) == 4 and len(first.docs) == 2  # October's event; its December report is a story apart
    assert list(tmp_path.glob("marsad-spill-*")) == []
