"""Fuzzing marsad end to end: seeded mutations of small valid inputs of every kind, read in batches.

Each input is one of SEED_KINDS (text, HTML, RSS, Atom, JSON, JSONL, zip, gzip, WARC, gzipped WARC),
built here from invented sentences, then damaged by one to three MUTATIONS chosen by a seeded
random generator, so a failure can be replayed from its seed. A batch is the mutated files plus one
untouched control file. What must hold for every batch (`problems`):
- the run ends (no hang past the timeout) with exit status 0 or 3 (3: some inputs failed) and no traceback;
- every error names one of the batch's files (the file, or a record inside it);
- every file gives an article or an error (nothing is dropped silently), and the report holds every
  article the files give;
- the control file's article is in the report.
tests/test_fuzz.py runs a few hundred in-process in CI; `make fuzz` runs 2,000 through the command line,
one process per batch, and reports the largest process's peak memory.
Run: python -m tests.fuzzing --inputs 2000 [--seed N] [--batch 50]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad import ingest
from marsad.types import RawDocument
from tests.ingest.helpers import zip_bytes

SENTENCES = (
    "أعلنت وزارة النقل اليوم الأحد افتتاح الطريق الجديد بين المدينتين بطول 120 كيلومترا.",
    "وقال الوزير في مؤتمر صحفي إن المشروع سيخدم أكثر من مليون مسافر كل عام.",
    "وأضاف أن العمل في المرحلة الثانية يبدأ في 15 مارس 2025 ويستمر عامين.",
    "وكانت الحكومة قد أقرت ميزانية المشروع في اجتماعها الأسبوع الماضي.",
)
CONTROL = ("وصل فريق الإنقاذ إلى القرية الجبلية صباح الاثنين بعد انقطاع الطريق بسبب السيول.\n"
           "وقال قائد الفريق إن جميع السكان بخير وإن المساعدات ستصل خلال يومين.\n")
TIMEOUT_S = 30  # a batch that has not ended by then counts as a hang


def _text(k: int) -> str:
    """Return the k-th invented article: the sentences in a rotated order."""
    return "\n".join(SENTENCES[k % 4:] + SENTENCES[: k % 4]) + "\n"


def _html(k: int) -> str:
    """Return a small page around the k-th article, with furniture."""
    paragraphs = "".join(f"<p>{line}</p>" for line in _text(k).splitlines())
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>خبر {k}</title>"
            f"<meta property='article:published_time' content='2025-03-0{k % 9 + 1}'></head><body>"
            f"<nav><a href='/'>الرئيسية</a></nav><article><h1>خبر {k}</h1>{paragraphs}</article>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>")


def _rss(k: int) -> str:
    """Return an RSS feed of two items."""
    items = "".join(f"<item><title>خبر {k}-{i}</title><link>https://news.example/{k}/{i}</link>"
                    f"<pubDate>Tue, 04 Mar 2025 09:00:00 +0300</pubDate>"
                    f"<content:encoded><![CDATA[{_html(k + i)}]]></content:encoded></item>" for i in range(2))
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>نشرة</title>"
            f"{items}</channel></rss>")


def _atom(k: int) -> str:
    """Return an Atom feed of one entry."""
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>موقع</title>"
            f"<entry><title>خبر {k}</title><link href='https://valley.example/{k}'/>"
            f"<updated>2025-03-05T10:00:00Z</updated><content type='text'>{_text(k)}</content></entry></feed>")


def _records(k: int) -> list[dict[str, str]]:
    """Return two JSON records in SaudiNewsNet's field names."""
    return [{"source": "alwadi", "url": f"https://alwadi.example/{k}/{i}", "date_extracted": "2015-07-21 02:51:32",
             "title": f"عنوان {k}", "content": _text(k + i)} for i in range(2)]


def _warc(k: int, compress: bool) -> bytes:
    """Return a WARC with two HTML responses."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for i in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{k:06d}{i:06d}>",
                 "WARC-Date": "2025-03-04T09:00:00Z"}  # replayable: no random id, no clock
        writer.write_record(writer.create_warc_record(
            f"https://news.example/w{k}/{i}", "response", payload=io.BytesIO(_html(k + i).encode()),
            http_headers=headers, warc_headers_dict=fixed))
    return buffer.getvalue()


SEED_KINDS: dict[str, Callable[[int], bytes]] = {
    "txt": lambda k: _text(k).encode(),
    "html": lambda k: _html(k).encode(),
    "rss": lambda k: _rss(k).encode(),
    "atom": lambda k: _atom(k).encode(),
    "json": lambda k: json.dumps(_records(k), ensure_ascii=False).encode(),
    "jsonl": lambda k: "\n".join(json.dumps(r, ensure_ascii=False) for r in _records(k)).encode(),
    "zip": lambda k: zip_bytes({f"a{k}.txt": _text(k).encode(), f"b{k}.html": _html(k + 1).encode()}),
    "txt.gz": lambda k: gzip.compress(_text(k).encode()),
    "warc": lambda k: _warc(k, False),
    "warc.gz": lambda k: _warc(k, True),
}


def _span(data: bytes, rng: random.Random) -> tuple[int, int]:
    """Return a random [start, end) of up to 64 bytes inside data."""
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randint(1, 64))


def _flip(data: bytes, rng: random.Random) -> bytes:
    """Invert a few random bytes."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def _cut(data: bytes, rng: random.Random) -> bytes:
    """Truncate at a random point."""
    return data[: rng.randrange(len(data) + 1)]


def _hole(data: bytes, rng: random.Random) -> bytes:
    """Remove a random range from the middle."""
    start, end = _span(data, rng)
    return data[:start] + data[end:]


