"""Tests for marsad.cli.commands: what each sub-command computes and prints, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli.main import main
from marsad.store import Store
from marsad.types import StoryChange


def test_analyze_prints_a_summary_or_the_report(corpus: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json a summary with who said what; with -o FILE.json the report in that file."""
    target = tmp_path / "r.json"
    assert main(["analyze", str(corpus), "-o", str(target), "--quiet"]) == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    assert len(report["articles"]) == 4 and len(report["stories"]) == 2
    assert capsys.readouterr().out == ""
    assert main(["analyze", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "4 articles" in out and "2 stories" in out
    assert "entities (" in out and "quotes" in out  # who said what, per story


def test_analyze_reports_each_bad_input_on_one_line(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad input is one error line naming it; the others are analysed, and the exit status says so (3)."""
    (corpus / "empty.txt").write_bytes(b"")
    assert main(["analyze", str(corpus)]) == 3
    captured = capsys.readouterr()
    err_lines = [line for line in captured.err.splitlines() if line.startswith("marsad: error:")]
    assert len(err_lines) == 1 and "empty.txt" in err_lines[0]
    assert "4 articles" in captured.out


def test_exit_status_is_1_when_nothing_was_processed(tmp_path: Path) -> None:
    """An empty file or a missing path alone: nothing processed, status 1."""
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path / "empty.txt"), "--quiet"]) == 1
    assert main(["analyze", str(tmp_path / "nothing-here.txt"), "--quiet"]) == 1


def test_ingest_stories_search_round_trip(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(corpus), "--db", db, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert len(first["added"]) == 4 and first["totals"]["articles"] == 4
    assert main(["ingest", str(corpus), "--db", db, "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["added"] == [] and again["skipped"] == 4

    assert main(["stories", "--db", db, "--json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert sorted(len(s["articles"]) for s in stories) == [1, 3]
    assert all(m["title"] for s in stories for m in s["members"])

    # the query is written with a bare alef; the texts spell the city with a hamza-less or hamza form
    assert main(["search", "عمان", "--db", db, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {h["article"] for h in hits} == {"a", "b", "c"}
    assert main(["search", "عمّان", "--db", db]) == 0
    assert "3 hits" in capsys.readouterr().out


def test_reading_commands_refuse_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`stories` on a store that does not exist fails and creates no file."""
    db = tmp_path / "none.db"
    assert main(["stories", "--db", str(db)]) == 1
    assert "no such store" in capsys.readouterr().err
    assert not db.exists()


def test_entities_and_quotes_commands(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`entities` and `quotes` of files: per story, as JSON or text."""
    assert main(["entities", str(corpus), "--json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert sorted(len(s["entities"]) > 0 for s in stories) == [True, True]
    people = [e for s in stories for e in s["entities"] if e["type"] == "PER"]
    assert any("الخطيب" in e["name"] for e in people)
    assert main(["quotes", str(corpus), "--json"]) == 0
    quotes = [q for s in json.loads(capsys.readouterr().out) for q in s["quotes"]]
    assert any(q["kind"] == "direct" and q["speaker_name"] for q in quotes)
    assert main(["quotes", str(corpus)]) == 0
    assert "الخطيب" in capsys.readouterr().out


def test_store_entities_and_quotes_json_shape(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`entities --db` lists store-wide entities and `quotes --db` each story's quotes with store entity ids."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(corpus), "--db", db, "--quiet"]) == 0
    assert main(["entities", "--db", db, "--json"]) == 0
    entities = json.loads(capsys.readouterr().out)
    assert entities and all(set(e) == {"id", "name", "type", "variants", "stories", "articles", "roles"}
                            for e in entities)
    assert all(set(v) == {"text", "count"} for e in entities for v in e["variants"])
    assert main(["entities", "--db", db, "--type", "PER", "--name", "الخطيب", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert [e["name"] for e in people] == ["سامر الخطيب"]
    assert main(["quotes", "--db", db, "--json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    quotes = [q for s in stories for q in s["quotes"]]
    assert quotes and all({"story", "title", "quotes"} == set(s) for s in stories)
    speakers = {q["entity"] for q in quotes if q["speaker"]}
    assert people[0]["id"] in speakers and speakers <= {e["id"] for e in entities}  # the fair's management too
    assert main(["quotes", "--db", db, "--story", stories[0]["story"], "--json"]) == 0
    assert [s["story"] for s in json.loads(capsys.readouterr().out)] == [stories[0]["story"]]
    assert main(["stories", "--db", db, "--json"]) == 0
    assert all(s["entity_count"] > 0 for s in json.loads(capsys.readouterr().out))


def test_ingest_no_people_stores_no_entities(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`ingest --no-people` stores stories only: the store has no entities, quotes or people counts."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(corpus), "--db", db, "--quiet", "--no-people"]) == 0
    assert main(["entities", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["quotes", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["stories", "--db", db, "--json"]) == 0
    assert not any("entity_count" in s for s in json.loads(capsys.readouterr().out))
    assert main(["entities", "--db", db]) == 0
    assert "no entities" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["entities"], ["quotes"], ["entities", "x.txt", "--db", "m.db"], ["timeline"]])
def test_commands_want_paths_or_a_store(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """`entities`/`quotes`/`timeline` need either input paths or --db, not both and not neither: a usage error."""
    assert main(args) == 2
    assert "either input paths or --db" in capsys.readouterr().err


def test_people_commands_refuse_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reading entities from a store that does not exist is an error and creates no file."""
    db = tmp_path / "none.db"
    assert main(["entities", "--db", str(db)]) == 1
    assert "no such store" in capsys.readouterr().err and not db.exists()


def test_timeline_of_files_prints_dated_sentences(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline` of files prints each dated event with its sources."""
    assert main(["timeline", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "2025-10-14" in out and "sources: " in out


@pytest.mark.parametrize("people", [True, False])
def test_timeline_json_of_one_stored_story(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           people: bool) -> None:
    """`timeline --db FILE --story ID` computes a stored story's timeline, with or without stored quotes."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(corpus), "--db", db, "--quiet", *([] if people else ["--no-people"])]) == 0
    assert main(["stories", "--db", db, "--json"]) == 0
    story = max(json.loads(capsys.readouterr().out), key=lambda s: len(s["articles"]))
    assert main(["timeline", "--db", db, "--story", story["id"], "--json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["story"] == story["id"]
    assert any(e["date"] == "2025-10-14" and len(e["articles"]) > 1 for e in shown["timeline"])


def test_timeline_refuses_a_store_without_a_story_and_an_unknown_story(corpus: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """--db without --story is a usage error (2); a story the store does not hold is an error (1)."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(corpus), "--db", db, "--quiet", "--no-people"]) == 0
    assert main(["timeline", "--db", db]) == 2
    assert "--story" in capsys.readouterr().err
    assert main(["timeline", "--db", db, "--story", "s000000000000"]) == 1
    assert "no such story" in capsys.readouterr().err


def test_a_merged_story_id_still_reads_the_story_that_absorbed_it(corpus: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline --story OLD` follows a recorded merge to the story that holds OLD's members now."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(corpus), "--db", db, "--quiet", "--no-people"]) == 0
    with Store.open(db) as store:
        [(sid, _)] = [(s, a) for a, s in store.memberships() if a == "a"]
        store.save([], [], changes=[StoryChange("merged", "s-gone", sid)])
    assert main(["timeline", "--db", db, "--story", "s-gone", "--json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["story"] == sid


def test_a_lone_story_id_is_no_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """`marsad timeline ID` is not taken for a stored story: it fails, saying how to read one."""
    monkeypatch.chdir(tmp_path)
    assert main(["timeline", "s0123456789ab", "--quiet"]) == 2
    assert "--db FILE --story ID" in capsys.readouterr().err


def test_cli_fetched_option_dates_an_undated_file(tmp_path: Path) -> None:
    path = tmp_path / "khabar.txt"
    path.write_text("افتتاح مستشفى الأطفال\n\nافتتح وزير الصحة اليوم الأربعاء مستشفى الأطفال الجديد في المدينة.",
                    encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["analyze", str(path), "--fetched", "2025-03-14", "-o", str(out), "--quiet", "--no-people"]) == 0
    [article] = json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert (article["published"], article["fetched"]) == ("2025-03-12", "2025-03-14")
