"""`marsad bulk`: an archive through every default stage as Dask tasks, stories in bounded memory, Parquet out.

Three steps, each part written whole under OUT (marsad.stories.spill, marsad.bulk.tables) and skipped by
a rerun that finds it:
1. read: one task per input (a file, or a folder's files): read and clean it as `analyze` does, and
   spill its articles to OUT/articles/<key>.parquet.
2. stories: the client reads the spilled articles back a window of days at a time, in publication
   order, and clusters each window with the stories still open, as `analyze` does
   (marsad.stories.windows). Stories that close are gathered into batches of about BATCH_ARTICLES articles.
3. annotate: one task per batch: the story stages (lineage, entities and quotes, dates and timeline,
   verification) on its stories, written to OUT/{stories,entities,quotes,claims}/<key>.parquet, and with
   --db saved by the client to a SQLite store as `ingest` would have stored them.
A task that fails is retried RETRIES times, then reported by its input or batch: the run goes on
without it and says so. Memory on the client holds the open stories (about ten days of articles);
a worker holds one input or one batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad import pipeline
from marsad.bulk import tables
from marsad.clean import Rules
from marsad.doc import StoryDoc
from marsad.ingest import inputs as input_files
from marsad.memo import return_freed_blocks
from marsad.store import Store, rows
from marsad.stories import spill
from marsad.stories.windows import stories_in_windows
from marsad.types import Article, IngestError, Story

# Articles per annotation task: big enough that a task's start-up (loading the tagger, ~1 s) is a
# small part of it, small enough that a lost task costs little.
BATCH_ARTICLES = 2000
RETRIES = 2
RESULT_TABLES = ("stories", "entities", "quotes", "claims")


@dataclass
class BulkResult:
    """What a bulk run did: inputs read (or found done), stories written, and what failed."""

    out: Path
    inputs: int = 0
    articles: int = 0
    stories: int = 0
    batches: int = 0
    skipped_parts: int = 0  # inputs and batches found written by an earlier run
    errors: list[IngestError] = field(default_factory=list)  # inputs that could not be read (a line each)
    failed: list[IngestError] = field(default_factory=list)  # tasks lost after their retries, by input or batch


def _key(*parts: str) -> str:
    """Return a part file's name: 16 hex digits of the sha1 of what it was made from."""
    return hashlib.sha1("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_part(path: str, out: str, rules: Rules | None) -> tuple[int, list[IngestError]]:
    """Task: read and clean one input, spill its articles; return how many and the input errors."""
    docs, errors = pipeline.read([path], rules=rules, workers=1)
    target = Path(out) / "articles" / f"{_key(path)}.parquet"
    spill.write_articles(target, [d.article for d in docs], store_columns=True)  # the articles table of the output
    return len(docs), errors


def annotate_part(batch: list[Story], out: str, key: str, people: bool, dates: bool, verify: bool,
                  keep: bool = False) -> list[StoryDoc]:
    """Task: run the story stages on a batch of closed stories and write their result parts.

    The members are read back from the spilled articles (so a task lost with its worker can run again
    elsewhere). Returns the annotated stories when `keep` (the client stores them), else none.
    """
    return_freed_blocks()
    ids = [aid for story in batch for aid in story.articles]
    spilled = list(spill.parts(Path(out) / "articles"))
    by_id = {a.id: a for a in spill.read_articles(spilled, ids=ids)}
    stories = pipeline.story_docs(batch, [by_id[aid] for aid in ids])
    pipeline.annotate(stories, people=people, dates=dates, verify=verify, workers=1)
    tables.write_results(Path(out), key, stories)
    return stories if keep else []


@contextmanager
def _client(workers: int, scheduler: str | None) -> Iterator[Any]:
    """Yield a Dask client: of the cluster at `scheduler`, or of a local cluster of `workers` processes."""
    from dask.distributed import Client, LocalCluster  # heavy: loaded only for a bulk run

    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=":0") as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def bulk(inputs: Sequence[str | Path], out: str | Path, *, workers: int = 1, scheduler: str | None = None,
         rules: Rules | None = None, people: bool = True, dates: bool = True, verify: bool = True,
         db: str | Path | None = None, progress: Callable[[str], None] | None = None) -> BulkResult:
    """Run an archive through the pipeline on Dask into Parquet tables under `out` (see the module docstring).

    With `db`, the annotated stories are also saved to that SQLite store as each batch comes back, one
    transaction a batch: a rerun stores the batches the store lacks, annotating again those whose
    Parquet parts were written but not stored. The run then counts an article by its content, as the
    store does (two copies of one text under two ids are one article).
    """
    return_freed_blocks()
    root = Path(out)
    result = BulkResult(root)
    say = progress or _quiet
    found, missing = input_files(inputs)
    files = [str(p) for p in found]
    result.inputs, result.errors = len(files), list(missing)
    with _client(workers, scheduler) as client, (Store.open(db) if db else nullcontext()) as store:
        say(f"cluster ready: {len(client.scheduler_info()['workers'])} workers")
        _read_all(client, files, root, rules, result, say)
        spilled = list(spill.parts(root / "articles"))
        futures = []
        for batch in _batches(spilled, result, unique_content=store is not None):
            result.batches += 1
            key = _key(*(s.id for s in batch))
            keep = store is not None and not all(store.story_of(aid) for s in batch for aid in s.articles)
            if not keep and all((root / name / f"{key}.parquet").exists() for name in RESULT_TABLES):
                result.skipped_parts += 1
                continue
            # Only the stories go with the task (ids, not megabytes of text): the worker reads their articles.
            futures.append((key, client.submit(annotate_part, batch, str(root), key, people, dates, verify, keep,
                                               key=f"annotate-{key}-{int(keep)}", retries=RETRIES)))
        for key, future in futures:
            try:
                stories = future.result()
            except Exception as exc:  # noqa: BLE001 - whatever killed the task: the batch is reported, the rest goes on
                result.failed.append(IngestError(f"batch {key}", f"lost after {RETRIES} retries: "
                                                 f"{type(exc).__name__}: {exc}"))
                continue
            future.release()
            if store is not None and stories:
                _store_batch(store, key, stories, result)
            say(f"annotated batch {key}")
    result.stories = sum(tables.rows_in(p) for p in spill.parts(root / "stories"))
    return result


