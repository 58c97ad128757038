"""Tests for `marsad brief`: the brief with citations, single-source claims and conflicts, from files or a store."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from marsad.cli.main import main
from tests.verify.helpers import OUTLET_A, OUTLET_B, fire_records, flood_records

NUMBERED = re.compile(r"^\s+(\d+)\. .+? ((?:\[\d+\])+)(?:  \[single source\])?$")


@pytest.fixture
def fire(tmp_path: Path) -> Path:
    """A JSONL file of the three fire reports (one story, a number and a title conflict)."""
    path = tmp_path / "fire.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in fire_records()), encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    """Run a command with --json and return its parsed output (it must exit 0)."""
    assert main([*args, "--json", "--quiet"]) == 0
    return json.loads(capsys.readouterr().out)


def _text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run a command and return what it printed (it must exit 0; no progress bars off a terminal)."""
    assert main(list(args)) == 0
    return capsys.readouterr().out


def _bodies(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, str]:
    """Return article id → body, as `marsad analyze --json` reports them."""
    return {a["id"]: a["body"] for a in _json(capsys, "analyze", str(path))["articles"]}


def test_brief_prints_numbered_sentences_citations_and_conflicts(fire: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The text names the story, then "Brief:" with numbered sentences citing [n], the sources, and the conflicts."""
    out = _text(capsys, "brief", str(fire))
    lines = out.splitlines()
    assert "Brief:" in lines[1]
    numbered = [m for line in lines if (m := NUMBERED.match(line))]
    assert [int(m.group(1)) for m in numbered] == [1, 2, 3, 4]
    cited = {r for m in numbered for r in re.findall(r"\[(\d+)\]", m.group(2))}
    assert {"1", "2"} <= cited <= {"1", "2", "3"}
    sources = lines.index("    Sources:")
    assert re.fullmatch(r"\s+\[1\] [0-9a-f]{16} \((صحيفة الفجر|موقع النهار|إذاعة الشرق)\)", lines[sources + 1])
    assert "    Conflicts (2):" in lines
    number = next(line for line in lines if line.strip().startswith("number:"))
    assert f"«6 فرق» ({OUTLET_A}, " in number and f"«9 فرق» ({OUTLET_B}, " in number
    assert any(line.strip().startswith("title:") and "السابق" in line for line in lines)


def test_brief_without_conflicts_says_none_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A story whose outlets agree prints "Conflicts: none found" and lists its single-source claims."""
    path = tmp_path / "flood.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in flood_records()), encoding="utf-8")
    out = _text(capsys, "brief", str(path))
    assert "    Conflicts: none found" in out.splitlines()
    assert "Claims only one source carries (5):" in out


def test_brief_json_spans_reproduce_the_bodies(fire: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json gives summary, claims and conflicts; every span is a non-empty body[start:end] of its article."""
    (story,) = _json(capsys, "brief", str(fire))
    assert {"story", "title", "sources", "claims", "conflicts", "summary"} <= story.keys()
    bodies = _bodies(capsys, fire)
    spans = [u for c in story["claims"] for u in c["units"]]
    spans += [s for c in story["conflicts"] for s in c["sides"]]
    spans += [s for b in story["summary"] for s in b["sources"]]
    assert len(spans) > 10
    for span in spans:
        assert bodies[span["article"]][span["start"]:span["end"]].strip()
    for side in (s for c in story["conflicts"] for s in c["sides"]):
        assert side["value"] == " ".join(bodies[side["article"]][side["start"]:side["end"]].split())
    for sentence in story["summary"]:
        first = sentence["sources"][0]
        assert sentence["text"] == bodies[first["article"]][first["start"]:first["end"]]
    assert len(story["summary"]) == 4 and len(story["claims"]) == 4
    assert sorted(c["kind"] for c in story["conflicts"]) == ["number", "title"]


def test_sentences_option_sets_the_brief_length(fire: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--sentences 2 gives two sentences, in the text and in the JSON."""
    (story,) = _json(capsys, "brief", str(fire), "--sentences", "2")
    assert len(story["summary"]) == 2 and len(story["claims"]) == 4
    numbered = [line for line in _text(capsys, "brief", str(fire), "--sentences", "2").splitlines()
                if NUMBERED.match(line)]
    assert len(numbered) == 2


def test_brief_of_a_stored_story(fire: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`marsad brief --db FILE ID` (or --story ID) prints the stored story's brief, as the files give it."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(fire), "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    (from_files,) = _json(capsys, "brief", str(fire))
    (stored,) = _json(capsys, "brief", "--db", db, from_files["story"])
    for key in ("story", "claims", "conflicts", "summary"):
        assert stored[key] == from_files[key], key
    assert _json(capsys, "brief", "--db", db, "--story", from_files["story"]) == [stored]
    text = _text(capsys, "brief", "--db", db, from_files["story"])
    assert text == _text(capsys, "brief", str(fire))


def test_brief_of_a_stored_story_with_another_length(fire: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A stored story asked for a brief of another length gets it recomputed: --sentences 2 gives 2."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(fire), "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    (story,) = _json(capsys, "brief", str(fire))
    (short,) = _json(capsys, "brief", "--db", db, story["story"], "--sentences", "2")
    assert len(short["summary"]) == 2 and short["claims"] == story["claims"]


@pytest.mark.parametrize("how", [["--db", "{db}", "nope"], ["--db", "{db}", "--story", "nope"], ["{path}", "--story", "nope"]],
                         ids=["db-argument", "db-story", "files-story"])
def test_an_unknown_story_is_a_one_line_error(how: list[str], fire: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown story id exits 1 with one error line naming it."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(fire), "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    args = [a.format(db=db, path=fire) for a in how]
    assert main(["brief", *args, "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("marsad: error: nope: no such story")


def test_no_claims_leaves_the_verification_out(fire: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Analyze --no-claims writes stories without claims, conflicts, sources or brief; by default they are there."""
    with_claims = _json(capsys, "analyze", str(fire))["stories"][0]
    without = _json(capsys, "analyze", str(fire), "--no-claims")["stories"][0]
    assert {"claims", "conflicts", "sources", "summary"} <= with_claims.keys()
    assert not {"claims", "conflicts", "sources", "summary"} & without.keys()
    assert without["articles"] == with_claims["articles"]
