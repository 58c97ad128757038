"""The pipeline: composes the stages (ingest → clean → cluster → near-duplicates and lineage) into analyses."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from marsad import ingest
from marsad.clean.rules import Rules, clean, load_rules
from marsad.dating.expressions import TimeExpression, article_expressions
from marsad.dating.published import INFERRED, Inference, infer_published
from marsad.dating.timeline import TimelineEvent, story_timeline
from marsad.entities.speakers import StoryPeople, preload, story_people
from marsad.ner import tagger as ner
from marsad.parallel import MIN_ITEMS, Background, map_items
from marsad.quotes.extract import quotes
from marsad.store.db import Store
from marsad.stories.cluster import cluster, restory
from marsad.stories.dedup import near_duplicate_groups
from marsad.stories.lineage import lineage_pairs
from marsad.types import Article, IngestError, LineagePair, RawDocument, Story

# Called once per input file, after it has been read.
Progress = Callable[[Path], None]


@dataclass(frozen=True)
class Analysis:
    """Everything one run produced: clean articles, their stories and the inputs that failed."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    errors: tuple[IngestError, ...]
    people: Mapping[str, StoryPeople] = dataclasses.field(default_factory=dict)  # by story id
    dates: Mapping[str, tuple[TimeExpression, ...]] = dataclasses.field(default_factory=dict)  # by article id
    inferences: Mapping[str, Inference] = dataclasses.field(default_factory=dict)  # by article id
    timelines: Mapping[str, tuple[TimelineEvent, ...]] = dataclasses.field(default_factory=dict)  # by story id


@dataclass(frozen=True)
class Dating:
    """The date stage's output: articles with inferred dates filled in, their expressions, the timelines."""

    articles: tuple[Article, ...]
    inferences: Mapping[str, Inference]  # by article id: the inferred date, or a stated one's contradiction
    dates: Mapping[str, tuple[TimeExpression, ...]]  # by article id
    timelines: Mapping[str, tuple[TimelineEvent, ...]]  # by story id


@dataclass(frozen=True)
class IngestResult:
    """What one `ingest` into the store changed."""

    added: tuple[str, ...]
    skipped: int
    stories: tuple[Story, ...]
    errors: tuple[IngestError, ...]


def read(
    paths: Iterable[str | Path], rules: Rules | None = None, progress: Progress | None = None,
    fetched: str | None = None,
) -> tuple[list[Article], list[IngestError]]:
    """Read and clean every input; a bad input becomes one error and the rest go on.

    `fetched` (an ISO day) is the capture day of the documents whose container did not give one."""
    items = list(_documents(paths, progress))
    docs = [dataclasses.replace(d, fetched=d.fetched or fetched) for d in items if isinstance(d, RawDocument)]
    errors = [e for e in items if isinstance(e, IngestError)]
    articles: list[Article] = []
    for result in map_items(partial(_clean, rules=rules or load_rules()), docs):
        (errors if isinstance(result, IngestError) else articles).append(result)  # type: ignore[arg-type]
    return _unique_ids(articles), errors


def _clean(doc: RawDocument, rules: Rules) -> Article | IngestError:
    """Clean one document; a cleaning bug becomes an error against that input, not a crashed batch."""
    try:
        return clean(doc, rules)
    except Exception as exc:  # noqa: BLE001 - any bug in one document must leave the batch going
        return IngestError(doc.origin, f"could not clean: {type(exc).__name__}: {exc}")


