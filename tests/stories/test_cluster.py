"""Tests for marsad.stories.cluster: batch and incremental story clustering over invented articles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.stories import cluster as cluster_module
from marsad.stories.cluster import cluster, new_story_id, similarity
from marsad.types import Article, Story

# One invented event (a dam opening in an invented town), told by three outlets.
DAM = [
    ("dam-a", "افتتاح سد وادي الزيتون الجديد في بلدة كفر نعمان",
     ("افتتح وزير الري سد وادي الزيتون في بلدة كفر نعمان بسعة تخزين تبلغ أربعين مليون متر مكعب، "
     "ويخدم السد المزارعين في سهل الزيتون ويوفر مياه الشرب لبلدة كفر نعمان.")),
    ("dam-b", "وزير الري يفتتح سد وادي الزيتون",
     ("شهدت بلدة كفر نعمان افتتاح سد وادي الزيتون بحضور وزير الري، وتبلغ سعة السد أربعين مليون متر "
     "مكعب من المياه لري سهل الزيتون.")),
    ("dam-c", "سد وادي الزيتون يدخل الخدمة في كفر نعمان",
     ("دخل سد وادي الزيتون الخدمة رسميا في كفر نعمان، وقال وزير الري إن السعة أربعون مليون متر مكعب "
     "وإن السد سيروي سهل الزيتون.")),
]
# A clearly different event: a chess tournament in an invented city.
CHESS = ("chess", "بطولة الشطرنج الدولية تنطلق في مدينة الرمان",
         ("انطلقت بطولة الشطرنج الدولية في مدينة الرمان بمشاركة مئة لاعب من عشرين دولة، "
         "ويحصل الفائز بالمركز الأول على كأس الرمان الذهبية."))


def art(item: tuple[str, str, str], published: str | None = None) -> Article:
    """Build an invented article from (id, title, body)."""
    aid, title, body = item
    return Article(aid, f"test/{aid}", body=body, title=title, published=published)


def story_of(stories: list[Story], aid: str) -> str:
    """Return the id of the story that holds article `aid`."""
    return next(s.id for s in stories if aid in s.articles)


def test_one_event_from_three_outlets_is_one_story() -> None:
    """The three reports of the dam opening form a single story."""
    stories = cluster([art(d, "2025-03-01") for d in DAM])
    assert [sorted(s.articles) for s in stories] == [["dam-a", "dam-b", "dam-c"]]


@pytest.mark.parametrize("position", [0, 1, 3])
def test_different_event_stays_apart(position: int) -> None:
    """The chess tournament never joins the dam story, wherever it sits in the input."""
    items = [art(d) for d in DAM]
    items.insert(position, art(CHESS))
    stories = cluster(items)
    assert story_of(stories, "chess") != story_of(stories, "dam-a")
    assert len(stories) == 2


@pytest.mark.parametrize(("day_a", "day_b", "together"), [
    ("2025-03-01", "2025-03-02", True),
    ("2025-03-01", "2025-06-15", False),
    (None, "2025-06-15", True),
])
def test_time_gap_splits_same_topic(day_a: str | None, day_b: str | None, together: bool) -> None:
    """Reports months apart are different stories; close or unknown dates are no obstacle."""
    stories = cluster([art(DAM[0], day_a), art(DAM[1], day_b)])
    assert (story_of(stories, "dam-a") == story_of(stories, "dam-b")) is together


def test_bridging_article_does_not_chain_two_events() -> None:
    """An article about both events may join one of them, but the two events stay apart (no chaining)."""
    bridge = ("bridge", "سد وادي الزيتون وبطولة الشطرنج في الرمان", DAM[0][2] + " " + CHESS[2])
    stories = cluster([art(DAM[0]), art(bridge), art(CHESS)])
    assert story_of(stories, "dam-a") != story_of(stories, "chess")


def test_similarity_orders_same_event_above_other_event() -> None:
    """Similarity is in [0, 1], higher for the same event than for a different one."""
    same = similarity(art(DAM[0]), art(DAM[1]))
    other = similarity(art(DAM[0]), art(CHESS))
    assert 0.0 <= other < same <= 1.0


def test_shared_stopwords_are_no_evidence() -> None:
    """Two texts that share only words from data/stopwords.txt score zero."""
    a = Article("a", "t/a", body="قال إن هذا في ذلك اليوم من العام الماضي", title="قال في")
    b = Article("b", "t/b", body="وقال إن ذلك من هذا العام في اليوم", title="في ذلك")
    assert similarity(a, b) == 0.0


def test_new_story_id_is_stable_and_from_earliest_member() -> None:
    """A new story's id is "s" + 12 hex digits derived from its earliest member."""
    stories = cluster([art(DAM[1], "2025-03-02"), art(DAM[0], "2025-03-01")])
    assert stories[0].id == new_story_id("dam-a")
    assert len(stories[0].id) == 13 and stories[0].id.startswith("s")
    assert stories[0].articles == ("dam-a", "dam-b")
    assert (stories[0].start, stories[0].end) == ("2025-03-01", "2025-03-02")


def test_deterministic() -> None:
    """The same input gives the same stories every time."""
    items = [art(d, "2025-03-01") for d in DAM] + [art(CHESS, "2025-03-01")]
    assert cluster(items) == cluster(items)


