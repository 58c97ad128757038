"""The Arabic text core every stage reads through: a normalized matching view, tokens, stems, sentences.

In: any string (an article body, a name, a query). Out: its normalized view (`normalize`, with
offsets back to the original), tokens and their spans, light stems and content terms (`stem`,
`term`, stop words), sentence spans (`split_sentences`) and spelling-folded keys of names (`core`,
`skeleton`). The original text is never changed: every offset points into it.
"""

from marsad.arabic.normalize import (
    ARABIC_LETTER,
    ARABIC_RE,
    TOKEN_RE,
    is_arabic,
    normalize,
    normalize_spans,
    normalize_with_offsets,
    token_bounds_normalized,
    token_spans,
    tokens,
    trim,
    visible,
)
from marsad.arabic.sentences import ABBREVIATIONS, is_bullet, split_sentences
from marsad.arabic.spelling import LONG_VOWELS, consonants, core, skeleton
from marsad.arabic.stem import STOPWORDS, is_stopword, stem, stems, term

__all__ = [
    "ABBREVIATIONS", "ARABIC_LETTER", "ARABIC_RE", "LONG_VOWELS", "STOPWORDS", "TOKEN_RE",
    "consonants", "core", "is_arabic", "is_bullet", "is_stopword", "normalize", "normalize_spans",
    "normalize_with_offsets", "skeleton", "split_sentences", "stem", "stems", "term", "token_bounds_normalized",
    "token_spans", "tokens", "trim", "visible",
]
