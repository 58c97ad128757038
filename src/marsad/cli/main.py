"""The `marsad` command line: parses arguments, calls the library, prints tables or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tqdm import tqdm

from marsad import __version__, ingest, pipeline, report
from marsad.clean.rules import Rules, load_rules
from marsad.entities.speakers import AttributedQuote, StoryPeople
from marsad.store.db import Store, StoredQuote, StoreEntity
from marsad.types import Article, IngestError, Story

DEFAULT_DB = "marsad.db"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        code: int = args.run(args)
    except BrokenPipeError:  # `marsad stories | head` is fine
        return 0
    except (OSError, ValueError) as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 1
    return code


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="marsad", description="Turn many Arabic news articles from many outlets into stories."
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(title="commands")

    p = sub.add_parser("analyze", help="analyse files into stories and write a JSON report",
                       description="Read articles (text, HTML, RSS/Atom, JSONL, JSON, zip, WARC), clean them, "
                       "group them into stories, and print a summary.")
    p.add_argument("paths", nargs="+", help="files, directories or globs")
    p.add_argument("--json", metavar="FILE", help="write the full report to FILE ('-' for standard output)")
    p.add_argument("--no-people", action="store_true",
                   help="skip entities and quotes (much faster on large archives)")
    p.add_argument("--no-dates", action="store_true",
                   help="skip date inference, date expressions and timelines")
    _common(p)
    _fetched_option(p)
    p.set_defaults(run=_analyze)

    p = sub.add_parser("timeline", help="a story's dated events in order, with every source",
                       description="Print the timeline of each story of the given files (or of one story), "
                       "or with --db of a stored story: the sentences that carry a resolved date, events "
                       "reported by several articles shown once with all their sources.")
    p.add_argument("paths", nargs="*", help="files, directories or globs; or one stored story's id")
    p.add_argument("--db", help=f"compute the timeline of a stored story (needs --story or a story id; "
                                f"a lone story id reads {DEFAULT_DB})")
    p.add_argument("--story", metavar="ID", help="only this story")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    _common(p)
    _fetched_option(p)
    p.set_defaults(run=_timeline)

    p = sub.add_parser("ingest", help="add articles to the SQLite store (idempotent)",
                       description="Add articles to the store; content already stored is skipped and "
                       "new articles join existing stories or start new ones.")
    p.add_argument("paths", nargs="+", help="files, directories or globs")
    p.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--no-people", action="store_true",
                   help="skip entities and quotes (much faster on large archives)")
    p.add_argument("--no-dates", action="store_true",
                   help="store undated articles undated (no inference from their text, story and capture day)")
    _common(p)
    _fetched_option(p)
    p.set_defaults(run=_ingest)

    p = sub.add_parser("entities", help="people, places and organisations, merged across spellings",
                       description="List the entities of each story of the given files, or with --db the "
                       "entities of the whole store (one entity across all its stories).")
    p.add_argument("paths", nargs="*", help="files, directories or globs (or use --db)")
    p.add_argument("--db", help="read the entities of this store instead of analysing files")
    p.add_argument("--type", choices=("PER", "LOC", "ORG", "MISC"), help="with --db: only this type")
    p.add_argument("--name", help="with --db: only entities with a spelling containing this (spelling-folded)")
    p.add_argument("--limit", type=int, default=50, help="with --db: how many entities (default 50)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _common(p)
    p.set_defaults(run=_entities)

    p = sub.add_parser("quotes", help="quotes with their speakers, grouped across outlets",
                       description="List the quotes of each story of the given files, or with --db the "
                       "stored quotes, the same statement across outlets shown together.")
    p.add_argument("paths", nargs="*", help="files, directories or globs (or use --db)")
    p.add_argument("--db", help="read the quotes of this store instead of analysing files")
    p.add_argument("--story", metavar="ID", help="with --db: only this story")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _common(p)
    p.set_defaults(run=_quotes)

    p = sub.add_parser("stories", help="list stored stories, newest first",
                       description="List the stories in the store with their articles, newest first.")
    p.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")
    p.add_argument("--limit", type=int, default=20, help="how many stories (default 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many stories first")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=_stories)

    p = sub.add_parser("search", help="Arabic full-text search over stored articles",
                       description="Search stored articles; spelling variants (hamza, alef maqsura, "
                       "ta marbuta, diacritics) match.")
    p.add_argument("query", help="words to find (all must occur)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"store file (default {DEFAULT_DB})")
    p.add_argument("--limit", type=int, default=20, help="how many hits (default 20)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=_search)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    """Add the options shared by the commands that read inputs."""
    p.add_argument("--rules", metavar="FILE", help="extra cleaning phrases (same format as the bundled lists)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")


def _fetched_option(p: argparse.ArgumentParser) -> None:
    """Add --fetched to the commands that date articles."""
    p.add_argument("--fetched", metavar="YYYY-MM-DD", type=_day,
                   help="the day the inputs were collected, for those that do not say: an undated article is "
                        "dated from its own text within the days before it")


@contextmanager
def _progress(paths: Sequence[str], quiet: bool) -> Iterator[Callable[[Path], None] | None]:
    """Yield a per-file progress callback drawing a bar on a terminal (None when quiet)."""
    if quiet:
        yield None
        return
    total = len(ingest.expand(paths))
    with tqdm(total=total, unit="file", desc="reading", file=sys.stderr, disable=None, leave=False) as bar:

        def advance(_path: Path) -> None:
            """Move the bar one file on."""
            bar.update(1)

        yield advance


def _day(text: str) -> str:
    """Parse an ISO day given on the command line (argparse names the option on a bad one)."""
    return dt.date.fromisoformat(text).isoformat()


def _rules(args: argparse.Namespace) -> Rules:
    """Load the cleaning rules, extended by --rules."""
    return load_rules(Path(args.rules) if args.rules else None)


def _report_errors(errors: Sequence[IngestError]) -> None:
    """Print one line per input that could not be processed."""
    for err in errors:
        print(f"marsad: error: {err}", file=sys.stderr)


def _analyze(args: argparse.Namespace) -> int:
    """`marsad analyze`: batch job to a JSON report and a terminal summary."""
    with _progress(args.paths, args.quiet) as progress:
        result = pipeline.analyze(args.paths, _rules(args), progress, people=not args.no_people,
                                  dates=not args.no_dates, fetched=args.fetched)
    _report_errors(result.errors)
    doc = report.build(result.articles, result.stories, result.errors, result.people, result.dates,
                       result.inferences, result.timelines)
    if args.json == "-":
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.json:
        report.write(doc, args.json)
    if not args.quiet and args.json != "-":
        _print_summary(result, len(result.errors))
        if args.json:
            print(f"report: {args.json}")
    return 0 if result.articles else 1


def _people_command(args: argparse.Namespace, field: str, show: Callable[[StoryPeople], None]) -> int:
    """Analyse the inputs, then print each story's `field` ("entities" or "quotes") as JSON or via `show`."""
    with _progress(args.paths, args.quiet or args.json) as progress:
        result = pipeline.analyze(args.paths, _rules(args), progress)
    _report_errors(result.errors)
    if args.json:
        _print_json([{"story": s.id, "title": s.title, field: report.story_json(s, result.people[s.id])[field]}
                     for s in result.stories])
    else:
        for story in result.stories:
            print(f"■ {story.title or '(untitled)'}   [{story.id}]")
            show(result.people[story.id])
    return 0 if result.articles else 1


