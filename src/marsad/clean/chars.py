"""Characters as a reader sees them: Arabic presentation forms unfolded, odd spaces made plain.

Scraped pages carry the same words in several encodings of the glyphs: presentation forms (ﻻ for لا,
from PDFs and old sites) that split words for every later stage, and no-break and other Unicode
spaces. One article then looks like two and search misses its words. The cleaned body is built from
this view, so every span points into text with none of them. Direction marks stay: wire copy writes
"54.<RLM>92" for 92.54, and the value reader needs the mark to read the digits the right way round;
tokens, content keys and display names leave them out.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic Presentation Forms-A and -B (U+FEFF, the byte-order mark, is not one: it is dropped below).
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_BOM = "\ufeff"  # a byte-order mark left inside the text (a file joined to another)


def plain_chars(text: str) -> str:
    """Return `text` with presentation forms in their base letters (NFKC), plain spaces and no byte-order mark."""
    if text.isascii():
        return text
    text = _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _SPACE_RE.sub(" ", text).replace(_BOM, "")
