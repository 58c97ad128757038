"""Arabic full-text search over the stored articles: FTS5 on normalized words and stems, snippets of the original.

Queries and indexed text go through the same normalization (arabic.normalize), so اسطنبول finds
إسطنبول; every query word must match its word or its stem; the title weighs more than the body.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from marsad import arabic
from marsad.types import Span

# Query words beyond this are ignored: a pasted paragraph should not build a huge FTS5 expression.
MAX_QUERY_TOKENS = 32
# bm25 weights for the title, words and stems columns: exact words outrank stem-only matches and a
# title hit outranks a body hit. Chosen, not tuned; tests/store check the exact-over-stem order.
_BM25 = "bm25(articles_fts, 3.0, 2.0, 1.0)"
# Snippet window in characters before/after the first match: about one short sentence of context
# either side in the invented and seed articles; a display choice, not a measured threshold.
SNIPPET_BEFORE = 60
SNIPPET_AFTER = 140
# The kinds of run a token is (arabic.TOKEN_RE's alternatives: Arabic letters, Latin letters, digits).
_RUNS = tuple(re.compile(run) for run in arabic.TOKEN_RE.pattern.split("|"))


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result; `snippet` is original body text with matched words in [ ].

    `match` is the span of the first matched word in the article's body (None when only the title matched).
    """

    article_id: str
    story_id: str | None
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float
    match: Span | None = None


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Return the articles matching every word of `query` (spelling-folded, or by stem), best first."""
    words = list(dict.fromkeys(arabic.tokens(query)))[:MAX_QUERY_TOKENS]
    if not words or limit <= 0:
        return []
    stems = {arabic.stem(w) for w in words}
    rows = conn.execute(
        "SELECT a.id, m.story_id, a.title, a.outlet, a.published, a.body, hit.score FROM "
        f"(SELECT rowid AS rid, {_BM25} AS score FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY score LIMIT ?) hit "
        "JOIN articles a ON a.rid = hit.rid LEFT JOIN memberships m ON m.article_id = a.id ORDER BY hit.score",
        (fts_query(words), limit),
    ).fetchall()
    hits = []
    for aid, sid, title, outlet, published, body, score in rows:
        text, match = snippet(body, set(words), stems)
        hits.append(SearchHit(aid, sid, title, outlet, published, text, -float(score),
                              Span(aid, *match, "match") if match else None))
    return hits


def fts_query(words: Sequence[str]) -> str:
    """Build a safe FTS5 expression: each normalized word (quoted) matches its word or its stem; all must match."""
    # Tokens come from arabic.TOKEN_RE (letters, digits, '.' and ','), so they never contain a quote.
    return " AND ".join(f'({{title words}} : "{w}" OR stems : "{arabic.stem(w)}")' for w in words)


def snippet(body: str, words: set[str], stems: set[str]) -> tuple[str, tuple[int, int] | None]:
    """Return original text around the first body word matching `words` or `stems` (marked [ ]) and its span."""
    norm = arabic.normalize(body)
    first = _first_match(norm, words, stems)
    if first is None:
        end = _snap_right(body, SNIPPET_BEFORE + SNIPPET_AFTER)
        return _ellipsis(body, 0, end, body[:end]), None
    at = _original_index(body, first)
    # Snapping never crosses the match itself (a long unbroken run such as a URL next to it).
    start = min(_snap_left(body, at - SNIPPET_BEFORE), at)
    end = _snap_right(body, at + SNIPPET_AFTER)
    if end <= at:
        end = min(len(body), at + SNIPPET_AFTER)
    # Only the window is mapped back to original spans: arabic.token_spans over a whole long body
    # cost ~1.5 ms per hit on SaudiNewsNet, most of a 20-hit search.
    out: list[str] = []
    marked: list[tuple[int, int]] = []
    pos = start
    window = body[start:end]
    for s, e in arabic.token_spans(window):
        if _matches(arabic.normalize(window[s:e]), words, stems):
            marked.append((start + s, start + e))
            out += [body[pos : start + s], "[", window[s:e], "]"]
            pos = start + e
    out.append(body[pos:end])
    return _ellipsis(body, start, end, "".join(out)), (marked[0] if marked else None)


def _first_match(norm: str, words: set[str], stems: set[str]) -> int | None:
    """Return where the first token of a normalized body that matches a query word or stem starts, or None."""
    # A light stem only strips affixes (arabic.stem), so a matching token contains a query word or stem:
    # only the tokens around such a substring are read, not every token before the first match.
    needles = re.compile("|".join(map(re.escape, sorted(words | stems, key=len, reverse=True))))
    at = 0
    while (hit := needles.search(norm, at)) is not None:
        start, kind = hit.start(), _kind(norm[hit.start()])
        while start > 0 and _kind(norm[start - 1]) == kind:  # back to the start of the token (one run of a kind)
            start -= 1
        token = arabic.TOKEN_RE.match(norm, start)
        if token is not None and _matches(token.group(), words, stems):
            return start
        at = token.end() if token is not None and token.end() > hit.start() else hit.end()
    return None


def _kind(char: str) -> int:
    """Return which of arabic.TOKEN_RE's kinds of run a character continues (1, 2, ...), or 0 for none."""
    return next((k for k, run in enumerate(_RUNS, 1) if run.match(char)), 0)


def _original_index(text: str, norm_index: int) -> int:
    """Return the index in `text` of the character at `norm_index` in arabic.normalize(text)."""
    # Normalization keeps or drops each character, so the original index is norm_index plus the
    # number of dropped characters before it; grow the prefix until its normalized length reaches it.
    i = norm_index
    while i < len(text) and (short := norm_index - len(arabic.normalize(text[:i]))) > 0:
        i += short
    while i < len(text) and not arabic.normalize(text[i]):  # a dropped mark before the character
        i += 1
    return i


def _matches(token: str, words: set[str], stems: set[str]) -> bool:
    """Return True when a normalized body token is a query word or shares a query word's stem."""
    return token in words or arabic.stem(token) in stems


def _ellipsis(body: str, start: int, end: int, text: str) -> str:
    """Collapse line breaks and mark cut ends of a snippet with '…'."""
    text = " ".join(text.split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")


def _snap_left(body: str, i: int) -> int:
    """Move a start index right to the beginning of a word (0 when before the text)."""
    if i <= 0:
        return 0
    while i < len(body) and not body[i - 1].isspace():
        i += 1
    return i


def _snap_right(body: str, i: int) -> int:
    """Move an end index left to the end of a word (the text length when past it)."""
    if i >= len(body):
        return len(body)
    while i > 0 and not body[i].isspace():
        i -= 1
    return i


