"""`make bench`: speed and memory on all of SaudiNewsNet, written to docs/benchmarks.md.

Run: python -m bench.run --shared ../shared [--no-write]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from eval.run import ROOT, Figures, flatten, render, write_section

from bench import dedup
from bench.analyze import DEFAULT_AGAINST

BENCHMARKS = ROOT / "docs" / "benchmarks.md"


def main() -> int:
    """Run each benchmark (the end-to-end one in a fresh process), print and record the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--against", default=DEFAULT_AGAINST,
                        help=f"the commit `marsad analyze` is compared with (default {DEFAULT_AGAINST})")
    args = parser.parse_args()
    if not (args.shared / "data" / "saudinewsnet").is_dir():
        print(f"bench: {args.shared / 'data' / 'saudinewsnet'} not found: nothing to measure", file=sys.stderr)
        return 1
    results: dict[str, Figures] = {}
    modules = (("analyze", "bench.analyze"), ("stories_only", "bench.e2e"), ("store", "bench.store"),
               ("people", "bench.people"), ("dates", "bench.dates"), ("verify", "bench.verify"),
               ("watch", "bench.watch"), ("web", "bench.web"), ("bulk", "bench.bulk"))
    for name, module in modules:
        results[name] = _in_child(module, args.shared, args.against if name == "analyze" else None)
        print(f"{name}: {json.dumps(results[name], ensure_ascii=False)}")
    results["near_duplicates"] = flatten(dedup.run(args.shared))
    print(f"near_duplicates: {json.dumps(results['near_duplicates'])}")
    if not args.no_write:
        command = f"make bench (python -m bench.run --shared ../shared --against {args.against})"
        write_section(BENCHMARKS, render(results, command))
        print(f"figures written to {BENCHMARKS.relative_to(ROOT)}")
    return 0


def _in_child(module: str, shared: Path, against: str | None = None) -> Figures:
    """Run one benchmark module in a fresh process (its own peak memory) and return its figures."""
    extra = ["--against", against] if against else []
    child = subprocess.run([sys.executable, "-m", module, "--shared", str(shared), *extra],
                           cwd=ROOT, capture_output=True, text=True, check=False)
    if child.returncode:
        raise RuntimeError(f"{module} failed ({child.returncode}): {child.stderr.strip()[-2000:]}")
    return flatten(json.loads(child.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    sys.exit(main())
