"""`make bench`: speed and memory on all of SaudiNewsNet, written to docs/benchmarks.md.

Run: python -m bench.run --shared ../shared [--no-write]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from eval.run import ROOT, flatten, render, write_section

from bench import dedup

BENCHMARKS = ROOT / "docs" / "benchmarks.md"


def main() -> int:
    """Run each benchmark (the end-to-end one in a fresh process), print and record the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    if not (args.shared / "data" / "saudinewsnet").is_dir():
        print(f"bench: {args.shared / 'data' / 'saudinewsnet'} not found: nothing to measure", file=sys.stderr)
        return 1
    child = subprocess.run([sys.executable, "-m", "bench.e2e", "--shared", str(args.shared)],
                           cwd=ROOT, capture_output=True, text=True, check=True)
    results = {"end_to_end": flatten(json.loads(child.stdout.strip().splitlines()[-1]))}
    print(f"end_to_end: {json.dumps(results['end_to_end'])}")
    results["near_duplicates"] = flatten(dedup.run(args.shared))
    print(f"near_duplicates: {json.dumps(results['near_duplicates'])}")
    if not args.no_write:
        write_section(BENCHMARKS, render(results, "make bench (python -m bench.run --shared ../shared)"))
        print(f"figures written to {BENCHMARKS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
