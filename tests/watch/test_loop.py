"""Tests for marsad.watch.loop and .events: cycles on a clock the test moves, backoff, and the events emitted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from marsad.doc import Doc, StoryDoc
from marsad.pipeline import IngestResult
from marsad.store import Store
from marsad.types import Article, Story, StoryChange
from marsad.watch.events import events
from marsad.watch.loop import MAX_BACKOFF_S, VERIFY_EVERY_S, Watcher
from marsad.watch.sources import FolderSource, UrlSource
from tests.watch.feeds import rss
from tests.watch.server import Site, serving

STAGES = {"people": False, "verify": False, "workers": 1}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        """Start at 0."""
        self.now = 0.0

    def __call__(self) -> float:
        """Return the time."""
        return self.now


def test_a_feed_polled_twice_creates_a_story_then_grows_it(tmp_path: Path) -> None:
    emitted: list[dict[str, Any]] = []
    clock = Clock()
    with serving(Site()) as site, Store.open(tmp_path / "m.db") as store:
        site.pages["/rss"] = (rss("a", "other"), "application/rss+xml")
        watcher = Watcher(store, [UrlSource(site.url("/rss"))], 60, emitted.append, print, clock, stages=STAGES)
        watcher.cycle()
        assert sorted(e["event"] for e in emitted) == ["created", "created"]
        origins = {e["story"]: [getattr(store.article(a), "origin", None) for a in e["added"]] for e in emitted}
        [water] = [e for e in emitted if origins[e["story"]] == ["https://news.example/a"]]
        emitted.clear()
        site.pages["/rss"] = (rss("a", "other", "b", "c"), "application/rss+xml")
        assert watcher.cycle() is None and watcher.wait() == 60  # not due yet: nothing polled
        clock.now = 60
        watcher.cycle()
        assert [(e["event"], e["story"], len(e["added"]), e["articles"]) for e in emitted] == [
            ("grew", water["story"], 2, 3)]


def test_a_failing_source_backs_off_while_the_others_go_on(tmp_path: Path) -> None:
    warnings: list[str] = []
    clock = Clock()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("افتتح المعرض الدولي للكتاب أبوابه أمام الزوار في جدة مساء أمس بمشاركة واسعة.",
                                  encoding="utf-8")
    with serving(Site()) as site, Store.open(tmp_path / "m.db") as store:
        site.failing.add("/rss")
        sources = [UrlSource(site.url("/rss")), FolderSource(folder)]
        watcher = Watcher(store, sources, 60, lambda _event: None, warnings.append, clock, stages=STAGES)
        result = watcher.cycle()
        assert result is not None and len(result.added) == 1
        assert warnings == [f"{site.url('/rss')}: HTTP 500 broken on purpose (failure 1 in a row; next try in 120 s)"]
        clock.now = 60  # the folder is due, the feed is not
        watcher.cycle()
        assert len(site.requests) == 1
        clock.now = 120
        watcher.cycle()
        assert len(site.requests) == 2 and warnings[-1].endswith("(failure 2 in a row; next try in 240 s)")
        for _ in range(10):
            clock.now += MAX_BACKOFF_S
            watcher.cycle()
        assert warnings[-1].endswith(f"next try in {MAX_BACKOFF_S:.0f} s)")
        site.failing.clear()
        site.pages["/rss"] = (rss("other"), "application/rss+xml")
        clock.now += MAX_BACKOFF_S
        assert watcher.cycle() is not None and watcher.wait() == 60  # back on the interval


def test_a_growing_story_is_verified_when_new_then_at_most_every_verify_every_s(tmp_path: Path) -> None:
    clock = Clock()
    with serving(Site()) as site, Store.open(tmp_path / "m.db") as store:
        watcher = Watcher(store, [UrlSource(site.url("/rss"))], 60, lambda _event: None, print, clock,
                          stages={"people": False, "workers": 1})
        verified = []
        for now, names in ((0, ("a", "other")), (60, ("a", "other", "b")), (VERIFY_EVERY_S + 60, ("a", "other", "b", "c"))):
            clock.now = now
            site.pages["/rss"] = (rss(*names), "application/rss+xml")
            watcher.cycle()
            [water] = [sid for aid, sid in store.memberships()
                       if getattr(store.article(aid), "origin", "") == "https://news.example/a"]
            story = store.story(water)
            verified.append(story is not None and story.claims is not None)
        assert verified == [True, False, True]


def _story(sid: str, ids: tuple[str, ...]) -> StoryDoc:
    """Return a StoryDoc of invented members."""
    docs = tuple(Doc(Article(i, f"t/{i}", body="نص", title="عنوان")) for i in ids)
    return StoryDoc(Story(sid, "عنوان", ids), docs)


def test_events_name_created_grown_merged_and_split_stories() -> None:
    result = IngestResult(
        added=("n1", "n2", "n3"), skipped=0, errors=(),
        stories=(_story("s-new", ("n1",)), _story("s-old", ("o1", "o2", "n2", "o3")), _story("s-part", ("o4", "n3"))),
        changes=(StoryChange("merged", "s-gone", "s-old"), StoryChange("split", "s-was", "s-part")),
    )
    got = [(e["event"], e["story"], e.get("from"), e.get("added")) for e in events(result, "2025-10-14T10:00:00+00:00")]
    assert got == [("created", "s-new", None, ["n1"]), ("grew", "s-old", None, ["n2"]),
                   ("merged", "s-old", "s-gone", None), ("split", "s-part", "s-was", ["n3"])]