def test_title_is_most_central_member() -> None:
    """The title comes from the member most similar to the others, not the first one."""
    outlier = ("dam-x", "أخبار المساء", ("افتتاح سد وادي الزيتون في كفر نعمان بحضور وزير الري، "
               "ويوفر السد مياه الشرب ويروي سهل الزيتون. وفي خبر آخر هطلت أمطار غزيرة."))
    items = [art(outlier, "2025-03-01"), *[art(d, "2025-03-02") for d in DAM]]
    stories = cluster(items)
    assert len(stories) == 1
    assert stories[0].title in {d[1] for d in DAM}


def test_empty_input() -> None:
    """No articles, no stories."""
    assert cluster([]) == []


def test_seeds_form_one_story(seeds_dir: Path) -> None:
    """The five real seed reports of one event, raw and untitled, form one story; an invented other event stays out.

    (Their first lines are site furniture, a date or a "|", not titles: tests/test_report.py clusters them cleaned.)
    """
    seeds = [Article(path.stem, str(path), body=path.read_text(encoding="utf-8"))
             for path in sorted(seeds_dir.glob("*.txt"))]
    stories = cluster([*seeds, art(CHESS)])
    assert sorted(len(s.articles) for s in stories) == [1, 5]


def test_chunked_candidates_give_the_same_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    """Products of one row and pairs scored one at a time (the memory bounds) change no story and no score."""
    articles = [art(item, "2025-03-01") for item in [*DAM, CHESS]]
    whole = cluster(articles)
    pairs = similarity(articles[0], articles[1])
    monkeypatch.setattr(cluster_module, "CHUNK_ROWS", 1)
    monkeypatch.setattr(cluster_module, "CHUNK_PAIRS", 1)
    assert [s.articles for s in cluster(articles)] == [s.articles for s in whole]
    assert similarity(articles[0], articles[1]) == pairs


def test_candidate_chunks_on_workers_give_the_same_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of rows scored by forked workers find the same pairs, so the same stories, as in one process."""
    articles = [art(item, "2025-03-01") for item in [*DAM, CHESS]]
    monkeypatch.setattr(cluster_module, "CHUNK_ROWS", 1)
    monkeypatch.setattr(cluster_module, "EDGE_CHUNKS", 2)
    feats = cluster_module.featurize(articles)
    here, there = cluster_module._edges(feats, workers=1), cluster_module._edges(feats, workers=2)
    assert len(here[0]) == 3 and all(np.array_equal(a, b) for a, b in zip(here, there, strict=True))
    assert [s.articles for s in cluster(articles, workers=2)] == [s.articles for s in cluster(articles)]


# One invented body told under two titles: each title's words are, or are not, in the other article.
RELIEF = ("وصلت إلى بلدة كفر نعمان شحنة مساعدات تحمل أربعين طنا من الأغذية والأدوية، وتسلمتها لجنة "
          "الإغاثة المحلية لتوزيعها على الأسر في سهل الزيتون خلال الأسبوع الجاري.")


def _titled(first: str, second: str) -> tuple[Article, Article]:
    """Return two articles with the RELIEF body under the titles `first` and `second`."""
    return (Article("a", "t/a", body=RELIEF, title=first, published="2025-03-01"),
            Article("b", "t/b", body=RELIEF, title=second, published="2025-03-01"))


def test_titles_missing_from_each_other_lower_the_score_by_the_title_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither title's words are in the other article: the score is (1 - TITLE_MISS) of the plain one."""
    pair = _titled("سفينة الخير ترسو في الميناء", "قافلة شاحنات تعبر المنفذ البري")
    lowered, factor = similarity(*pair), 1 - cluster_module.TITLE_MISS
    monkeypatch.setattr(cluster_module, "TITLE_MISS", 0.0)
    assert lowered == pytest.approx(factor * similarity(*pair), rel=1e-5)


def test_a_title_the_other_article_holds_keeps_the_score(monkeypatch: pytest.MonkeyPatch) -> None:
    """One title's words all stand in the other article's body: the better-covered title counts, no penalty."""
    pair = _titled("شحنة مساعدات إلى كفر نعمان", "قافلة شاحنات تعبر المنفذ البري")
    kept = similarity(*pair)
    monkeypatch.setattr(cluster_module, "TITLE_MISS", 0.0)
    assert kept == pytest.approx(similarity(*pair), rel=1e-5) and kept > 0


def test_small_groups_scored_pair_by_pair_equal_the_dense_product(monkeypatch: pytest.MonkeyPatch) -> None:
    """A group's score matrix is the same whether its pairs are scored together with other groups or as one product."""
    items = [art(d, "2025-03-0" + str(k + 1)) for k, d in enumerate(DAM)] + [art(CHESS, "2025-03-01")]
    feats = cluster_module.featurize(items)
    groups = [np.array([0, 1, 2, 3]), np.array([2, 3]), np.array([3, 0, 1])]
    paired = cluster_module._dense_scores(feats, groups)
    monkeypatch.setattr(cluster_module, "SMALL_GROUP", 0)
    dense = cluster_module._dense_scores(feats, groups)
    assert len(paired) == len(dense) == 3 and paired[0][0, 3] < paired[0][0, 1]
    for one, other in zip(paired, dense, strict=True):
        assert np.allclose(one, other, atol=1e-6) and np.allclose(one, one.T)


def test_dense_title_factors_equal_the_pairwise_ones() -> None:
    """The factors of a story's score matrix are those of its pairs, and symmetric."""
    items = [art(d) for d in DAM] + [art(CHESS)]
    feats = cluster_module.featurize(items)
    idx = np.arange(len(items))
    dense = cluster_module._dense_title_factors(feats, idx)
    left, right = np.triu_indices(len(items), k=1)
    assert np.allclose(dense[left, right], cluster_module._title_factors(feats, left, right))
    assert np.allclose(dense, dense.T)