def _source(args: argparse.Namespace) -> str | None:
    """Return the store to read for `entities`/`quotes`, None to analyse paths; refuse both or neither."""
    if bool(args.db) == bool(args.paths):
        raise ValueError("give either input paths or --db STORE")
    if args.db:
        _require_db(args.db)
    return str(args.db) if args.db else None


def _entities(args: argparse.Namespace) -> int:
    """`marsad entities`: each story's entities, or with --db the store's, with spellings, roles and counts."""
    db = _source(args)
    if db is None:
        return _people_command(args, "entities", _show_entities)
    with Store.open(db) as store:
        found = store.entities(limit=args.limit, type=args.type, name=args.name)
    if args.json:
        _print_json([_store_entity_json(e) for e in found])
        return 0
    for e in found:
        print(f"{e.type:<4} {e.name}  — {e.stories} stories, {e.articles} articles: "
              f"{_spellings(e.variants, e.roles)}  [{e.id}]")
    if not found:
        print("no entities found (stores filled with `marsad ingest --no-people` have none)")
    return 0


def _store_entity_json(entity: StoreEntity) -> dict[str, Any]:
    """Render one store-wide entity for `marsad entities --db --json`."""
    return {"id": entity.id, "name": entity.name, "type": entity.type,
            "variants": [{"text": t, "count": n} for t, n in entity.variants],
            "stories": entity.stories, "articles": entity.articles, "roles": list(entity.roles)}


def _show_entities(found: StoryPeople) -> None:
    """Print one line per entity: type, display name, article count, spellings and roles."""
    for e in found.entities:
        print(f"    {e.type:<4} {e.name}  — {len(e.articles)} articles: {_spellings(e.variants, e.roles)}")


