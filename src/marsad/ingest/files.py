"""Path expansion: files, directories (recursive, sorted) and glob patterns."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

GLOB_CHARS = frozenset("*?[")


def is_hidden(path: Path, root: Path) -> bool:
    """Tell whether any part of `path` below `root` starts with a dot (editor and VCS files)."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def walk(folder: Path) -> list[Path]:
    """Return every visible file under `folder`, recursively, in sorted order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not is_hidden(p, folder))


def is_pattern(given: str) -> bool:
    """Tell whether `given` is a glob pattern rather than a literal path that exists."""
    return bool(GLOB_CHARS & set(given)) and not Path(given).exists()


def expand_one(given: str | Path) -> list[Path]:
    """Return the files one argument names: itself, the files under a directory, or a glob's matches."""
    text = str(given)
    if is_pattern(text):
        found: list[Path] = []
        for match in sorted(glob.glob(text, recursive=True)):
            found.extend(expand_one(match))
        return found
    path = Path(given)
    if path.is_dir():
        return walk(path)
    return [path] if path.exists() else []


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files the arguments name, in order, each once; missing and unreachable paths are left out.

    A file named twice (a folder and a file inside it, or two spellings of one path) is read once.
    """
    seen: set[Path] = set()
    out: list[Path] = []
    for given in paths:
        for path in safe_expand(given)[0]:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append(path)
    return out


def safe_expand(given: str | Path) -> tuple[list[Path], str | None]:
    """Return the files one argument names, or none and why when it cannot be looked at (permissions, loops)."""
    try:
        return expand_one(given), None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop in 3.11's pathlib
        return [], f"cannot look at it: {getattr(exc, 'strerror', None) or exc}"


def missing_reason(given: str | Path) -> str:
    """Say why an argument named no files."""
    text = str(given)
    if is_pattern(text):
        return "no files match this pattern"
    if Path(text).is_dir():
        return "directory has no files"
    return "no such file or directory"
