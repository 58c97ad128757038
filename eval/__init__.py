"""Quality evaluations on ../shared data (`make eval` runs them all through eval.run)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any


def cli(run: Callable[[Path], Mapping[str, Any]], prog: str, argv: list[str] | None = None) -> int:
    """Command line of one evaluation: `--shared DIR`, then its figures printed as JSON."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    json.dump(run(args.shared), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
