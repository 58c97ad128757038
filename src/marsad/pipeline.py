"""The pipeline: inputs in, an Analysis (or an updated store) out, by composing the stages; no stage logic here.

1. read: every input is read (marsad.ingest) and cleaned (marsad.clean) into one `Doc` per article
   (a stream's workers read, clean and spill whole inputs each).
2. stories: the articles are clustered into stories (marsad.stories.cluster): one `StoryDoc` per story.
3. story stages: functions over a chunk of StoryDocs that fill fields of the StoryDocs and their
   Docs (see `story_stages`: near-duplicate bodies first, marsad.stories.dedup), run on chunks of
   stories by forked workers. A Doc's tokens and sentences are computed once per chunk and shared by
   every stage; its quotes once, for the entities and the dates alike.
docs/architecture.md draws the flow and lists what a new stage touches: its function in `story_stages`, its
field in `Doc` or `StoryDoc` (named in RESULTS, so that workers send it back) and its JSON in `report`.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from marsad import ingest
from marsad.clean import Rules, clean, load_rules
from marsad.dating.calendar import calendar_names
from marsad.dating.grammar import load_grammar
from marsad.dating.published import date_docs
from marsad.dating.timeline import build_timelines, clause_openers
from marsad.doc import Analysis, Doc, DocCache, StoryDoc
from marsad.entities.attribution import link_entities, preload
from marsad.memo import return_freed_blocks
from marsad.ner.tagger import load_tagger, tag_docs
from marsad.parallel import MIN_ITEMS, Workers, fewer_collections, map_items, resolve_workers
from marsad.quotes.extract import find_quotes
from marsad.store import Store
from marsad.stories.cluster import restory
from marsad.stories.dedup import near_duplicates_of_groups
from marsad.stories.lineage import lineage_of_groups
from marsad.stories.revise import revise
from marsad.stories.windows import cluster_in_windows, stories_in_windows
from marsad.types import Article, IngestError, RawDocument, Story, StoryChange
from marsad.verify.brief import DEFAULT_SENTENCES
from marsad.verify.story import verify_stories

log = logging.getLogger(__name__)
# Articles cleaned and spilled, and annotated, at a time by `analyze_stream`: enough for every worker to
# get several chunks, few enough that one batch's results (~0.1 MB an article with every stage) stay small.
STREAM_ARTICLES = 2000

# Told how far a stage is: (stage name, how many units are done, how many there are or None).
Progress = Callable[[str, int, int | None], None]
StoryStage = Callable[[Sequence[StoryDoc]], None]
# Articles per chunk of the story stages: the tagger decodes up to 32 articles at once (ner.tagger),
# and chunks of whole stories this size balance the two workers over SaudiNewsNet's stories.
CHUNK_ARTICLES = 64
# Chunks per worker and per batch handed out at once: many small batches keep the progress bar moving.
BATCHES_PER_WORKER = 16


@dataclass(frozen=True)
class IngestResult:
    """What one `ingest` into the store changed."""

    added: tuple[str, ...]
    skipped: int
    stories: tuple[StoryDoc, ...]  # the stories new articles started or joined, and those that merged or split
    errors: tuple[IngestError, ...]
    changes: tuple[StoryChange, ...] = ()  # stored stories merged into others, or split


def analyze(paths: Iterable[str | Path], *, rules: Rules | None = None, people: bool = True, dates: bool = True,
            verify: bool = True, brief: int = DEFAULT_SENTENCES, fetched: str | None = None,
            workers: int | None = None, progress: Progress | None = None) -> Analysis:
    """Analyse files, directories and globs into stories.

    `people`: entities and quotes; `dates`: publication days inferred, time expressions, timelines;
    `verify`: claims, independent sources, conflicts and the brief (of `brief` sentences); `fetched`: the
    capture day (ISO) of inputs that do not state one, the ingest time an undated
    article is read against; `workers`: processes to use (1: all in this one; default: the CPUs this
    process may use); `progress(stage, done, total)` is told how each stage goes.
    """
    n = resolve_workers(workers)
    docs, errors = read(paths, rules=rules, fetched=fetched, workers=n, progress=progress)
    return _analysis(docs, errors, story_stages(people=people, dates=dates, verify=verify, brief=brief), n, progress)


def analyze_stream(paths: Iterable[str | Path], *, rules: Rules | None = None, people: bool = True,
                   dates: bool = True, verify: bool = True, brief: int = DEFAULT_SENTENCES, fetched: str | None = None,
                   workers: int | None = None, progress: Progress | None = None,
                   errors: list[IngestError] | None = None) -> Iterator[StoryDoc]:
    """Analyse as `analyze` does, yielding each story once annotated and keeping none of them.

    Memory does not grow with the corpus: each input's cleaned articles are spilled to a temporary
    folder (marsad.stories.spill), read back a window of publication days at a time and clustered with
    the stories still open (marsad.stories.windows, as `analyze` clusters), and the stories that close
    are annotated STREAM_ARTICLES articles at a time. Input errors are appended to `errors`.
    """
    from marsad.stories import spill  # Arrow loads only for a stream, not with every command

    n = resolve_workers(workers)
    return_freed_blocks()
    stages = story_stages(people=people, dates=dates, verify=verify, brief=brief)
    _preload(stages)
    # The workers that annotate every batch fork now, holding the models loaded and little else: forked
    # later, each would carry a copy of the pages of the window being clustered.
    with (fewer_collections(), tempfile.TemporaryDirectory(prefix="marsad-spill-") as folder,
          Workers(n, start=True) as pool):
        parts, total = _spill_inputs(paths, Path(folder), rules, fetched, n, progress, errors)

        def articles_of(span: tuple[str, str] | None) -> list[Article]:
            """Read back a window's articles (the undated ones for None)."""
            return spill.read_articles(parts, span, undated=span is None)

        advance = _counter(f"stories, {_stage_names(stages)}", total, progress)
        batch: list[tuple[Story, list[Article]]] = []
        stories = held = 0
        # One batch is annotated by the workers while this process clusters and gathers the next one.
        pending: Callable[[], list[StoryDoc]] = list
        for closed in stories_in_windows(spill.days(parts), articles_of, workers=n):
            batch.append(closed)
            stories += 1
            held += len(closed[1])
            if held >= STREAM_ARTICLES:
                started = _annotating(batch, stages, pool, advance)
                yield from pending()
                pending, batch, held = started, [], 0
        started = _annotating(batch, stages, pool, advance)
        yield from pending()
        yield from started()
        log.info("%d articles in %d stories", total, stories)


