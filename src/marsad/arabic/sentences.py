"""Sentence spans: a paragraph split at sentence ends, respecting quotations, decimals, abbreviations and bullets."""

from __future__ import annotations

import re

from marsad.arabic.normalize import trim

# Sentence-final marks; a full stop only counts when not between digits and not after an abbreviation.
_END_MARKS = ".!?؟…"
_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}
# Abbreviations written with a full stop in Arabic news (titles, units); the stop after them is no end.
ABBREVIATIONS = frozenset(
    {"د", "أ", "م", "ص", "ب", "ج", "ق", "هـ", "ه", "ت", "س", "ش", "ك", "كم", "مم", "ق.م", "أ.د", "ا.د", "إلخ", "الخ",
     "Dr", "Mr", "Mrs", "Ms", "St", "Jr", "U.S", "U.N", "e.g", "i.e", "No", "vs"}
)
_BULLET_RE = re.compile(r"^\s*(?:[-–—•●▪◦*]|\d+[.)-])\s+")
_WORD_BEFORE_RE = re.compile(r"([^\s.]+(?:\.[^\s.]+)*)$")
_ABBREVIATION_WINDOW = max(map(len, ABBREVIATIONS)) + 2
_QUOTE_MARKS = "".join(_OPEN_QUOTES) + "".join(_OPEN_QUOTES.values())
_SENTENCE_MARK_RE = re.compile("[" + re.escape(_END_MARKS + _QUOTE_MARKS) + "]")
# A full stop between Arabic letters (or after a closing quote) with no space, "المقبلة".والتقى: scraped text
# lost the space; Arabic has no dotted tokens there but abbreviations (د.محمد), which are checked after.
_LETTERS = "[\u0621-\u064a]"
_ARABIC_LETTER_RE = re.compile(_LETTERS)
# The word before such a full stop, with any dotted parts before it (an acronym's), and the word after it.
_GLUED_WORD_RE = re.compile(f"(?:{_LETTERS}+\\.)*({_LETTERS}+)[\"'»”)]?$")
_GLUED_NEXT_RE = re.compile(f"({_LETTERS}+)")
_GLUED_WINDOW = 40


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
    glued = _ARABIC_LETTER_RE.match(nxt) and (_ARABIC_LETTER_RE.match(prev) or prev in "\"'»”)") \
        and _glued_words(line, i)
    if nxt and not nxt.isspace() and nxt not in "\"'»”)]" and not glued:
        return False  # inside a token: URL, domain, initials such as U.S (an Arabic word glued on is a new sentence)
    # Only the last few characters: a token cut by the window is longer than any abbreviation.
    m = _WORD_BEFORE_RE.search(line, max(0, i - _ABBREVIATION_WINDOW), i)
    return not (m and m.group(1) in ABBREVIATIONS)


def _glued_words(line: str, i: int) -> bool:
    """Return True when the full stop at `line[i]` joins two words of four letters or more, not an acronym's parts.

    "الاجتماع.وبدأ" lost its space; "ان.اتش.كيه" and "أيه.إم.دي" spell a Latin acronym in Arabic letters.
    """
    before = _GLUED_WORD_RE.search(line, max(0, i - _GLUED_WINDOW), i)
    after = _GLUED_NEXT_RE.match(line, i + 1)
    if after is None or len(after.group(1)) < 4 or line[after.end() : after.end() + 1] == ".":
        return False
    return before is None or (len(before.group(1)) >= 4 and "." not in before.group(0))


def is_bullet(line: str) -> bool:
    """Return True when the line starts with a list bullet."""
    return bool(_BULLET_RE.match(line))


