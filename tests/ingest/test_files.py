"""Tests for marsad.ingest.files and the path handling of marsad.ingest: files, directories, globs, each file once.

A path naming nothing is one error; a directory's bad files are one error each while the batch goes on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from marsad import ingest
from marsad.types import IngestError
from tests.ingest.helpers import ARTICLE, RECORDS, docs_of, errors_of, read, sha16


def test_missing_path_and_empty_glob_are_errors(tmp_path: Path) -> None:
    """A path that names nothing is reported by read_paths as one error each."""
    items = list(ingest.read_paths([tmp_path / "absent.txt", str(tmp_path / "*.nothing")]))
    assert [(e.origin, e.message) for e in errors_of(items)] == [
        (str(tmp_path / "absent.txt"), "no such file or directory"),
        (str(tmp_path / "*.nothing"), "no files match this pattern"),
    ]


def test_missing_path_is_one_error_naming_it(tmp_path: Path) -> None:
    """A path that does not exist names no file to `inputs` and exactly one IngestError naming it."""
    (tmp_path / "here.txt").write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "absent" / "khabar.txt"
    files, errors = ingest.inputs([tmp_path / "here.txt", missing])
    assert files == [tmp_path / "here.txt"]
    assert errors == [IngestError(str(missing), "no such file or directory")]
    assert str(errors[0]).startswith(f"{missing}: ")
    items = list(ingest.read_paths([missing]))
    assert items == errors


def test_folder_and_a_file_inside_it_yield_that_file_once(tmp_path: Path) -> None:
    """A folder and a file inside it named together (in either order, or by another spelling) give the file once."""
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(ARTICLE.replace("الأحد", "الاثنين"), encoding="utf-8")
    inner = folder / "sub" / "b.txt"
    for paths in ([folder, inner], [inner, folder], [folder, str(folder / "sub" / ".." / "sub" / "b.txt")]):
        found = ingest.expand(paths)
        assert sorted(p.resolve() for p in found) == [(folder / "a.txt").resolve(), inner.resolve()]
        assert len(found) == 2
        files, errors = ingest.inputs(paths)
        assert files == found and errors == []
        docs = docs_of(list(ingest.read_paths(paths)))
        assert sorted(d.id for d in docs) == ["a", "b"]


def test_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    """A directory of good and bad files yields every good document plus one error per bad file."""
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.bin").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "sub" / "d.jsonl").write_text(json.dumps(RECORDS[1]), encoding="utf-8")
    (folder / "sub" / "e.zip").write_bytes(b"PK\x03\x04 truncated")
    (folder / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    items = read(folder)
    assert [d.id for d in docs_of(items)] == ["a", sha16("https://alwadi.example/2")]
    assert [Path(e.origin).name for e in errors_of(items)] == ["b.txt", "c.bin", "e.zip"]


def test_expand_directories_globs_and_order(tmp_path: Path) -> None:
    """`expand` lists directory files recursively in sorted order, expands globs and lists each file once."""
    for name in ("b.txt", "a/z.txt", "a/y.html", ".git/config"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = ingest.expand([tmp_path, str(tmp_path / "*.txt"), tmp_path / "missing"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/y.html", "a/z.txt", "b.txt"]


def test_a_folder_that_cannot_be_listed_is_one_error_and_its_neighbours_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sub-folder without read permission (simulated: tests may run as root) is named; the other files are read."""
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("نص", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("نص", encoding="utf-8")
    real = os.scandir

    def scandir(path: object) -> object:
        """List folders as os.scandir does, except the locked one."""
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    files, errors = ingest.inputs([tmp_path])
    assert files == [tmp_path / "open" / "a.txt"]
    assert [(e.origin, e.message) for e in errors] == [(str(locked), "cannot look at it: Permission denied")]