def _spill_inputs(paths: Iterable[str | Path], folder: Path, rules: Rules | None, fetched: str | None, workers: int,
                  progress: Progress | None, errors: list[IngestError] | None) -> tuple[list[Path], int]:
    """Read and clean the inputs STREAM_ARTICLES documents at a time, each batch spilled to a part.

    With several inputs, each worker reads, cleans and spills whole inputs (this process only hands them
    out); a single input is read here and cleaned by every worker. Return the parts, in input order, and
    the number of articles in them.
    """
    files, missing = ingest.inputs(paths)
    found = list(missing)
    seen: dict[str, int] = {}  # ids given so far: an id met again is made distinct as `read` does
    parts: list[Path] = []
    documents = spilled = 0
    spill_file = partial(_spill_file, folder=folder, rules=rules, fetched=fetched,
                         workers=workers if len(files) == 1 else 1)
    step = _counter("reading", len(files), progress)
    # One input a batch: days' files are of uneven size, and a batch's result is only its parts' names.
    for read_docs, written, failed in map_items(spill_file, list(enumerate(files)), workers=workers, min_items=2,
                                                progress=step, batches_per_worker=max(1, len(files))):
        documents += read_docs
        found += failed
        for part, ids in written:
            _distinct_ids(part, ids, seen)
            parts.append(part)
            spilled += len(ids)
    log.info("read %d files: %d documents", len(files), documents)
    if errors is not None:
        errors += found
    return parts, spilled


