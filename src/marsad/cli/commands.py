"""The sub-commands: each reads its arguments, calls the library once, and returns its result as JSON and text.

A command never prints: `marsad.cli.main` writes the `Output` it returns the same way for all of them.
The one exception is `watch`, which runs until stopped and prints each event as one JSON line when it happens.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from marsad import pipeline, report
from marsad.clean import Rules, load_rules
from marsad.cli import render
from marsad.cli.render import Bars
from marsad.dating.published import date_docs
from marsad.dating.timeline import build_timelines
from marsad.doc import Analysis, StoryDoc, count
from marsad.store import Store
from marsad.types import IngestError
from marsad.verify.brief import DEFAULT_SENTENCES
from marsad.verify.story import verify_stories
from marsad.watch import watch as follow

# What a story id looks like (marsad.stories.cluster.new_story_id): to suggest --story for a lone id.
_STORY_ID_RE = re.compile(r"^s[0-9a-f]{12}$")


class UsageError(Exception):
    """Arguments that do not go together: the command's usage is wrong (exit status 2)."""


@dataclass(frozen=True)
class Output:
    """A command's result: as JSON and as text lines, the inputs that failed, whether anything was processed."""

    json: Any
    text: list[str]
    errors: Sequence[IngestError] = ()
    processed: bool = True
    note: str = ""  # said on standard error after the output was written to a file
    written: bool = False  # the command wrote its output itself, as it went (analyze's reports)


def analyze(args: argparse.Namespace) -> Output:
    """`marsad analyze`: the report of a batch (JSON, or a line per story with --format jsonl), or its summary.

    Stories are analysed as a stream (`pipeline.analyze_stream`): the report is written as each is done
    and the summary keeps only the largest, so memory does not grow with the corpus.
    """
    errors: list[IngestError] = []
    tally = render.Tally()
    as_json = args.json or bool(args.output and args.output.endswith(".json"))
    with Bars(not args.quiet) as progress:
        stream = pipeline.analyze_stream(args.paths, rules=_rules(args), people=not args.no_people,
                                         dates=not args.no_dates, verify=not args.no_claims, fetched=args.fetched,
                                         workers=args.workers, progress=progress, errors=errors)
        if args.format == "jsonl":
            report.write_lines(map(report.story_line, tally.through(stream)), args.output)
        elif as_json:
            report.write_streamed(tally.through(stream), errors, args.output)
        else:
            text = render.summary(stream, errors, tally)
    note = f"{count(tally.articles, 'article')} in {count(tally.stories, 'story', 'stories')}"
    counted = {"stories": tally.stories, "articles": tally.articles}
    if args.format == "jsonl" or as_json:
        return Output(counted, [], errors, bool(tally.articles), note, written=True)
    return Output(counted, text, errors, bool(tally.articles), note)


def ingest(args: argparse.Namespace) -> Output:
    """`marsad ingest`: add the inputs to the store."""
    with Store.open(args.db) as store, Bars(not args.quiet) as progress:
        result = pipeline.ingest_into(store, args.paths, rules=_rules(args), people=not args.no_people,
                                      dates=not args.no_dates, verify=not args.no_claims, fetched=args.fetched,
                                      workers=args.workers,
                                      progress=progress)
        counts = store.counts()
    value = report.ingest_json(result, counts)
    merged = sum(c.kind == "merged" for c in result.changes)
    text = [(f"{len(result.added)} new articles, {result.skipped} already stored, "
             f"{len(result.stories)} stories updated ({merged} merged, {len(result.changes) - merged} split), "
             f"{len(result.errors)} inputs failed"),
            f"store {args.db}: {counts.get('articles', 0)} articles in {counts.get('stories', 0)} stories"]
    return Output(value, text, result.errors, bool(result.added or result.skipped))


def watch(args: argparse.Namespace) -> Output:
    """`marsad watch`: follow the sources into the store, printing one JSON line per story change, until stopped."""
    def emit(event: dict[str, Any]) -> None:
        """Print one event as a JSON line at once (a downstream tool reads it as it comes)."""
        print(json.dumps(event, ensure_ascii=False), flush=True)

    def warn(line: str) -> None:
        """Print one diagnostic line on standard error."""
        print(f"marsad: {render.safe(line)}", file=sys.stderr, flush=True)

    follow(args.sources, args.db, interval=args.interval, once=args.once, emit=emit, warn=warn, rules=_rules(args),
           people=not args.no_people, dates=not args.no_dates, verify=not args.no_claims)
    return Output({"sources": args.sources, "db": args.db}, [])