def _spellings(variants: Sequence[tuple[str, int]], roles: Sequence[str]) -> str:
    """Render an entity's spellings with counts, then its roles in parentheses."""
    stated = f"   ({'؛ '.join(roles)})" if roles else ""
    return "، ".join(f"{t} ×{n}" for t, n in variants) + stated


def _quotes(args: argparse.Namespace) -> int:
    """`marsad quotes`: each story's quotes (of the inputs or the store), one statement across outlets together."""
    db = _source(args)
    if db is None:
        return _people_command(args, "quotes", _show_quotes)
    with Store.open(db) as store:
        by_story: dict[str, list[StoredQuote]] = {}
        for q in store.quotes(story_id=args.story):
            by_story.setdefault(q.story, []).append(q)
        titles = {sid: story.title if (story := store.story(sid)) else None for sid in by_story}
    if args.json:
        _print_json([{"story": sid, "title": titles[sid],
                      "quotes": [{**report.quote_json(q.quote), "entity": q.entity} for q in found]}
                     for sid, found in by_story.items()])
        return 0
    for sid, found in by_story.items():
        print(f"■ {titles[sid] or '(untitled)'}   [{sid}]")
        _show_quotes(StoryPeople((), tuple(q.quote for q in found)))
    return 0


def _show_quotes(found: StoryPeople) -> None:
    """Print each group of quotes (one statement, several articles) under its speaker."""
    groups: dict[str, list[AttributedQuote]] = {}
    for q in found.quotes:
        groups.setdefault(q.group, []).append(q)
    for members in sorted(groups.values(), key=lambda g: -len({q.quote.article for q in g})):
        first = members[0].quote
        articles = sorted({q.quote.article for q in members})
        print(f"    {first.speaker_name or '?'} ({first.kind}, {len(articles)} articles: {', '.join(articles)})")
        for q in members:
            print(f"        [{q.quote.article}] {q.quote.text}")


def _timeline(args: argparse.Namespace) -> int:
    """`marsad timeline`: each story's dated events (of the inputs, or of one stored story) in date order.

    `marsad timeline STORY` (a story id, not a path) reads that story from the store (--db, default
    marsad.db)."""
    if len(args.paths) == 1 and not args.story and not Path(args.paths[0]).exists() \
            and (args.db or Path(DEFAULT_DB).exists()):
        args.story, args.paths, args.db = args.paths[0], [], args.db or DEFAULT_DB
    db = _source(args)
    if db is None:
        with _progress(args.paths, args.quiet or args.json) as progress:
            result = pipeline.analyze(args.paths, _rules(args), progress, fetched=args.fetched)
        _report_errors(result.errors)
        stories = [s for s in result.stories if args.story in (None, s.id)]
        timelines = result.timelines
    else:
        if not args.story:
            raise ValueError("--db needs --story ID")
        with Store.open(db) as store:
            story = store.story(args.story)
            if story is None:
                raise ValueError(f"{args.story}: no such story in {db}")
            stories = [story]
            people = store.story_people(story.id)
            timelines = pipeline.date_stories(store.story_articles(story.id), stories,
                                              {story.id: people} if people else None).timelines
    if args.story and not stories:
        raise ValueError(f"{args.story}: no such story")
    if args.json:
        _print_json([{"story": s.id, "title": s.title,
                      "timeline": [report.timeline_json(e) for e in timelines.get(s.id, ())]} for s in stories])
        return 0
    for story in stories:
        print(f"■ {story.title or '(untitled)'}   [{story.id}]")
        for event in timelines.get(story.id, ()):
            mark = "  [background]" if event.background else ""
            print(f"    {event.date:<10}{mark}  {' '.join(event.text.split())}")
            print(f"        sources: {', '.join(event.articles)}")
    return 0


def _ingest(args: argparse.Namespace) -> int:
    """`marsad ingest`: add inputs to the store."""
    with Store.open(args.db) as store, _progress(args.paths, args.quiet or args.json) as progress:
        result = pipeline.ingest_into(store, args.paths, _rules(args), progress, people=not args.no_people,
                                      dates=not args.no_dates, fetched=args.fetched)
        counts = store.counts()
    _report_errors(result.errors)
    if args.json:
        _print_json({
            "added": list(result.added), "skipped": result.skipped,
            "stories": [report.story_json(s) for s in result.stories],
            "errors": [report.error_json(e) for e in result.errors], "totals": counts,
        })
    elif not args.quiet:
        print(f"{len(result.added)} new articles, {result.skipped} already stored, "
              f"{len(result.stories)} stories updated, {len(result.errors)} inputs failed")
        print(f"store {args.db}: {counts.get('articles', 0)} articles in {counts.get('stories', 0)} stories")
    return 0 if result.added or result.skipped else 1