def _spill_file(item: tuple[int, Path], folder: Path, rules: Rules | None, fetched: str | None,
                workers: int) -> tuple[int, list[tuple[Path, list[str]]], list[IngestError]]:
    """Read, clean and spill one input a batch at a time: its documents, its parts with their article ids, errors."""
    from marsad.stories import spill

    index, path = item
    items = ingest.read_file(path)
    documents = 0
    written: list[tuple[Path, list[str]]] = []
    failed: list[IngestError] = []
    while chunk := list(islice(items, STREAM_ARTICLES)):
        documents += sum(isinstance(d, RawDocument) for d in chunk)
        articles, errors = _clean_articles(chunk, rules, fetched, workers, None, {})
        failed += errors
        if articles:
            written.append((folder / f"{index:08d}-{len(written):06d}.parquet", [a.id for a in articles]))
            spill.write_articles(written[-1][0], articles)
    return documents, written, failed


def _distinct_ids(part: Path, ids: Sequence[str], seen: dict[str, int]) -> None:
    """Count a spilled part's ids in `seen`; a part holding an id met before is written again, as `read` names it."""
    from marsad.stories import spill

    given = _given_ids(ids, seen)
    if given != list(ids):
        spill.write_articles(part, _renamed(spill.read_articles([part]), given))


def _annotating(closed: Sequence[tuple[Story, Sequence[Article]]], stages: Sequence[StoryStage],
                pool: Workers, advance: Callable[[int], None] | None) -> Callable[[], list[StoryDoc]]:
    """Start every story stage on closed stories with their articles; return what waits and gives their StoryDocs.

    `advance` is told of their articles once they are done.
    """
    stories = story_docs([story for story, _ in closed], [a for _, members in closed for a in members])
    finish = _start_stages(stories, stages, pool.workers, pool)

    def done() -> list[StoryDoc]:
        """Wait for the stages, take their results in, and return the stories."""
        finish()
        if advance:
            advance(sum(len(members) for _, members in closed))
        return stories

    return done


def analyze_records(records: Iterable[Mapping[str, Any]], *, rules: Rules | None = None, people: bool = True,
                    dates: bool = True, verify: bool = True, brief: int = DEFAULT_SENTENCES,
                    fetched: str | None = None, workers: int | None = None,
                    progress: Progress | None = None) -> Analysis:
    """Analyse articles already in memory (the same options as `analyze`).

    Each record is a dict with `text` and optionally `title`, `url`, `outlet`, `published` and
    `fetched`: the fields of a JSONL input.
    """
    n = resolve_workers(workers)
    raw = list(ingest.read_records(records))
    docs, errors = _clean_all(raw, rules, fetched, n, progress)
    return _analysis(docs, errors, story_stages(people=people, dates=dates, verify=verify, brief=brief), n, progress)


def _analysis(docs: list[Doc], errors: list[IngestError], stages: Sequence[StoryStage], workers: int,
              progress: Progress | None) -> Analysis:
    """Build the stories of cleaned Docs and run the story stages on them."""
    stories = build_stories(docs, workers=workers, progress=progress)
    log.info("%d articles in %d stories", len(docs), len(stories))
    annotate(stories, stages=stages, workers=workers, progress=progress)
    return Analysis(tuple(docs), tuple(stories), tuple(errors))


def read(paths: Iterable[str | Path], *, rules: Rules | None = None, fetched: str | None = None,
         workers: int | None = None, progress: Progress | None = None) -> tuple[list[Doc], list[IngestError]]:
    """Read and clean every input into Docs; a bad input becomes one error and the rest go on.

    `fetched` (an ISO day) is the capture day of the documents whose container did not give one.
    """
    with fewer_collections():
        files, errors = ingest.inputs(paths)
        raw: list[RawDocument | IngestError] = [*errors]
        for done, path in enumerate(files, 1):
            raw.extend(ingest.read_file(path))
            if progress:
                progress("reading", done, len(files))
        log.info("read %d files: %d documents", len(files), sum(isinstance(d, RawDocument) for d in raw))
        return _clean_all(raw, rules, fetched, resolve_workers(workers), progress)


def _clean_all(items: Sequence[RawDocument | IngestError], rules: Rules | None, fetched: str | None, workers: int,
               progress: Progress | None) -> tuple[list[Doc], list[IngestError]]:
    """Clean the documents read (on `workers` processes) into Docs with distinct ids; keep the errors."""
    articles, errors = _clean_articles(items, rules, fetched, workers, progress, {})
    return [Doc(a) for a in articles], errors


