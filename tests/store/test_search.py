"""Tests for marsad.store.search: Arabic full-text search over stored articles, ranking, and marked snippets."""

from __future__ import annotations

import pytest

from marsad import arabic
from marsad.store import Store
from marsad.store.search import SearchHit, fts_query, search, snippet
from marsad.types import Span, Story
from tests.store.helpers import BODY_A, BODY_B, BODY_C, make, story_doc


@pytest.fixture
def search_store(store: Store) -> Store:
    """Three invented articles with one story."""
    a = make("a", BODY_A, title="زيارة رسمية")
    store.save([a, make("b", BODY_B), make("c", BODY_C)], [story_doc(Story("s1", "زيارة", ("a",)), [a])])
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("اسطنبول", ["a"]),  # hamza on alef
        ("مستشفي", ["a"]),  # alef maqsura written as ya
        ("الحكومه", ["a"]),  # ta marbuta written as ha
        ("المَدِينَةِ", ["a", "c"]),  # diacritics
        ("الوفـــد", ["a"]),  # tatweel
        ("محادثات", ["a"]),  # stem: finds المحادثات
        ("أمطار الطرق", ["c"]),  # several words: AND
        ("أمطار إسطنبول", []),
        ("ترمب", []),
        ("مدرسة", ["b"]),
    ],
)
def test_search_matches_spelling_variants(search_store: Store, query: str, expected: list[str]) -> None:
    """Normalized query words find their spelling variants; all words must match."""
    assert sorted(h.article_id for h in search_store.search(query)) == expected


def test_store_search_is_the_search_module_on_its_connection(search_store: Store) -> None:
    """Store.search gives what marsad.store.search.search gives on the store's connection."""
    assert search_store.search("المدينة") == search(search_store._conn, "المدينة")
    assert all(isinstance(h, SearchHit) for h in search_store.search("المدينة"))


@pytest.mark.parametrize(
    "query",
    [
        '"', "-", "'", "(", ")", "*", ":", "^", "AND", "OR NOT", "NEAR(", 'إسطنبول" OR "', "-الرئيس", "{title}:x",
        "", "   ",
    ],
)
def test_search_survives_fts_syntax_in_user_input(search_store: Store, query: str) -> None:
    """Quotes, operators and punctuation never raise; punctuation-only queries give nothing."""
    hits = search_store.search(query)
    assert isinstance(hits, list)
    if not arabic.tokens(query):
        assert hits == []


def test_fts_query_quotes_each_word_and_its_stem() -> None:
    """Each normalized word becomes a quoted title/words term or a quoted stem term; all are ANDed."""
    words = arabic.tokens("المحادثات في إسطنبول")
    assert fts_query(words) == " AND ".join(
        f'({{title words}} : "{w}" OR stems : "{arabic.stem(w)}")' for w in words
    )


def test_search_hit_fields_and_marked_snippet(search_store: Store) -> None:
    """A hit carries the article's metadata and story; its snippet is original text with the match marked."""
    [hit] = search_store.search("اسطنبول")
    assert (hit.article_id, hit.story_id, hit.title) == ("a", "s1", "زيارة رسمية")
    assert "[إسطنبول]" in hit.snippet
    assert hit.match is not None and hit.match.label == "match" and hit.match.article == "a"
    assert BODY_A[hit.match.start : hit.match.end] == "إسطنبول"
    assert hit.snippet.replace("[", "").replace("]", "").strip("…") in " ".join(BODY_A.split())
    [other] = search_store.search("مدرسة")
    assert other.story_id is None
    [title_only] = search_store.search("رسمية")
    assert title_only.match is None and "[" not in title_only.snippet


@pytest.mark.parametrize("limit", [0, 1, 2, 5])
def test_search_respects_limit(store: Store, limit: int) -> None:
    """At most `limit` hits come back, best first."""
    store.save([make(str(i), f"{BODY_C} رقم {i}") for i in range(4)], [])
    hits = store.search("أمطار", limit=limit)
    assert len(hits) == min(limit, 4)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_exact_word_outranks_stem_only_match(store: Store) -> None:
    """An article with the exact query word ranks above one matching only by stem."""
    store.save([make("stem", "جرت محادثات طويلة بين الطرفين."), make("exact", "انتهت المحادثات بين الطرفين.")], [])
    hits = store.search("المحادثات")
    assert [h.article_id for h in hits] == ["exact", "stem"]
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize(
    ("body", "words", "expected"),
    [
        ("قال الوزير إنَّ المفاوضاتِ مستمرة.", {"المفاوضات"}, "قال الوزير إنَّ [المفاوضاتِ] مستمرة."),
        ("لا شيء هنا.", {"غائب"}, "لا شيء هنا."),
        ("المطر. المطر ثانية.", {"المطر"}, "[المطر]. [المطر] ثانية."),
    ],
)
def test_snippet_marks_original_words(body: str, words: set[str], expected: str) -> None:
    """Matched words are marked in the original spelling (diacritics kept); no match gives the text start."""
    norm = {arabic.normalize(w) for w in words}
    text, match = snippet(body, norm, {arabic.stem(w) for w in norm})
    assert text == expected
    if match is None:
        assert "[" not in expected
    else:
        start, end = match
        assert f"[{body[start:end]}]" == expected[expected.index("[") : expected.index("]") + 1]


def test_snippet_window_never_drops_a_match_next_to_a_long_run() -> None:
    """A match glued to a long unbroken run (a URL) is still inside the snippet."""
    body = "رابط " + "x" * 300 + "/هدف نهاية"
    text, match = snippet(body, {"هدف"}, {arabic.stem("هدف")})
    assert match is not None and body[match[0] : match[1]] == "هدف" and "[هدف]" in text


def test_snippet_window_is_cut_with_ellipses() -> None:
    """A match deep in a long body gives a bounded window with '…' on cut ends."""
    body = " ".join(["كلمة"] * 100) + " هدف " + " ".join(["نص"] * 100)
    result, match = snippet(body, {"هدف"}, {arabic.stem("هدف")})
    assert match is not None and body[match[0] : match[1]] == "هدف"
    assert result.startswith("…") and result.endswith("…") and "[هدف]" in result
    assert len(result) < 260


def test_search_hit_match_is_the_snippet_match_as_a_span(search_store: Store) -> None:
    """The hit's match is the first marked word of its snippet, as a span of the article labelled "match"."""
    [hit] = search_store.search("الوفد")
    words = {arabic.normalize("الوفد")}
    _, match = snippet(BODY_A, words, {arabic.stem(w) for w in words})
    assert match is not None and hit.match == Span("a", *match, "match")


def test_the_snippet_starts_at_the_first_token_that_matches() -> None:
    """A query word inside a longer word is no match; an Arabic run glued to Latin letters is a token of its own."""
    body = "في المدرسة الكبيرة abcدرس ثم درس الطالب"
    _, match = snippet(body, {"درس"}, {arabic.stem("درس")})
    assert match == (body.index("abc") + 3, body.index("abc") + 6)
