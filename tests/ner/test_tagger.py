"""Tests for marsad.ner and marsad.ner_features: tagging, mention spans without proclitics, the corpus split."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pycrfsuite
import pytest
from eval.ner import aqmar_tag

from marsad import arabic
from marsad.ner import scores as ner_scores
from marsad.ner import tagger as ner
from marsad.ner.clusters import build_clusters
from marsad.ner.features import build_lexicon, common_words, default_lexicon, features, key, proclitic_length
from marsad.types import Article

LEXICON = build_lexicon(
    [("LOC", "بغداد"), ("LOC", "لبنان"), ("LOC", "فرنسا"), ("LOC", "القاهرة"), ("LOC", "نيو دلهي"), ("PER", "فيصل")],
    [("ORG", "جهاز"), ("PER", "وزير الخارجية"), ("PER", "الرئيس")],
)


def _article(body: str) -> Article:
    """Build an article with sentence spans from an invented body."""
    return Article("t", "test", body, sentences=tuple(arabic.split_sentences(body)))


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("وبوتين", "بوتين"),  # و is a conjunction; ب belongs to the name
        ("ببغداد", "بغداد"),
        ("لجهاز", "جهاز"),
        ("والقاهرة", "القاهرة"),  # the article stays
        ("بالقاهرة", "القاهرة"),
        ("للأمن", "أمن"),  # the ال merged into لل goes with the preposition
        ("للبنان", "لبنان"),  # a known name keeps its own ل
        ("لبنان", "لبنان"),
        ("فرنسا", "فرنسا"),  # ف of a known name is no conjunction
        ("وفيصل", "فيصل"),
        ("فرانكو", "فرانكو"),  # ف before a bare name is kept, known or not
        ("فالحكومة", "الحكومة"),
        ("بوتين", "بوتين"),
    ],
)
def test_proclitic_length_strips_only_attached_particles(token: str, expected: str) -> None:
    """The proclitics و ف ب ل ك (and ال of لل) are cut; letters of the name are kept."""
    assert token[proclitic_length(token, LEXICON):] == expected


@pytest.mark.parametrize(("word", "expected"), [("والرئيس", "رئيس"), ("بالعراق", "عراق"), ("للجيش", "جيش"), ("والعراق", "عراق")])
def test_key_drops_conjunction_preposition_and_article(word: str, expected: str) -> None:
    """Lookup keys make والرئيس, الرئيس and رئيس the same entry."""
    assert key(word) == expected


@pytest.mark.parametrize(
    ("tokens", "index", "feature"),
    [
        (["زار", "وزير", "الخارجية", "سامر", "الخطيب"], 3, "tp=PER"),  # two-word trigger just before
        (["زار", "الرئيس", "سامر", "الخطيب"], 3, "tp2=PER"),  # trigger two tokens before
        (["وصل", "إلى", "نيو", "دلهي"], 2, "gB2=LOC"),  # multi-word gazetteer name
        (["وصل", "إلى", "نيو", "دلهي"], 3, "gI2=LOC"),
        (["وصل", "إلى", "وبغداد"], 2, "gk=LOC"),  # gazetteer through the clitic-stripped key
    ],
)
def test_features_mark_triggers_and_gazetteer_windows(tokens: list[str], index: int, feature: str) -> None:
    """Trigger phrases before a token and gazetteer phrases over it become features."""
    assert feature in features(tokens, LEXICON)[index]


def test_split_cuts_at_a_sentence_end() -> None:
    """The training part ends with a "." token and the test part starts after it."""
    pairs = [("أ", "O"), ("ب", "O"), (".", "O"), ("ج", "B-LOC"), ("د", "O"), ("ه", "O"), (".", "O"), ("و", "O")]
    train, test = ner.split_corpus(pairs, share=0.5)
    assert train[-1][0] == "." and train + test == pairs and len(train) == 7


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("B-PERS", "B-PER"), ("I-LOC", "I-LOC"), ("Oالإصابة", "O"), ("O", "O"), ("B-MISC", "B-MISC")],
)
def test_map_tag(tag: str, expected: str) -> None:
    """ANERcorp's PERS becomes PER; malformed tags become O."""
    assert ner.map_tag(tag) == expected