def _clean_articles(items: Sequence[RawDocument | IngestError], rules: Rules | None, fetched: str | None,
                    workers: int, progress: Progress | None,
                    seen: dict[str, int]) -> tuple[list[Article], list[IngestError]]:
    """Clean the documents read (on `workers` processes) into articles, ids made distinct from `seen`; keep errors."""
    docs = [replace(d, fetched=d.fetched or fetched) for d in items if isinstance(d, RawDocument)]
    errors = [e for e in items if isinstance(e, IngestError)]
    articles: list[Article] = []
    step = _counter("cleaning", len(docs), progress)
    for result in map_items(partial(_clean, rules=rules or load_rules()), docs, workers=workers, progress=step):
        if isinstance(result, IngestError):
            errors.append(result)
        else:
            articles.append(result)
    return _unique_ids(articles, seen), errors


def _clean(doc: RawDocument, rules: Rules) -> Article | IngestError:
    """Clean one document; a bug met while cleaning becomes an error against that input, and is logged."""
    try:
        return clean(doc, rules)
    except Exception as exc:
        log.debug("traceback of the error cleaning %s", doc.origin, exc_info=True)
        return IngestError(doc.origin, f"could not clean (a marsad bug, --debug shows where): "
                                       f"{type(exc).__name__}: {exc}")


def _unique_ids(articles: list[Article], seen: dict[str, int]) -> list[Article]:
    """Give articles that share an id (two files with one stem) distinct ids by suffixing -2, -3, ...

    `seen` counts the ids given so far (updated): a stream of batches gets the ids one batch would.
    """
    return _renamed(articles, _given_ids([a.id for a in articles], seen))


def _renamed(articles: Sequence[Article], ids: Sequence[str]) -> list[Article]:
    """Return the articles under these ids, in order (an article whose id is unchanged as it is)."""
    return [a if a.id == new else a.with_id(new) for a, new in zip(articles, ids, strict=True)]


def _given_ids(ids: Sequence[str], seen: dict[str, int]) -> list[str]:
    """Return the ids `_unique_ids` gives articles with these ids, counting them in `seen`."""
    out = []
    for aid in ids:
        n = seen[aid] = seen.get(aid, 0) + 1
        out.append(aid if n == 1 else f"{aid}-{n}")
    return out


def build_stories(docs: Sequence[Doc], *, workers: int = 1, progress: Progress | None = None) -> list[StoryDoc]:
    """Cluster Docs into stories (their near-duplicates are a story stage: `find_near_duplicates`)."""
    if progress:
        progress("stories", 0, len(docs))
    with fewer_collections():
        stories = cluster_in_windows([d.article for d in docs], workers=workers)
    out = _story_docs(stories, {d.id: d for d in docs})
    if progress:
        progress("stories", len(docs), len(docs))
    return out


def revise_stories(docs: Sequence[Doc], known: Mapping[str, str], started: Mapping[str, str | None],
                   stored: Callable[[str], Sequence[Article]], *, workers: int = 1, progress: Progress | None = None,
                   doc_of: Callable[[Article], Doc] = Doc) -> tuple[list[StoryDoc], list[StoryChange]]:
    """Re-cluster stored (`known`: article id → story id) and new Docs; return the stories the new ones reach.

    Stored stories split or merge as the evidence now says (marsad.stories.revise). A revised story's
    stored members that were not loaded (`stored` loads a stored story's articles) stay with it, or go
    with what it merged into, and join the StoryDoc as Docs of their own (made by `doc_of`).
    """
    by_id = {d.id: d for d in docs}
    if progress:
        progress("stories", 0, len(docs))
    with fewer_collections():
        stories, changes = revise([d.article for d in docs], known, started, workers=workers)
    merged: dict[str, list[str]] = {}
    for change in changes:
        if change.kind == "merged":
            merged.setdefault(change.new, []).append(change.old)
    stories = [_with_stored(s, [s.id, *merged.get(s.id, ())], stored, by_id, doc_of) for s in stories]
    out = _story_docs(stories, by_id)
    if progress:
        progress("stories", len(docs), len(docs))
    return out, changes


def story_docs(stories: Sequence[Story], articles: Sequence[Article]) -> list[StoryDoc]:
    """Return stories already formed (a bulk run's windows) as StoryDocs of their articles."""
    return _story_docs(stories, {a.id: Doc(a) for a in articles})


