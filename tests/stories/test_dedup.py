"""Tests for marsad.stories.dedup: shingles, one-permutation MinHash, LSH bands, near-duplicate groups."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tracemalloc

import numpy as np
import pytest
from datasketch.lsh import _optimal_param

from marsad import arabic
from marsad.stories.dedup import (
    EMPTY,
    MinHasher,
    _token_hashes,
    candidate_pairs,
    estimated_jaccard,
    group_shingle_sets,
    lsh_params,
    near_duplicate_groups,
    near_duplicates_of_groups,
    shingle_hashes,
)
from marsad.types import Article, Span

# An invented report, long enough (about 200 words) that changing one sentence keeps Jaccard > 0.8.
REPORT = [
    "أعلنت بلدية مدينة النخيل صباح الأحد عن خطة جديدة لتوسيع شبكة الحافلات العامة خلال العامين المقبلين.",
    "وقال رئيس البلدية في مؤتمر صحفي إن الخطة تشمل شراء مئتي حافلة كهربائية وإنشاء ثلاثين محطة انتظار مكيفة.",
    "وأوضح أن تكلفة المشروع تبلغ نحو مئة وخمسين مليون ريال يمولها صندوق التنمية المحلي بالشراكة مع القطاع الخاص.",
    "وأضاف أن الخطوط الجديدة ستربط الأحياء الشرقية بمنطقة الجامعة والمستشفى المركزي وسوق المدينة القديم.",
    "وبحسب دراسة أعدتها البلدية فإن عدد ركاب الحافلات ارتفع بنسبة كبيرة خلال السنوات الثلاث الماضية.",
    "وأشار المسؤول إلى أن أسعار التذاكر لن تتغير في المرحلة الأولى وأن الطلاب وكبار السن سيحصلون على خصم خاص.",
    "ورحب سكان الأحياء البعيدة بالقرار مؤكدين أنهم يقضون ساعات طويلة في التنقل إلى أعمالهم كل يوم.",
    "في المقابل طالب عدد من أصحاب سيارات الأجرة بتعويضات عن الخسائر التي قد تلحق بهم بعد تشغيل الخطوط الجديدة.",
    "ومن المتوقع أن تبدأ المرحلة الأولى من المشروع مطلع الصيف المقبل بعد استكمال إجراءات التعاقد مع الشركات المنفذة.",
    "وختم رئيس البلدية بالقول إن المدينة تسعى إلى تقليل الازدحام وتحسين جودة الهواء في الأحياء المكتظة بالسكان.",
]
CHANGED = "وذكرت صحف محلية أن المعارضة في المجلس البلدي انتقدت توقيت الإعلان قبل أسابيع من الانتخابات."
UNRELATED = (
    "فاز فريق النجوم على ضيفه فريق الساحل بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء الجمعة. "
    "وسجل المهاجم كريم ناصر هدفين في الشوط الأول قبل أن يضيف زميله الهدف الثالث من ركلة جزاء. "
    "وبهذا الفوز يرتفع رصيد النجوم إلى ثلاثين نقطة في صدارة الدوري بفارق نقطتين عن أقرب منافسيه."
)


def article(aid: str, body: str) -> Article:
    """Build an article by hand, with sentence spans."""
    sentences = tuple(Span(aid, s, e, "sentence") for s, e in arabic.split_sentences(body))
    return Article(id=aid, origin=aid, body=body, sentences=sentences)


def text(sentences: list[str]) -> str:
    """Join sentences into one body."""
    return " ".join(sentences)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two hash sets."""
    inter = len(np.intersect1d(a, b))
    return inter / (len(a) + len(b) - inter)


