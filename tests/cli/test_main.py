"""Tests for marsad.cli.main: the conventions every command follows (output, errors, exit status, logging, Ctrl-C)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest

from marsad.cli import render
from marsad.cli.main import main

COMMANDS = ["analyze", "ingest", "stories", "search", "entities", "quotes", "timeline"]
SHARED_OPTIONS = ["--json", "--output", "--quiet", "--verbose", "--debug"]
INPUT_OPTIONS = ["--workers", "--rules"]


def _run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run `python -m marsad ARGS` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=120,
                          check=False, **kwargs)


def test_console_script_and_python_m_run() -> None:
    """The installed `marsad` script and `python -m marsad` print the same help, naming every command."""
    exe = shutil.which("marsad") or str(Path(sys.executable).with_name("marsad"))
    script = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True)
    module = _run("--help")
    assert module.returncode == 0 and module.stdout == script.stdout
    assert all(c in script.stdout for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_the_shared_options(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each command documents itself and takes the output and logging options (and the input ones if it reads files)."""
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "usage: marsad " + command in text
    assert all(option in text for option in SHARED_OPTIONS)
    if command in ("analyze", "ingest", "entities", "quotes", "timeline"):
        assert all(option in text for option in INPUT_OPTIONS)


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`marsad` alone prints the usage and exits 2."""
    assert main([]) == 2
    assert "usage: marsad" in capsys.readouterr().err


@pytest.fixture
def store(corpus: Path, tmp_path: Path) -> str:
    """A store holding the corpus."""
    db = str(tmp_path / "m.db")
    assert main(["ingest", str(corpus), "--db", db, "--quiet"]) == 0
    return db


def _every_command(corpus: Path, db: str) -> list[list[str]]:
    """One invocation of every command, over the corpus or its store."""
    return [["analyze", str(corpus), "--no-dates"], ["ingest", str(corpus), "--db", db], ["stories", "--db", db],
            ["search", "عمان", "--db", db], ["entities", "--db", db], ["quotes", str(corpus)],
            ["timeline", str(corpus)]]


def test_json_and_output_files_work_alike_in_every_command(corpus: Path, store: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints JSON; -o FILE.json writes the same JSON; -o FILE.txt the same text as printed."""
    for n, args in enumerate(_every_command(corpus, store)):
        assert main([*args, "--json"]) == 0, args
        printed = json.loads(capsys.readouterr().out)
        target = tmp_path / f"out{n}.json"
        assert main([*args, "-o", str(target)]) == 0, args
        captured = capsys.readouterr()
        assert captured.out == "" and f"wrote {target}" in captured.err
        assert json.loads(target.read_text(encoding="utf-8")) == printed, args
        assert main(args) == 0
        text = capsys.readouterr().out
        as_text = tmp_path / f"out{n}.txt"
        assert main([*args, "--output", str(as_text), "--quiet"]) == 0
        assert as_text.read_text(encoding="utf-8") == text and capsys.readouterr().err == "", args