def _story_docs(stories: Sequence[Story], by_id: Mapping[str, Doc]) -> list[StoryDoc]:
    """Return each story as a StoryDoc of its members' Docs."""
    return [StoryDoc(story, tuple(by_id[i] for i in story.articles)) for story in stories]


def _with_stored(story: Story, sources: Sequence[str], stored: Callable[[str], Sequence[Article]],
                 by_id: dict[str, Doc], doc_of: Callable[[Article], Doc]) -> Story:
    """Add the stored members of the stories `sources` that were not loaded for clustering (into `by_id`).

    Its title and dates are then chosen over all its members, so an ingest that loaded only some
    of them does not rename the story.
    """
    extra = [a for sid in sources for a in stored(sid) if a.id not in by_id]
    if not extra:
        return story
    for art in extra:
        by_id[art.id] = doc_of(art)
    return restory(story.id, [by_id[i].article for i in sorted({*story.articles, *(a.id for a in extra)})])


def find_near_duplicates(stories: Sequence[StoryDoc]) -> None:
    """Fill in the groups of near-duplicate members of each story (found among its members alone)."""
    todo = [story for story in stories if len(story.docs) > 1]
    for story, groups in zip(todo, near_duplicates_of_groups([s.articles for s in todo]), strict=True):
        story.near_duplicates = tuple(sorted(groups))


def find_lineage(stories: Sequence[StoryDoc]) -> None:
    """Fill in the wire lineage of each story (the pairs of members that retell one wire story)."""
    todo = [story for story in stories if story.lineage is None and len(story.docs) > 1]
    for story, pairs in zip(todo, lineage_of_groups([s.docs for s in todo]), strict=True):
        story.lineage = tuple(pairs)
    for story in stories:
        if story.lineage is None:
            story.lineage = ()


def find_mentions(stories: Sequence[StoryDoc]) -> None:
    """Fill in the named-entity mentions of every member of the stories."""
    tag_docs([d for s in stories for d in s.docs])


def find_story_quotes(stories: Sequence[StoryDoc]) -> None:
    """Fill in the quotes of every member of the stories."""
    find_quotes([d for s in stories for d in s.docs])


def story_stages(*, people: bool = True, dates: bool = True, verify: bool = True, brief: int = DEFAULT_SENTENCES,
                 only: Collection[str] | None = None, expressions: bool = True) -> list[StoryStage]:
    """Return the story stages to run, in order: near-duplicates, lineage; entities and quotes; dates; verification.

    `only` and `expressions` go to the date stage (marsad.dating.published.date_docs); without
    `expressions` there is no timeline. Verification reads what the others found (entities for
    titles, dates for days) and works without them.
    """
    stages: list[StoryStage] = [find_near_duplicates, find_lineage]
    if people:
        stages += [find_mentions, find_story_quotes, link_entities]
    if dates:
        stages += [find_story_quotes, partial(date_docs, only=only, expressions=expressions)]
        if expressions:
            stages.append(build_timelines)
    if verify:
        stages.append(verify_stories if brief == DEFAULT_SENTENCES else partial(verify_stories, sentences=brief))
    return list(dict.fromkeys(stages))


def annotate(stories: Sequence[StoryDoc], *, people: bool = True, dates: bool = True, verify: bool = True,
             workers: int = 1, progress: Progress | None = None, stages: Sequence[StoryStage] | None = None,
             pool: Workers | None = None) -> None:
    """Run the story stages (`stages`, else those `people`, `dates` and `verify` ask for) over the stories, in place.

    Chunks of whole stories go to forked workers when there are enough articles (to the kept `pool`'s
    when given, else to `workers` forked for this call); what a stage found comes back as the fields of
    each Doc and StoryDoc.
    """
    stages = list(stages) if stages is not None else story_stages(people=people, dates=dates, verify=verify)
    with fewer_collections():
        _start_stages(stories, stages, workers, pool, progress)()