def _read_all(client: Any, files: Sequence[str], root: Path, rules: Rules | None, result: BulkResult,
              say: Callable[[str], None]) -> None:
    """Read and spill every input not spilled yet (step 1)."""
    futures = []
    for path in files:
        if (root / "articles" / f"{_key(path)}.parquet").exists():
            result.skipped_parts += 1
            continue
        futures.append((path, client.submit(read_part, path, str(root), rules, key=f"read-{_key(path)}",
                                            retries=RETRIES)))
    for path, future in futures:
        try:
            count, errors = future.result()
        except Exception as exc:  # noqa: BLE001 - whatever killed the task: the input is reported, the rest goes on
            result.failed.append(IngestError(path, f"lost after {RETRIES} retries: {type(exc).__name__}: {exc}"))
            continue
        result.errors += errors
        say(f"read {path}: {count} articles")


def _store_batch(store: Store, key: str, stories: Sequence[StoryDoc], result: BulkResult) -> None:
    """Save a batch's annotated stories to the store in one transaction; a batch the store cannot take is reported."""
    docs = [d for s in stories for d in s.docs]
    kept = {a.id for a in store.new_articles([d.article for d in docs])}
    taken = sum(d.id not in kept for d in docs)
    if taken:  # their text or their id stored before this run: saving would break the store's identities
        result.failed.append(IngestError(f"batch {key}", f"not stored in the store: {taken} of its articles are "
                                                         "in it already (their text or their id), from another run"))
        return
    store.save(docs, stories, people_of={s.id for s in stories})


def _batches(spilled: Sequence[Path], result: BulkResult, unique_content: bool = False) -> Iterator[list[Story]]:
    """Cluster the spilled articles window by window as `analyze` does (step 2); yield batches of closed stories.

    With `unique_content` an article whose content was met before counts once, as the store counts it.
    """
    seen: set[str] = set()

    def articles_of(span: tuple[str, str] | None) -> list[Article]:
        """Read back a window's articles (the undated ones for None), each article id (or content) once."""
        fresh = []
        for article in spill.read_articles(spilled, span, undated=span is None):
            keys = (article.id, rows.content_key(article)) if unique_content else (article.id,)
            if not seen.intersection(keys):  # an article in two inputs counts once
                seen.update(keys)
                fresh.append(article)
        result.articles += len(fresh)
        return fresh

    batch: list[Story] = []
    size = 0
    for story, _ in stories_in_windows(spill.days(spilled), articles_of):
        batch.append(story)
        size += len(story.articles)
        if size >= BATCH_ARTICLES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _quiet(line: str) -> None:
    """Say nothing (no progress asked for)."""
