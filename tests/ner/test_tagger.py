"""Tests for marsad.ner.tagger: tagging sentences, mention spans without proclitics, name propagation."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import arabic
from marsad.doc import Doc
from marsad.ner import tagger as ner
from marsad.types import Article, Span


def _article(body: str, aid: str = "t") -> Article:
    """Build an article with sentence spans from an invented body."""
    sentences = tuple(Span(aid, s, e, "sentence") for s, e in arabic.split_sentences(body))
    return Article(aid, "test", body, sentences=sentences)


@pytest.mark.parametrize(
    ("body", "text", "kind"),
    [
        ("وقال الرئيس الفرنسي إيمانويل ماكرون إن الاتفاق مهم.", "إيمانويل ماكرون", "PER"),
        ("وصل الوفد إلى بغداد والقاهرة قبل أن يغادر.", "القاهرة", "LOC"),
        ("وصل الوفد إلى بغداد والقاهرة قبل أن يغادر.", "بغداد", "LOC"),
        ("وأكد المسؤول أن لبنان يرحب بالمبادرة.", "لبنان", "LOC"),
        ("واستقبل الرئيس المصري الضيف وإيمانويل ماكرون في القاهرة.", "إيمانويل ماكرون", "PER"),
        ("وصل الوفد إلى لبنان وبغداد أمس.", "بغداد", "LOC"),
        ("والتقى الوزير بالرئيس فلاديمير بوتين في موسكو.", "فلاديمير بوتين", "PER"),
        ("وقدم الوفد طلبا للأمم المتحدة في جنيف.", "لأمم المتحدة", "ORG"),  # لل: the article's ل stays
    ],
)
def test_mentions_found_without_proclitics(body: str, text: str, kind: str) -> None:
    """People after titles, places and organisations with و/ب/ل/لل clitics come out without them."""
    doc = Doc(_article(body))
    found = {(doc.text(m), m.label) for m in ner.mentions(doc)}
    assert (text, kind) in found


@pytest.mark.parametrize(
    "body",
    ["وقال الرئيس الفرنسي إيمانويل ماكرون إن الاتفاق مهم.\nوصل الوفد إلى لبنان وبغداد أمس.", "لا أسماء هنا."],
)
def test_mentions_spans_reproduce_body_and_are_deterministic(body: str) -> None:
    """Every span points into its article's body, starts on no proclitic; a second run gives the same."""
    article = _article(body)
    doc = Doc(article)
    first = ner.mentions(doc)
    assert first == ner.mentions(doc)
    for m in first:
        assert m.article == article.id and 0 <= m.start < m.end <= len(body)
        assert body[m.start : m.end] == article.text(m) == doc.text(m)
        assert not doc.text(m).startswith("و")


def test_tag_returns_one_tag_per_token() -> None:
    """tag() gives one BIO tag per token and nothing for an empty sentence."""
    tokens = ["زار", "الرئيس", "سامر", "الخطيب", "عمان", "."]
    tags = ner.tag(tokens)
    assert len(tags) == len(tokens) and all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
    assert ner.tag([]) == []


def test_mentions_on_seed_articles(seeds_dir: Path) -> None:
    """Real news articles yield people and places, every span valid and inside its body."""
    paths = sorted(seeds_dir.glob("*.txt"))
    docs = [Doc(_article(p.read_text(encoding="utf-8"), str(i))) for i, p in enumerate(paths)]
    ner.tag_docs(docs)
    kinds = {m.label for d in docs for m in d.mentions or ()}
    assert {"PER", "LOC"} <= kinds
    for doc in docs:
        assert doc.mentions is not None
        body = doc.body
        assert all(m.article == doc.id and 0 <= m.start < m.end <= len(body)
                   and body[m.start : m.end] == doc.text(m) for m in doc.mentions)


def test_tag_docs_matches_mentions_per_article() -> None:
    """tag_docs gives each Doc its own article's mentions."""
    bodies = ["وصل الوفد إلى بغداد.", "والتقى الوزير بالرئيس فلاديمير بوتين في موسكو."]
    articles = [_article(body, str(i)) for i, body in enumerate(bodies)]
    docs = [Doc(a) for a in articles]
    ner.tag_docs(docs)
    assert {d.id: d.mentions for d in docs} == {a.id: tuple(ner.mentions(Doc(a))) for a in articles}


@pytest.mark.parametrize(
    ("sentences", "tags", "expected"),
    [
        # A name tagged once is tagged where it stands untagged, with a proclitic too.
        ([["وصل", "سامي", "الحداد", "."], ["وقال", "الحداد", "إن", "وعمّان", "هادئة"]],
         [["O", "B-PER", "I-PER", "O"], ["O", "O", "O", "O", "O"]],
         [["O", "B-PER", "I-PER", "O"], ["O", "B-PER", "O", "O", "O"]]),
        ([["في", "عمّان", "."], ["وغادر", "إلى", "وعمّان"]],
         [["O", "B-LOC", "O"], ["O", "O", "O"]],
         [["O", "B-LOC", "O"], ["O", "O", "B-LOC"]]),
        # A family name shared by two people of the document, or a name with two types, stays untagged.
        ([["سامي", "الحداد", "و", "نبيل", "الحداد"], ["وقال", "الحداد"]],
         [["B-PER", "I-PER", "O", "B-PER", "I-PER"], ["O", "O"]],
         [["B-PER", "I-PER", "O", "B-PER", "I-PER"], ["O", "O"]]),
        ([["الأردن", "و", "الأردن"], ["زار", "الأردن"]],
         [["B-LOC", "O", "B-ORG"], ["O", "O"]],
         [["B-LOC", "O", "B-ORG"], ["O", "O"]]),
        # MISC is not propagated; tagged tokens are never retagged.
        ([["النخب", "الغربية"], ["عن", "النخب", "الغربية"]],
         [["B-MISC", "I-MISC"], ["O", "O", "O"]],
         [["B-MISC", "I-MISC"], ["O", "O", "O"]]),
    ],
    ids=["surname", "proclitic", "shared-surname", "two-types", "misc"],
)
def test_propagate_tags_a_documents_names_where_they_were_missed(
    sentences: list[list[str]], tags: list[list[str]], expected: list[list[str]]
) -> None:
    assert ner.propagate(sentences, tags) == expected


def test_a_proclitic_before_a_name_the_article_writes_bare_is_cut() -> None:
    """"لزوبتا" is ل + a name when the article also writes "زوبتا" alone; not otherwise (لندرا stays whole)."""
    lexicon = ner.load_tagger()[1].lexicon
    written = {arabic.normalize(w) for w in ["أطلقت", "زوبتا", "تطبيقا", "جديدا", "تابعا", "لزوبتا"]}
    assert ner._proclitic("لزوبتا", lexicon, "ORG", written) == 1
    assert ner._proclitic("لندرا", lexicon, "ORG", written) == 0


def test_a_proclitic_before_a_head_noun_is_cut_and_a_head_that_begins_like_one_is_kept() -> None:
    """"بشرطة" and "لأمانة" are ب/ل + a head; "بلدية" and "لجنة" are heads as written."""
    lexicon = ner.load_tagger()[1].lexicon
    assert ner._proclitic("بشرطة", lexicon, "ORG", set()) == 1
    assert ner._proclitic("لأمانة", lexicon, "ORG", set()) == 1
    assert ner._proclitic("بحي", lexicon, "LOC", set()) == 1
    assert ner._proclitic("بلدية", lexicon, "ORG", set()) == 0
    assert ner._proclitic("لجنة", lexicon, "ORG", set()) == 0
