"""The `marsad` command: argument parsing and the conventions every sub-command follows.

Every command prints its result as text, or as JSON with `--json`, to standard output or to the
file given with `-o/--output` (written whole or not at all; a name ending in .json means JSON);
`--quiet` keeps the text off standard output.
Diagnostics go to standard error: one line per input that could not be read, progress bars per
stage on a terminal (not with `--quiet`), log messages with `-v`/`--debug` (`--debug` also shows
the traceback of an error). Exit status: 0 done; 1 failed (nothing was processed, a missing store,
a bad argument value); 2 wrong usage; 3 done, but some inputs could not be read; 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import multiprocessing
import os
import sqlite3
import sys
from collections.abc import Sequence

from marsad import __version__, report
from marsad.cli import commands
from marsad.cli.commands import Output, UsageError
from marsad.cli.render import safe
from marsad.store import StoreError
from marsad.verify.brief import DEFAULT_SENTENCES

DEFAULT_DB = "marsad.db"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
log = logging.getLogger("marsad")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    _logging(args)
    try:
        out: Output = args.run(args)
        for error in out.errors:
            print(f"marsad: error: {safe(str(error))}", file=sys.stderr)
        _emit(out, args)
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `marsad stories | head` is fine
        sys.stderr.close()  # nothing more can be written; keep Python from complaining at exit
        return EXIT_OK
    except UsageError as exc:
        print(f"marsad {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError, sqlite3.Error, StoreError) as exc:
        log.debug("traceback", exc_info=True)
        print(f"marsad: error: {safe(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    if out.errors:
        return EXIT_PARTIAL if out.processed else EXIT_FAILED
    return EXIT_OK if out.processed else EXIT_FAILED


def run() -> None:
    """Run the command line as a program and exit with its status.

    After an interrupt every `finally` has run and nothing half-written is left, so the workers still
    alive are stopped and the process ends at once: the interpreter's shutdown would wake a worker pool
    the signal had half stopped, and print a traceback under the one-line message.
    """
    status = main()
    if status == EXIT_INTERRUPTED:
        for child in multiprocessing.active_children():
            child.terminate()
            child.join(timeout=5)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


def _emit(out: Output, args: argparse.Namespace) -> None:
    """Write the command's result as JSON or text, to standard output or to the --output file."""
    target = args.output
    if out.written:
        if target and not args.quiet:
            print(f"marsad: wrote {target}{f' ({out.note})' if out.note else ''}", file=sys.stderr)
        return
    as_json = args.json or bool(target and target.endswith(".json"))
    if as_json:
        report.write(out.json, target)
    elif target:
        report.write_text("".join(line + "\n" for line in out.text), target)
    elif not args.quiet:
        for line in out.text:
            print(line)
    if target and not args.quiet:
        print(f"marsad: wrote {target}{f' ({out.note})' if out.note else ''}", file=sys.stderr)


