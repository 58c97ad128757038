"""`make eval`: every quality figure on ../shared data, checked against eval/floors.json, written to docs/quality.md.

Run: python -m eval.run --shared ../shared [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from eval import duplicates, html_page, ner, ner_news, published, quotes_news, semeval, stories, temporal, verify

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).with_name("floors.json")
QUALITY = ROOT / "docs" / "quality.md"
SUITES: dict[str, ModuleType] = {
    "semeval": semeval, "duplicates": duplicates, "html_page": html_page, "ner": ner, "ner_news": ner_news,
    "quotes_news": quotes_news, "temporal": temporal, "published": published, "verify": verify,
    "stories": stories,
}
BEGIN, END = "<!-- eval:begin -->", "<!-- eval:end -->"

Figures = dict[str, float | int | str]


def run_all(shared: Path, log: Callable[[str], None] = print) -> dict[str, Figures]:
    """Run every evaluation suite and return its figures by suite name."""
    results: dict[str, Figures] = {}
    for name, module in SUITES.items():
        t0 = time.perf_counter()
        results[name] = flatten(module.run(shared))
        log(f"{name} ({time.perf_counter() - t0:.1f} s): {json.dumps(results[name], ensure_ascii=False)}")
    return results


def flatten(figures: Mapping[str, Any], prefix: str = "") -> Figures:
    """Flatten nested figure dicts into dotted keys ({"a": {"b": 1}} → {"a.b": 1})."""
    out: Figures = {}
    for key, value in figures.items():
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def check_floors(results: dict[str, Figures]) -> list[str]:
    """Return one line per figure that fell below its floor."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    failures = []
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        suite, figure = key.split(".", 1)
        value = results.get(suite, {}).get(figure)
        if not isinstance(value, (int, float)) or value < floor:
            failures.append(f"{key} = {value} is below its floor {floor}")
    return failures


def render(results: dict[str, Figures], command: str) -> str:
    """Render figures as a generated markdown section, one table per suite."""
    lines = [BEGIN, f"Last run: {dt.date.today().isoformat()}, `{command}`.", ""]
    for suite, figures in results.items():
        lines += [f"### {suite}", "", "| figure | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in figures.items()]
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replace the generated section of a docs file (the hand-written text around it stays)."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"# {path.stem.title()}\n\n{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(head + section + tail, encoding="utf-8")


def main() -> int:
    """Run, write, check; exit 1 when a floor is broken or the data is missing."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/quality.md")
    args = parser.parse_args()
    if not (args.shared / "data").is_dir():
        print(f"eval: {args.shared / 'data'} not found: nothing to evaluate", file=sys.stderr)
        return 1
    results = run_all(args.shared)
    if not args.no_write:
        write_section(QUALITY, render(results, "make eval (python -m eval.run --shared ../shared)"))
        print(f"figures written to {QUALITY.relative_to(ROOT)}")
    failures = check_floors(results)
    for line in failures:
        print(f"eval: FLOOR BROKEN: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
