"""Characters as a reader sees them: Arabic presentation forms unfolded, odd spaces made plain, bidi marks out.

Scraped pages carry the same words in several encodings of the glyphs: presentation forms (ﻻ for لا,
from PDFs and old sites) that split words for every later stage, no-break and other Unicode spaces,
and invisible direction marks. One article then looks like two and search misses its words. The
cleaned body is built from this view, so every span points into text with none of them.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic Presentation Forms-A and -B (U+FEFF, the byte-order mark, is not one: it is dropped below).
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Direction marks and embeddings (LRM, RLM, ALM, LRE...PDF, LRI...PDI) and a stray byte-order mark.
_INVISIBLE_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")


def plain_chars(text: str) -> str:
    """Return `text` with presentation forms in their base letters (NFKC), plain spaces and no direction marks."""
    if text.isascii():
        return text
    text = _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _INVISIBLE_RE.sub("", _SPACE_RE.sub(" ", text))