def _documents(paths: Iterable[str | Path], progress: Progress | None) -> Iterator[RawDocument | IngestError]:
    """Yield the documents of every input file, reporting each finished file to `progress`."""
    for given in paths:
        files = ingest.expand([given])
        if not files:  # missing path or empty glob: let the reader word the error
            yield from ingest.read_paths([given])
        for path in files:
            yield from ingest.read_file(path)
            if progress:
                progress(path)


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Give articles that share an id (two files with one stem) distinct ids by suffixing -2, -3, ..."""
    seen: dict[str, int] = {}
    out = []
    for art in articles:
        n = seen.get(art.id, 0) + 1
        seen[art.id] = n
        out.append(art if n == 1 else dataclasses.replace(art, id=f"{art.id}-{n}"))
    return out


def build_stories(
    articles: Sequence[Article],
    known: Mapping[str, str] | None = None,
    stored: Callable[[str], Sequence[Article]] | None = None,
) -> list[Story]:
    """Cluster articles into stories, then list near-duplicates and wire lineage inside each story.

    With `known` (article id → existing story id) and `stored` (loads a stored story's articles),
    existing stories keep their members that are not in `articles` and use them as evidence.
    """
    by_id = {a.id: a for a in articles}
    # In a batch, near-duplicates do not depend on the stories: find them in a second process
    # meanwhile. In the store, they wait for the stored members that clustering brings back.
    duplicates = None
    if not stored:
        duplicates = Background(near_duplicate_groups, list(by_id.values()), len(by_id) >= MIN_ITEMS)
    stories = cluster(articles, known=known)
    if stored:
        existing = set(known.values()) if known else set()
        stories = [_with_stored(s, stored, by_id) if s.id in existing else s for s in stories]
    groups = duplicates.result() if duplicates else near_duplicate_groups(list(by_id.values()))
    group_of = {aid: g for g in groups for aid in g}
    lineages = map_items(_lineage, [[by_id[i] for i in s.articles] for s in stories])
    out = []
    for story, lineage in zip(stories, lineages):
        ids = set(story.articles)
        dups = sorted({tuple(i for i in group_of[a] if i in ids) for a in story.articles if a in group_of})
        out.append(
            dataclasses.replace(story, near_duplicates=tuple(g for g in dups if len(g) > 1), lineage=lineage)
        )
    return out


def _lineage(articles: list[Article]) -> tuple[LineagePair, ...]:
    """Return the wire-lineage pairs of one story's articles."""
    return tuple(lineage_pairs(articles)) if len(articles) > 1 else ()


def _with_stored(story: Story, stored: Callable[[str], Sequence[Article]], by_id: dict[str, Article]) -> Story:
    """Add a stored story's members that were not loaded for clustering (and index them in `by_id`).

    Its title and dates are then chosen over all its members, so an ingest that loaded only some
    of them does not rename the story.
    """
    extra = [a for a in stored(story.id) if a.id not in by_id]
    if not extra:
        return story
    for art in extra:
        by_id[art.id] = art
    return restory(story.id, [by_id[i] for i in sorted({*story.articles, *(a.id for a in extra)})])


def analyze(
    paths: Iterable[str | Path],
    rules: Rules | None = None,
    progress: Progress | None = None,
    people: bool = True,
    dates: bool = True,
    fetched: str | None = None,
) -> Analysis:
    """Run the whole batch job over files, directories and globs (entities and quotes unless `people` is off,
    publication-date inference, date expressions and timelines unless `dates` is off; `fetched` is the capture
    day of inputs that do not state one, the ingest time an undated article is read against)."""
    paths = list(paths)
    articles, errors = read(paths, rules, progress, fetched)
    stories = build_stories(articles)
    found = who_said_what(articles, stories) if people else {}
    if not dates:
        return Analysis(tuple(articles), tuple(stories), tuple(errors), found)
    dated = date_stories(articles, stories, found)
    return Analysis(dated.articles, tuple(stories), tuple(errors), found, dated.dates, dated.inferences,
                    dated.timelines)


def date_stories(
    articles: Sequence[Article], stories: Sequence[Story], found: Mapping[str, StoryPeople] | None = None
) -> Dating:
    """Infer undated articles' publication days from their text and story, check stated ones against their
    text (a contradiction becomes a warning), then resolve every expression and build each story's timeline.

    `found` (story id → its people, when that stage ran) keeps quoted text out of the inference and
    lets the timeline match events by speaker and quote group."""
    found = found or {}
    done = map_items(_date_article, _date_jobs(articles, articles, stories, found))
    inferences = {a.id: inference for a, (inference, _) in zip(articles, done, strict=True)}
    final = tuple(_dated(a, inferences[a.id]) for a in articles)
    expressions = {a.id: exprs for a, (_, exprs) in zip(articles, done, strict=True)}
    final_by_id = {a.id: a for a in final}
    timelines = {s.id: tuple(story_timeline([final_by_id[i] for i in s.articles if i in final_by_id], expressions,
                                            found[s.id].quotes if s.id in found else ()))
                 for s in stories}
    return Dating(final, inferences, expressions, timelines)


DateJob = tuple[Article, list[Article], Sequence[tuple[int, int]]]  # article, its story's members, quoted spans


def _date_jobs(targets: Sequence[Article], pool: Sequence[Article], stories: Sequence[Story],
               found: Mapping[str, StoryPeople]) -> list[DateJob]:
    """Return the date job of each target: its story's members found in `pool`, its quoted spans."""
    quoted: dict[str, list[tuple[int, int]]] = {}
    for people in found.values():
        for q in people.quotes:
            quoted.setdefault(q.quote.article, []).append((q.quote.start, q.quote.end))
    by_id = {a.id: a for a in pool}
    story_of = {i: s for s in stories for i in s.articles}
    return [(a, [by_id[i] for i in story_of[a.id].articles if i in by_id] if a.id in story_of else [a],
             quoted.get(a.id, ())) for a in targets]


def _date_article(job: DateJob) -> tuple[Inference, tuple[TimeExpression, ...]]:
    """Infer (or check) one article's publication day, then resolve its expressions on the final day.

    An article that states its date is read once: its expressions, resolved on that date, are also
    the inference's evidence.
    """
    article, members, quoted = job
    if article.published is not None:
        found = tuple(article_expressions(article))
        return infer_published(article, members, quoted=quoted, found=found), found
    ingested = dt.date.fromisoformat(article.fetched) if article.fetched else None
    inference = infer_published(article, members, ingested=ingested, quoted=quoted)
    return inference, tuple(article_expressions(_dated(article, inference)))


def _dated(article: Article, inference: Inference) -> Article:
    """Return the article with an inferred publication day filled in and a contradiction added as a warning."""
    if article.published is None and inference.value is not None:
        article = dataclasses.replace(article, published=inference.value, published_source=INFERRED)
    if inference.conflict:
        article = dataclasses.replace(article, warnings=(*article.warnings, f"date: {inference.conflict}"))
    return article


def who_said_what(articles: Sequence[Article], stories: Sequence[Story]) -> dict[str, StoryPeople]:
    """Find entities and quotes in every article, then merge and group them story by story."""
    by_id = {a.id: a for a in articles}
    preload()
    mentions = ner.mentions_all(articles)
    said = dict(zip(by_id, map_items(quotes, articles), strict=True))
    members = [[by_id[i] for i in s.articles if i in by_id] for s in stories]
    found = map_items(partial(story_people, mentions=mentions, quotes=said), members)
    return dict(zip((s.id for s in stories), found, strict=True))


def ingest_into(
    store: Store,
    paths: Iterable[str | Path],
    rules: Rules | None = None,
    progress: Progress | None = None,
    people: bool = True,
    dates: bool = True,
    fetched: str | None = None,
) -> IngestResult:
    """Add new articles to the store: already-stored content is skipped, new articles join or start stories."""
    paths = list(paths)
    articles, errors = read(paths, rules, progress, fetched)
    return add_articles(store, articles, errors, people=people, dates=dates)


def add_articles(
    store: Store, articles: Sequence[Article], errors: Sequence[IngestError] = (), people: bool = True,
    dates: bool = True,
) -> IngestResult:
    """Store articles idempotently and update the stories they touch, in one transaction.

    A story that gains articles gets its entities and quotes recomputed over all its members, stored
    ones included (unless `people` is off: then its stored ones are dropped, being out of date). A new
    article that states no date is stored with the day inferred from its text, story and capture day
    (`published_source` "inferred"), unless `dates` is off.
    """
    new = store.new_articles(articles)
    if not new:
        return IngestResult((), len(articles), (), tuple(errors))
    neighbours = store.neighbours(new)
    known = {a.id: sid for a, sid in neighbours}
    stories = build_stories([*(a for a, _ in neighbours), *new], known=known, stored=store.story_articles)
    added = {a.id for a in new}
    touched = [s for s in stories if added.intersection(s.articles)]
    found: dict[str, StoryPeople | None] = dict.fromkeys((s.id for s in touched), None)
    undated = dates and any(a.published is None for a in new)
    members = _members(store, touched, [*(a for a, _ in neighbours), *new]) if people or undated else []
    if people:
        found.update(who_said_what(members, touched))
    if undated:  # the inference alone: expressions and timelines are not stored
        computed = {k: v for k, v in found.items() if v is not None}
        done = map_items(_date_article, _date_jobs(new, members, touched, computed))
        new = [_dated(a, inference) for a, (inference, _) in zip(new, done, strict=True)]
    store.save(new, stories, found)
    return IngestResult(tuple(a.id for a in new), len(articles) - len(new), tuple(stories), tuple(errors))


def _members(store: Store, stories: Sequence[Story], loaded: Sequence[Article]) -> list[Article]:
    """Return every member article of `stories`, from `loaded` or, for stored members not loaded, from the store."""
    by_id = {a.id: a for a in loaded}
    wanted = [i for s in stories for i in s.articles]
    by_id.update((a.id, a) for a in store.articles([i for i in wanted if i not in by_id]))
    return [by_id[i] for i in wanted]
