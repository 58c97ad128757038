"""Quality evaluations on ../shared data (`make eval` runs them all through eval.run)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

# SaudiNewsNet days kept for checks run by others on data nobody here tuned on: an evaluation that
# reads its errors or could steer a change never reads them (benchmarks, which measure speed, may).
# One constant with the name lists' miner, which leaves them out too.
from marsad.ner.lists import RESERVED_DAYS


def open_days(folder: Path) -> list[Path]:
    """Return SaudiNewsNet's day files in order, the reserved days left out."""
    return [p for p in sorted(folder.glob("*.zip")) if p.stem not in RESERVED_DAYS]


def cli(run: Callable[[Path], Mapping[str, Any]], prog: str, argv: list[str] | None = None) -> int:
    """Command line of one evaluation: `--shared DIR`, then its figures printed as JSON."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    json.dump(run(args.shared), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def print_rows(rows: list[str], missing: list[str]) -> None:
    """Print converted label rows for a data file, and each annotator line whose text was not found."""
    print("\n".join(rows))
    for line in missing:
        print(f"not found in its article: {line[:120]}", file=sys.stderr)
