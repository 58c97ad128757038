"""The SQLite store: articles, stories, their entities and quotes, and Arabic full-text search, in one file.

In: new articles (Docs) and the stories they join, with what the story-level stages found. Out:
stored stories (`StoryDoc`s with their member articles), store-wide entities, quotes, search hits.
Modules: `db` (the `Store`: transactions, articles and stories), `rows` (article rows and content
keys), `people` (entity and quote rows, store-wide entities), `search` (FTS5 and snippets),
`migrations` (numbered schema changes in store/migrations/). Which articles form a story is decided
by marsad.pipeline, which stored entity a story's entity is by marsad.entities.resolve.
"""

from marsad.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]
