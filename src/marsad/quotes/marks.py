"""Quote marks: the quoted texts of a paragraph in every style Arabic news uses, marks paired by class.

A mark opens a quote and the next mark of the same class closes it. Pairing by alternation rather
than by direction also handles outlets that swap “ and ” (بـ”الإرادة”). Guillemets are never swapped:
a « inside an open « quote nests, and the outer quote closes at its own ».  An opening mark whose closing
mark is missing at the end of its paragraph quotes to the paragraph's end; a single mark between two
letters is an apostrophe; a mark that can only close, with no quote open, is a stray one.
"""

from __future__ import annotations

import re

from marsad.arabic import trim

MARK_CLASSES = ("«»", "“”„‟", '"', "‘’'")
MARKS = "".join(MARK_CLASSES)
MARK_RE = re.compile("[" + re.escape(MARKS) + "]")
_MARK_CLASS = {ch: i for i, marks in enumerate(MARK_CLASSES) for ch in marks}
_APOSTROPHES = 3  # index of the single-mark class, where a mark may be an apostrophe instead
QUOTING_CLASSES = MARK_CLASSES[:_APOSTROPHES]  # the classes whose marks always quote (no apostrophe among them)
_GUILLEMETS = 0  # index of « »: the one class whose marks are never swapped, so a « inside a « quote nests

# A quoted text: (start, end, closed) in body offsets, the marks left out.
Marked = tuple[int, int, bool]


def _is_apostrophe(text: str, i: int) -> bool:
    """Return True when a single quote mark sits between two letters (an apostrophe, not a quote)."""
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _closes_only(text: str, i: int) -> bool:
    """Return True for a mark that can only close: right after a letter or digit, before a space, a stop or the end.

    With no quote open, it is a stray closing mark (its opening one left unclosed, or missing): opening
    a quote there would pair every later mark the wrong way ('“… عاما”. ورأى أن “…”').
    """
    after = text[i + 1 : i + 2]
    return i > 0 and text[i - 1].isalnum() and (not after or after.isspace() or after in ".,،؛;:!?؟)")


def marked(para: str, offset: int) -> list[Marked]:
    """Return (start, end, closed) of the quoted texts of one paragraph (shifted by `offset`), marks excluded."""
    found: list[Marked] = []
    open_at: dict[int, int] = {}
    depth = 0  # guillemets opened inside an open «: «… مثل «الجنادرية» …»
    for m in MARK_RE.finditer(para):
        i = m.start()
        cls = _MARK_CLASS[para[i]]
        if cls == _APOSTROPHES and _is_apostrophe(para, i):
            continue
        if cls == _GUILLEMETS and cls in open_at and (para[i] == "«" or depth):
            depth += 1 if para[i] == "«" else -1
        elif cls in open_at:
            found.append((open_at.pop(cls) + 1, i, True))
        elif not _closes_only(para, i):
            open_at[cls] = i
    for cls, i in open_at.items():
        if cls != _APOSTROPHES:  # an unclosed ' is an apostrophe far more often than a quote
            found.append((i + 1, len(para), False))
    spans = []
    for start, end, closed in sorted(found):
        s, e = trim(para, start, end, " \t")
        if any(c.isalpha() for c in para[s:e]):
            spans.append((offset + s, offset + e, closed))
    # Keep the outer quote of nested or overlapping ones.
    kept: list[Marked] = []
    for s, e, closed in spans:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, closed))
    return kept
