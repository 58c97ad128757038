"""`marsad analyze` on all of SaudiNewsNet with every default stage, this tree against an earlier commit, same run.

Each version runs the real command line in its own process on the same input, one after the other
(alternating when repeated), so machine drift hits both alike: articles/s, wall time and the peak
memory of the largest process. The earlier commit is checked out in a temporary git worktree and
run from its source with this virtual environment's packages, its stage modules compiled first when
it has tools/compile.py (`previous_compiled`, `this_compiled` say which trees ran compiled).

With `--format jsonl` both write the JSONL report (a story a line, as each is done); `--stories-only`
turns the story stages off (people, dates, claims); `--longer` also runs this tree alone on a corpus 4×
as long (re-dated copies with new ids, bench.bulk's) to show whether its peak memory grows with it.

Run: python -m bench.analyze --shared ../shared [--against REF] [--repeat N] [--format jsonl]
     [--stories-only] [--longer]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.bulk import longer_corpus
from marsad.compiled import extensions, stale

ROOT = Path(__file__).resolve().parent.parent
# What this session's changes are measured against by default: the commit before them.
DEFAULT_AGAINST = "HEAD~1"
_MAIN = "import sys; from marsad.cli import main; sys.exit(main())"
# Runs a command and prints the peak RSS (KB) of its process tree: a fresh process per measure, since a
# process's RUSAGE_CHILDREN keeps the largest child it ever waited for.
# Exit status 3 is a finished run where some inputs could not be read (SaudiNewsNet has empty records).
_PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(0 if code in (0, 3) else code)")


STORIES_ONLY = ["--no-people", "--no-dates", "--no-claims"]


def _command(src: Path, inputs: Sequence[Path], out: Path, options: Sequence[str]) -> list[str]:
    """Return the `marsad analyze` command line of the tree whose package is under `src`, writing to `out`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    helped = subprocess.run([sys.executable, "-c", _MAIN, "analyze", "--help"], capture_output=True, text=True,
                            env=env, check=True).stdout
    output = ["-o", str(out)] if "--output" in helped else ["--json", str(out)]  # older trees: --json FILE
    return [sys.executable, "-c", _MAIN, "analyze", *map(str, inputs), *output, "--quiet", *options]


def _measure(src: Path, inputs: Sequence[Path], out: Path, options: Sequence[str]) -> dict[str, float]:
    """Run one analysis; return its wall time, articles and stories in its report, and the peak RSS in MB."""
    command = _command(src, inputs, out, options)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], env={**os.environ, "PYTHONPATH": str(src)},
                          check=True, cwd=src.parent, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if "jsonl" in options:
        with out.open(encoding="utf-8") as lines:
            articles = stories = 0
            for line in lines:
                stories, articles = stories + 1, articles + len(json.loads(line)["articles"])
    else:
        report = json.loads(out.read_text(encoding="utf-8"))
        articles, stories = len(report["articles"]), len(report["stories"])
    out.unlink()
    return {"seconds": seconds, "articles": articles, "stories": stories,
            "peak_rss_mb": int(done.stdout.split()[-1]) / 1024}


def _worktree(ref: str, where: Path) -> tuple[Path, bool]:
    """Check out `ref` in a detached worktree at `where`; return its package source folder and whether it is compiled.

    A commit with tools/compile.py gets its stage modules compiled, as `make` builds them, so that two
    compiled trees are compared like for like.
    """
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(where), ref],
                   check=True, capture_output=True)
    compiler = where / "tools" / "compile.py"
    compiled = compiler.exists() and subprocess.run([sys.executable, str(compiler)], capture_output=True,
                                                    check=False).returncode == 0
    return where / "src", compiled


def run(shared: Path, against: str = DEFAULT_AGAINST, repeat: int = 1, fmt: str = "json",
        stories_only: bool = False, longer: bool = False) -> dict[str, Any]:
    """Time `marsad analyze` of this tree and of `against` on SaudiNewsNet, `repeat` times each, alternating."""
    inputs = [(shared / "data" / "saudinewsnet" / "dataset").resolve()]
    options = [*(["--format", "jsonl"] if fmt == "jsonl" else []), *(STORIES_ONLY if stories_only else [])]
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", against], capture_output=True,
                            text=True, check=True).stdout.strip()
    runs: dict[str, list[dict[str, float]]] = {"this": [], "previous": []}
    out: dict[str, Any] = {"against": commit, "runs_each": repeat, "format": fmt,
                           "stages": "stories only" if stories_only else "every default stage"}
    with tempfile.TemporaryDirectory() as tmp:
        previous, out["previous_compiled"] = _worktree(against, Path(tmp) / "previous")
        out["this_compiled"] = bool(extensions(ROOT / "src" / "marsad")) and not stale(ROOT / "src" / "marsad")
        try:
            for _ in range(repeat):
                for name, src in (("previous", previous), ("this", ROOT / "src")):
                    runs[name].append(_measure(src, inputs, Path(tmp) / f"{name}.{fmt}", options))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(Path(tmp) / "previous")],
                           check=False, capture_output=True)
        if longer:
            days = sorted(inputs[0].glob("*.zip"))
            found = _measure(ROOT / "src", longer_corpus(days, Path(tmp), 4), Path(tmp) / f"longer.{fmt}", options)
            out["this_4x"] = _figures(found)
    best = {name: min(r, key=lambda x: x["seconds"]) for name, r in runs.items()}
    for name, found in best.items():
        out[name] = _figures(found)
    out["speed_ratio_this_vs_previous"] = round(best["previous"]["seconds"] / best["this"]["seconds"], 2)
    if longer:
        out["peak_4x_over_1x"] = round(out["this_4x"]["peak_rss_mb"] / out["this"]["peak_rss_mb"], 2)
    return out


def _figures(found: dict[str, float]) -> dict[str, Any]:
    """Return one run's figures, rounded: articles, stories, seconds, articles/s, peak RSS."""
    return {"articles": int(found["articles"]), "stories": int(found["stories"]), "seconds": round(found["seconds"], 1),
            "articles_per_s": round(found["articles"] / found["seconds"], 1),
            "peak_rss_mb": round(found["peak_rss_mb"], 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--against", default=DEFAULT_AGAINST, help=f"the commit to compare with ({DEFAULT_AGAINST})")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each version, best kept")
    parser.add_argument("--format", choices=("json", "jsonl"), default="json", help="the report written")
    parser.add_argument("--stories-only", action="store_true", help="people, dates and claims off")
    parser.add_argument("--longer", action="store_true", help="also this tree on a corpus 4x as long")
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.against, args.repeat, args.format, args.stories_only, args.longer)))
