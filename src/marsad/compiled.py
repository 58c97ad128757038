"""The stage modules compiled to C by mypyc (`make compiled`), and the source run instead when they are stale.

mypyc compiles marsad's own typed modules (tools/compile.py lists them) into extension modules next to
their source; Python imports an extension before a .py of the same name. An extension built before its
source was last edited would run the old code, so when any is older than its source, or when
MARSAD_PURE is set, every marsad module is imported from its source instead: all of them, since
compiled modules call each other directly, bypassing the module objects. Nothing else changes: the
compiled code is the same code, and tests/test_compiled.py checks that both give the same report.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import logging
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)
PURE_ENV = "MARSAD_PURE"  # set (to anything but "" or "0"): run the source even where an extension is built
EXTENSION = importlib.machinery.EXTENSION_SUFFIXES[0]  # ".cpython-311-x86_64-linux-gnu.so"


def extensions(package: Path) -> list[Path]:
    """Return the compiled extension modules under a package folder."""
    return sorted(package.rglob("*" + EXTENSION))


def stale(package: Path) -> list[Path]:
    """Return the extensions under a package folder that are older than their source (or have none)."""
    return [ext for ext in extensions(package) if _older_than_source(ext)]


def _older_than_source(ext: Path) -> bool:
    """Return True when an extension's source was edited after it was built, or is gone."""
    source = ext.with_name(ext.name[: -len(EXTENSION)] + ".py")
    return not source.exists() or source.stat().st_mtime > ext.stat().st_mtime


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds a package's modules as usual, but loads a compiled one from its .py source."""

    def __init__(self, package: str) -> None:
        """Serve the modules of `package` (a top-level name)."""
        self.prefix = package + "."

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        """Return the source spec of a compiled module of the package, else None (the usual finders go on)."""
        if not fullname.startswith(self.prefix):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.origin is None or not spec.origin.endswith(EXTENSION):
            return None
        source = spec.origin[: -len(EXTENSION)] + ".py"
        return importlib.util.spec_from_file_location(fullname, source) if os.path.exists(source) else None


def use_source_when_stale(package: str, folder: Path) -> bool:
    """Import a package's compiled modules from source when MARSAD_PURE is set or any is stale; True if so.

    Called by the package's __init__ before it imports any of its modules.
    """
    built = extensions(folder)  # one scan of the package at start-up
    if not built:
        return False
    pure = os.environ.get(PURE_ENV, "") not in ("", "0")
    if not pure:
        old = [ext for ext in built if _older_than_source(ext)]
        if not old:
            return False
        first = old[0].relative_to(folder.parent).as_posix()[: -len(EXTENSION)] + ".py"
        log.warning("marsad: %d compiled module(s) are older than their source (%s): running the source; "
                    "`make compiled` rebuilds them", len(old), first)
    sys.meta_path.insert(0, _SourceFinder(package))
    return True
