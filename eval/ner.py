"""Named-entity recognition quality (exact span and type, CoNLL-style) and tagging throughput.

ANERcorp's test part (the tokens after the training part, marsad.ner.corpus.split_corpus) is the in-domain
test; AQMAR (Wikipedia, PER/LOC/ORG only, never used for training or tuning) the cross-domain one.
Throughput: the pipeline's mention stage (marsad.ner.tagger.tag_docs, one forked worker per CPU) on
SaudiNewsNet articles.
Run: python -m eval.ner --shared ../shared
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from eval import cli
from marsad import pipeline
from marsad.doc import Doc, StoryDoc
from marsad.ner import corpus
from marsad.ner import tagger as ner
from marsad.ner.clusters import saudinewsnet_texts
from marsad.ner.features import ANERCORP_CONVENTIONS, NEWS_CONVENTIONS
from marsad.parallel import available_cpus
from marsad.types import Article, Story

AQMAR = Path("data/aqmar/articles")
AQMAR_TYPES = ("PER", "LOC", "ORG")
# Sentences per pseudo-document for name propagation in ANERcorp, which marks no article ends: its
# 4,872 sentences come from 316 articles (Benajiba et al. 2007), ~15 each. AQMAR's files are articles.
DOCUMENT_SENTENCES = 15
# Articles tagged for the throughput figure: enough for a stable rate (±3% between runs here).
THROUGHPUT_ARTICLES = 1000


def aqmar_tag(tag: str) -> str:
    """Map one AQMAR tag to marsad's: PER/LOC/ORG kept, MIS* and malformed tags ("I--ORG", "OO") cleaned."""
    tag = tag.strip().strip("`'")
    prefix, _, kind = tag.partition("-")
    kind = kind.strip("-")
    if prefix in ("B", "I") and kind in AQMAR_TYPES:
        return f"{prefix}-{kind}"
    return "O"


Sentence = list[tuple[str, str]]


def read_aqmar(folder: Path) -> list[list[Sentence]]:
    """Read AQMAR's articles, each a list of sentences of (token, tag); blank lines separate sentences."""
    docs: list[list[Sentence]] = []
    for path in sorted(folder.glob("*.txt")):
        sents: list[Sentence] = []
        current: Sentence = []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            parts = line.split()
            if not parts:
                if current:
                    sents.append(current)
                current = []
            elif len(parts) >= 2:
                current.append((parts[0], aqmar_tag(parts[-1])))
        docs.append(sents)
    return docs


def evaluate(docs: list[list[Sentence]], ignore: frozenset[str] = frozenset(),
             conventions: str = NEWS_CONVENTIONS) -> dict[str, dict[str, float]]:
    """Tag documents with the shipped model (names propagated within each document) and score them.

    The scores are under the corpus's own conventions: the tagger and propagation, without the news
    layers (head phrases, mined lists) whose conventions these corpora do not share (a ministry, or a
    region's designator, is O here and a name in the news set); those layers map back to the tagger's
    tags. `sentence_only` is the score before propagation, `news_layers` with the layers applied.
    """
    gold, tagged, pred, news = [], [], [], []
    for doc in docs:
        words = [[t for t, _ in s] for s in doc]
        tags = ner.tag_many(words, conventions)
        gold += [[g for _, g in s] for s in doc]
        tagged += tags
        pred += ner.propagate(words, tags)
        news += ner.tag_document(words, tags)
    return {**corpus.score(gold, pred, ignore), "sentence_only": corpus.score(gold, tagged, ignore)["overall"],
            "news_layers": corpus.score(gold, news, ignore)["overall"]}


def anercorp_documents(sents: list[Sentence]) -> list[list[Sentence]]:
    """Cut ANERcorp's sentence stream (it marks no article ends) into documents of DOCUMENT_SENTENCES."""
    return [sents[i : i + DOCUMENT_SENTENCES] for i in range(0, len(sents), DOCUMENT_SENTENCES)]


def saudinewsnet_articles(shared: Path, limit: int) -> list[Article]:
    """Return the first `limit` SaudiNewsNet articles (by file and position) as Articles."""
    return [Article(name, "saudinewsnet", body) for name, body in saudinewsnet_texts(shared, limit)]


def throughput(shared: Path, limit: int = THROUGHPUT_ARTICLES) -> dict[str, float]:
    """Return articles/s and mentions per article of the mention stage (forked workers) on SaudiNewsNet."""
    articles = saudinewsnet_articles(shared, limit)
    stories = [StoryDoc(Story(a.id, a.title, (a.id,)), (Doc(a),)) for a in articles]
    ner.tag(["تمهيد"])  # load the model outside the timing
    start = time.perf_counter()
    pipeline.annotate(stories, stages=[pipeline.find_mentions], workers=available_cpus())
    found = sum(len(d.mentions or ()) for s in stories for d in s.docs)
    seconds = time.perf_counter() - start
    return {"articles": len(articles), "seconds": round(seconds, 2),
            "articles_per_s": round(len(articles) / seconds, 1),
            "mentions_per_article": round(found / len(articles), 1)}


def run(shared: Path) -> dict[str, Any]:
    """Return precision/recall/F1 per type and overall on ANERcorp's test part and on AQMAR, and throughput."""
    _, test = corpus.split_corpus(corpus.read_anercorp(shared / corpus.ANERCORP))
    return {
        "anercorp_test": evaluate(anercorp_documents(corpus.sentences(test)), conventions=ANERCORP_CONVENTIONS),
        "anercorp_test_news_conventions": evaluate(anercorp_documents(corpus.sentences(test)))["overall"],
        "aqmar": evaluate(read_aqmar(shared / AQMAR), ignore=frozenset({"MISC"})),
        "throughput_saudinewsnet": throughput(shared),
    }


if __name__ == "__main__":
    raise SystemExit(cli(run, "python -m eval.ner"))
