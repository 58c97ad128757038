"""`make bench`: speed and memory on all of SaudiNewsNet, written to docs/benchmarks.md.

Each benchmark's figures are also kept in build/bench-figures.json as it ends. A run stopped or failed
part way is finished with `--resume`: the benchmarks already measured on the same `src` tree (committed,
unchanged) against the same commit are kept, the others run. docs/benchmarks.md is written only when
every benchmark has figures.
Run: python -m bench.run --shared ../shared [--no-write] [--resume]
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
FIGURES = ROOT / "build" / "bench-figures.json"
MODULES = (("analyze", "bench.analyze"), ("stories_only", "bench.e2e"), ("store", "bench.store"),
           ("people", "bench.people"), ("dates", "bench.dates"), ("verify", "bench.verify"),
           ("watch", "bench.watch"), ("web", "bench.web"), ("bulk", "bench.bulk"))


def main() -> int:
    """Run each benchmark (the end-to-end one in a fresh process), print and record the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument("--resume", action="store_true",
                        help="keep the figures of a stopped run of the same src tree (build/bench-figures.json)")
    parser.add_argument("--against", default=DEFAULT_AGAINST,
                        help=f"the commit `marsad analyze` is compared with (default {DEFAULT_AGAINST})")
    args = parser.parse_args()
    if not (args.shared / "data" / "saudinewsnet").is_dir():
        print(f"bench: {args.shared / 'data' / 'saudinewsnet'} not found: nothing to measure", file=sys.stderr)
        return 1
    key = {"src": _src_tree(), "against": args.against}
    kept = _kept(key) if args.resume else {}
    results: dict[str, Figures] = {}
    failed: list[str] = []
    for name, module in MODULES:
        if name in kept:
            results[name] = kept[name]
            print(f"{name} (kept from the stopped run): {json.dumps(results[name], ensure_ascii=False)}")
            continue
        try:
            results[name] = _in_child(module, args.shared, args.against if name == "analyze" else None)
        except RuntimeError as exc:  # the others still run; the failed one runs again with --resume
            failed.append(name)
            print(f"{name}: FAILED {exc}", file=sys.stderr)
            continue
        print(f"{name}: {json.dumps(results[name], ensure_ascii=False)}")
        if key["src"]:
            FIGURES.parent.mkdir(exist_ok=True)
            figures = {**kept, **results}
            FIGURES.write_text(json.dumps({**key, "figures": figures}, ensure_ascii=False), encoding="utf-8")
    results["near_duplicates"] = flatten(dedup.run(args.shared))
    print(f"near_duplicates: {json.dumps(results['near_duplicates'])}")
    if failed:
        print(f"bench: {', '.join(failed)} failed; docs/benchmarks.md is left as it was (fix, then --resume)",
              file=sys.stderr)
        return 1
    if not args.no_write:
        resumed = " --resume" if kept else ""
        command = f"make bench (python -m bench.run --shared ../shared --against {args.against}{resumed})"
        write_section(BENCHMARKS, render(results, command))
        print(f"figures written to {BENCHMARKS.relative_to(ROOT)}")
    return 0


def _src_tree() -> str:
    """Return the git id of the committed `src` tree, or "" when src has uncommitted changes (nothing to resume)."""
    def git(*command: str) -> subprocess.CompletedProcess[str]:
        """Run a git command in the repository."""
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False)

    if git("diff", "--quiet", "HEAD", "--", "src").returncode:
        return ""
    return git("rev-parse", "HEAD:src").stdout.strip()


def _kept(key: dict[str, str]) -> dict[str, Figures]:
    """Return the figures a stopped run recorded for the same src tree and commit compared with."""
    if not key["src"] or not FIGURES.exists():
        return {}
    saved = json.loads(FIGURES.read_text(encoding="utf-8"))
    same = all(saved.get(k) == v for k, v in key.items())
    return dict(saved["figures"]) if same else {}


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
