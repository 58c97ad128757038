"""`marsad analyze` on all of SaudiNewsNet with every default stage, this tree against an earlier commit, same run.

Each version runs the real command line in its own process on the same input, one after the other
(alternating when repeated), so machine drift hits both alike: articles/s, wall time and the peak
memory of the largest process. The earlier commit is checked out in a temporary git worktree and
run from its source with this virtual environment's packages.

Run: python -m bench.analyze --shared ../shared [--against REF] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# What this session's changes are measured against by default: the commit before them.
DEFAULT_AGAINST = "HEAD~1"
_MAIN = "import sys; from marsad.cli import main; sys.exit(main())"
# Runs a command and prints the peak RSS (KB) of its process tree: a fresh process per measure, since a
# process's RUSAGE_CHILDREN keeps the largest child it ever waited for.
# Exit status 3 is a finished run where some inputs could not be read (SaudiNewsNet has empty records).
_PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(0 if code in (0, 3) else code)")


def _command(src: Path, inputs: Path, out: Path) -> list[str]:
    """Return the `marsad analyze` command line of the tree whose package is under `src`, writing JSON to `out`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    helped = subprocess.run([sys.executable, "-c", _MAIN, "analyze", "--help"], capture_output=True, text=True,
                            env=env, check=True).stdout
    output = ["-o", str(out)] if "--output" in helped else ["--json", str(out)]  # older trees: --json FILE
    return [sys.executable, "-c", _MAIN, "analyze", str(inputs), *output, "--quiet"]


def _measure(src: Path, inputs: Path, out: Path) -> dict[str, float]:
    """Run one analysis; return its wall time, articles and stories in its report, and the peak RSS in MB."""
    command = _command(src, inputs, out)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], env={**os.environ, "PYTHONPATH": str(src)},
                          check=True, cwd=src.parent, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    report = json.loads(out.read_text(encoding="utf-8"))
    return {"seconds": seconds, "articles": len(report["articles"]), "stories": len(report["stories"]),
            "peak_rss_mb": int(done.stdout.split()[-1]) / 1024}


def _worktree(ref: str, where: Path) -> Path:
    """Check out `ref` in a detached worktree at `where`; return its package source folder."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(where), ref],
                   check=True, capture_output=True)
    return where / "src"


def run(shared: Path, against: str = DEFAULT_AGAINST, repeat: int = 1) -> dict[str, Any]:
    """Time `marsad analyze` of this tree and of `against` on SaudiNewsNet, `repeat` times each, alternating."""
    inputs = (shared / "data" / "saudinewsnet" / "dataset").resolve()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", against], capture_output=True,
                            text=True, check=True).stdout.strip()
    runs: dict[str, list[dict[str, float]]] = {"this": [], "previous": []}
    with tempfile.TemporaryDirectory() as tmp:
        previous = _worktree(against, Path(tmp) / "previous")
        try:
            for _ in range(repeat):
                for name, src in (("previous", previous), ("this", ROOT / "src")):
                    runs[name].append(_measure(src, inputs, Path(tmp) / f"{name}.json"))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(Path(tmp) / "previous")],
                           check=False, capture_output=True)
    best = {name: min(r, key=lambda x: x["seconds"]) for name, r in runs.items()}
    out: dict[str, Any] = {"against": commit, "runs_each": repeat}
    for name, found in best.items():
        out[name] = {"articles": int(found["articles"]), "stories": int(found["stories"]),
                     "seconds": round(found["seconds"], 1),
                     "articles_per_s": round(found["articles"] / found["seconds"], 1),
                     "peak_rss_mb": round(found["peak_rss_mb"], 1)}
    out["speed_ratio_this_vs_previous"] = round(best["previous"]["seconds"] / best["this"]["seconds"], 2)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--against", default=DEFAULT_AGAINST, help=f"the commit to compare with ({DEFAULT_AGAINST})")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each version, best kept")
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.against, args.repeat)))