def _insert(data: bytes, rng: random.Random) -> bytes:
    """Insert hostile bytes: controls, terminal escapes, NUL, bidi marks, invalid UTF-8, markup or JSON junk."""
    junk = rng.choice([b"\x00", b"\x0c\x01\x1b", b"\x1b]0;title\x07", b"\x1b[31m", "\u202e\u200f".encode(),
                       b"\xff\xfe\xc3", b"<![CDATA[", b"]]>", b"<!--", b"&#0;", b"&unknown;", b"{\"a\":", b"[[[[[[",
                       "ﻻ\u00a0ﻗﺎﻝ".encode(), b"\r\r\n", b'"published": "0001-01-01T00:00:00Z", '])
    at = rng.randrange(len(data) + 1)
    return data[:at] + junk + data[at:]


def _repeat(data: bytes, rng: random.Random) -> bytes:
    """Repeat a random chunk many times (a long token, a long line, deep nesting)."""
    start, end = _span(data, rng)
    return data[:end] + data[start:end] * rng.choice([10, 1_000, 20_000]) + data[end:]


def _splice(data: bytes, rng: random.Random) -> bytes:
    """Join the start of this input to the end of another kind's."""
    other = SEED_KINDS[rng.choice(list(SEED_KINDS))](rng.randrange(50))
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    """Re-encode text as windows-1256, UTF-16 or Latin-1 where it can be (binary inputs are flipped instead)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _flip(data, rng)
    return text.encode(rng.choice(["cp1256", "utf-16", "latin-1"]), errors="replace")


def _dates(data: bytes, rng: random.Random) -> bytes:
    """Replace the dates with out-of-range ones."""
    bad = rng.choice([b"0001", b"9999", b"0000", b"-7"])
    return data.replace(b"2025", bad).replace(b"2015", bad)


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip, _cut, _hole, _insert, _repeat, _splice, _reencode, _dates)


def mutated(count: int, seed: int) -> list[tuple[str, bytes]]:
    """Return `count` (file name, bytes) inputs: seed files of every kind, each damaged by 1-3 mutations."""
    rng = random.Random(seed)
    kinds = list(SEED_KINDS)
    out = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        data = SEED_KINDS[kind](n)
        for _ in range(rng.randint(1, 3)):
            data = rng.choice(MUTATIONS)(data, rng)
        out.append((f"f{n:05d}.{kind}", data))
    return out


def write_batch(folder: Path, inputs: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write a batch's inputs and the control file into `folder`; return the input paths (control last)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in inputs:
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    (folder / "control.txt").write_text(CONTROL, encoding="utf-8")
    return [*paths, folder / "control.txt"]


def problems(paths: Sequence[Path], report: dict[str, Any]) -> list[str]:
    """Return what a batch's report breaks of the fuzzing rules (module docstring); empty when all hold.

    Each file is also read here, alone: one that gives neither an article nor an error was dropped
    silently, and the report must hold every article the files give.
    """
    names = [str(p) for p in paths]
    origins = [str(a.get("origin", "")) for a in report.get("articles", [])]
    out = [f"error names no input: {e['input']}: {e['message']}" for e in report.get("errors", [])
           if not any(str(e["input"]).startswith(name) for name in names)]
    articles = 0
    for path in paths:
        items = list(ingest.read_file(path))
        if not items:
            out.append(f"dropped silently: {path}")
        articles += sum(isinstance(item, RawDocument) for item in items)
    if len(origins) != articles:
        out.append(f"the files give {articles} articles, the report holds {len(origins)}")
    if names[-1] not in origins:
        out.append("the control file's article is missing")
    return out


def run_batch(paths: Sequence[Path], report: Path) -> tuple[list[str], float]:
    """Run `marsad analyze` on a batch in its own process; return its problems and its wall time."""
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "marsad", "analyze", *map(str, paths), "-o", str(report),
                               "--quiet", "--workers", "1"], capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return [f"hang: no end after {TIMEOUT_S} s"], time.perf_counter() - start
    wall = time.perf_counter() - start
    found = []
    stderr = done.stderr.decode("utf-8", "replace")
    if "Traceback" in stderr:
        found.append("traceback: " + stderr.strip().splitlines()[-1])
    if done.returncode not in (0, 3):
        found.append(f"exit status {done.returncode}: {stderr.strip()[-300:]}")
    if report.exists():
        found += problems(paths, json.loads(report.read_text(encoding="utf-8")))
    else:
        found.append("no report written")
    return found, wall


def main(argv: Sequence[str] | None = None) -> int:
    """Fuzz the command line with --inputs mutated files in batches; print the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m tests.fuzzing")
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args(argv)
    logging.getLogger("marsad").setLevel(logging.ERROR)  # the checks re-read the files: their warnings are noise
    inputs = mutated(args.inputs, args.seed)
    found: list[str] = []
    slowest = 0.0
    with tempfile.TemporaryDirectory(prefix="marsad-fuzz-") as tmp:
        for b in range(0, len(inputs), args.batch):
            folder = Path(tmp) / f"batch{b // args.batch:03d}"
            paths = write_batch(folder, inputs[b : b + args.batch])
            batch_problems, wall = run_batch(paths, folder / "report.json")
            slowest = max(slowest, wall)
            found += [f"batch {b // args.batch} (seed {args.seed}): {p}" for p in batch_problems]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {"inputs": len(inputs), "batches": -(-len(inputs) // args.batch), "seed": args.seed,
               "problems": len(found), "slowest_batch_s": round(slowest, 1),
               "largest_process_peak_mb": round(peak_mb, 1), "first_problems": found[:20]}
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 1 if found or peak_mb > 1024 else 0


if __name__ == "__main__":
    sys.exit(main())
