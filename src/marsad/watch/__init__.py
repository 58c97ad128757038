"""Following sources as they publish: folders and feed URLs polled into the store (`marsad watch`).

In: folders, and URLs of RSS/Atom feeds, JSON Feeds and news sitemaps. Out: their new items ingested
into a store as `marsad ingest` does, and one event per change of a story (created, grew, merged,
split). One module per step: `fetch` (conditional HTTP GET), `sources` (what is new in one source),
`events` (what an ingest changed), `loop` (the schedule, retries and a clean stop).
"""

from marsad.watch.loop import Watcher, watch

__all__ = ["Watcher", "watch"]