# --- shingles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "count"),
    [("", 0), ("؟!", 0), ("عاجل", 1), ("خبر عاجل", 1), ("خبر عاجل الآن", 1), ("خبر عاجل من المدينة", 2)],
)
def test_short_texts_have_at_least_one_shingle(body: str, count: int) -> None:
    """Texts shorter than k words are one shingle; token-free texts have none."""
    hashes = shingle_hashes(body)
    assert hashes.dtype == np.uint32
    assert len(hashes) == count


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("قال الرئيسُ إنّ الاجتماعَ ناجحٌ", "قال الرئيس إن الاجتماع ناجح"),
        ("أعلنت الوزارة إطلاق المبادرة", "اعلنت الوزارة اطلاق المبادره"),
        ("بلغ العدد ١٢٣ شخصا اليوم", "بلغ العدد 123 شخصا اليوم"),
    ],
)
def test_shingles_are_computed_on_the_normalized_view(a: str, b: str) -> None:
    """Diacritics, letter variants and Arabic-Indic digits do not change the shingles."""
    assert np.array_equal(shingle_hashes(a), shingle_hashes(b))


def test_a_shingle_hash_does_not_depend_on_the_rest_of_the_text() -> None:
    """A text's shingles are a subset of those of a longer text containing it, whatever its words."""
    base = "أعلنت البلدية خطة جديدة للنقل"
    longer = base + " " + "واستمرتالمفاوضاتالطويلةجدابينالطرفينساعات طويلة"
    assert set(shingle_hashes(base).tolist()) <= set(shingle_hashes(longer).tolist())


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_shingles_are_sorted_unique(k: int) -> None:
    """The hash array is sorted and has no repeats, also when phrases repeat."""
    hashes = shingle_hashes(text(REPORT + REPORT), k)
    assert np.all(np.diff(hashes.astype(np.int64)) > 0)


# --- LSH parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.8, 0.9, 0.95])
@pytest.mark.parametrize("num_perm", [32, 128])
def test_lsh_params_match_datasketch_optimum(threshold: float, num_perm: int) -> None:
    """Bands x rows minimises the same weighted error as datasketch and fits the signature."""
    bands, rows = lsh_params(threshold, num_perm)
    assert bands * rows <= num_perm
    assert (bands, rows) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_higher_threshold_means_longer_bands() -> None:
    """Rows per band grow with the threshold (a stricter S-curve)."""
    rows = [lsh_params(t, 128)[1] for t in (0.5, 0.7, 0.8, 0.9)]
    assert rows == sorted(rows) and rows[0] < rows[-1]


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.2, 1.5])
def test_lsh_params_reject_thresholds_outside_the_open_interval(threshold: float) -> None:
    """A threshold of 0, 1 or outside has no meaningful banding."""
    with pytest.raises(ValueError):
        lsh_params(threshold, 128)


# --- MinHash ------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [0.2, 0.5, 0.8, 0.95])
def test_signature_agreement_estimates_jaccard(target: float) -> None:
    """On random sets of 600 elements the estimate is within 0.12 of the exact Jaccard."""
    rng = np.random.default_rng(7)
    pool = rng.choice(2**32 - 2, size=3000, replace=False).astype(np.uint32)
    shared = round(2 * 600 * target / (1 + target))
    a = np.sort(pool[:600])
    b = np.sort(np.concatenate([pool[:shared], pool[1000 : 1000 + 600 - shared]]))
    sig = MinHasher().signatures([a, b])
    estimate = estimated_jaccard(sig, np.array([[0, 1]]))[0]
    assert abs(estimate - jaccard(a, b)) < 0.12


@pytest.mark.parametrize(("size", "target"), [(6, 0.5), (20, 0.3), (20, 0.8), (60, 0.6)])
def test_densified_signatures_are_unbiased_on_small_sets(size: int, target: float) -> None:
    """Sets much smaller than num_perm (most bins densified) still estimate Jaccard without bias."""
    rng = np.random.default_rng(3)
    estimates, exact = [], []
    for seed in range(30):
        pool = rng.choice(2**32 - 2, size=3 * size, replace=False).astype(np.uint32)
        shared = round(2 * size * target / (1 + target))
        a = np.sort(pool[:size])
        b = np.sort(np.concatenate([pool[:shared], pool[2 * size : 3 * size - shared]]))
        sig = MinHasher(seed=seed).signatures([a, b])
        estimates.append(estimated_jaccard(sig, np.array([[0, 1]]))[0])
        exact.append(jaccard(a, b))
    assert abs(np.mean(estimates) - np.mean(exact)) < 0.04