def _stories(args: argparse.Namespace) -> int:
    """`marsad stories`: stored stories, newest first, with their articles."""
    _require_db(args.db)
    with Store.open(args.db) as store:
        stories = store.stories(limit=args.limit, offset=args.offset)
        articles = {a.id: a for a in store.articles([i for s in stories for i in s.articles])}
        counts = store.people_counts([s.id for s in stories])
    if args.json:
        _print_json([{**report.story_json(s), "members": [_brief(articles[i]) for i in s.articles if i in articles],
                      **({"entity_count": counts[s.id][0], "quote_count": counts[s.id][1]} if s.id in counts else {})}
                     for s in stories])
        return 0
    for story in stories:
        _print_story(story, articles)
        if story.id in counts:
            print(f"    {counts[story.id][0]} entities, {counts[story.id][1]} quotes")
    if not stories:
        print("no stories yet: add articles with `marsad ingest PATH --db FILE`")
    return 0


def _search(args: argparse.Namespace) -> int:
    """`marsad search`: full-text hits with a snippet of the original text."""
    _require_db(args.db)
    with Store.open(args.db) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.json:
        _print_json([{"article": h.article_id, "story": h.story_id, "title": h.title, "outlet": h.outlet,
                      "published": h.published, "snippet": h.snippet, "score": h.score} for h in hits])
        return 0
    for h in hits:
        print(f"{h.published or '          '}  {h.outlet or '-'}  {h.title or h.article_id}  [{h.article_id}]")
        print(f"    {h.snippet}")
    print(f"{len(hits)} hits for {args.query!r}")
    return 0


def _require_db(path: str) -> None:
    """Refuse to create an empty store when the user only wants to read one."""
    if not Path(path).exists():
        raise ValueError(f"{path}: no such store (create it with `marsad ingest PATH --db {path}`)")


def _brief(article: Article) -> dict[str, Any]:
    """A short JSON view of an article for listings."""
    return {"id": article.id, "title": article.title, "outlet": article.outlet,
            "published": article.published, "origin": article.origin}


def _print_json(value: Any) -> None:
    """Print JSON for scripts (UTF-8, Arabic readable)."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    print()


def _print_story(story: Story, articles: dict[str, Article]) -> None:
    """Print one story with its articles as an indented block."""
    span = story.start if story.start == story.end else f"{story.start or '?'} … {story.end or '?'}"
    print(f"■ {story.title or '(untitled)'}   [{story.id}]  {span if story.start or story.end else ''}")
    for aid in story.articles:
        art = articles.get(aid)
        if art:
            print(f"    {art.published or '          '}  {(art.outlet or '-')[:24]:<24}  {art.title or aid}")
    if story.near_duplicates:
        print(f"    near-duplicates: {'; '.join(', '.join(g) for g in story.near_duplicates)}")
    if story.lineage:
        best = max(story.lineage, key=lambda p: p.score)
        print(f"    wire lineage: {len(story.lineage)} pairs (strongest {best.a} ~ {best.b}: {best.score:.2f})")


def _print_summary(result: pipeline.Analysis, n_errors: int) -> None:
    """Print the readable terminal summary of an analysis."""
    articles, stories = result.articles, result.stories
    by_id = {a.id: a for a in articles}
    outlets = {a.outlet for a in articles if a.outlet}
    print(f"{len(articles)} articles from {len(outlets)} named outlets → {len(stories)} stories"
          + (f"; {n_errors} inputs failed" if n_errors else ""))
    shown = sorted(stories, key=lambda s: -len(s.articles))[:20]
    for story in shown:
        _print_story(story, by_id)
        found = result.people.get(story.id)
        if found and (found.entities or found.quotes):
            people = [e.name for e in found.entities if e.type == "PER"][:5]
            sources: dict[str, set[str]] = {}
            for q in found.quotes:
                sources.setdefault(q.group, set()).add(q.quote.article)
            shared = sum(1 for arts in sources.values() if len(arts) > 1)
            print(f"    {len(found.entities)} entities ({'، '.join(people)}…), {len(found.quotes)} quotes, "
                  f"{shared} statements quoted by several articles (marsad entities / marsad quotes)")
    if len(stories) > len(shown):
        print(f"… and {len(stories) - len(shown)} more stories (see the JSON report)")


if __name__ == "__main__":
    sys.exit(main())