def _start_stages(stories: Sequence[StoryDoc], stages: Sequence[StoryStage], workers: int, pool: Workers | None,
                  progress: Progress | None = None) -> Callable[[], None]:
    """Start the stages on the stories' chunks (in the kept `pool` when given); return what waits and takes results in.

    Without a pool the chunks are computed (by workers forked then) when the returned function is called.
    """
    _preload(stages)
    chunks = _chunks(stories)
    total = sum(len(s.docs) for s in stories)
    log.info("story stages (%s) on %d articles in %d chunks, %d workers", _stage_names(stages), total, len(chunks),
             workers if total >= MIN_ITEMS else 1)
    run, advance = partial(_run_stages, stages=stages), _counter(_stage_names(stages), total, progress)
    found: Callable[[], list[ChunkResults]]
    if pool is not None and total >= MIN_ITEMS:
        found = pool.start(run, chunks, min_items=1, progress=advance, weight=_articles,
                           batches_per_worker=BATCHES_PER_WORKER)
    else:
        found = partial(map_items, run, chunks, workers=workers if total >= MIN_ITEMS else 1, min_items=1,
                        progress=advance, weight=_articles, batches_per_worker=BATCHES_PER_WORKER)

    def take_in() -> None:
        """Wait for every chunk and give each StoryDoc and Doc the fields the stages found."""
        for chunk, results in zip(chunks, found(), strict=True):
            for story, (story_results, doc_results) in zip(chunk, results, strict=True):
                story.update(story_results)
                for doc, fields in zip(story.docs, doc_results, strict=True):
                    doc.update(fields)

    return take_in


ChunkResults = list[tuple[dict[str, Any], list[dict[str, Any]]]]


def _run_stages(chunk: Sequence[StoryDoc], stages: Sequence[StoryStage]) -> ChunkResults:
    """Run every stage over one chunk of stories; return the fields each StoryDoc and Doc got from them.

    Only what changed is returned: a worker sends back results, not the articles it was given.
    """
    before = [(story.results(), [d.results() for d in story.docs]) for story in chunk]
    for stage in stages:
        stage(chunk)
    out = [(_changed(story.results(), then),
            [_changed(d.results(), was) for d, was in zip(story.docs, docs, strict=True)])
           for story, (then, docs) in zip(chunk, before, strict=True)]
    for story in chunk:
        for doc in story.docs:
            doc.release()  # tokens and sentences served this chunk's stages; free them before the next
    return out