def bulk(args: argparse.Namespace) -> Output:
    """`marsad bulk`: the inputs through every stage on Dask, into Parquet tables under --out."""
    from marsad.bulk.run import bulk as run_bulk  # Dask and Arrow load only for this command

    result = run_bulk(args.paths, args.out, workers=args.workers, scheduler=args.scheduler, rules=_rules(args),
                      people=not args.no_people, dates=not args.no_dates, verify=not args.no_claims, db=args.db,
                      progress=None if args.quiet else lambda line: print(f"marsad: {line}", file=sys.stderr))
    value = {"out": str(result.out), "db": args.db, "inputs": result.inputs, "articles": result.articles,
             "stories": result.stories, "batches": result.batches, "skipped_parts": result.skipped_parts,
             "errors": [report.error_json(e) for e in result.errors],
             "failed": [report.error_json(e) for e in result.failed]}
    text = [(f"{result.articles} articles in {result.stories} stories, written to {result.out} "
             f"({result.batches} batches, {result.skipped_parts} parts already there, {len(result.failed)} lost)")]
    return Output(value, text, [*result.errors, *result.failed], bool(result.articles))


def serve(args: argparse.Namespace) -> Output:
    """`marsad serve`: the web desk and REST API over the store, until stopped."""
    import uvicorn  # the web stack loads only for this command

    from marsad.web import create_app

    with _store(args.db):
        pass  # refuses a missing file, a file that is no store and a newer store before listening
    mode = "read-write (bearer token)" if args.token else "read-only"
    print(f"marsad: serving {args.db} on http://{args.host}:{args.port} ({mode}); Ctrl-C stops", file=sys.stderr)
    uvicorn.run(create_app(args.db, token=args.token), host=args.host, port=args.port,
                log_level="info" if args.verbose or args.debug else "warning")
    return Output({"db": args.db, "host": args.host, "port": args.port}, [])


def stories(args: argparse.Namespace) -> Output:
    """`marsad stories`: stored stories, newest first, with their articles."""
    with _store(args.db) as store:
        found = store.stories(limit=args.limit, offset=args.offset)
        counts = store.people_counts([s.id for s in found])
    value = [report.stored_story_json(s, counts.get(s.id)) for s in found]
    text = []
    for story in found:
        text += render.story_block(story)
        if story.id in counts:
            text.append(f"    {counts[story.id][0]} entities, {counts[story.id][1]} quotes")
    return Output(value, text or ["no stories yet: add articles with `marsad ingest PATH --db FILE`"])


def search(args: argparse.Namespace) -> Output:
    """`marsad search`: full-text hits with a snippet of the original text."""
    with _store(args.db) as store:
        hits = store.search(args.query, limit=args.limit)
    return Output([report.search_hit_json(h) for h in hits], render.search_lines(hits, args.query))


def entities(args: argparse.Namespace) -> Output:
    """`marsad entities`: each story's entities (of the inputs), or the store's across its stories."""
    if not _from_store(args):
        result = _analysis(args, people=True, dates=False)
        value = [report.story_listing_json(s, "entities", [report.entity_json(s.text, e) for e in s.entities or ()])
                 for s in result.stories]
        text = [line for s in result.stories for line in (render.heading(s), *render.entity_lines(s.entities or ()))]
        return Output(value, text, result.errors, bool(result.docs))
    with _store(args.db) as store:
        found = store.entities(limit=args.limit, type=args.type, name=args.name)
    return Output([report.store_entity_json(e) for e in found], render.store_entity_lines(found))


def quotes(args: argparse.Namespace) -> Output:
    """`marsad quotes`: each story's quotes (of the inputs, or stored), one statement across outlets together."""
    if not _from_store(args):
        result = _analysis(args, people=True, dates=False)
        chosen = _chosen(result.stories, args.story)
        value = [report.story_listing_json(s, "quotes", [report.quote_json(s.text, q) for q in s.quotes or ()])
                 for s in chosen]
        text = [line for s in chosen for line in (render.heading(s), *render.quote_lines(s.quotes or (), s.text))]
        return Output(value, text, result.errors, bool(result.docs))
    with _store(args.db) as store:
        stored = store.quotes(story_id=_resolved(store, args.story) if args.story else None)
        found = {s.id: s for sid in dict.fromkeys(q.story for q in stored)
                 if (s := store.story(sid, with_people=False)) is not None}  # its quotes are read above
    value, text = [], []
    for sid, story in found.items():
        own = [q for q in stored if q.story == sid]
        value.append(report.story_listing_json(story, "quotes", [report.stored_quote_json(story.text, q) for q in own]))
        text += [render.heading(story), *render.quote_lines([q.quote for q in own], story.text)]
    return Output(value, text)