@pytest.mark.parametrize(("tag", "expected"), [("I--ORG", "I-ORG"), ("B-MIS1`", "O"), ("OO", "O"), ("B-PER", "B-PER")])
def testaqmar_tags_are_cleaned(tag: str, expected: str) -> None:
    """AQMAR's malformed tags are tolerated and its MIS* classes dropped."""
    assert aqmar_tag(tag) == expected


def test_score_matches_exact_span_and_type() -> None:
    """A chunk counts only with the same span and type."""
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    result = ner.score(gold, pred)
    assert result["LOC"]["f1"] == 1.0 and result["PER"]["f1"] == 0.0 and result["overall"]["precision"] == 0.5


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
        ("وقدم الوفد طلبا للأمم المتحدة في جنيف.", "أمم المتحدة", "ORG"),
    ],
)
def test_mentions_found_without_proclitics(body: str, text: str, kind: str) -> None:
    """People after titles, places and organisations with و/ب/ل/لل clitics come out without them."""
    found = {(m.text, m.type) for m in ner.mentions(_article(body))}
    assert (text, kind) in found


@pytest.mark.parametrize(
    "body",
    ["وقال الرئيس الفرنسي إيمانويل ماكرون إن الاتفاق مهم.\nوصل الوفد إلى لبنان وبغداد أمس.", "لا أسماء هنا."],
)
def test_mentions_spans_reproduce_body_and_are_deterministic(body: str) -> None:
    """Every span reproduces the body text, starts on no proclitic, and a second run gives the same result."""
    article = _article(body)
    first = ner.mentions(article)
    assert first == ner.mentions(article)
    for m in first:
        assert body[m.start : m.end] == m.text
        assert not m.text.startswith("و")


def test_tag_returns_one_tag_per_token() -> None:
    """tag() gives one BIO tag per token and nothing for an empty sentence."""
    tokens = ["زار", "الرئيس", "سامر", "الخطيب", "عمان", "."]
    tags = ner.tag(tokens)
    assert len(tags) == len(tokens) and all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
    assert ner.tag([]) == []


