"""Boilerplate removal on trafilatura's Arabic evaluation page: gold snippets kept / dropped.

Run: python -m eval.html_page --shared ../shared
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import trafilatura

from marsad import ingest
from marsad.clean import clean
from marsad.types import RawDocument


def run(shared: Path) -> dict[str, float | int | str]:
    """Score marsad (and bare trafilatura as the peer) on the page's `with`/`without` snippets."""
    folder = shared / "data" / "trafilatura-eval-arabic"
    entry = next(iter(json.loads((folder / "evaldata_entry.json").read_text(encoding="utf-8")).values()))
    page = folder / entry["file"]
    docs = [d for d in ingest.read_file(page) if isinstance(d, RawDocument)]
    body = clean(docs[0]).body if docs else ""
    peer = trafilatura.extract(page.read_text(encoding="utf-8")) or ""
    out: dict[str, float | int | str] = {}
    for name, text in (("marsad", body), ("trafilatura", peer)):
        kept = sum(1 for s in entry["with"] if s in text)
        dropped = sum(1 for s in entry["without"] if s not in text)
        out[f"{name}_with_kept"] = kept
        out[f"{name}_without_removed"] = dropped
        out[f"{name}_snippet_accuracy"] = round((kept + dropped) / (len(entry["with"]) + len(entry["without"])), 4)
    out["with_total"] = len(entry["with"])
    out["without_total"] = len(entry["without"])
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    print(json.dumps(run(parser.parse_args().shared), indent=1))
