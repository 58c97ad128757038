"""Light stems and content terms: the stemmer every stage compares words with, and the stop words it skips.

Stemming runs on the normalized view (text.normalize): the article and و removed, then common suffixes.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.arabic.normalize import normalize, tokens
from marsad.datafiles import read_text
from marsad.memo import WORDS

# Light stemming in the style of Larkey's Light10, on the normalized view (ة→ه, ى→ي already folded).
# Snowball Arabic was measured and rejected here: it treats a leading ب/ل/ف/ك as a clitic even in
# names (بوتين → وتين) and stems a word differently with and without ال (محادثات/المحادثات).
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
MIN_STEM = 3  # shorter remainders are usually roots already: stop stripping


@lru_cache(maxsize=WORDS)
def stem(token: str) -> str:
    """Return a light stem of one normalized token: the article and و removed, then common suffixes."""
    if len(token) > MIN_STEM and token[0] == "و" and not token.startswith("وال"):
        token = token[1:]
    for prefix in _PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM - 1:
            token = token[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= MIN_STEM:
            token = token[: -len(suffix)]
    return token


def stems(text: str) -> list[str]:
    """Return the stems of the tokens of `text`."""
    return [stem(t) for t in tokens(text)]


# Shortest token kept: one-letter tokens are clitics and initials.
MIN_TOKEN = 2


def _load_stopwords() -> frozenset[str]:
    """Read data/stopwords.txt into a set of normalized words."""
    text = read_text("stopwords.txt")
    words = (line.strip() for line in text.splitlines())
    return frozenset(normalize(w) for w in words if w and not w.startswith("#"))


STOPWORDS = _load_stopwords()


def is_stopword(token: str) -> bool:
    """Return True for a stopword, also when it carries a leading و or ف."""
    if token in STOPWORDS:
        return True
    return len(token) > 2 and token[0] in "وف" and token[1:] in STOPWORDS


@lru_cache(maxsize=WORDS)
def term(token: str) -> str:
    """Return the stem of one normalized token, or "" for a stopword or a too-short token."""
    if len(token) < MIN_TOKEN or is_stopword(token):
        return ""
    return stem(token)


def pronoun_suffixed(word: str) -> bool:
    """Return True for a word as written with an attached pronoun (أصدره، ومقره، إدارته): in no name."""
    bare = word.lstrip("وفبل")
    if bare.startswith("ال") or len(word) <= 3 or word.endswith(("الله", "يه", "اه")):
        return False  # المياه، نزيه، اتجاه: the ه is the word's own
    return word.endswith(("ه", "ها", "هم"))
