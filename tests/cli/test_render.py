"""Tests for the terminal text: the analysis summary read from a stream of stories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad import pipeline
from marsad.cli import render
from marsad.doc import StoryDoc


def test_the_summary_reads_the_stories_once_and_shows_the_largest(corpus: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Counts cover every story (in the caller's tally too); only the largest MAX_STORIES_SHOWN are shown."""
    result = pipeline.analyze([corpus, corpus / "missing.txt"], people=False, dates=False, verify=False, workers=1)
    largest = max(result.stories, key=lambda s: len(s.docs))
    read: list[str] = []

    def once() -> Iterator[StoryDoc]:
        """Yield the stories smallest first, noting each."""
        for story in sorted(result.stories, key=lambda s: len(s.docs)):
            read.append(story.id)
            yield story

    monkeypatch.setattr(render, "MAX_STORIES_SHOWN", 1)
    tally = render.Tally()
    lines = render.summary(once(), result.errors, tally)
    assert sorted(read) == sorted(s.id for s in result.stories)
    assert (tally.stories, tally.articles) == (len(result.stories), len(result.docs))  # the caller's counts too
    assert lines[0].startswith(f"{len(result.docs)} articles") and "1 inputs failed" in lines[0]
    assert lines[1].startswith("■") and f"[{largest.id}]" in lines[1]
    assert lines[-1] == f"… and {len(result.stories) - 1} more stories (see the JSON report)"
    assert sum(line.startswith("■") for line in lines) == 1