@pytest.mark.parametrize("command", ["analyze", "ingest", "entities", "quotes", "timeline"])
def test_a_missing_input_fails_in_every_command(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A path naming nothing is one error line naming it and a non-zero exit, whatever the command."""
    monkeypatch.chdir(tmp_path)
    extra = ["--db", "m.db"] if command == "ingest" else []
    assert main([command, "missing.txt", *extra, "--quiet"]) == 1
    assert "marsad: error: missing.txt: no such file or directory" in capsys.readouterr().err


def test_a_missing_input_among_good_ones_is_partial_success(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The good inputs are processed and printed; the exit status (3) says one input failed."""
    assert main(["entities", str(corpus), str(corpus / "gone.txt")]) == 3
    captured = capsys.readouterr()
    assert "الخطيب" in captured.out and "gone.txt" in captured.err


def test_debug_shows_the_traceback_of_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An error is one line; --debug adds the traceback that led to it."""
    not_a_store = tmp_path / "x.db"
    not_a_store.write_bytes(b"this is no sqlite database" * 100)
    assert main(["stories", "--db", str(not_a_store)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("marsad: error:") and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert main(["stories", "--db", str(not_a_store), "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_verbose_logs_what_the_pipeline_does(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-v logs the pipeline's steps on standard error; without it they are not shown."""
    assert main(["analyze", str(corpus), "--quiet"]) == 0
    assert "INFO" not in capsys.readouterr().err
    assert main(["analyze", str(corpus), "--quiet", "-v"]) == 0
    err = capsys.readouterr().err
    assert "marsad: INFO: read 4 files" in err and "4 articles in 2 stories" in err


@pytest.mark.parametrize(("value", "code"), [("1", 0), ("2", 0), ("0", 2), ("many", 2)])
def test_workers_option(corpus: Path, value: str, code: int) -> None:
    """--workers takes a count of at least 1; anything else is a usage error."""
    if code:
        with pytest.raises(SystemExit) as exit_info:
            main(["analyze", str(corpus), "--quiet", "--workers", value])
        assert exit_info.value.code == code
    else:
        assert main(["analyze", str(corpus), "--quiet", "--workers", value]) == code


class _Bar:
    """Stands in for tqdm: records the stage and the last count shown."""

    bars: ClassVar[list[_Bar]] = []

    def __init__(self, total: int | None, desc: str, **_: Any) -> None:
        """Record a new bar."""
        self.total, self.desc, self.n = total, desc, 0
        _Bar.bars.append(self)

    def refresh(self) -> None:
        """Nothing to draw."""

    def close(self) -> None:
        """Nothing to close."""


def test_a_progress_bar_for_each_stage(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading (with cleaning) and the stories with their stages each get a bar, run to its end; --quiet draws none."""
    monkeypatch.setattr(render, "tqdm", _Bar)
    _Bar.bars = []
    assert main(["analyze", str(corpus), "--quiet"]) == 0
    assert _Bar.bars == []
    assert main(["analyze", str(corpus)]) == 0
    assert [b.desc for b in _Bar.bars] == ["reading", "stories, lineage, entities and quotes, dates, claims"]
    assert all(b.n == b.total for b in _Bar.bars)


def test_content_cannot_drive_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An escape sequence in a title is printed escaped, never raw."""
    record = {"text": "اتفق وزراء المياه في ثلاث دول على آلية لتقاسم مياه النهر بعد محادثات طويلة.",
              "title": "عنوان \x1b]0;pwned\x07 الخبر", "url": "https://x.example/1"}
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert main(["analyze", str(path), "--no-people", "--no-dates"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;pwned\\x07" in out
    assert render.safe("a\x00b\tc\n") == "a\\x00b\tc\n"


def test_ctrl_c_stops_with_status_130(tmp_path: Path) -> None:
    """SIGINT during a long analysis stops it at once with exit status 130 and one line, no traceback."""
    lines = []
    for i in range(12_000):  # long enough to be running well after the 3 s wait, on a faster build too
        text = (f"أعلنت بلدية المدينة رقم {i} عن خطة لتوسيع شبكة الحافلات العامة خلال العامين المقبلين. "
                f"وقال رئيس البلدية إن الخطة تشمل شراء {i + 20} حافلة كهربائية وإنشاء محطات جديدة.")
        lines.append(json.dumps({"text": text, "title": f"خطة الحافلات {i}", "url": f"https://x.example/{i}"}))
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    # A suite started in the background by a shell runs with SIGINT ignored, which a child would inherit;
    # a Python handler here becomes the default one in the child.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "marsad", "analyze", str(path), "--quiet"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, before)
    time.sleep(3)
    assert proc.poll() is None, "the analysis ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    started = time.monotonic()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    assert time.monotonic() - started < 20


def test_the_jsonl_report_is_the_json_report_a_story_a_line(corpus: Path, tmp_path: Path) -> None:
    """`analyze --format jsonl -o FILE`: one line per story with its articles, as the JSON report has them."""
    lines_path, report_path = tmp_path / "r.jsonl", tmp_path / "r.json"
    assert _run("analyze", str(corpus), "--format", "jsonl", "-o", str(lines_path), "--quiet").returncode == 0
    assert _run("analyze", str(corpus), "-o", str(report_path), "--quiet").returncode == 0
    lines = [json.loads(line) for line in lines_path.read_text(encoding="utf-8").splitlines()]
    whole = json.loads(report_path.read_text(encoding="utf-8"))
    assert [line["story"] for line in lines] == whole["stories"]
    articles = {a["id"]: a for a in whole["articles"]}
    assert [a for line in lines for a in line["articles"]] == [articles[i] for s in whole["stories"] for i in s["articles"]]
