"""Shared builders for the store tests: invented articles, StoryDocs, story entities and attributed quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from marsad import arabic
from marsad.doc import Doc, StoryDoc
from marsad.store import Store
from marsad.types import Article, AttributedQuote, Entity, EntityType, LineagePair, Quote, Span, Story


def make(
    id: str, body: str, title: str | None = None, published: str | None = None, **extra: object
) -> Article:
    """Build an Article whose paragraphs are the body's lines and sentences come from arabic.split_sentences."""
    paragraphs: list[Span] = []
    sentences: list[Span] = []
    pos = 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append(Span(id, pos, pos + len(line), "paragraph"))
            sentences.extend(Span(id, s, e, "sentence") for s, e in arabic.split_sentences(line, offset=pos))
        pos += len(line) + 1
    return Article(
        id=id, origin=f"test/{id}.txt", body=body, title=title, published=published,
        paragraphs=tuple(paragraphs), sentences=tuple(sentences), **extra,  # type: ignore[arg-type]
    )


BODY_A = "وصل الرئيس إلى إسطنبول صباح اليوم.\nوبدأت المحادثات مع الوفد في مستشفى المدينة حول خطة الحكومة."
BODY_B = "أعلنت الوزارة عن افتتاح مدرسة جديدة في القرية. وقال المدير إن الدراسة تبدأ غداً."
BODY_C = "هطلت أمطار غزيرة على المدينة الساحلية وأغلقت الطرق الرئيسية لساعات."


def story_doc(
    story: Story,
    pool: Iterable[Article] = (),
    *,
    near_duplicates: tuple[tuple[str, ...], ...] = (),
    lineage: tuple[LineagePair, ...] | None = None,
    entities: tuple[Entity, ...] | None = None,
    quotes: tuple[AttributedQuote, ...] | None = None,
) -> StoryDoc:
    """Build the StoryDoc of `story`: a Doc of each of its members found in `pool`, in member order."""
    by_id = {a.id: a for a in pool}
    docs = tuple(Doc(by_id[aid]) for aid in story.articles if aid in by_id)
    return StoryDoc(story, docs, near_duplicates=near_duplicates, lineage=lineage, entities=entities, quotes=quotes)


def stored(store: Store, id: str) -> tuple[Story, tuple[tuple[str, ...], ...], tuple[LineagePair, ...]] | None:
    """Return a stored story as (story, near-duplicate groups, lineage pairs), or None when it is not stored.

    It also checks that the StoryDoc's member Docs are the stored member articles, in story order.
    """
    found = store.story(id)
    if found is None:
        return None
    assert list(found.articles) == store.story_articles(id)
    assert tuple(a.id for a in found.articles) == found.story.articles
    return found.story, found.near_duplicates, tuple(found.lineage or ())


def entity(type: EntityType, *found: tuple[Article, str], roles: tuple[str, ...] = ()) -> Entity:
    """Build a story entity from (article, mention text) pairs, each at its first place in the body."""
    mentions = tuple(Span(a.id, a.body.index(t), a.body.index(t) + len(t), type) for a, t in found)
    counts = Counter(t for _, t in found)
    name = max(counts, key=lambda t: (len(t.split()), counts[t]))
    return Entity(
        id=f"{type.lower()}-{name}", name=name, type=type,
        variants=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        articles=tuple(dict.fromkeys(m.article for m in mentions)), roles=roles, mentions=mentions,
    )


def said(
    article: Article, text: str, speaker: str | None, entity_id: str | None, group: str = "g1", verb: str = "قال"
) -> AttributedQuote:
    """Build an attributed direct quote of `text` on the reporting word `verb`, spoken by the phrase `speaker`."""
    start = article.body.index(text)

    def span(phrase: str | None, label: str) -> Span | None:
        """Return the span of the first place of `phrase` in the body (None when there is no phrase)."""
        if not phrase:
            return None
        at = article.body.index(phrase)
        return Span(article.id, at, at + len(phrase), label)  # type: ignore[arg-type]

    quote = Quote(Span(article.id, start, start + len(text), "quote"), "direct", span(verb, "verb"),
                  span(speaker, "speaker"), None)
    return AttributedQuote(f"q-{article.id}-{start}", quote, entity_id, group)


PUTIN_A = make("pa", "قال الرئيس بوتين إن «المحادثات كانت مفيدة جدا» ثم غادر إلى موسكو.")
PUTIN_B = make("pb", "وصل الرئيس فلاديمير بوتن إلى إسطنبول مساء الأحد، واستقبله المسؤولون.")
KHATIB_SAMER = make("ks", "قال الوزير سامر الخطيب إن «السد سيكتمل قريبا» في مؤتمر صحفي.")
KHATIB_LAYLA = make("kl", "افتتحت الطبيبة ليلى الخطيب مستشفى جديدا في القرية.")
KHATIB_ONLY = make("ko", "وأكد الخطيب أن العمل مستمر في المشروع.")
BOTH_KHATIB = make("kb", "التقى الخطيب الأسبوع الماضي بالوزير سامر الخطيب في المدينة.")


def with_people(
    story: Story,
    articles: Iterable[Article],
    entities: tuple[Entity, ...],
    quotes: tuple[AttributedQuote, ...] = (),
) -> StoryDoc:
    """Build a StoryDoc over `articles` holding the given entities and attributed quotes."""
    return StoryDoc(story, tuple(Doc(a) for a in articles), entities=entities, quotes=quotes)


def person_store(store: Store, *stories: tuple[Article, tuple[Entity, ...]]) -> None:
    """Save each article as a one-article story of its own (story id = "s-" + article id) with its entities."""
    for article, found in stories:
        sid = f"s-{article.id}"
        store.save([article], [with_people(Story(sid, None, (article.id,)), [article], found)], people_of={sid})


def store_ids(store: Store, *articles: Article) -> list[set[str]]:
    """Return, for each one-article story, the store-wide ids of its entities."""
    return [set(store.entity_ids(f"s-{a.id}").values()) for a in articles]
