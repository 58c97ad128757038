"""The layout of a scraped text: its lines, the head zone above the body, the title line, the tail below it.

The head zone is the run of lines before the first body paragraph (a line too long for a headline,
or one ending like a sentence with at least BODY_MIN_WORDS words); the title is chosen there (see
`title_index`). The tail is what follows the last body paragraph, where credit lines may name
sources that are not known agencies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from marsad.arabic import is_bullet
from marsad.clean.rules import (
    BYLINE_MAX_WORDS,
    CLAUSE_END_RE,
    SENTENCE_END_RE,
    Rules,
    classify,
    line_key,
)

# Length limits, in words. Calibrated on the five seeds (furniture lines there have at most 12
# words, headings 2-7, captions 3-14) and checked on all 31,030 SaudiNewsNet contents by reading the
# removed lines grouped by reason (plus 30 whole articles by eye): no body sentence was removed.
TITLE_MAX_WORDS = 15  # 99th percentile of the 31,030 SaudiNewsNet titles (95th: 12, median: 8)
# A title has at least 4 words: SaudiNewsNet titles have 4+ words in 97% of cases, while site names
# and menu leftovers of the seed and sample head zones have 1-3 words.
TITLE_MIN_WORDS = 4
# The first body paragraph ends the head zone: a punctuated line of 6+ words (the seeds' shortest
# first paragraph has 14 words; their headlines, bylines and captions in the head zone end unpunctuated).
BODY_MIN_WORDS = 6
# Scraped head zones of the seeds and sample hold at most 10 lines (a menu of section names); 30 bounds
# the search on texts without punctuation, where no line ends the zone.
HEAD_MAX_LINES = 30
# A lede directly under the title, ending like a sentence, at most LEDE_MAX_WORDS long and set apart
# by at least LEDE_MIN_GAP blank lines (more than the body paragraphs after it), is the outlet's summary.
# Calibrated on the seed with such a lede (33 words, 4 blank lines, body lines 0 apart) and checked on
# SaudiNewsNet contents without titles, where no body paragraph was taken.
LEDE_MIN_GAP = 2
LEDE_MAX_WORDS = 50
_BYLINE_RE = re.compile(r"\S\s*[-–—ـ]\s+\S|\S\s+[-–—ـ]\s*\S|^[^:]+:\s*[«\"]")


@dataclass(frozen=True)
class Line:
    """One non-empty scraped line, stripped, with the number of blank lines after it."""

    text: str
    gap_after: int


def split_lines(text: str) -> list[Line]:
    """Split scraped text into stripped non-empty lines, each with the blank-line gap after it."""
    out: list[Line] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            out.append(Line(line, 0))
        elif out:
            out[-1] = Line(out[-1].text, out[-1].gap_after + 1)
    return out


def word_count(line: str) -> int:
    """Return the number of space-separated words of a stripped line."""
    return line.count(" ") + 1


def is_headline(line: str, max_words: int) -> bool:
    """Return True for a short line that does not end like a sentence or clause (a title or heading)."""
    return line.count(" ") + 1 <= max_words and not CLAUSE_END_RE.search(line) and not is_bullet(line)


def is_body_like(line: str, questions: bool = False) -> bool:
    """Return True for a line that reads as a body paragraph: too long for a headline, or a punctuated sentence.

    A question mark ends a body paragraph only with `questions`: in the head zone it ends headlines too.
    """
    n = word_count(line)
    end = SENTENCE_END_RE if questions else CLAUSE_END_RE
    return n > TITLE_MAX_WORDS or (n >= BODY_MIN_WORDS and bool(end.search(line)))


def is_byline(line: str) -> bool:
    """Return True for a short "name – place" or "place: outlet" line (a byline or dateline)."""
    return line.count(" ") + 1 <= BYLINE_MAX_WORDS and bool(_BYLINE_RE.search(line)) \
        and not SENTENCE_END_RE.search(line)


@dataclass(frozen=True)
class Layout:
    """Where the head zone ends, where the tail begins, the title line and the head lines' classes."""

    head_end: int  # index of the first body paragraph (or of the line ending the capped head zone)
    tail_start: int  # first index after the last body paragraph
    title: int | None
    strip_above_title: bool  # page chrome (menus, share lines, a date) was met above the title
    found: Mapping[int, tuple[str, list[str]] | None]  # classification of the head-zone lines


