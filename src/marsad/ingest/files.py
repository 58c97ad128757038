"""Path expansion: files, directories (recursive, sorted) and glob patterns."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

GLOB_CHARS = frozenset("*?[")


def is_hidden(path: Path, root: Path) -> bool:
    """Tell whether any part of `path` below `root` starts with a dot (editor and VCS files)."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def walk(folder: Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """Return every visible file under `folder`, recursively, sorted; folders it cannot list go to `unreadable`.

    (pathlib's rglob passes over such a folder in silence: its files would be lost unsaid.)
    """
    failed = unreadable if unreadable is not None else []
    found = [Path(root, name) for root, _, names in os.walk(folder, onerror=failed.append) for name in names]
    return sorted(p for p in found if p.is_file() and not is_hidden(p, folder))


def is_pattern(given: str) -> bool:
    """Tell whether `given` is a glob pattern rather than a literal path that exists."""
    return bool(GLOB_CHARS & set(given)) and not Path(given).exists()


def expand_one(given: str | Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """Return the files one argument names: itself, the files under a directory, or a glob's matches.

    Folders that cannot be listed are added to `unreadable`.
    """
    text = str(given)
    if is_pattern(text):
        found: list[Path] = []
        for match in sorted(glob.glob(text, recursive=True)):
            found.extend(expand_one(match, unreadable))
        return found
    path = Path(given)
    if path.is_dir():
        return walk(path, unreadable)
    return [path] if path.exists() else []


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files the arguments name, in order, each once; missing and unreachable paths are left out.

    A file named twice (a folder and a file inside it, or two spellings of one path) is read once.
    """
    return once(safe_expand(given)[0] for given in paths)


def once(found: Iterable[list[Path]]) -> list[Path]:
    """Return the files of several arguments in order, each file once (compared by its resolved path)."""
    seen: set[Path] = set()
    out: list[Path] = []
    for paths in found:
        for path in paths:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def safe_expand(given: str | Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Return the files one argument names and (path, reason) for each part of it that cannot be looked at."""
    unreadable: list[OSError] = []
    try:
        found = expand_one(given, unreadable)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop in 3.11's pathlib
        return [], [(str(given), f"cannot look at it: {getattr(exc, 'strerror', None) or exc}")]
    return found, [(str(e.filename or given), f"cannot look at it: {e.strerror or e}") for e in unreadable]


def missing_reason(given: str | Path) -> str:
    """Say why an argument named no files."""
    text = str(given)
    if is_pattern(text):
        return "no files match this pattern"
    if Path(text).is_dir():
        return "directory has no files"
    return "no such file or directory"
