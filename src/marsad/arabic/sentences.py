"""Sentence spans: a paragraph split at sentence ends, respecting quotations, decimals, abbreviations and bullets."""

from __future__ import annotations

import re

from marsad.arabic.normalize import trim

# Sentence-final marks; a full stop only counts when not between digits and not after an abbreviation.
_END_MARKS = ".!?؟…"
_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}
# Abbreviations written with a full stop in Arabic news (titles, units); the stop after them is no end.
ABBREVIATIONS = frozenset(
    {"د", "أ", "م", "ص", "ب", "ج", "ق", "هـ", "ه", "ت", "س", "ش", "ك", "كم", "مم", "ق.م", "إلخ", "الخ",
     "Dr", "Mr", "Mrs", "Ms", "St", "Jr", "U.S", "U.N", "e.g", "i.e", "No", "vs"}
)
_BULLET_RE = re.compile(r"^\s*(?:[-–—•●▪◦*]|\d+[.)-])\s+")
_WORD_BEFORE_RE = re.compile(r"([^\s.]+(?:\.[^\s.]+)*)$")
_ABBREVIATION_WINDOW = max(map(len, ABBREVIATIONS)) + 2
_QUOTE_MARKS = "".join(_OPEN_QUOTES) + "".join(_OPEN_QUOTES.values())
_SENTENCE_MARK_RE = re.compile("[" + re.escape(_END_MARKS + _QUOTE_MARKS) + "]")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split text into (start, end) sentence offsets (shifted by `offset`), minding quotes, decimals, abbreviations.

    Each line that starts with a bullet is its own sentence; a full stop inside an open quotation
    does not end the sentence, unless the quotation is still open at the end of its line.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        for s, e in _split_line(line):
            spans.append((offset + line_start + s, offset + line_start + e))
    return spans


def _split_line(line: str, quotes: bool = True) -> list[tuple[int, int]]:
    """Split one line into (start, end) pairs of trimmed sentences."""
    pieces: list[tuple[int, int]] = []
    start = skip_to = 0
    stack: list[str] = []
    n = len(line)
    # Only marks and quotes change the state, so jump from one to the next instead of visiting every character.
    for m in _SENTENCE_MARK_RE.finditer(line):
        i = m.start()
        if i < skip_to:
            continue
        ch = line[i]
        if stack and ch == stack[-1]:
            stack.pop()
        elif quotes and ch in _OPEN_QUOTES:
            stack.append(_OPEN_QUOTES[ch])
        elif ch in _END_MARKS and not stack and _is_sentence_end(line, i):
            j = i + 1
            while j < n and (line[j] in _END_MARKS or line[j] in "»”\"')]"):
                j += 1
            pieces.append((start, j))
            start = skip_to = j
    if stack:
        return _split_line(line, quotes=False)  # a quotation never closed: its marks prove nothing
    pieces.append((start, n))
    trimmed = (trim(line, s, e) for s, e in pieces)
    return [(s, e) for s, e in trimmed if s < e and any(c.isalnum() for c in line[s:e])]


def _is_sentence_end(line: str, i: int) -> bool:
    """Decide whether the mark at `line[i]` ends a sentence."""
    if line[i] != ".":
        return i + 1 >= len(line) or not line[i + 1].isalnum()
    prev = line[i - 1] if i > 0 else ""
    nxt = line[i + 1] if i + 1 < len(line) else ""
    if prev.isdigit() and nxt.isdigit():
        return False  # decimal or date 3.5 / 27.02.2025
    if nxt and not nxt.isspace() and nxt not in "\"'»”)]":
        return False  # inside a token: URL, domain, initials such as U.S
    # Only the last few characters: a token cut by the window is longer than any abbreviation.
    m = _WORD_BEFORE_RE.search(line, max(0, i - _ABBREVIATION_WINDOW), i)
    return not (m and m.group(1) in ABBREVIATIONS)


def is_bullet(line: str) -> bool:
    """Return True when the line starts with a list bullet."""
    return bool(_BULLET_RE.match(line))


