"""Compile marsad's stage modules to C extensions with mypyc, next to their source (run by `make compiled`).

The same typed code, compiled: on two days of SaudiNewsNet in one process the whole default `analyze`
took 43.0 s against 52.1 s, with the same report byte for byte (docs/benchmarks.md has the corpus-wide
figures). Python imports an extension before the .py of the same name; marsad.compiled runs the source
instead when an extension is older than it, or when MARSAD_PURE is set.

    python tools/compile.py            # build (about 2 minutes on two cores)
    python tools/compile.py --clean    # remove the extensions: the source runs
    python tools/compile.py --list     # the modules compiled
"""

from __future__ import annotations

import argparse
import importlib.machinery
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BUILD = ROOT / "build" / "mypyc"
# The stage packages, where the time of `analyze` goes (the I/O, CLI, web, store and bulk layers are not
# compiled: their time is waiting, and they keep Python's full dynamism).
PACKAGES = ("arabic", "clean", "dating", "entities", "ner", "quotes", "stories", "verify")
# Model building (`make model`), never on the analysis path; and clean.rules, whose Rules (a frozen dataclass)
# bulk sends to its Dask workers: a frozen class compiled by mypyc cannot be unpickled.
SKIPPED = ("ner/train.py", "ner/corpus.py", "ner/clusters.py", "stories/background.py", "clean/rules.py")
GROUP = "marsad_native"  # the shared library of the compiled modules: src/marsad_native__mypyc*.so
_EXTENSION = importlib.machinery.EXTENSION_SUFFIXES[0]


def sources() -> list[str]:
    """Return the modules to compile, as paths relative to src/ (mypyc names modules from them)."""
    out = []
    for package in PACKAGES:
        for path in sorted((SRC / "marsad" / package).glob("*.py")):
            relative = path.relative_to(SRC / "marsad").as_posix()
            if path.name != "__init__.py" and relative not in SKIPPED:
                out.append(path.relative_to(SRC).as_posix())
    return out


def clean() -> None:
    """Remove every compiled extension of marsad and the build folder."""
    for ext in [*(SRC / "marsad").rglob("*" + _EXTENSION), *SRC.glob(GROUP + "*" + _EXTENSION)]:
        ext.unlink()
    shutil.rmtree(BUILD, ignore_errors=True)


def build() -> None:
    """Compile the modules in place, each to its own C file."""
    from mypyc.build import mypycify
    from setuptools import setup

    clean()
    os.chdir(SRC)  # mypyc names a module by its path from here, and setuptools writes each beside its source
    modules = mypycify(sources(), target_dir=str(BUILD), group_name=GROUP, multi_file=True)
    setup(name="marsad-compiled", ext_modules=modules,
          script_args=["--quiet", "build_ext", "--inplace", "--build-temp", str(BUILD / "temp"),
                       "--build-lib", str(BUILD / "lib")])


def main() -> None:
    """Build, or with --clean remove, the compiled modules."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    parser.add_argument("--list", action="store_true", help="print the modules compiled (paths from the repository)")
    args = parser.parse_args()
    if args.list:
        print(" ".join("src/" + path for path in sources()))
    elif args.clean:
        clean()
    else:
        build()


if __name__ == "__main__":
    main()