def test_mentions_on_seed_articles(seeds_dir: Path) -> None:
    """Real news articles yield people and places, every span valid and inside its body."""
    articles = [_article(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    found = ner.mentions_all([Article(str(i), a.origin, a.body, sentences=a.sentences) for i, a in enumerate(articles)])
    kinds = {m.type for ms in found.values() for m in ms}
    assert {"PER", "LOC"} <= kinds
    for art_id, ms in found.items():
        body = articles[int(art_id)].body
        assert all(0 <= m.start < m.end <= len(body) and body[m.start : m.end] == m.text for m in ms)


@pytest.mark.parametrize(
    ("pairs", "word", "expected"),
    [
        ([("قال", "O")] * 3, "قال", True),  # frequent outside names
        ([("وقال", "O"), ("قال", "O"), ("القال", "O")], "قال", True),  # counted by key, clitics dropped
        ([("قال", "O")] * 2, "قال", False),  # too rare to call common
        ([("سامر", "O")] * 3 + [("سامر", "B-PER")], "سامر", False),  # often a name
    ],
)
def test_common_words_are_frequent_outside_names(pairs: list[tuple[str, str]], word: str, expected: bool) -> None:
    """Only keys seen often, and almost only outside names, become common words."""
    assert (word in common_words(pairs)) is expected


@pytest.mark.parametrize(
    ("index", "feature", "present"),
    [
        (1, "c=7", True),  # the token's own cluster
        (0, "c1=7", True),  # the next token's cluster seen from the left
        (2, "c-1=7", True),
        (1, "rare", False),  # a common word is no name candidate
        (0, "rare", True),
        (1, "b-=زار|سامر", True),  # bigrams with both neighbours
        (1, "b+=سامر|الخطيب", True),
    ],
)
def test_features_carry_clusters_rarity_and_bigrams(index: int, feature: str, present: bool) -> None:
    """Cluster ids, the rare-word flag and neighbour bigrams reach the right tokens."""
    lexicon = build_lexicon([], [], common=["سامر"], clusters={"سامر": "7"})
    assert (feature in features(["زار", "سامر", "الخطيب"], lexicon)[index]) is present


def test_clusters_group_words_seen_between_the_same_neighbours() -> None:
    """Words used in the same contexts share a cluster; words used elsewhere do not."""
    texts = []
    for city in ("بغداد", "القاهرة", "دمشق"):
        texts += [["وصل", "الوفد", "إلى", city, "أمس"]] * 6
    for verb in ("قال", "أكد", "أوضح"):
        texts += [["ثم", verb, "المتحدث", "باسم", "الوزارة"]] * 6
    clusters = build_clusters(texts, clusters=2, dimensions=2)
    assert clusters["بغداد"] == clusters["قاهره"] == clusters["دمشق"]
    assert clusters["قال"] == clusters["اكد"] != clusters["بغداد"]


def _pycrfsuite_tags(sentences: list[list[str]]) -> list[list[str]]:
    """Tag sentences with pycrfsuite itself, on the shipped model and every feature string."""
    tagger = pycrfsuite.Tagger()
    with resources.as_file(resources.files("marsad").joinpath("data", ner.MODEL_FILE)) as path:
        tagger.open(str(path))
    return [list(tagger.tag(features(s, default_lexicon()))) for s in sentences]


def test_numpy_tagging_gives_the_models_own_tags() -> None:
    """tag_many (cached word sums, vectorized Viterbi, known features only) equals pycrfsuite's tagger."""
    sentences = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
                 ["وصل", "وزير", "الخارجية", "سامي", "الحداد", "إلى", "عمّان", "|", "أمس"],
                 ["."], ["المتحدث", "باسم", "وزارة", "الخارجية", "الروسية"]]
    assert ner.tag_many(sentences) == _pycrfsuite_tags(sentences)


def test_numpy_tagging_matches_pycrfsuite_on_real_articles(seeds_dir: Path) -> None:
    """On every sentence of the seed articles, the numpy tagger's tags are pycrfsuite's."""
    sentences = []
    for path in sorted(seeds_dir.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        sentences += [[body[t.start : t.end] for t in ner.tokenize(body[s.start : s.end], s.start)]
                      for s in arabic.split_sentences(body)]
    sentences = [s for s in sentences if s]
    assert len(sentences) > 100
    assert ner.tag_many(sentences) == _pycrfsuite_tags(sentences)


def test_mentions_all_matches_mentions_per_article() -> None:
    """mentions_all gives each article's own mentions under its id."""
    articles = [Article(str(i), "test", body, sentences=tuple(arabic.split_sentences(body)))
                for i, body in enumerate(["وصل الوفد إلى بغداد.", "والتقى الوزير بالرئيس فلاديمير بوتين في موسكو."])]
    assert ner.mentions_all(articles) == {a.id: ner.mentions(a) for a in articles}


@pytest.mark.parametrize(
    ("token", "kind", "expected"),
    [("فالنتينا", "PER", "فالنتينا"), ("فالح", "PER", "فالح"), ("فالعراق", "LOC", "العراق"), ("والخطيب", "PER", "الخطيب")],
)
def test_a_persons_name_beginning_with_fal_keeps_its_first_letter(token: str, kind: str, expected: str) -> None:
    """ف before ال is a conjunction for places and organisations, but part of names like فالنتينا."""
    assert token[proclitic_length(token, LEXICON, kind):] == expected


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


def test_a_full_word_table_is_refilled_without_changing_the_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the per-word table reaches its bound it starts afresh, and the tags stay the model's."""
    sentences = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
                 ["وصل", "وزير", "الخارجية", "سامي", "الحداد", "إلى", "عمّان", "أمس"]]
    expected = _pycrfsuite_tags(sentences)
    crf, scorer = ner._get_tagger()
    fresh = ner_scores.Scorer(crf, scorer.lexicon)
    monkeypatch.setattr(ner_scores, "MAX_WORDS", 10)
    for sentence, tags in zip(sentences, expected, strict=True):
        assert crf.viterbi(fresh.scores([sentence])) == [tags]
    assert crf.viterbi(fresh.scores(sentences)) == expected