def test_hashes_do_not_depend_on_the_python_hash_seed() -> None:
    """Shingles and signatures are the same in processes with different PYTHONHASHSEED."""
    code = (
        "from marsad.stories.dedup import MinHasher, shingle_hashes;"
        f"s = shingle_hashes({text(REPORT)!r});"
        "print(int(s.sum()), int(MinHasher().signatures([s]).sum()))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


@pytest.mark.parametrize("size", [1, 3, 50, 1000])
def test_identical_sets_have_identical_full_signatures(size: int) -> None:
    """Equal sets agree everywhere and, after densification, have no empty bin."""
    s = np.arange(1, size + 1, dtype=np.uint32) * np.uint32(7919)
    sig = MinHasher(num_perm=64).signatures([s, s.copy()])
    assert sig.shape == (2, 64)
    assert np.array_equal(sig[0], sig[1])
    assert not np.any(sig == EMPTY)


def test_empty_set_gives_an_empty_row_and_no_candidates() -> None:
    """A token-free document is all EMPTY and never proposed, even next to another empty one."""
    empty = np.zeros(0, dtype=np.uint32)
    sig = MinHasher().signatures([empty, empty, np.array([5, 9], dtype=np.uint32)])
    assert np.all(sig[0] == EMPTY) and np.all(sig[1] == EMPTY)
    assert len(candidate_pairs(sig, *lsh_params(0.8, 128))) == 0


@pytest.mark.parametrize("seed", [1, 2])
def test_signatures_are_deterministic(seed: int) -> None:
    """The same sets and seed give the same signatures from fresh hashers."""
    sets = [shingle_hashes(s) for s in REPORT]
    assert np.array_equal(MinHasher(seed=seed).signatures(sets), MinHasher(seed=seed).signatures(sets))


def test_candidate_pairs_are_ordered_unique_and_include_identical_rows() -> None:
    """Identical rows collide; pairs are (i < j), each once."""
    sets = [shingle_hashes(text(REPORT)), shingle_hashes(UNRELATED), shingle_hashes(text(REPORT))]
    pairs = candidate_pairs(MinHasher().signatures(sets), 9, 13)
    assert pairs.tolist() == [[0, 2]]


@pytest.mark.parametrize("seed", [3, 4])
def test_candidate_pairs_are_the_rows_sharing_a_whole_band(seed: int) -> None:
    """Every pair equal on all values of some band is a candidate, and no other pair (checked band by band)."""
    rng = np.random.default_rng(seed)
    sig = rng.integers(0, 4, size=(12, 12), dtype=np.uint32)  # few values: many bands shared by chance
    sig[5] = EMPTY
    expected = sorted((i, j) for i in range(12) for j in range(i + 1, 12) if 5 not in (i, j)
                      and any(np.array_equal(sig[i, b * 2 : b * 2 + 2], sig[j, b * 2 : b * 2 + 2]) for b in range(5)))
    assert expected and [tuple(p) for p in candidate_pairs(sig, 5, 2).tolist()] == expected


def test_candidate_pairs_reject_bands_longer_than_the_signature() -> None:
    """Bands * rows may not exceed num_perm."""
    with pytest.raises(ValueError):
        candidate_pairs(MinHasher(num_perm=16).signatures([np.array([1], dtype=np.uint32)]), 5, 4)


# --- groups -------------------------------------------------------------------------------------

NEAR = text([*REPORT[:4], CHANGED, *REPORT[5:]])
GROUP_CASES = [
    ("exact copy", [text(REPORT), text(REPORT)], [("0", "1")]),
    ("copy with diacritics", [text(REPORT), text(REPORT).replace("قال", "قالَ")], [("0", "1")]),
    ("one sentence changed", [text(REPORT), NEAR], [("0", "1")]),
    ("unrelated", [text(REPORT), UNRELATED], []),
    ("half the report", [text(REPORT), text(REPORT[:5])], []),
    ("short identical", ["عاجل", "عاجل", "خبر"], [("0", "1")]),
    ("short differing", ["خبر عاجل", "خبر هام"], []),
    ("blank bodies", ["", "  ", UNRELATED], [("0", "1")]),
    ("chain", [text(REPORT), NEAR, UNRELATED, text(REPORT)], [("0", "1", "3")]),
]


@pytest.mark.parametrize(("name", "bodies", "expected"), GROUP_CASES, ids=[c[0] for c in GROUP_CASES])
def test_near_duplicate_groups(name: str, bodies: list[str], expected: list[tuple[str, ...]]) -> None:
    """Exact and near copies are grouped, unrelated or half-overlapping texts are not."""
    assert near_duplicate_groups([article(str(i), b) for i, b in enumerate(bodies)]) == expected


def test_one_changed_sentence_is_above_and_half_is_below_the_threshold() -> None:
    """The fixtures sit where the group tests assume: exact Jaccard > 0.8 and < 0.8."""
    full = shingle_hashes(text(REPORT))
    assert jaccard(full, shingle_hashes(NEAR)) > 0.8
    assert jaccard(full, shingle_hashes(text(REPORT[:5]))) < 0.8


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_groups_do_not_depend_on_input_order(seed: int) -> None:
    """Shuffling the articles gives the same groups (as sets) and repeating gives the same list."""
    bodies = [text(REPORT), NEAR, UNRELATED, text(REPORT), "عاجل", "عاجل", UNRELATED + " تم"]
    arts = [article(f"id{i}", b) for i, b in enumerate(bodies)]
    shuffled = arts[:]
    random.Random(seed).shuffle(shuffled)
    assert near_duplicate_groups(arts) == near_duplicate_groups(arts)
    assert {frozenset(g) for g in near_duplicate_groups(shuffled)} == {
        frozenset(g) for g in near_duplicate_groups(arts)
    }


def test_groups_together_give_each_group_its_own_near_duplicates() -> None:
    """Groups hashed in one call give what each gives alone: copies in two groups are grouped in neither."""
    groups = [[article("a", text(REPORT)), article("b", UNRELATED)], [article("c", NEAR), article("d", "عاجل")],
              [], [article("e", "عاجل"), article("f", text(REPORT)), article("g", NEAR), article("h", "عاجل")]]
    together = near_duplicates_of_groups(groups)
    assert together == [near_duplicate_groups(g) for g in groups]
    assert together == [[], [], [], [("e", "h"), ("f", "g")]]


@pytest.mark.parametrize(("threshold", "expected"), [(0.5, [(0, 1)]), (0.8, [(0, 1)]), (0.95, [])])
def test_group_shingle_sets_applies_the_threshold(threshold: float, expected: list[tuple[int, ...]]) -> None:
    """A copy with one sentence changed (Jaccard about 0.85) is grouped at 0.5 and 0.8, not at 0.95."""
    sets = [shingle_hashes(b) for b in (text(REPORT), NEAR, UNRELATED)]
    assert group_shingle_sets(sets, threshold) == expected


def test_no_articles_no_groups() -> None:
    """An empty input gives no groups."""
    assert near_duplicate_groups([]) == []


def test_one_huge_token_neither_changes_the_others_hashes_nor_pads_them() -> None:
    """A 2M-character token is hashed alone: the short tokens keep their hashes and memory stays near the input's."""
    short = ["قال", "الوزير", "http://example.com/" + "x" * 200]
    huge = "ب" * 2_000_000
    assert list(_token_hashes([*short, huge])[:3]) == list(_token_hashes(short))
    words = " ".join(["كلمة"] * 20_000)
    tracemalloc.start()
    try:
        shingle_hashes(f"{words} {huge}")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024  # padding every token to 2M code points would take 160 GB