def _logging(args: argparse.Namespace) -> None:
    """Send marsad's log messages to standard error: warnings, or more with -v (INFO) and --debug (DEBUG)."""
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("marsad: %(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False
    logging.captureWarnings(True)  # library warnings (warcio, feedparser) through logging, not raw
    logging.getLogger("py.warnings").handlers[:] = [handler]


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser: one sub-command per job, every one with the shared options."""
    parser = argparse.ArgumentParser(
        prog="marsad", description="Turn many Arabic news articles from many outlets into stories.",
        epilog="Exit status: 0 done; 1 failed; 2 wrong usage; 3 done, but some inputs could not be read; "
               "130 interrupted. Every command takes --json, -o FILE, -v, --debug and --quiet.")
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(title="commands", dest="command")
    for add in (_analyze, _ingest, _bulk, _watch, _serve, _stories, _search, _entities, _quotes, _timeline, _brief):
        add(sub)
    return parser


def _command(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str,
             description: str) -> argparse.ArgumentParser:
    """Add a sub-command with the options every command shares."""
    p = sub.add_parser(name, help=summary, description=description)
    out = p.add_argument_group("output")
    out.add_argument("--json", action="store_true", help="print JSON instead of text")
    out.add_argument("-o", "--output", metavar="FILE",
                     help="write the output to FILE instead of standard output (JSON when FILE ends in .json)")
    out.add_argument("-q", "--quiet", action="store_true",
                     help="no text on standard output, no progress bars, no notes (JSON asked for is still written)")
    out.add_argument("-v", "--verbose", action="store_true", help="log what marsad does")
    out.add_argument("--debug", action="store_true", help="log everything, and show the traceback of an error")
    return p


def _inputs(p: argparse.ArgumentParser, required: bool = True) -> None:
    """Add the options of the commands that read input files."""
    p.add_argument("paths", nargs="+" if required else "*", help="files, directories or globs")
    p.add_argument("--rules", metavar="FILE", help="extra cleaning phrases (same format as the bundled lists)")
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="processes to use (default: the CPUs available; 1 runs everything in one process)")


# What --no-dates does where articles are stored.
STORE_UNDATED = "store undated articles undated (no inference from their text, story and capture day)"


def _stages(p: argparse.ArgumentParser, *, dates: str = "skip date inference, date expressions and timelines",
            fetched: bool = True) -> None:
    """Add the options that turn analysis stages off (`dates`: what --no-dates does), and the capture day."""
    p.add_argument("--no-people", action="store_true", help="skip entities and quotes (much faster on large archives)")
    p.add_argument("--no-dates", action="store_true", help=dates)
    p.add_argument("--no-claims", action="store_true",
                   help="skip claims, independent sources, conflicts and the brief")
    if fetched:
        _fetched(p)


def _fetched(p: argparse.ArgumentParser) -> None:
    """Add --fetched, the capture day of undated inputs."""
    p.add_argument("--fetched", metavar="YYYY-MM-DD", type=_day,
                   help="the day the inputs were collected, for those that do not say: an undated article is "
                        "dated from its own text within the days before it")


def _db(p: argparse.ArgumentParser, default: str | None = DEFAULT_DB, help: str | None = None) -> None:
    """Add --db, the store file."""
    p.add_argument("--db", default=default, metavar="FILE",
                   help=help or f"store file (default {DEFAULT_DB})")


def _analyze(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad analyze`."""
    p = _command(sub, "analyze", "analyse files into stories: a summary, or the full JSON report",
                 "Read articles (text, HTML, RSS/Atom, JSONL, JSON, zip, WARC), clean them, group them into "
                 "stories with their entities, quotes and dates; print a summary, or with --json the report.")
    _inputs(p)
    _stages(p)
    p.add_argument("--format", choices=("json", "jsonl"), default="json",
                   help="jsonl: write one story and its articles a line as each is done, holding only a batch of "
                        "results in memory (for large archives; with -o FILE or to standard output)")
    p.set_defaults(run=commands.analyze)


def _ingest(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad ingest`."""
    p = _command(sub, "ingest", "add articles to the SQLite store (idempotent)",
                 "Add articles to the store; content already stored is skipped and new articles join "
                 "existing stories or start new ones.")
    _inputs(p)
    _db(p)
    _stages(p, dates=STORE_UNDATED)
    p.set_defaults(run=commands.ingest)


def _bulk(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad bulk`."""
    p = _command(sub, "bulk", "an archive through every stage on Dask, into Parquet tables",
                 "Read and clean each input as a Dask task, cluster stories window by window of publication days "
                 "(bounded memory), run the story stages on batches of stories as tasks, and write Parquet tables "
                 "under --out: articles, stories, entities, quotes, claims. A rerun skips what is already written; "
                 "a task that fails is retried, then reported. Locally with --workers processes, or on the Dask "
                 "cluster whose scheduler is at --scheduler.")
    p.add_argument("paths", nargs="+", help="files, directories or globs (every format analyze reads)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder of the Parquet tables (made when missing)")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="local worker processes (default 1; ignored with --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--db", metavar="FILE",
                   help="also save the stories to this SQLite store (made when missing), for search and serve")
    p.add_argument("--rules", metavar="FILE", help="extra cleaning phrases (same format as the bundled lists)")
    _stages(p, fetched=False)
    p.set_defaults(run=commands.bulk)


def _watch(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad watch`."""
    p = _command(sub, "watch", "follow folders and feed URLs into the store as they publish",
                 "Poll each source (a folder, or the URL of an RSS/Atom feed, a JSON Feed or a news sitemap) on "
                 "its own schedule, with ETag/If-Modified-Since; ingest what is new as `ingest` does; print one "
                 "JSON line per story created, grown, merged or split. A failing source is retried later and "
                 "reported on standard error. SIGINT or SIGTERM stops it after the current cycle.")
    p.add_argument("sources", nargs="+", help="folders and http(s) URLs")
    _db(p)
    p.add_argument("--interval", type=_seconds, default=300.0, metavar="SECONDS",
                   help="seconds between two polls of one source (default 300); a failing source waits longer")
    p.add_argument("--once", action="store_true", help="poll every source once, ingest, and stop")
    p.add_argument("--rules", metavar="FILE", help="extra cleaning phrases (same format as the bundled lists)")
    _stages(p, dates=STORE_UNDATED, fetched=False)
    p.set_defaults(run=commands.watch)


def _serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad serve`."""
    p = _command(sub, "serve", "the web desk and REST API over a store",
                 "Serve the store as web pages (stories, a story with its brief, articles, entities, search; every "
                 "page also JSON at its address + .json) and as a REST API under /api (schema at "
                 "/api/openapi.json). Read-only unless a token is set: then POST /api/articles with "
                 "'Authorization: Bearer TOKEN' adds articles. Stops on Ctrl-C.")
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=os.environ.get("MARSAD_TOKEN"), metavar="TOKEN",
                   help="accept writes from clients that send this bearer token (default: $MARSAD_TOKEN; "
                        "without one the server is read-only)")
    p.set_defaults(run=commands.serve)


def _stories(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad stories`."""
    p = _command(sub, "stories", "list stored stories, newest first",
                 "List the stories in the store with their articles, newest first.")
    _db(p)
    p.add_argument("--limit", type=_positive, default=20, help="how many stories (default 20)")
    p.add_argument("--offset", type=_count, default=0, help="skip this many stories first")
    p.set_defaults(run=commands.stories)


def _search(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad search`."""
    p = _command(sub, "search", "Arabic full-text search over stored articles",
                 "Search stored articles; spelling variants (hamza, alef maqsura, ta marbuta, diacritics) match.")
    p.add_argument("query", help="words to find (all must occur)")
    _db(p)
    p.add_argument("--limit", type=_positive, default=20, help="how many hits (default 20)")
    p.set_defaults(run=commands.search)


def _entities(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad entities`."""
    p = _command(sub, "entities", "people, places and organisations, merged across spellings",
                 "List the entities of each story of the given files, or with --db the entities of the whole "
                 "store (one entity across all its stories).")
    _inputs(p, required=False)
    _db(p, None, "read the entities of this store instead of analysing files")
    p.add_argument("--type", choices=("PER", "LOC", "ORG", "MISC"), help="with --db: only this type")
    p.add_argument("--name", help="with --db: only entities with a spelling containing this (spelling-folded)")
    p.add_argument("--limit", type=_positive, default=50, help="with --db: how many entities (default 50)")
    p.set_defaults(run=commands.entities)


def _quotes(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad quotes`."""
    p = _command(sub, "quotes", "quotes with their speakers, grouped across outlets",
                 "List the quotes of each story of the given files, or with --db the stored quotes, the same "
                 "statement across outlets shown together.")
    _inputs(p, required=False)
    _db(p, None, "read the quotes of this store instead of analysing files")
    p.add_argument("--story", metavar="ID", help="only this story")
    p.set_defaults(run=commands.quotes)


def _timeline(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad timeline`."""
    p = _command(sub, "timeline", "a story's dated events in order, with every source",
                 "Print the timeline of each story of the given files, or with --db and --story of a stored "
                 "story: the clauses that carry a resolved date, an event reported by several articles shown "
                 "once with all its sources.")
    _inputs(p, required=False)
    _db(p, None, "compute the timeline of a stored story of this store (with --story)")
    p.add_argument("--story", metavar="ID", help="only this story (with --db: the stored story to read)")
    _fetched(p)
    p.set_defaults(run=commands.timeline)


def _brief(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`marsad brief`."""
    p = _command(sub, "brief", "a story's brief in its sources' own words, with citations, single-source claims "
                               "and conflicts",
                 "Print the brief of each story of the given files, or with --db of a stored story (its id as the "
                 "argument, or --story): sentences taken from the articles with numbered citations to every "
                 "article that states them, then the claims only one source carries and the conflicts between "
                 "outlets.")
    _inputs(p, required=False)
    _db(p, None, "read a stored story of this store (its id as the argument or --story)")
    p.add_argument("--story", metavar="ID", help="only this story (with --db: the stored story to read)")
    p.add_argument("--sentences", type=_positive, default=DEFAULT_SENTENCES,
                   help=f"sentences in the brief (default {DEFAULT_SENTENCES})")
    _fetched(p)
    p.set_defaults(run=commands.brief)


def _day(text: str) -> str:
    """Parse an ISO day given on the command line (argparse names the option on a bad one)."""
    return dt.date.fromisoformat(text).isoformat()


def _seconds(text: str) -> float:
    """Parse a positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value


def _port(text: str) -> int:
    """Parse a TCP port number."""
    value = _at_least(text, 1)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"not a port: {text!r}")
    return value


def _positive(text: str) -> int:
    """Parse a count of at least 1."""
    return _at_least(text, 1)


def _count(text: str) -> int:
    """Parse a count of at least 0."""
    return _at_least(text, 0)


def _at_least(text: str, low: int) -> int:
    """Parse an integer of at least `low` (argparse names the option on a bad one)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"must be at least {low}: {text!r}")
    return value
