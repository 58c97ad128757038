"""Tests for marsad.stories.background: news-at-large term shares, their part in a small batch's IDF, the builder."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from marsad.arabic import normalize, term
from marsad.datafiles import content_lines, read_text
from marsad.ner.lists import RESERVED_DAYS
from marsad.stories.background import MIN_DF, TERMS_FILE, main, shares
from marsad.stories.cluster import similarity
from marsad.types import Article


def _listed() -> list[tuple[str, int]]:
    """Return the shipped table's (term, count) rows, most common first."""
    return [(t, int(c)) for t, c in (line.split("\t") for line in content_lines(read_text(TERMS_FILE))[1:])]


def test_a_listed_term_has_its_share_and_an_unlisted_one_none() -> None:
    (common, count), *_ = _listed()
    documents = int(content_lines(read_text(TERMS_FILE))[0].split("\t")[1])
    assert list(shares([common, "قزحبلوط"])) == [count / documents, 0.0]
    assert all(c >= MIN_DF for _, c in _listed())


def test_words_common_in_news_count_less_between_two_articles_than_rare_ones() -> None:
    """Two articles sharing two everyday words score under two sharing two rare words, all else equal."""
    filler = ("قطار", "بحيرة", "مصباح", "قارب", "جسر", "نافذة")

    def pair(shared: str) -> float:
        """Return the similarity of two articles that share only `shared` beside their own words."""
        a = Article("a", "a", body=f"{shared} {filler[0]} {filler[1]} {filler[2]} اليوم.", title="خبر أول")
        b = Article("b", "b", body=f"{shared} {filler[3]} {filler[4]} {filler[5]} اليوم.", title="نبأ ثان")
        return similarity(a, b)

    assert pair("الرئيس العمل") < pair("زنبركات قرطاسيات")


def test_the_builder_counts_open_days_only(tmp_path: Path) -> None:
    """A reserved day's articles are never counted; terms under MIN_DF articles are left out."""
    folder = tmp_path / "data/saudinewsnet/dataset"
    folder.mkdir(parents=True)

    def day(name: str, word: str, count: int) -> None:
        """Write one day's zip of `count` articles whose bodies all contain `word`."""
        rows = [{"title": f"عنوان الخبر رقم {k} في الصحيفة", "url": f"http://x.example/{name}/{k}", "source": "x",
                 "date_extracted": f"{name} 10:00:00",
                 "content": f"قال المتحدث إن {word} وصل إلى الميناء صباح اليوم بعد رحلة طويلة عبر البحر رقم {k}."}
                for k in range(count)]
        with zipfile.ZipFile(folder / f"{name}.zip", "w") as zf:
            zf.writestr(f"{name}.json", json.dumps(rows, ensure_ascii=False))

    open_day = "2015-07-21"
    assert open_day not in RESERVED_DAYS
    day(open_day, "الزيتون", MIN_DF)
    day(min(RESERVED_DAYS), "البرتقال", MIN_DF + 5)  # a reserved day (DEVELOPERS.md): never counted
    out = tmp_path / "terms.tsv"
    main(["--shared", str(tmp_path), "--out", str(out)])
    lines = content_lines(out.read_text(encoding="utf-8"))
    counts = dict(line.split("\t") for line in lines[1:])
    assert lines[0] == f"documents\t{MIN_DF}"
    assert counts[term(normalize("الزيتون"))] == str(MIN_DF)
    assert term(normalize("البرتقال")) not in counts