def timeline(args: argparse.Namespace) -> Output:
    """`marsad timeline`: the dated events of each story of the inputs, or of one stored story."""
    if not _from_store(args, story=True):
        result = _analysis(args, people=True, dates=True)
        if not result.docs and len(args.paths) == 1 and _STORY_ID_RE.match(args.paths[0]):
            raise UsageError(f"{args.paths[0]}: no such file; a stored story is read with --db FILE --story ID")
        chosen = _chosen(result.stories, args.story)
        return Output(_timelines_json(chosen), _timelines_text(chosen), result.errors, bool(result.docs))
    with _store(args.db) as store:
        story = _stored_story(store, args.story, args.db)
    stages = [pipeline.find_story_quotes, date_docs, build_timelines]
    pipeline.annotate([story], stages=stages, workers=1)
    return Output(_timelines_json([story]), _timelines_text([story]))


def brief(args: argparse.Namespace) -> Output:
    """`marsad brief`: the brief, single-source claims and conflicts of each story of the inputs, or of a stored one."""
    if args.db and not args.story and len(args.paths) == 1:
        args.story, args.paths = args.paths[0], []  # `marsad brief --db FILE ID`
    if not _from_store(args, story=True):
        result = _analysis(args, people=True, dates=True, verify=True, brief=args.sentences)
        chosen = _chosen(result.stories, args.story)
        errors, processed = result.errors, bool(result.docs)
    else:
        with _store(args.db) as store:
            story = _stored_story(store, args.story, args.db)
        if story.claims is None or args.sentences != DEFAULT_SENTENCES:
            story.claims = None  # stored without them, or another length asked for: computed again
            pipeline.annotate([story], stages=[partial(verify_stories, sentences=args.sentences)], workers=1)
        chosen, errors, processed = [story], (), True
    value = [{"story": s.id, "title": s.title, **report.verification_json(s)} for s in chosen]
    text = [line for s in chosen for line in (render.heading(s), *render.brief_lines(s))]
    return Output(value, text, errors, processed)


def _timelines_json(chosen: Sequence[StoryDoc]) -> list[dict[str, Any]]:
    """Return the JSON of the stories' timelines."""
    return [report.story_listing_json(s, "timeline", [report.timeline_json(s.text, e) for e in s.timeline or ()])
            for s in chosen]


def _timelines_text(chosen: Sequence[StoryDoc]) -> list[str]:
    """Return the text of the stories' timelines."""
    return [line for s in chosen for line in (render.heading(s), *render.timeline_lines(s.timeline or (), s.text))]


def _analysis(args: argparse.Namespace, *, people: bool, dates: bool, verify: bool = False,
              brief: int = DEFAULT_SENTENCES) -> Analysis:
    """Analyse the command's input paths with progress bars (claims and a brief of `brief` sentences with `verify`)."""
    with Bars(not args.quiet) as progress:
        return pipeline.analyze(args.paths, rules=_rules(args), people=people, dates=dates, verify=verify, brief=brief,
                                fetched=getattr(args, "fetched", None), workers=args.workers, progress=progress)


def _chosen(found: Sequence[StoryDoc], story_id: str | None) -> list[StoryDoc]:
    """Return the stories, or only the one asked for (an error when it is not among them)."""
    if story_id is None:
        return list(found)
    chosen = [s for s in found if s.id == story_id]
    if not chosen:
        raise ValueError(f"{story_id}: no such story among the inputs' stories")
    return chosen


def _resolved(store: Store, story_id: str) -> str:
    """Return the id of the stored story that holds what `story_id` held (itself, or what it merged into)."""
    found = store.resolve(story_id)
    return found[0] if found else story_id


def _stored_story(store: Store, story_id: str, db: str) -> StoryDoc:
    """Return a stored story by id, a merged one's successor for a merged id; an error when there is none."""
    story = store.story(_resolved(store, story_id))
    if story is None:
        raise ValueError(f"{story_id}: no such story in {db}")
    return story


def _from_store(args: argparse.Namespace, story: bool = False) -> bool:
    """Return True when the command reads a store rather than input paths; refuse both or neither."""
    if bool(args.db) == bool(args.paths):
        raise UsageError("give either input paths or --db FILE")
    if args.db and story and not args.story:
        raise UsageError("--db needs --story ID")
    return bool(args.db)


def _store(path: str) -> Store:
    """Open an existing store for reading; refuse to create an empty one."""
    if not Path(path).exists():
        raise ValueError(f"{path}: no such store (create it with `marsad ingest PATH --db {path}`)")
    return Store.open(path)


def _rules(args: argparse.Namespace) -> Rules:
    """Load the cleaning rules, extended by --rules."""
    return load_rules(Path(args.rules) if args.rules else None)