def find_layout(lines: list[Line], rules: Rules, title_key: str | None) -> Layout:
    """Classify the head zone, find the tail below the last body paragraph and pick the title line."""
    found: dict[int, tuple[str, list[str]] | None] = {}
    head_end = min(len(lines), HEAD_MAX_LINES)
    for i in range(head_end):
        found[i] = classify(lines[i].text, rules)
        if found[i] is None and is_body_like(lines[i].text):
            head_end = i
            break
    tail_start = 0
    for i in range(len(lines) - 1, -1, -1):
        if not is_body_like(lines[i].text, questions=True):
            continue
        if (found[i] if i in found else classify(lines[i].text, rules)) is None:
            tail_start = i + 1
            break
    if title_key is not None:
        title = next((i for i in range(min(head_end + 1, len(lines))) if line_key(lines[i].text) == title_key), None)
    else:
        title = title_index(lines, found, head_end)
    # A lone symbol or caption is no page chrome: SaudiNewsNet essays put "*" above their first heading.
    chrome = title is not None and any(
        (f := found[i]) is not None and f[0] not in ("symbol", "caption") for i in range(min(title, head_end)))
    return Layout(head_end, tail_start, title, chrome, {i: f for i, f in found.items() if i < tail_start})


def title_index(lines: list[Line], found: Mapping[int, tuple[str, list[str]] | None], head_end: int) -> int | None:
    """Pick the headline among the head-zone lines: one set above a date line or byline, else the first long one.

    Candidates are unpunctuated non-furniture lines of TITLE_MIN_WORDS to TITLE_MAX_WORDS words that are
    no repeated caption, byline, editor name or related headline; a shorter line qualifies only right
    above the first paragraph, a date line or a byline.
    """
    candidates: list[int] = []
    marked: list[int] = []  # candidates set right above a date line or byline
    after_marker = False
    for i in range(head_end):
        line, cls = lines[i].text, found[i]
        if cls is not None:
            after_marker = cls[0] in ("related", "masthead")
            continue
        follows_marker, after_marker = after_marker, False
        if follows_marker or not is_headline(line, TITLE_MAX_WORDS) or is_byline(line) or i + 1 >= len(lines) \
                or line in (lines[i - 1].text if i else None, lines[i + 1].text):
            continue
        nxt = found.get(i + 1)
        above_meta = (nxt is not None and nxt[0] in ("date", "byline")) or is_byline(lines[i + 1].text)
        if word_count(line) >= TITLE_MIN_WORDS or above_meta or i + 1 == head_end:
            candidates.append(i)
            if above_meta:
                marked.append(i)
    if marked:
        return marked[0]
    # Not the longest: in texts without punctuation the head zone runs into the body, whose lines are
    # often longer than the headline above them (SaudiNewsNet poems and lists).
    first_long = next((i for i in candidates if word_count(lines[i].text) >= TITLE_MIN_WORDS), None)
    if first_long is not None:
        return first_long
    return candidates[-1] if candidates else None


def is_lede_summary(lines: list[Line], idx: int) -> bool:
    """Return True when the line right after the title is set apart from the body by a wider blank gap."""
    item = lines[idx]
    following = lines[idx + 1 : idx + 4]
    if item.gap_after < LEDE_MIN_GAP or len(following) < 2 or item.text.count(" ") + 1 > LEDE_MAX_WORDS:
        return False
    if not SENTENCE_END_RE.search(item.text):
        return False
    return all(f.gap_after < item.gap_after for f in following[:-1])
