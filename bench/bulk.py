"""`marsad bulk` on SaudiNewsNet: wall time and the peak memory of every process, on three kinds of cluster.

Runs, each as a user runs them (the command line, a fresh output folder): a local cluster of 1 worker,
of 2 workers, and a scheduler and two workers started as separate processes on 127.0.0.1 (`dask
scheduler`, `dask worker`, as on a real cluster) with `--scheduler`. The resident memory of every
process of the run (the client, each worker, the scheduler) is sampled every SAMPLE_S seconds; each
process's peak is reported. Then the client's peak on the corpus and on a corpus 4× as long (copies
re-dated by 22 days each and given new ids), stories only: bounded memory means the two are close.

Run in its own process: python -m bench.bulk --shared ../shared [--days N] [--stories-only]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil

SAMPLE_S = 0.2
STAGES_OFF = ["--no-people", "--no-dates", "--no-claims"]


class Peaks:
    """The peak resident memory (MB) of every process under some roots, sampled in a thread."""

    def __init__(self, roots: Sequence[int]) -> None:
        """Start sampling the processes under `roots` (pids)."""
        self.roots = list(roots)
        self.peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        """Sample until stopped."""
        while not self._stop.wait(SAMPLE_S):
            for root in self.roots:
                try:
                    parent = psutil.Process(root)
                    tree = [parent, *parent.children(recursive=True)]
                except psutil.Error:
                    continue
                for proc in tree:
                    try:
                        name = _role(proc)
                        mb = proc.memory_info().rss / 2**20
                    except psutil.Error:
                        continue
                    self.peak[name] = max(self.peak.get(name, 0.0), mb)

    def stop(self) -> dict[str, float]:
        """Stop sampling; return each process's peak in MB."""
        self._stop.set()
        self._thread.join()
        return {k: round(v, 1) for k, v in sorted(self.peak.items())}


def _role(proc: psutil.Process) -> str:
    """Name a process of the run by what it is and its pid."""
    line = " ".join(proc.cmdline())
    if "marsad" in line and "bulk" in line:
        kind = "client"
    elif "dask_scheduler" in line:
        kind = "scheduler"
    elif "dask_worker" in line or "spawn_main" in line or "forkserver" in line:
        kind = "worker"
    else:
        kind = proc.name()
    return f"{kind}-{proc.pid}"


def _measure(command: list[str], roots: Sequence[int] = ()) -> dict[str, Any]:
    """Run a marsad command, sampling its processes and `roots`; return its wall time, peaks and figures."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peaks = Peaks([proc.pid, *roots])
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    value = json.loads(out)
    return {"wall_s": round(wall, 1), "articles": value["articles"], "stories": value["stories"],
            "lost": len(value["failed"]), "peak_mb": peaks.stop()}


@contextmanager
def _cluster(port: int) -> Iterator[list[int]]:
    """Start a Dask scheduler and two one-thread workers as separate processes; yield their pids."""
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--dashboard-address", ":0"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    workers = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", f"tcp://127.0.0.1:{port}",
                                 "--nthreads", "1", "--nworkers", "1", "--dashboard-address", ":0"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    time.sleep(5)
    try:
        yield [scheduler.pid, *(w.pid for w in workers)]
    finally:
        for p in [*workers, scheduler]:
            p.terminate()
            p.wait(timeout=60)


def longer_corpus(days: Sequence[Path], folder: Path, copies: int) -> list[Path]:
    """Return the day files and `copies - 1` re-dated copies of them (22 days apart each, new urls)."""
    out = list(days)
    for k in range(1, copies):
        for path in days:
            target = folder / f"copy{k}-{path.name}"
            with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
                for name in src.namelist():
                    rows = json.loads(src.read(name))
                    for row in rows:
                        row["url"] = f"{row.get('url')}#copy{k}"
                        stamp = str(row.get("date_extracted") or "")
                        if len(stamp) >= 10:
                            shifted = date.fromisoformat(stamp[:10]) + timedelta(days=22 * k)
                            row["date_extracted"] = shifted.isoformat() + stamp[10:]
                    dst.writestr(name, json.dumps(rows, ensure_ascii=False))
            out.append(target)
    return out


def run(shared: Path, days: int | None, stories_only: bool, port: int = 8786) -> dict[str, Any]:
    """Measure the three clusters, then the client's memory at 1× and 4× the corpus."""
    files = sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip"))[:days]
    marsad = [sys.executable, "-m", "marsad", "bulk", "--json", "--quiet"]
    stages = STAGES_OFF if stories_only else []
    out: dict[str, Any] = {"inputs": len(files), "stages": "stories only" if stories_only else "every default stage"}
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in (("local_1_worker", ["--workers", "1"]), ("local_2_workers", ["--workers", "2"])):
            target = Path(tmp) / name
            out[name] = _measure([*marsad, *map(str, files), "--out", str(target), *extra, *stages])
            shutil.rmtree(target)
        with _cluster(port) as pids:
            target = Path(tmp) / "cluster"
            out["scheduler_2_workers"] = _measure([*marsad, *map(str, files), "--out", str(target), "--scheduler",
                                                   f"tcp://127.0.0.1:{port}", *stages], pids)
            shutil.rmtree(target)
        longer = longer_corpus(files, Path(tmp), 4)
        for name, inputs in (("stories_1x", files), ("stories_4x", longer)):
            target = Path(tmp) / name
            out[name] = _measure([*marsad, *map(str, inputs), "--out", str(target), "--workers", "2", *STAGES_OFF])
            shutil.rmtree(target)
    clients = [max(v for k, v in out[n]["peak_mb"].items() if k.startswith("client"))
               for n in ("stories_1x", "stories_4x")]
    out["client_peak_4x_over_1x"] = round(clients[1] / clients[0], 2)
    return out


def main() -> None:
    """Measure and print the figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--days", type=int, default=None, help="only the first N day files (default: all)")
    parser.add_argument("--stories-only", action="store_true", help="the three clusters without the story stages")
    args = parser.parse_args()
    print(json.dumps(run(args.shared, args.days, args.stories_only)))


if __name__ == "__main__":
    main()
