"""Tests for marsad.compiled: a stale or disabled build runs the source; the compiled modules give the same report."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import marsad
from marsad import compiled

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample"


def _package(tmp_path: Path, name: str) -> Path:
    """Write a package whose module has a source and an extension file (not a real library: importing it fails)."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "mod.py").write_text("WHERE = 'source'\n")
    (folder / ("mod" + compiled.EXTENSION)).write_bytes(b"not a shared library")
    return folder


def _import_mod(package: str) -> str:
    """Import package.mod afresh and return its WHERE."""
    sys.modules.pop(package + ".mod", None)
    try:
        return str(importlib.import_module(package + ".mod").WHERE)
    finally:
        sys.modules.pop(package + ".mod", None)
        sys.modules.pop(package, None)


def test_an_extension_older_than_its_source_or_without_one_is_stale(tmp_path: Path) -> None:
    """stale() lists an extension whose source was edited after it was built, or whose source is gone."""
    folder = _package(tmp_path, "pkg_stale")
    ext, source = folder / ("mod" + compiled.EXTENSION), folder / "mod.py"
    os.utime(source, (1000, 1000))
    os.utime(ext, (2000, 2000))
    assert compiled.stale(folder) == []
    os.utime(source, (3000, 3000))
    assert compiled.stale(folder) == [ext]
    source.unlink()
    assert compiled.stale(folder) == [ext]


def test_a_stale_build_imports_every_module_from_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    """With an extension older than its source, the package's modules come from their .py, with a warning."""
    folder = _package(tmp_path, "pkg_src")
    os.utime(folder / ("mod" + compiled.EXTENSION), (1000, 1000))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.delenv(compiled.PURE_ENV, raising=False)
    assert compiled.use_source_when_stale("pkg_src", folder)
    assert _import_mod("pkg_src") == "source"
    assert "pkg_src/mod.py" in caplog.text


def test_a_fresh_build_is_imported_unless_marsad_pure_is_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh extension is what Python imports; MARSAD_PURE=1 makes the package run its source."""
    folder = _package(tmp_path, "pkg_fresh")
    os.utime(folder / "mod.py", (1000, 1000))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.delenv(compiled.PURE_ENV, raising=False)
    assert not compiled.use_source_when_stale("pkg_fresh", folder)
    with pytest.raises(ImportError):
        _import_mod("pkg_fresh")  # the extension file is loaded, and is no library
    monkeypatch.setenv(compiled.PURE_ENV, "1")
    assert compiled.use_source_when_stale("pkg_fresh", folder)
    assert _import_mod("pkg_fresh") == "source"


def _analyze(out: Path, pure: str) -> str:
    """Analyse the bundled sample in a fresh process with MARSAD_PURE=`pure`; return where quotes.extract came from."""
    env = {**os.environ, compiled.PURE_ENV: pure}
    subprocess.run([sys.executable, "-m", "marsad", "analyze", str(SAMPLE), "--workers", "1", "-q", "-o", str(out)],
                   env=env, check=True)
    where = subprocess.run([sys.executable, "-c", "import marsad.quotes.extract as m; print(m.__file__)"],
                           env=env, check=True, capture_output=True, text=True)
    return where.stdout.strip()


@pytest.mark.skipif(not compiled.extensions(Path(marsad.__file__).parent),
                    reason="marsad is not compiled here: `make compiled` builds it")
def test_the_compiled_modules_give_the_same_report_as_the_source(tmp_path: Path) -> None:
    """The bundled sample's report is the same byte for byte from the compiled modules and from the source."""
    assert _analyze(tmp_path / "compiled.json", "0").endswith(compiled.EXTENSION)
    assert _analyze(tmp_path / "source.json", "1").endswith(".py")
    assert (tmp_path / "compiled.json").read_bytes() == (tmp_path / "source.json").read_bytes()
