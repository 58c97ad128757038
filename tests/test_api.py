"""Tests for the public surface `import marsad`: analyze, analyze_records, the containers, options, host state."""

from __future__ import annotations

import doctest
import gc
import json
import re
from pathlib import Path

import pytest

import marsad
from marsad import pipeline, report
from marsad.doc import Analysis
from tests.conftest import ROOT

RECORDS = [
    {"text": "اتفق وزراء المياه في الأردن والعراق وسوريا، اليوم الثلاثاء في عمّان، على آلية مشتركة لتقاسم مياه "
             "نهر الوادي بعد محادثات استمرت سبع ساعات.\n\nوقال وزير المياه الأردني سامر الخطيب إن \"الاتفاق "
             "يضمن حصة عادلة لكل دولة\".",
     "title": "وزراء المياه يتفقون على تقاسم مياه نهر الوادي", "url": "https://a.example/1", "outlet": "صحيفة أ",
     "published": "2025-10-14"},
    {"text": "توصل وزراء المياه في الأردن والعراق وسوريا الثلاثاء في عمان إلى اتفاق لتقاسم مياه نهر الوادي، "
             "عقب محادثات دامت سبع ساعات.\n\nوصرّح وزير المياه الأردني سامر الخطيب بأن \"الاتفاق يكفل حصة "
             "منصفة لكل بلد\".",
     "title": "اتفاق لتقاسم مياه نهر الوادي في عمان", "url": "https://b.example/2", "outlet": "موقع ب",
     "fetched": "2025-10-15"},
    {"text": "استقبل معرض تونس الدولي للكتاب أكثر من مئة ألف زائر خلال أسبوعه الأول، وفق ما أعلنته إدارة "
             "المعرض.\n\nوشاركت في المعرض أكثر من ثلاثمئة دار نشر من عشرين بلداً.",
     "title": "معرض الكتاب في تونس يستقبل مئة ألف زائر", "outlet": "صحيفة أ", "published": "2025-10-14"},
]


def _stories(analysis: Analysis) -> list[tuple[str, tuple[str, ...]]]:
    """The stories of an analysis as (id, member ids), sorted."""
    return sorted((s.id, s.story.articles) for s in analysis.stories)


def test_the_public_surface_is_importable_from_marsad() -> None:
    """`import marsad` gives the analysis functions, the store and the types."""
    for name in ("analyze", "analyze_records", "Store", "Analysis", "Doc", "StoryDoc", "Span", "Article", "Quote",
                 "TimeExpression", "Entity", "__version__"):
        assert hasattr(marsad, name), name


def test_records_in_memory_give_the_stories_of_the_same_records_in_a_jsonl_file(tmp_path: Path) -> None:
    """analyze_records on dicts equals analyze on a JSONL file of the same records: stories, entities, quotes, dates."""
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    from_file = marsad.analyze([path])
    in_memory = marsad.analyze_records(RECORDS)
    assert _stories(in_memory) == _stories(from_file)
    assert len(in_memory.stories) == 2 and in_memory.errors == ()
    assert report.build(in_memory)["stories"] == report.build(from_file)["stories"]
    assert [d.article.published for d in in_memory.docs] == [d.article.published for d in from_file.docs]


def test_a_record_without_text_is_one_error_naming_it() -> None:
    """A record that is no article becomes one error naming its index; the other records go on."""
    found = marsad.analyze_records([RECORDS[0], {"title": "no text"}, "not a dict"])  # type: ignore[list-item]
    assert len(found.docs) == 1
    assert [e.origin for e in found.errors] == ["<records>[1]", "<records>[2]"]


def test_options_are_keyword_only() -> None:
    """The options of analyze and analyze_records must be named."""
    with pytest.raises(TypeError):
        marsad.analyze_records(RECORDS, None)  # type: ignore[misc]


def test_analysis_helpers_and_repr() -> None:
    """An Analysis finds a Doc, its story, and any span's text; its repr says its size."""
    found = marsad.analyze_records(RECORDS, dates=False)
    water = max(found.stories, key=lambda s: len(s.docs))
    first = water.docs[0]
    assert found.doc(first.id) is first and found.story_of(first.id) is water and found.story(water.id) is water
    mention = next(m for e in water.entities or () for m in e.mentions)
    text = found.text(mention)
    assert text and text == found.doc(mention.article).body[mention.start : mention.end] == water.text(mention)
    assert repr(found) == "<Analysis: 3 articles from 2 outlets in 2 stories>"
    assert "2 articles" in repr(water)


def test_workers_one_and_forked_workers_give_the_same_analysis(monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    """The story stages on forked workers (forced on this small input) find what one process finds."""
    alone = report.build(marsad.analyze([corpus], workers=1))
    monkeypatch.setattr(pipeline, "MIN_ITEMS", 1)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    forked = report.build(marsad.analyze([corpus], workers=2))
    assert forked == alone


def test_an_analysis_leaves_the_garbage_collector_as_it_was(monkeypatch: pytest.MonkeyPatch, corpus: Path) -> None:
    """Forking workers changes neither whether the host's collector runs nor what it has frozen."""
    monkeypatch.setattr(pipeline, "MIN_ITEMS", 1)
    gc.freeze()  # the host froze something of its own
    try:
        frozen, enabled = gc.get_freeze_count(), gc.isenabled()
        marsad.analyze([corpus], workers=2)
        # Nothing more frozen (objects frozen before may be freed meanwhile: a cache evicting an entry).
        assert gc.get_freeze_count() <= frozen and gc.isenabled() == enabled
    finally:
        gc.unfreeze()


def test_progress_is_reported_stage_by_stage(corpus: Path) -> None:
    """The progress callback hears every stage, each ending with all its units done."""
    seen: dict[str, tuple[int, int | None]] = {}
    marsad.analyze([corpus], workers=1, progress=lambda stage, done, total: seen.__setitem__(stage, (done, total)))
    assert list(seen) == ["reading", "cleaning", "stories", "lineage, entities and quotes, dates, claims"]
    assert all(done == total for done, total in seen.values())
    assert seen["reading"] == (4, 4)


def test_the_readme_python_examples_run_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `>>>` line of the README's Python section gives the output the README shows."""
    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = "".join(re.findall(r"```python\n(.*?)```", text, re.DOTALL))
    test = doctest.DocTestParser().get_doctest(examples, {}, "README.md", str(ROOT / "README.md"), 0)
    assert len(test.examples) > 10
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