def _changed(now: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    """Return the fields whose value is not the one they had before."""
    return {name: value for name, value in now.items() if value is not then[name]}


def _chunks(stories: Sequence[StoryDoc]) -> list[list[StoryDoc]]:
    """Group stories, in order, into chunks of at least CHUNK_ARTICLES articles (a larger story is one chunk)."""
    chunks: list[list[StoryDoc]] = [[]]
    size = 0
    for story in stories:
        chunks[-1].append(story)
        size += len(story.docs)
        if size >= CHUNK_ARTICLES:
            chunks.append([])
            size = 0
    return [c for c in chunks if c]


def _articles(chunk: Sequence[StoryDoc]) -> int:
    """Return the number of articles in a chunk of stories."""
    return sum(len(s.docs) for s in chunk)


def _stage_names(stages: Sequence[StoryStage]) -> str:
    """Name the story stages for progress reports ("lineage, entities and quotes, dates")."""
    names: dict[Callable[..., None], str] = {find_lineage: "lineage", link_entities: "entities and quotes",
                                             date_docs: "dates", verify_stories: "claims"}
    named = [names[func] for s in stages if (func := getattr(s, "func", s)) in names]
    return ", ".join(named) or "stories"


def _preload(stages: Sequence[StoryStage]) -> None:
    """Load the word lists and models the stages use, so that forked workers inherit them loaded."""
    if find_mentions in stages or link_entities in stages:
        load_tagger()
        preload()
    calendar_names()
    load_grammar()
    clause_openers()


def _counter(stage: str, total: int, progress: Progress | None) -> Callable[[int], None] | None:
    """Return a callback that adds finished units to a running count and reports it for `stage`."""
    if progress is None:
        return None
    done = 0
    progress(stage, 0, total)

    def advance(n: int) -> None:
        """Count `n` more units done."""
        nonlocal done
        done += n
        progress(stage, done, total)

    return advance


def ingest_into(store: Store, paths: Iterable[str | Path], *, rules: Rules | None = None, people: bool = True,
                dates: bool = True, verify: bool = True, fetched: str | None = None, workers: int | None = None,
                progress: Progress | None = None) -> IngestResult:
    """Add new articles to the store: already-stored content is skipped, new articles join or start stories."""
    n = resolve_workers(workers)
    with store.writing():  # a store that cannot be written fails before the inputs are read
        docs, errors = read(paths, rules=rules, fetched=fetched, workers=n, progress=progress)
        return _add_articles(store, [d.article for d in docs], errors, people=people, dates=dates, verify=verify,
                             workers=n, progress=progress)


def ingest_documents(store: Store, items: Sequence[RawDocument | IngestError], *, rules: Rules | None = None,
                     people: bool = True, dates: bool = True, verify: bool | Callable[[str], bool] = True,
                     workers: int | None = None, progress: Progress | None = None,
                     cache: DocCache | None = None) -> IngestResult:
    """Clean documents already read (a watched source's new items) and add them to the store as `ingest_into` does.

    With `cache`, stored articles that come back in a story reuse what was found in them before.
    `verify` may choose the changed stories (by id) whose verification is computed now; the others are
    stored without one (`marsad brief --db` computes it when asked).
    """
    n = resolve_workers(workers)
    with store.writing():
        docs, errors = _clean_all(items, rules, None, n, progress)
        return _add_articles(store, [d.article for d in docs], errors, people=people, dates=dates, verify=verify,
                             workers=n, progress=progress, cache=cache)


def add_articles(store: Store, articles: Sequence[Article], errors: Sequence[IngestError] = (), *,
                 people: bool = True, dates: bool = True, verify: bool = True, workers: int = 1,
                 progress: Progress | None = None) -> IngestResult:
    """Store articles idempotently and update the stories they touch, in one transaction.

    A story that gains articles gets its lineage, entities and quotes recomputed over all its members,
    stored ones included (unless `people` is off: then its stored ones are dropped, being out of
    date). When a new article states no date, the new articles are dated: an undated one is stored
    with the day inferred from its text, story and capture day (`published_source` "inferred"), a
    stated date is checked against the text (a contradiction becomes a warning); unless `dates` is off.
    A story that gains articles gets its claims, conflicts and brief recomputed too (unless `verify` is off:
    then its stored ones are dropped). Writers of one store take turns (`Store.writing`).
    """
    with store.writing():
        return _add_articles(store, articles, errors, people=people, dates=dates, verify=verify, workers=workers,
                             progress=progress)


def _add_articles(store: Store, articles: Sequence[Article], errors: Sequence[IngestError], *, people: bool,
                  dates: bool, verify: bool | Callable[[str], bool], workers: int, progress: Progress | None,
                  cache: DocCache | None = None) -> IngestResult:
    """Do the work of `add_articles`, the store's writer lock held."""
    new = store.new_articles(articles)
    if not new:
        return IngestResult((), len(articles), (), tuple(errors))
    neighbours = store.neighbours(new)
    known = {a.id: sid for a, sid in neighbours}
    new_docs = [Doc(a) for a in new]
    doc_of = cache.doc if cache else Doc
    stories, changes = revise_stories([*(doc_of(a) for a, _ in neighbours), *new_docs], known,
                                      store.story_starts(set(known.values())), store.story_articles,
                                      workers=workers, progress=progress, doc_of=doc_of)
    added = {a.id for a in new}
    # A revised story that neither gained an article nor merged or split is left as stored.
    changed = {c.new for c in changes} | {c.old for c in changes if c.kind == "split"}
    touched = [s for s in stories if s.id in changed or added.intersection(s.story.articles)]
    undated = dates and any(a.published is None for a in new)
    # The inference alone: expressions and timelines are not stored.
    chosen = [s for s in touched if verify(s.id)] if callable(verify) else []
    stages = story_stages(people=people, dates=undated, verify=verify is True, only=added, expressions=False)
    annotate(touched, stages=stages, workers=workers, progress=progress)
    if chosen:  # verification reads what the stages above found
        annotate(chosen, stages=[verify_stories], workers=workers, progress=progress)
    store.save(new_docs, touched, people_of={s.id for s in touched}, changes=changes)
    if cache is not None:
        cache.keep(d for s in touched for d in s.docs)
    return IngestResult(tuple(a.id for a in new), len(articles) - len(new), tuple(touched), tuple(errors),
                        tuple(changes))
