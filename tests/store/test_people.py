"""Tests for marsad.store.people: a story's entity, mention and quote rows, and store-wide entities.

A story's entities and quotes come back as saved (spans included); an entity joins the one stored
entity its name names across stories, stays apart when the name is ambiguous, and disappears when
no story holds it any more.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.doc import StoryDoc
from marsad.store import Store
from marsad.store.people import EntityRecord, StoredQuote, StoreEntity, match_entity
from marsad.types import Article, AttributedQuote, Story
from tests.store.helpers import (
    BOTH_KHATIB,
    KHATIB_LAYLA,
    KHATIB_ONLY,
    KHATIB_SAMER,
    PUTIN_A,
    PUTIN_B,
    entity,
    make,
    person_store,
    said,
    store_ids,
    story_doc,
    with_people,
)


def test_spelling_variant_in_another_story_is_one_store_entity(store: Store) -> None:
    """"بوتين" in one story and "فلاديمير بوتن" in another become one store entity holding both stories."""
    person_store(store, (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (PUTIN_B, (entity("PER", (PUTIN_B, "فلاديمير بوتن")), entity("LOC", (PUTIN_B, "إسطنبول")))))
    people = store.entities(type="PER")
    assert len(people) == 1
    putin = people[0]
    assert isinstance(putin, StoreEntity)
    assert (putin.name, putin.stories, putin.articles) == ("فلاديمير بوتن", 2, 2)
    assert dict(putin.variants) == {"بوتين": 1, "فلاديمير بوتن": 1}
    record = store.entity(putin.id)
    assert isinstance(record, EntityRecord) and set(record.stories) == {"s-pa", "s-pb"}
    bodies = {a.id: a.body for a in (PUTIN_A, PUTIN_B)}
    stored_texts = store._conn.execute('SELECT article_id, start, "end", text FROM mentions').fetchall()
    assert all(bodies[a][s:e] == text for a, s, e, text in stored_texts)  # each stored mention's span is its text
    assert {bodies[m.article][m.start : m.end] for m in record.mentions} == {"بوتين", "فلاديمير بوتن"}
    assert {m.label for m in record.mentions} == {"PER"}


@pytest.mark.parametrize(
    ("later", "joins"),
    [
        # a surname alone matches both stored people: ambiguous, so it joins neither
        ((KHATIB_ONLY, "الخطيب"), None),
        # the full name matches one of them only
        ((KHATIB_SAMER, "سامر الخطيب"), "سامر الخطيب"),
        ((KHATIB_LAYLA, "ليلى الخطيب"), "ليلى الخطيب"),
    ],
)
def test_people_sharing_a_surname_stay_apart_across_stories(
    tmp_path: Path, later: tuple[Article, str], joins: str | None
) -> None:
    """Two stored people with one surname stay two; a later name joins one only when it names one of them."""
    first = make("k1", "صرح الوزير سامر الخطيب بأن المشروع تأخر.")
    second = make("k2", "قالت ليلى الخطيب إن المستشفى جاهز.")
    with Store.open(tmp_path / "m.db") as store:
        person_store(store, (first, (entity("PER", (first, "سامر الخطيب")),)),
                     (second, (entity("PER", (second, "ليلى الخطيب")),)))
        article, name = later
        person_store(store, (article, (entity("PER", (article, name)),)))
        by_name = {e.name: e for e in store.entities(type="PER")}
        assert {"سامر الخطيب", "ليلى الخطيب"} <= set(by_name)
        joined = [n for n, e in by_name.items() if e.stories == 2]
        assert joined == ([joins] if joins else [])
        assert len(by_name) == (3 if joins is None else 2)


def test_match_entity_names_the_one_stored_entity_a_name_names(store: Store) -> None:
    """match_entity gives the store entity a spelling names, and None for an unknown or ambiguous name."""
    person_store(store, (KHATIB_SAMER, (entity("PER", (KHATIB_SAMER, "سامر الخطيب")),)),
                 (KHATIB_LAYLA, (entity("PER", (KHATIB_LAYLA, "ليلى الخطيب")),)))
    [samer] = store_ids(store, KHATIB_SAMER)
    assert match_entity(store._conn, "سامر الخطيب", "PER") == next(iter(samer))
    assert match_entity(store._conn, "سامر الخطيب", "LOC") is None
    assert match_entity(store._conn, "الخطيب", "PER") is None  # names both
    assert match_entity(store._conn, "بوتين", "PER") is None


def test_ambiguous_name_joins_the_single_full_name_match(store: Store) -> None:
    """A surname matching a stored full name and a stored lone surname joins the lone surname (same words)."""
    person_store(store, (KHATIB_SAMER, (entity("PER", (KHATIB_SAMER, "سامر الخطيب")),)),
                 (KHATIB_ONLY, (entity("PER", (KHATIB_ONLY, "الخطيب")),)))
    assert store_ids(store, KHATIB_SAMER) == store_ids(store, KHATIB_ONLY)  # the lone surname joined the one name
    person_store(store, (KHATIB_LAYLA, (entity("PER", (KHATIB_LAYLA, "ليلى الخطيب")),)))
    later = make("k4", "ونفى الخطيب صحة هذه الأنباء.")
    person_store(store, (later, (entity("PER", (later, "الخطيب")),)))
    # "الخطيب" now matches سامر الخطيب (holding the earlier lone surname) and ليلى الخطيب: both are
    # longer names, so no full-name match decides it and it stays apart.
    assert store_ids(store, later)[0].isdisjoint(store_ids(store, KHATIB_SAMER)[0] | store_ids(store, KHATIB_LAYLA)[0])


def test_two_entities_of_one_story_never_share_a_store_entity(store: Store) -> None:
    """A story that keeps "سامر الخطيب" and "الخطيب" apart gets two store entities, not one."""
    found = (entity("PER", (BOTH_KHATIB, "سامر الخطيب")), entity("PER", (BOTH_KHATIB, "الخطيب")))
    person_store(store, (BOTH_KHATIB, found))
    assert len(store_ids(store, BOTH_KHATIB)[0]) == 2
    assert sorted(e.name for e in store.entities(type="PER")) == ["الخطيب", "سامر الخطيب"]


def test_resaving_a_story_is_idempotent(store: Store) -> None:
    """Saving the same people again keeps one store entity with one story and the same id."""
    found = (entity("PER", (PUTIN_A, "بوتين")),)
    person_store(store, (PUTIN_A, found))
    before = store.entities()
    store.save([], [with_people(Story("s-pa", None, ("pa",)), [PUTIN_A], found)], people_of={"s-pa"})
    assert store.entities() == before and len(before) == 1 and before[0].stories == 1


def test_dropping_a_storys_people_deletes_entities_left_without_stories(store: Store) -> None:
    """A story saved in people_of with entities None clears its rows; an entity no other story holds disappears."""
    person_store(store, (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (PUTIN_B, (entity("PER", (PUTIN_B, "فلاديمير بوتن")), entity("LOC", (PUTIN_B, "إسطنبول")))))
    store.save([], [story_doc(Story("s-pb", None, ("pb",)), [PUTIN_B])], people_of={"s-pb"})
    assert store.story_people("s-pb") is None and store.entity_ids("s-pb") == {}
    assert [(e.name, e.stories) for e in store.entities()] == [("بوتين", 1)]  # name falls back to what is left


def test_stories_not_named_in_people_of_keep_their_people(store: Store) -> None:
    """Saving a story again without naming it in people_of changes its members but keeps its entities."""
    found = (entity("PER", (PUTIN_A, "بوتين")),)
    person_store(store, (PUTIN_A, found))
    store.save([PUTIN_B], [story_doc(Story("s-pa", None, ("pa", "pb")), [PUTIN_A, PUTIN_B])])
    assert store.story_people("s-pa") == (found, ())
    assert store.story_articles("s-pa") == [PUTIN_A, PUTIN_B]


def test_story_people_round_trip_with_quotes_whose_spans_reproduce_the_body(store: Store) -> None:
    """A story's entities and quotes come back equal, and every stored quote's span is its text."""
    putin = entity("PER", (PUTIN_A, "بوتين"), roles=("الرئيس",))
    moscow = entity("LOC", (PUTIN_A, "موسكو"))
    quotes = (said(PUTIN_A, "المحادثات كانت مفيدة جدا", "بوتين", putin.id), said(PUTIN_A, "ثم غادر", None, None, "g2"))
    store.save([PUTIN_A], [with_people(Story("s1", None, ("pa",)), [PUTIN_A], (putin, moscow), quotes)],
               people_of={"s1"})
    assert store.story_people("s1") == ((putin, moscow), quotes)
    stored = store.quotes(story_id="s1")
    assert all(isinstance(q, StoredQuote) for q in stored)
    assert [q.quote for q in stored] == list(quotes)
    assert [PUTIN_A.text(q.quote.quote.span) for q in stored] == ["المحادثات كانت مفيدة جدا", "ثم غادر"]
    for text, start, end, verb, v_start, v_end, speaker, s_start, s_end in store._conn.execute(
        'SELECT text, start, "end", verb, verb_start, verb_end, speaker_name, speaker_start, speaker_end FROM quotes'
    ):
        assert PUTIN_A.body[start:end] == text and PUTIN_A.body[v_start:v_end] == verb == "قال"
        assert speaker is None or PUTIN_A.body[s_start:s_end] == speaker
    assert stored[0].entity == store.entity_ids("s1")[putin.id] and stored[1].entity is None
    assert [q.quote.id for q in store.quotes(speaker=stored[0].entity)] == [quotes[0].id]
    assert store.people_counts(["s1", "missing"]) == {"s1": (2, 2)}
    assert store.people_totals() == {"entities": 2, "quotes": 2}


def test_stored_story_holds_its_people_and_its_docs_their_quotes(store: Store) -> None:
    """store.story gives a StoryDoc with the saved entities and quotes; each member Doc holds its own quotes."""
    putin = entity("PER", (PUTIN_A, "بوتين"), (PUTIN_B, "فلاديمير بوتن"))
    quote = said(PUTIN_A, "المحادثات كانت مفيدة جدا", "بوتين", putin.id)
    story = Story("s1", "زيارة", ("pb", "pa"))
    store.save([PUTIN_A, PUTIN_B], [with_people(story, [PUTIN_B, PUTIN_A], (putin,), (quote,))], people_of={"s1"})
    found = store.story("s1")
    assert isinstance(found, StoryDoc) and found.story == story
    assert (found.entities, found.quotes) == ((putin,), (quote,))
    assert [(d.id, d.quotes) for d in found.docs] == [("pb", ()), ("pa", (quote.quote,))]
    assert [found.text(m) for m in putin.mentions] == ["بوتين", "فلاديمير بوتن"]
    assert [s.entities for s in store.stories()] == [None]  # listings do not load people
    light = store.story("s1", with_people=False)
    assert light is not None and light.story == story and light.entities is None
    assert [d.quotes for d in light.docs] == [None, None]


def test_story_without_computed_people_is_none_not_empty(store: Store) -> None:
    """A story saved without people reads as None; one saved with no entities reads as empty."""
    store.save([PUTIN_A, PUTIN_B], [story_doc(Story("s1", None, ("pa",)), [PUTIN_A]),
                                    with_people(Story("s2", None, ("pb",)), [PUTIN_B], (), ())], people_of={"s2"})
    assert store.story_people("s1") is None
    assert store.story_people("s2") == ((), ())
    assert store.people_counts(["s1", "s2"]) == {"s2": (0, 0)}


@pytest.mark.parametrize(
    ("query", "type", "expected"),
    [
        ("اسطنبول", None, {"إسطنبول"}),  # the query without hamza finds the hamza spelling
        ("إسطنبول", "LOC", {"إسطنبول"}),
        ("إسطنبول", "PER", set()),
        ("بوتين", None, {"فلاديمير بوتن"}),  # a spelling of the merged entity
        ("فلاديمير", "PER", {"فلاديمير بوتن"}),
        ("100%", None, set()),  # LIKE wildcards in the query are literal
        (None, "LOC", {"إسطنبول"}),
    ],
)
def test_entity_name_query_is_spelling_folded(store: Store, query: str | None, type: str | None,
                                              expected: set[str]) -> None:
    """Name queries match any stored spelling after arabic.normalize; type filters apply."""
    person_store(store, (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (PUTIN_B, (entity("PER", (PUTIN_B, "فلاديمير بوتن")), entity("LOC", (PUTIN_B, "إسطنبول")))))
    assert {e.name for e in store.entities(type=type, name=query)} == expected


def test_people_with_unknown_article_roll_back_the_whole_save(store: Store) -> None:
    """A mention in an article that is not stored violates a foreign key: no article, story or entity is written."""
    ghost = make("ghost", PUTIN_B.body)
    found = (entity("PER", (ghost, "فلاديمير بوتن")),)
    # The StoryDoc holds the ghost's Doc (so the mention's text can be read) but the store has no such article.
    story = with_people(Story("s1", None, ("pa",)), [PUTIN_A, ghost], found)
    with pytest.raises(sqlite3.IntegrityError):
        store.save([PUTIN_A], [story], people_of={"s1"})
    assert store.counts() == {"articles": 0, "stories": 0} and store.entities() == []
    assert store.people_totals() == {"entities": 0, "quotes": 0}


def test_resaving_keeps_a_match_that_later_stories_made_ambiguous(store: Store) -> None:
    """"بوتين" joined the one stored Putin; a later "ناتاليا بوتين" makes it ambiguous, yet re-saving keeps it."""
    vladimir = make("v1", "أعلن فلاديمير بوتين عن خطة جديدة.")
    natalia = make("n1", "فازت ناتاليا بوتين بالسباق.")
    person_store(store, (vladimir, (entity("PER", (vladimir, "فلاديمير بوتين")),)),
                 (PUTIN_A, (entity("PER", (PUTIN_A, "بوتين")),)),
                 (natalia, (entity("PER", (natalia, "ناتاليا بوتين")),)))
    assert store_ids(store, PUTIN_A) == store_ids(store, vladimir) != store_ids(store, natalia)
    before = store.entities()
    again = with_people(Story("s-pa", None, ("pa",)), [PUTIN_A], (entity("PER", (PUTIN_A, "بوتين")),))
    store.save([], [again], people_of={"s-pa"})
    assert store_ids(store, PUTIN_A) == store_ids(store, vladimir)
    assert store.entities() == before


def test_a_clause_found_twice_is_stored_twice(store: Store) -> None:
    """Quote ids hash the span, so one story may hold two quotes with one id: both are kept, in order."""
    first = said(PUTIN_A, "المحادثات كانت مفيدة جدا", "بوتين", None)
    twice = (first, AttributedQuote(first.id, first.quote, None, "g2"))
    store.save([PUTIN_A], [with_people(Story("s1", None, ("pa",)), [PUTIN_A], (), twice)], people_of={"s1"})
    assert store.story_people("s1") == ((), twice)
